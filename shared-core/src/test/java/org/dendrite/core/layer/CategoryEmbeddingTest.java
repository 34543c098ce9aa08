package org.dendrite.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.Table;
import org.dendrite.core.io.ModelIO;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.Trainer;
import org.dendrite.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** Category embeddings: the blocks a table's nominal columns give, a lookup by hand, training, and the model file. */
class CategoryEmbeddingTest {
    /** x (numeric), city (12 values), flag (2 values), y (numeric, with missing values: an indicator follows it). */
    static final List<Column> COLS = List.of(Column.numeric("x"), Column.nominal("city", names(12)), Column.nominal("flag", names(2)),
            Column.numeric("y"));

    static List<String> names(int k) {
        return java.util.stream.IntStream.range(0, k).mapToObj(i -> "v" + i).toList();
    }

    static Table table(int n) {
        SplittableRandom r = new SplittableRandom(4);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) rows[i] = new double[] {r.nextGaussian(), r.nextInt(12), r.nextInt(2), i % 9 == 0 ? Double.NaN : r.nextGaussian()};
        return new Table(COLS, rows);
    }

    @Test
    void thePreprocessorsBlocksAndTheChosenOnes() {
        Preprocessor p = Preprocessor.fit(table(50), PreprocessingConfig.DEFAULT);
        // x at 0, city 1-12, flag 13-14, y 15 and its missing indicator 16 (when indicators are on)
        assertEquals(List.of(List.of(1, 12), List.of(13, 2)), p.nominalBlocks());
        assertEquals(List.of(List.of(1, 12)), CategoryEmbeddingSpec.DEFAULT.resolve(p.nominalBlocks()).blocks());
        assertEquals(List.of(), new CategoryEmbeddingSpec(13, 4, null).resolve(p.nominalBlocks()).blocks());
    }

    @Test
    void aOneHotRowBecomesItsCategorysRowAndTheRestPassesThrough() {
        CategoryEmbeddingSpec s = new CategoryEmbeddingSpec(3, 2, List.of(List.of(1, 3)));
        Layer l = s.build(5, new SplittableRandom(2), 0).get(0);
        assertEquals(5 - 3 + 2, l.outputWidth());
        assertEquals(s.outputWidth(5), l.outputWidth());
        assertEquals(s.stateSize(5), l.parameters().get(0).size());
        float[] e = l.parameters().get(0).value();
        Matrix x = new Matrix(2, 5, new float[] {0.5f, 0, 1, 0, -2f, 7f, 1, 0, 0, 3f});
        float[] y = l.forward(x, false, null).data();
        // row 0: x0, E[1], x4; row 1: x0, E[0], x4
        assertArrayEquals(new float[] {0.5f, e[2], e[3], -2f, 7f, e[0], e[1], 3f}, java.util.Arrays.copyOf(y, 8));
    }

    @Test
    void itMustComeFirstAndKnowItsBlocksBeforeItIsBuilt() {
        var late = assertThrows(InvalidSettingException.class, () -> new NetworkSpec(List.of(new DenseSpec(4,
                new org.dendrite.core.activation.Relu()), CategoryEmbeddingSpec.DEFAULT)));
        assertTrue(late.getMessage().contains("must be the first layer; it is layer 2"), late.getMessage());
        assertThrows(IllegalStateException.class, () -> CategoryEmbeddingSpec.DEFAULT.build(5, new SplittableRandom(1), 0));
        var overlap = assertThrows(InvalidSettingException.class, () -> new CategoryEmbeddingSpec(2, 2, List.of(List.of(0, 3), List.of(2, 2))));
        assertTrue(overlap.getMessage().contains("Block 1"), overlap.getMessage());
        assertThrows(InvalidSettingException.class, () -> new CategoryEmbeddingSpec(1, 2, null));
    }

    /**
     * Blocks given in a spec must be the data's: [1, 3] cut city's block of 12 and trained a model
     * whose file its own reader refused; the data's own blocks are taken (a model's spec fed back).
     */
    @Test
    void blocksGivenInASpecMustBeTheDatas() {
        Table t = table(60);
        double[] target = new double[60];
        for (int i = 0; i < 60; i++) target[i] = i % 2;
        for (List<List<Integer>> given : List.of(List.of(List.of(1, 3)), List.of(List.of(13, 2)))) {
            NetworkSpec spec = new NetworkSpec(List.of(new CategoryEmbeddingSpec(10, 8, given), new DenseSpec(4, new org.dendrite.core.activation.Relu())));
            var e = assertThrows(InvalidSettingException.class, () -> Trainer.fit(TrainingConfig.DEFAULT.withNetwork(spec).withEpochs(1),
                    new LabeledTable(t, "c", List.of("a", "b"), target, null)));
            assertEquals("blocks", e.setting());
            assertEquals("The category embedding's blocks " + given + " are not the one-hot blocks of this data's nominal columns of at least 10 "
                    + "values [[1, 12]]: leave blocks out of the spec, training fills them in", e.getMessage());
        }
        NetworkSpec own = new NetworkSpec(List.of(new CategoryEmbeddingSpec(10, 8, List.of(List.of(1, 12))), new DenseSpec(4,
                new org.dendrite.core.activation.Relu())));
        Model m = Trainer.fit(TrainingConfig.DEFAULT.withNetwork(own).withEpochs(1), new LabeledTable(t, "c", List.of("a", "b"), target, null));
        // the configuration offered to give again leaves the blocks to the data: another fold's rows, where y has no missing value
        // (so no indicator input), put city's block elsewhere, and the printed blocks were refused there
        String again = org.dendrite.core.io.SpecFormat.writeChanges(TrainingConfig.DEFAULT.withNetwork(m.network().spec()));
        assertFalse(again.contains("blocks"), again);
        double[][] complete = new double[60][];
        for (int i = 0; i < 60; i++) complete[i] = t.rows()[i].clone();
        for (double[] r : complete) if (Double.isNaN(r[3])) r[3] = 0;
        var pc = org.dendrite.core.data.PreprocessingConfig.DEFAULT;
        TrainingConfig fed = org.dendrite.core.io.SpecFormat.readTrainingConfig(again).withEpochs(1)
                .withPreprocessing(new org.dendrite.core.data.PreprocessingConfig(pc.standardize(), pc.imputeMissing(), true, pc.standardizeTarget(), pc.whitening()));
        Trainer.fit(fed, new LabeledTable(new Table(COLS, complete), "c", List.of("a", "b"), target, null));
        assertFalse(m.history().warnings().stream().anyMatch(w -> w.startsWith("The category embedding finds")), m.history().warnings().toString());
        // no column of enough values: the layer passes everything through, and the run says so (it was silent)
        NetworkSpec wide = new NetworkSpec(List.of(new CategoryEmbeddingSpec(13, 8, null), new DenseSpec(4, new org.dendrite.core.activation.Relu())));
        Model none = Trainer.fit(TrainingConfig.DEFAULT.withNetwork(wide).withEpochs(1), new LabeledTable(t, "c", List.of("a", "b"), target, null));
        assertTrue(none.history().warnings().contains("The category embedding finds no nominal column of at least 13 values in these rows: it "
                + "passes every input through as it is."), none.history().warnings().toString());
    }

    /** Training resolves the blocks from the data; the model file keeps them and predicts the same after a reload. */
    @Test
    void trainsSavesAndLoads() {
        Table t = table(200);
        double[] target = new double[200];
        for (int i = 0; i < 200; i++) target[i] = t.rows()[i][1] % 3 == 0 ? 1 : 0; // the class is the city's
        NetworkSpec spec = new NetworkSpec(List.of(CategoryEmbeddingSpec.DEFAULT, new DenseSpec(16, new org.dendrite.core.activation.Relu())));
        Model m = Trainer.fit(TrainingConfig.DEFAULT.withNetwork(spec).withEpochs(40), new LabeledTable(t, "c", List.of("a", "b"), target, null));
        assertEquals(List.of(List.of(1, 12)), ((CategoryEmbeddingSpec) m.network().spec().layers().get(0)).blocks());
        assertTrue(m.network().describe().contains("category_embedding(12 values -> 8 each, 4 inputs passed)"), m.network().describe());
        double[][] p = m.predict(t);
        int right = 0;
        for (int i = 0; i < 200; i++) right += (p[i][1] > 0.5) == (target[i] == 1) ? 1 : 0;
        assertTrue(right >= 190, "the embedding learns which cities are class b: " + right + " of 200");
        String json = ModelIO.toJson(m);
        Model back = ModelIO.fromJson(json);
        assertArrayEquals(p, back.predict(t));
        // damaged blocks: a clear error naming the spec, never a low-level exception
        String blocks = json.substring(json.indexOf("\"blocks\""), json.indexOf("]", json.indexOf("]", json.indexOf("\"blocks\"")) + 1) + 1);
        for (String[] damage : new String[][] {
            {"\"blocks\" : [ [ 1, 99 ] ]", "layers[0].blocks: [[1, 99]] are not the one-hot blocks of the nominal columns of at least 10 "
                    + "categories in $.preprocessing, [[1, 12]]"},
            {"\"blocks\" : [ [ 5, 2 ], [ 1, 3 ] ]", "Block 1"},
            {"\"blocks\" : null", "null is not allowed"},
            {"\"blocks\" : [ [ 1, 2147483647 ] ]", "are not the one-hot blocks"},
            // blocks that fit the input but not the columns read a numeric input and most of city's block (predictions changed silently),
            // or a block too small for minCategories, or leave city's out
            {"\"blocks\" : [ [ 0, 12 ] ]", "are not the one-hot blocks"},
            {"\"blocks\" : [ [ 13, 2 ] ]", "are not the one-hot blocks"},
            {"\"blocks\" : [ ]", "are not the one-hot blocks"}}) {
            var e = assertThrows(org.dendrite.core.io.ModelFormatException.class, () -> ModelIO.fromJson(json.replace(blocks, damage[0])), damage[0]);
            assertTrue(e.getMessage().contains("$.network.spec") && e.getMessage().contains(damage[1]), damage[0] + ": " + e.getMessage());
        }
        // the layer as a bare name: a spec's form, which lists no blocks
        String bare = json.replaceFirst("\\{\\s*\"type\" : \"category_embedding\"[^}]*\\}", "\"category_embedding\"");
        assertTrue(bare.contains("\"category_embedding\","), bare);
        var e = assertThrows(org.dendrite.core.io.ModelFormatException.class, () -> ModelIO.fromJson(bare));
        assertTrue(e.getMessage().contains("$.network.spec") && e.getMessage().contains("category embedding"), e.getMessage());
    }
}
