package org.dendrite.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The distributed data path against the single-machine one: the same 100 rows in shards of 37, 0
 * and 63 rows, passed through {@link ShardPass} (summaries, layout, merged statistics, whitening
 * co-moments, blocks), give the preprocessing, task, training rows and held-out rows that
 * {@link TrainingData#prepare} gives from the rows in one piece, for a classifier and a regressor,
 * with standard, robust and whitened scaling.
 */
class ShardPassTest {
    private static final int[] SHARDS = {37, 0, 63};
    private static final List<Column> COLUMNS = List.of(Column.numeric("a"), Column.nominal("c", List.of("x", "y", "z")), Column.numeric("b"));

    private static LabeledTable table(boolean classification) {
        Random r = new Random(11);
        int n = 100;
        double[][] x = new double[n][];
        double[] y = new double[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {r.nextGaussian() * 3 + 1, r.nextInt(3), Math.exp(r.nextGaussian())};
            y[i] = classification ? r.nextInt(3) : 10 + 4 * r.nextGaussian();
            w[i] = 0.5f + r.nextInt(3);
            if (i % 9 == 4) {
                // a row of weight 0 with extreme values: both ways remove it, or they disagree
                x[i][0] = x[i][0] * 100 + 500;
                y[i] = classification ? y[i] : y[i] * 50 + 1000;
                w[i] = 0;
            }
        }
        return new LabeledTable(new Table(COLUMNS, x), "y", classification ? List.of("p", "q", "r") : List.of(), y, w);
    }

    /** Shard {@code p}'s rows of {@code t} as a distributed trainer reads them. */
    private static Iterator<LabeledRow> shard(LabeledTable t, int p) {
        int from = 0;
        for (int q = 0; q < p; q++) from += SHARDS[q];
        List<LabeledRow> rows = new ArrayList<>();
        for (int i = from; i < from + SHARDS[p]; i++) rows.add(new LabeledRow(t.features().rows()[i], t.target()[i], t.weights() == null ? 1 : t.weights()[i]));
        return rows.iterator();
    }

    private static LabeledTable withoutWeights(LabeledTable t) {
        return new LabeledTable(t.features(), t.targetName(), t.classes(), t.target(), null);
    }

    /** Shard {@code p}'s rows as the trainer's passes see them: those of weight 0 removed ({@link LabeledRow#weighing}). */
    private static Iterator<LabeledRow> weighed(LabeledTable t, int p) {
        return LabeledRow.weighing(shard(t, p));
    }

    private static void sameAsOneMachine(boolean classification, PreprocessingConfig pc) {
        sameAsOneMachine(classification, pc, false);
    }

    private static void sameAsOneMachine(boolean classification, PreprocessingConfig pc, boolean robustTarget) {
        sameAsOneMachine(table(classification), pc, robustTarget);
    }

    /** {@link #sameAsOneMachine(boolean, PreprocessingConfig, boolean)} on the rows {@code t}; returns the sharded fit's warnings. */
    private static List<String> sameAsOneMachine(LabeledTable t, PreprocessingConfig pc, boolean robustTarget) {
        boolean classification = t.isClassification();
        double fraction = 0.25;
        long seed = 5;
        RowCheck check = new RowCheck("features", "y", "w", classification, 3);
        List<ShardPass.Summary> summaries = new ArrayList<>();
        for (int p = 0; p < SHARDS.length; p++) summaries.add(ShardPass.summarize(weighed(t, p), classification, classification));
        assertEquals(-1, summaries.get(1).width(), "an empty shard has no width");
        ShardPass.Layout layout = ShardPass.layout(summaries, fraction, seed, check);
        assertEquals(3, layout.width());
        assertEquals(classification ? List.of("0", "1", "2") : List.of(), layout.classes(), "the classes the label's metadata declares");
        // the shards' passes run one after another here, merged in shard order
        ShardPass.Shards shards = new ShardPass.Shards() {
            @Override
            public <T extends java.io.Serializable> T reduce(ShardPass.Pass<T> pass, ShardPass.Merge<T> merge) {
                T all = null;
                for (int p = 0; p < SHARDS.length; p++) {
                    T one = pass.apply(layout.rows().slice(p), weighed(t, p));
                    all = all == null ? one : merge.apply(all, one);
                }
                return all;
            }
        };
        ShardPass.Fitted fitted = ShardPass.fit(shards, layout, COLUMNS, pc, robustTarget, "y");
        Preprocessor pre = fitted.preprocessor();
        Task task = fitted.task();
        List<ShardBlock> train = new ArrayList<>(), held = new ArrayList<>();
        for (int p = 0; p < SHARDS.length; p++) {
            for (ShardBlock b : ShardPass.blocks(layout.rows().slice(p), weighed(t, p), pre, task, true)) (b.heldOut() ? held : train).add(b);
        }

        TrainingData one = TrainingData.prepare(t, pc, robustTarget, fraction, seed, null, null);
        String what = (classification ? "classifier" : "regressor") + ", " + pc;
        assertArrayEquals(one.preprocessor().center(), pre.center(), 1e-12, what);
        assertArrayEquals(one.preprocessor().scale(), pre.scale(), 1e-12, what);
        assertArrayEquals(one.preprocessor().unseen(), pre.unseen(), what + ": the categories without training rows");
        assertEquals(one.preprocessor().fitWarnings(), pre.fitWarnings(), what + ": the fit's warnings");
        // relative to the target's size: merged shards sum in another order (a target of 6e8 differs in its last bit)
        assertEquals(one.task().targetMean(), task.targetMean(), 1e-12 * Math.max(1, Math.abs(one.task().targetMean())), what);
        assertEquals(one.task().targetScale(), task.targetScale(), 1e-12 * Math.max(1, one.task().targetScale()), what);
        assertEquals(one.train().size(), layout.rows().trainRows(), what);
        sameRows(one.train(), train, 1e-5, what + ", training rows");
        sameRows(one.validation(), held, 1e-5, what + ", held-out rows");
        long offset = 0;
        for (ShardBlock b : train) {
            assertEquals(offset, b.offset(), "a training block starts at its shard's first index among the training rows");
            offset += b.rows();
        }
        return pre.fitWarnings();
    }

    /**
     * A numeric target whose far values (three rows times 1e9) squeeze the others under its
     * standardization is named by the sharded fit as on one machine (the warnings are compared there),
     * not under a robust target scaling.
     */
    @Test
    void aSqueezedTargetIsNamedAsOnOneMachine() {
        LabeledTable t = table(false);
        double[] y = t.target().clone();
        for (int i : new int[] {2, 11, 20}) y[i] *= 1e9;
        LabeledTable far = new LabeledTable(t.features(), t.targetName(), t.classes(), y, t.weights());
        List<String> said = sameAsOneMachine(far, PreprocessingConfig.DEFAULT, false);
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("The target 'y': 3 training values (the farthest "), said.get(0));
        assertEquals(List.of(), sameAsOneMachine(far, PreprocessingConfig.DEFAULT, true));
    }

    /** The blocks, joined in shard order, hold {@code expected}'s rows in its order. */
    private static void sameRows(Dataset expected, List<ShardBlock> blocks, double tolerance, String what) {
        int width = expected.features().cols(), at = 0;
        for (ShardBlock b : blocks) {
            for (int i = 0; i < b.rows(); i++, at++) {
                for (int j = 0; j < width; j++) {
                    assertEquals(expected.features().get(at, j), b.features()[i * width + j], tolerance, what + " row " + at + " input " + j);
                }
                assertEquals(expected.targets().get(at, 0), b.targets()[i], 1e-6, what + " row " + at + " target");
                assertEquals(expected.weights()[at], b.weights()[i], what + " row " + at + " weight");
            }
        }
        assertEquals(expected.size(), at, what);
    }

    @Test
    void shardsGiveWhatOneMachineGives() {
        for (boolean classification : new boolean[] {true, false}) {
            sameAsOneMachine(classification, PreprocessingConfig.DEFAULT);
            sameAsOneMachine(classification, PreprocessingConfig.DEFAULT.withScaling(PreprocessingConfig.Scaling.ROBUST));
            sameAsOneMachine(classification, new PreprocessingConfig(true, true, false, true, Whitening.Kind.ZCA));
        }
        // a robust loss's target scaling (median and interquartile range) from the shards' merged samples
        sameAsOneMachine(false, PreprocessingConfig.DEFAULT, true);
    }

    /** A shard that gives another number of rows than when it was counted (a DataFrame computed nondeterministically) is refused. */
    @Test
    void aShardWhoseRowsChangedBetweenPassesIsRefused() {
        LabeledTable t = withoutWeights(table(true));
        ShardPass.Layout layout = ShardPass.layout(List.of(ShardPass.summarize(shard(t, 0), false, true), ShardPass.summarize(shard(t, 1), false, true),
                ShardPass.summarize(shard(t, 2), false, true)), 0.25, 5, new RowCheck("features", "y", null, true, 3));
        assertEquals(37, layout.rows().rows(0));
        assertEquals(0, layout.rows().rows(1));
        assertEquals(63, layout.rows().rows(2));
        assertEquals(100 - 25, layout.rows().trainRows(0) + layout.rows().trainRows(1) + layout.rows().trainRows(2));
        Preprocessor pre = Preprocessor.fit(t.features(), PreprocessingConfig.DEFAULT);
        Task task = Task.classification("y", t.classes());
        List<LabeledRow> rows = new ArrayList<>();
        shard(t, 0).forEachRemaining(rows::add);
        for (List<LabeledRow> changed : List.of(rows.subList(0, 36), join(rows, rows.get(0)))) {
            var e = assertThrows(IllegalArgumentException.class, () -> ShardPass.blocks(layout.rows().slice(0), changed.iterator(), pre, task, false));
            assertEquals("Partition 0 gave " + changed.size() + " rows in this pass but 37 when its rows were counted: the rows must be the same "
                    + "on every pass over them (persist or checkpoint a DataFrame whose rows are computed nondeterministically)", e.getMessage());
        }
        assertEquals(37, ShardPass.blocks(layout.rows().slice(0), rows.iterator(), pre, task, false).stream().mapToInt(ShardBlock::rows).sum());

        // a bad value in a held-out row (which the statistics pass skips) is named by its place in its shard, as the row check names it
        long heldRow = 0;
        while (!layout.rows().isHeld(heldRow)) heldRow++;
        assertTrue(heldRow < 37, "a held-out row of shard 0");
        List<LabeledRow> bad = new ArrayList<>(rows);
        bad.set((int) heldRow, new LabeledRow(new double[] {0, 7, 1}, 0, 1, 40 + heldRow));
        var e = assertThrows(IllegalArgumentException.class, () -> ShardPass.blocks(layout.rows().slice(0), bad.iterator(), pre, task, false));
        assertEquals("Column 'c' has category index 7.0; allowed 0..2 ([x, y, z]) (row " + (40 + heldRow) + " of partition 0)", e.getMessage());
    }

    private static List<LabeledRow> join(List<LabeledRow> rows, LabeledRow extra) {
        List<LabeledRow> out = new ArrayList<>(rows);
        out.add(extra);
        return out;
    }

    private static ShardPass.Summary labels(boolean classification, double... y) {
        List<LabeledRow> rows = new ArrayList<>();
        for (double v : y) rows.add(new LabeledRow(new double[] {0}, v, 1));
        return ShardPass.summarize(rows.iterator(), false, classification);
    }

    /**
     * The skew of the shards' labels, by hand. Classes: shards {0,0,0,1} and {1,1,2,2}, all rows' shares
     * 3/8, 3/8, 2/8; the first shard is |3/4 - 3/8| + |1/4 - 3/8| + |0 - 2/8| = 0.75 / 2 = 0.375 away, the
     * second |0 - 3/8| + |2/4 - 3/8| + |2/4 - 2/8| = 0.75 / 2 = 0.375: skew 0.375; shards with the same
     * shares: 0. Targets: shards {0, 2} and {4, 6}, mean 3, population standard deviation sqrt(5); each
     * shard's mean is 2 away: 2 / sqrt(5) = 0.894.
     */
    @Test
    void theSkewOfTheShardsLabels() {
        assertEquals(0.375, ShardPass.skew(List.of(labels(true, 0, 0, 0, 1), labels(true, 1, 1, 2, 2)), true), 1e-12);
        assertEquals(0, ShardPass.skew(List.of(labels(true, 0, 1, 2), labels(true, 2, 1, 0), labels(true)), true), 1e-12);
        assertEquals(2 / Math.sqrt(5), ShardPass.skew(List.of(labels(false, 0, 2), labels(false, 4, 6)), false), 1e-12);
        assertEquals(0, ShardPass.skew(List.of(labels(false, 0, 6), labels(false, 4, 2)), false), 1e-12);
        assertTrue(ShardPass.skew(List.of(labels(true, 0, 0, 0, 1), labels(true, 1, 1, 2, 2)), true) > ShardPass.MAX_SKEW);
    }

    @Test
    void summariesKeepLabelsOnlyWhenAskedAndTheLayoutRefusesDisagreeingWidthsAndNoRows() {
        LabeledTable t = withoutWeights(table(true));
        ShardPass.Summary s = ShardPass.summarize(shard(t, 0), true, true);
        assertEquals(37, s.rows());
        assertEquals(37, s.labels().length);
        for (int i = 0; i < 37; i++) assertEquals((int) t.target()[i], s.labels()[i]);
        double max = 0;
        for (int i = 0; i < 37; i++) max = Math.max(max, t.target()[i]);
        assertEquals(max, s.maxLabel());
        assertNull(ShardPass.summarize(shard(t, 0), false, true).labels());

        RowCheck check = new RowCheck("features", "y", null, true, 0);
        var wide = new ShardPass.Summary(3, 4, 1, null, new Moments(), null);
        var narrow = new ShardPass.Summary(2, 3, 1, null, new Moments(), null);
        var empty = new ShardPass.Summary(0, -1, Double.NEGATIVE_INFINITY, null, new Moments(), null);
        var e = assertThrows(IllegalArgumentException.class, () -> ShardPass.layout(List.of(wide, empty, narrow), 0, 1, check));
        assertEquals("Column 'features' holds vectors of size 3 in partition 2; expected size 4 (as in the first rows)", e.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> ShardPass.layout(List.of(empty, empty), 0, 1, check));
        assertTrue(none.getMessage().startsWith("The training data is empty"), none.getMessage());
        // rows of weight 0 are not counted, but their labels count as classes; rows that all weigh 0 are refused as such
        ShardPass.Summary weighed = ShardPass.summarize(List.of(new LabeledRow(new double[] {1}, 0, 1), new LabeledRow(new double[] {2}, 4, 0))
                .iterator(), true, true);
        assertEquals(1, weighed.rows());
        assertEquals(4, weighed.maxLabel());
        ShardPass.Summary nothing = ShardPass.summarize(List.of(new LabeledRow(new double[] {2}, 1, 0)).iterator(), false, true);
        var zero = assertThrows(IllegalArgumentException.class, () -> ShardPass.layout(List.of(nothing), 0, 1,
                new RowCheck("features", "y", "w", true, 0)));
        assertEquals(TrainingData.allWeighZero("w").getMessage(), zero.getMessage());
    }
    /**
     * Rows of one class are refused on Spark as on one machine ({@link TrainingData#prepare}), with the
     * same message: labels all 1 infer the classes 0 and 1 from the largest label, but no row is of class
     * 0 (they were trained as two classes, the model always answering 1); a class whose rows all weigh 0
     * has no rows. Rows of both classes in different shards are two classes.
     */
    @Test
    void rowsOfOneClassAreRefusedAsOnOneMachine() {
        RowCheck check = new RowCheck("features", "y", null, true, 0);
        var one = assertThrows(IllegalArgumentException.class, () -> ShardPass.layout(List.of(labels(true, 1, 1), labels(true, 1)), 0, 1, check));
        LabeledTable oneMachine = new LabeledTable(new Table(List.of(Column.numeric("x")), new double[][] {{0}, {0}, {0}}), "y",
                List.of("0", "1"), new double[] {1, 1, 1}, null);
        var same = assertThrows(IllegalArgumentException.class, () -> TrainingData.prepare(oneMachine, PreprocessingConfig.DEFAULT, false, 0, 1, null, null));
        assertEquals("Column 'y' has only one class ('1') in the training data; a classifier needs rows of at least two classes", one.getMessage());
        assertEquals(same.getMessage().replace("Target 'y'", "Column 'y'"), one.getMessage());
        ShardPass.Summary weighed = ShardPass.summarize(List.of(new LabeledRow(new double[] {1}, 0, 0), new LabeledRow(new double[] {2}, 1, 1))
                .iterator(), false, true);
        assertThrows(IllegalArgumentException.class, () -> ShardPass.layout(List.of(weighed), 0, 1, check));
        assertEquals(List.of("0", "1"), ShardPass.layout(List.of(labels(true, 1, 1), labels(true, 0)), 0, 1, check).classes());
    }

    /**
     * Rows of one class among those of weight above 0 are refused saying so, on one machine and on
     * Spark (naming the weight column there): labels 0, 1, 1 whose 0 weighs 0 were reported as "only one
     * class ('1')", the weights unnamed; with no row of weight 0 the message is as before.
     */
    @Test
    void oneClassAmongTheWeighedRowsSaysSo() {
        LabeledTable oneMachine = new LabeledTable(new Table(List.of(Column.numeric("x")), new double[][] {{0}, {1}, {2}}), "y",
                List.of("0", "1"), new double[] {0, 1, 1}, new float[] {0, 1, 1});
        assertEquals("Target 'y' has only one class ('1') in the training data (its rows of weight above 0: a row of weight 0 is removed "
                + "before training); a classifier needs rows of at least two classes", assertThrows(IllegalArgumentException.class,
                () -> TrainingData.prepare(oneMachine, PreprocessingConfig.DEFAULT, false, 0, 1, null, null)).getMessage());
        assertEquals("Target 'y' has only one class ('1') in the training data (its rows of weight above 0: a row of weight 0 is removed "
                + "before training); a classifier needs rows of at least two classes", assertThrows(IllegalArgumentException.class,
                () -> TrainingData.prepare(oneMachine, null, PreprocessingConfig.DEFAULT, false)).getMessage());
        ShardPass.Summary weighed = ShardPass.summarize(List.of(new LabeledRow(new double[] {0}, 0, 0), new LabeledRow(new double[] {1}, 1, 1),
                new LabeledRow(new double[] {2}, 1, 1)).iterator(), false, true);
        assertEquals("Column 'y' has only one class ('1') in the training data (its rows of weight above 0 in column 'w': a row of weight 0 "
                + "is removed before training); a classifier needs rows of at least two classes", assertThrows(IllegalArgumentException.class,
                () -> ShardPass.layout(List.of(weighed), 0, 1, new RowCheck("features", "y", "w", true, 0))).getMessage());
        LabeledTable allWeighed = new LabeledTable(new Table(List.of(Column.numeric("x")), new double[][] {{0}, {1}}), "y",
                List.of("0", "1"), new double[] {1, 1}, new float[] {1, 2});
        assertEquals("Target 'y' has only one class ('1') in the training data; a classifier needs rows of at least two classes",
                assertThrows(IllegalArgumentException.class, () -> TrainingData.prepare(allWeighed, PreprocessingConfig.DEFAULT, false, 0, 1, null,
                null)).getMessage());
    }
}
