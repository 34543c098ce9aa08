package org.dendrite.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
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

/**
 * A periodic embedding embeds the numeric columns' values only, as RealMLP embeds numeric features:
 * it embedded every input, each one-hot indicator and missing-value indicator too (a nominal of 12
 * values gave 12 embeddings of a 0/1 input, 83 weights each). The inputs by hand from the columns'
 * layout, a forward pass by hand, training, the model file, and a layer behind a category embedding.
 */
class PeriodicEmbeddingInputsTest {
    private static final PreprocessingConfig INDICATORS = new PreprocessingConfig(true, true, true, true);

    /** CategoryEmbeddingTest's table: x (numeric), city (12 values), flag (2 values), y (numeric, with missing values). */
    private static Table table(int n) {
        return CategoryEmbeddingTest.table(n);
    }

    private static LabeledTable labeled(Table t) {
        double[] target = new double[t.size()];
        for (int i = 0; i < target.length; i++) target[i] = Math.sin(3 * t.rows()[i][0]) > 0 ? 1 : 0;
        return new LabeledTable(t, "c", List.of("a", "b"), target, null);
    }

    private static NetworkSpec spec(LayerSpec... front) {
        List<LayerSpec> ls = new java.util.ArrayList<>(List.of(front));
        ls.add(new DenseSpec(8, new org.dendrite.core.activation.Relu()));
        return new NetworkSpec(ls);
    }

    /**
     * The layout by hand: x at 0, city 1-12, flag 13-14, y 15, y's missing indicator 16; the numeric
     * values are 0 and 15. Behind a category embedding of city (8 values in its place): x 0, city's
     * embedding 1-8, flag 9-10, y 11, indicator 12. After a dense layer every input is embedded.
     */
    @Test
    void theNumericColumnsValuesAreEmbedded() {
        Preprocessor p = Preprocessor.fit(table(50), INDICATORS);
        boolean[] numeric = p.numericOutputs();
        assertEquals(17, numeric.length);
        for (int j = 0; j < 17; j++) assertEquals(j == 0 || j == 15, numeric[j], "input " + j);
        NetworkSpec first = spec(PeriodicEmbeddingSpec.DEFAULT).withInputs(p.nominalBlocks(), numeric);
        assertEquals(List.of(0, 15), ((PeriodicEmbeddingSpec) first.layers().get(0)).inputs());
        NetworkSpec behind = spec(CategoryEmbeddingSpec.DEFAULT, ScaleSpec.DEFAULT, PeriodicEmbeddingSpec.DEFAULT).withInputs(p.nominalBlocks(), numeric);
        assertEquals(List.of(0, 11), ((PeriodicEmbeddingSpec) behind.layers().get(2)).inputs());
        NetworkSpec late = new NetworkSpec(List.of(new DenseSpec(8, new org.dendrite.core.activation.Relu()), PeriodicEmbeddingSpec.DEFAULT,
                new DenseSpec(4, new org.dendrite.core.activation.Relu()))).withInputs(p.nominalBlocks(), numeric);
        assertEquals(java.util.stream.IntStream.range(0, 8).boxed().toList(), ((PeriodicEmbeddingSpec) late.layers().get(1)).inputs(),
                "after a dense layer: every input, listed");
        // given in a spec, the inputs are taken as they are; the configuration to give again leaves them to the data
        NetworkSpec given = spec(new PeriodicEmbeddingSpec(4, 2, 0.1, List.of(3))).withInputs(p.nominalBlocks(), numeric);
        assertEquals(List.of(3), ((PeriodicEmbeddingSpec) given.layers().get(0)).inputs());
        assertNull(((PeriodicEmbeddingSpec) first.withInputsUnresolved().layers().get(0)).inputs());
        // with whitening each input mixes all columns: every one is embedded
        Preprocessor white = Preprocessor.fit(table(50), new PreprocessingConfig(true, true, true, true, org.dendrite.core.data.Whitening.Kind.ZCA));
        for (boolean b : white.numericOutputs()) assertTrue(b);
    }

    /** Inputs 1 and 3 of 4 embedded: their embeddings first, then all four inputs; the others' gradient is the upstream one. */
    @Test
    void aForwardAndBackwardPassByHand() {
        PeriodicEmbeddingSpec s = new PeriodicEmbeddingSpec(2, 1, 0.5, List.of(1, 3));
        Layer l = s.build(4, new SplittableRandom(2), 0).get(0);
        assertEquals(2 + 4, l.outputWidth());
        assertEquals(s.outputWidth(4), l.outputWidth());
        long values = l.parameters().stream().mapToLong(Parameter::size).sum();
        assertEquals(s.stateSize(4), values);
        assertEquals(2 * (2 * 2 + 2 * 1 + 1), values, "per embedded input: 2 frequencies, 2 phases, a 2 x 1 map and its bias");
        float[] w = l.parameters().get(0).value(), b = l.parameters().get(1).value(), lw = l.parameters().get(2).value(), lb = l.parameters().get(3).value();
        float[] x = {0.3f, -0.7f, 1.1f, 0.25f};
        float[] y = l.forward(new Matrix(1, 4, x.clone()), true, null).data();
        for (int t = 0; t < 2; t++) {
            int j = t == 0 ? 1 : 3;
            double e = lb[t];
            for (int q = 0; q < 2; q++) e += Math.cos(2 * Math.PI * w[t * 2 + q] * x[j] + b[t * 2 + q]) * lw[t * 2 + q];
            assertEquals(e, y[t], 1e-6, "embedding of input " + j);
        }
        for (int j = 0; j < 4; j++) assertEquals(x[j], y[2 + j], 0, "input " + j + " passed through");
        float[] up = {0.5f, -1f, 2f, 3f, 4f, 5f};
        float[] dx = l.backward(new Matrix(1, 6, up), true).data();
        assertEquals(2f, dx[0], 0);
        assertEquals(4f, dx[2], 0);
        double d1 = 3;
        for (int q = 0; q < 2; q++) d1 += 2 * Math.PI * w[q] * -Math.sin(2 * Math.PI * w[q] * x[1] + b[q]) * lw[q] * up[0];
        assertEquals(d1, dx[1], 1e-5);
        double d3 = 5;
        for (int q = 0; q < 2; q++) d3 += 2 * Math.PI * w[2 + q] * -Math.sin(2 * Math.PI * w[2 + q] * x[3] + b[2 + q]) * lw[2 + q] * up[1];
        assertEquals(d3, dx[3], 1e-5);
        assertThrows(IllegalArgumentException.class, () -> s.build(3, new SplittableRandom(2), 0), "input 3 of 3 inputs");
        assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> new PeriodicEmbeddingSpec(2, 1, 0.5, List.of(3, 1)));
    }

    /** Training embeds the numeric inputs; the model file lists them and predicts the same after a reload. */
    @Test
    void trainsSavesAndLoads() {
        Table t = table(200);
        Model m = Trainer.fit(TrainingConfig.DEFAULT.withNetwork(spec(PeriodicEmbeddingSpec.DEFAULT)).withEpochs(3)
                .withPreprocessing(INDICATORS), labeled(t));
        PeriodicEmbeddingSpec trained = (PeriodicEmbeddingSpec) m.network().spec().layers().get(0);
        assertEquals(List.of(0, 15), trained.inputs());
        assertEquals(2 * 3 + 17, m.network().layers().get(0).outputWidth());
        String json = ModelIO.toJson(m);
        assertTrue(json.contains("\"inputs\" : [ 0, 15 ]"), json.substring(json.indexOf("periodic_embedding") - 40, json.indexOf("periodic_embedding") + 200));
        Model back = ModelIO.fromJson(json);
        assertArrayEquals(m.predict(t), back.predict(t));
        // inputs beyond the model's input: a clear error naming the spec
        var e = assertThrows(org.dendrite.core.io.ModelFormatException.class, () -> ModelIO.fromJson(json.replace("\"inputs\" : [ 0, 15 ]",
                "\"inputs\" : [ 0, 17 ]")));
        assertTrue(e.getMessage().contains("The periodic embedding's input 17 is beyond the 17 inputs"), e.getMessage());
        // dimensions whose width passes an int: a clear error naming the spec (the message's widths threw an ArithmeticException)
        var wide = assertThrows(org.dendrite.core.io.ModelFormatException.class, () -> ModelIO.fromJson(json.replace("\"dimensions\" : 3",
                "\"dimensions\" : 1073741824")));
        assertTrue(wide.getMessage().contains("$.network.spec") && wide.getMessage().contains("wider than 2^31"), wide.getMessage());
    }

    /** A model as a file of format version 4 wrote it: without the periodic embeddings' inputs (every input embedded). */
    private static String asVersion4(String json) {
        assertTrue(json.contains("\"formatVersion\" : 5"), "written as version 5");
        return json.replace("\"formatVersion\" : 5", "\"formatVersion\" : 4").replaceAll(",\\s*\"inputs\" : \\[[^\\]]*\\]", "");
    }

    /**
     * Every input embedded, as in files before the inputs existed: a layer after a dense layer (whose
     * null inputs were written as null, which the reader refused) and one in front of 17 inputs written
     * without inputs (an older file, read as embedding every input); each reads back predicting the same,
     * and an older file's model warm-starts a run with its own network (its null inputs were re-resolved
     * to the 2 numeric ones, and the 17 inputs' weights were copied into the narrower layer by prefix).
     */
    @Test
    void everyInputEmbeddedAfterADenseLayerAndInOlderFiles() {
        Table t = table(120);
        NetworkSpec late = new NetworkSpec(List.of(new DenseSpec(6, new org.dendrite.core.activation.Relu()), new PeriodicEmbeddingSpec(4, 2, 0.3),
                new DenseSpec(4, new org.dendrite.core.activation.Relu())));
        List<Integer> all17 = java.util.stream.IntStream.range(0, 17).boxed().toList();
        NetworkSpec front = spec(new PeriodicEmbeddingSpec(5, 2, 0.2, all17));
        for (NetworkSpec s : List.of(late, front)) {
            Model m = Trainer.fit(TrainingConfig.DEFAULT.withNetwork(s).withEpochs(2).withPreprocessing(INDICATORS), labeled(t));
            PeriodicEmbeddingSpec p = (PeriodicEmbeddingSpec) m.network().spec().layers().stream().filter(l -> l instanceof PeriodicEmbeddingSpec)
                    .findFirst().orElseThrow();
            assertEquals(s == late ? java.util.stream.IntStream.range(0, 6).boxed().toList() : all17, p.inputs());
            String json = ModelIO.toJson(m);
            assertArrayEquals(m.predict(t), ModelIO.fromJson(json).predict(t));
            String old = asVersion4(json);
            assertFalse(old.contains("\"inputs\""), old);
            Model back = ModelIO.fromJson(old);
            assertEquals(p.inputs(), ((PeriodicEmbeddingSpec) back.network().spec().layers().stream().filter(l -> l instanceof PeriodicEmbeddingSpec)
                    .findFirst().orElseThrow()).inputs());
            assertArrayEquals(m.predict(t), back.predict(t));
            if (s == front) {
                Model warm = org.dendrite.core.train.TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1).withPreprocessing(INDICATORS), labeled(t),
                        null, new org.dendrite.core.train.WarmStart(back, 0)).run();
                assertEquals(all17, ((PeriodicEmbeddingSpec) warm.network().spec().layers().get(0)).inputs());
                // weights of another shape are refused, not copied by prefix
                org.dendrite.core.network.Network narrow = org.dendrite.core.network.Network.build(spec(PeriodicEmbeddingSpec.DEFAULT)
                        .withInputs(List.of(), new boolean[] {true, false, true}), 3, 2, 1);
                org.dendrite.core.network.Network wide = org.dendrite.core.network.Network.build(spec(new PeriodicEmbeddingSpec(16, 3, 0.1,
                        List.of(0, 1, 2))), 3, 2, 1);
                assertThrows(IllegalArgumentException.class, () -> narrow.restore(wide.snapshot()));
            }
        }
        // a version 5 file must list them
        Model m = Trainer.fit(TrainingConfig.DEFAULT.withNetwork(late).withEpochs(1).withPreprocessing(INDICATORS), labeled(t));
        var e = assertThrows(org.dendrite.core.io.ModelFormatException.class, () -> ModelIO.fromJson(ModelIO.toJson(m)
                .replaceAll(",\\s*\"inputs\" : \\[[^\\]]*\\]", "")));
        assertTrue(e.getMessage().contains("inputs: missing (required in a model file)"), e.getMessage());
    }
}
