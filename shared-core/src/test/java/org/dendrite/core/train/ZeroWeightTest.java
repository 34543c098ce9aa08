package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import org.junit.jupiter.api.Test;

/**
 * Rows of weight 0 add nothing: a minibatch whose rows all weigh 0 (likely when most rows do) is a
 * step on no data, not a divergence. The expected behaviour is the definition of the weighted loss
 * (sum w_i l_i / sum w_i, with an empty sum contributing nothing), not a value of the code.
 */
class ZeroWeightTest {
    /** Every loss on a batch of weights 0 only: loss 0, gradient 0 (by the definition above); one weighted row restores its own loss. */
    @Test
    void everyLossOfABatchWithoutWeightIsZero() {
        for (org.dendrite.core.loss.Loss loss : org.dendrite.core.loss.Losses.ALL) {
            int c = loss.outputWidth(1, 3);
            org.dendrite.core.tensor.Matrix z = new org.dendrite.core.tensor.Matrix(2, c), t = new org.dendrite.core.tensor.Matrix(2, c == 3 ? 1 : c);
            for (int i = 0; i < z.size(); i++) z.data()[i] = 0.3f * i - 0.4f;
            for (int i = 0; i < t.size(); i++) t.data()[i] = c == 3 ? i % 3 : (i % 2) * 0.75f;
            org.dendrite.core.tensor.Matrix g = new org.dendrite.core.tensor.Matrix(2, c);
            java.util.Arrays.fill(g.data(), 9f);
            assertEquals(0.0, loss.compute(z, t, new float[] {0f, 0f}, g), 0.0, loss.name());
            for (float v : g.data()) assertEquals(0f, v, 0f, loss.name() + " gradient");
            // row 0 alone: the weighted mean is row 0's loss, the same with weight 1 or 5
            double one = loss.compute(z, t, new float[] {1f, 0f}, null), five = loss.compute(z, t, new float[] {5f, 0f}, null);
            assertTrue(one > 0 && Math.abs(one - five) < 1e-6 * one, loss.name() + ": " + one + " vs " + five);
        }
    }

    @Test
    void batchesOfOnlyZeroWeightsTrainWithoutRollbacks() {
        int n = 400;
        double[][] x = new double[n][];
        double[] y = new double[n];
        float[] w = new float[n];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian();
            x[i] = new double[] {a, b};
            boolean zero = i < 300;
            // the rows of weight 0 carry flipped labels: any influence on the model shows
            y[i] = (a + b > 0) != zero ? 1 : 0;
            w[i] = zero ? 0f : 1f;
        }
        LabeledTable t = new LabeledTable(new Table(List.of(Column.numeric("a"), Column.numeric("b")), x), "label", List.of("no", "yes"), y, w);
        Model m = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(10).withBatchSize(16), t);
        for (EpochRecord e : m.history().epochs()) {
            assertEquals("", e.event(), "epoch " + e.epoch() + " had an event");
            assertTrue(Double.isFinite(e.trainLoss()), "epoch " + e.epoch() + " loss " + e.trainLoss());
        }
        int right = 0;
        for (int i = 300; i < n; i++) right += (m.predictRow(x[i])[1] > 0.5 ? 1 : 0) == (int) y[i] ? 1 : 0;
        assertTrue(right >= 90, right + " of the 100 weighted rows right");
    }

    private static org.dendrite.core.data.Dataset shard(long seed, float weight) {
        SplittableRandom r = new SplittableRandom(seed);
        org.dendrite.core.tensor.Matrix x = new org.dendrite.core.tensor.Matrix(12, 3), y = new org.dendrite.core.tensor.Matrix(12, 1);
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 3; j++) x.set(i, j, (float) r.nextGaussian());
            y.set(i, 0, i % 2);
        }
        float[] w = new float[12];
        java.util.Arrays.fill(w, weight);
        return new org.dendrite.core.data.Dataset(x, y, w);
    }

    /** The pseudo-gradient {@link LocalSteps#apply} writes for the given shards' parts of one round from the same start. */
    private static float[] roundGradient(TrainingConfig c, org.dendrite.core.network.Network start, org.dendrite.core.data.Dataset... shards) {
        LocalSteps.Partial total = new LocalSteps.Partial();
        LocalSteps.Round round = new LocalSteps.Round(0, 3, 0.05, 0, null);
        for (int k = 0; k < shards.length; k++) {
            // each shard numbered as in the full round (its number seeds its row stream)
            int number = shards[k] == A ? 0 : shards[k] == B ? 1 : 2;
            total.merge(new LocalSteps(c, new org.dendrite.core.loss.SoftmaxCrossEntropy(), 2, shards[k], number, 2).run(start.snapshot(), round));
        }
        org.dendrite.core.network.Network n = org.dendrite.core.network.Network.build(c.network(), 3, 2, 1);
        n.restore(start.snapshot());
        LocalSteps.apply(total, n);
        return n.parameters().get(0).grad().clone();
    }

    private static final org.dendrite.core.data.Dataset A = shard(1, 3f), B = shard(2, 1f), NONE = shard(3, 0f);

    /**
     * A round weighs each shard by its instance-weight sum, its share of the objective (by the
     * definition: the shard of weights 3 counts three times the shard of weights 1, whose row counts
     * are equal), and a shard of weights 0 only adds nothing.
     */
    @Test
    void roundsWeighShardsByTheirWeightSum() {
        TrainingConfig c = TrainingConfig.DEFAULT.withNetwork(new org.dendrite.core.network.NetworkSpec(List.of(
                new org.dendrite.core.layer.DenseSpec(4, new org.dendrite.core.activation.Tanh())))).withBatchSize(4).resolve(24);
        org.dendrite.core.network.Network start = org.dendrite.core.network.Network.build(c.network(), 3, 2, 1);
        float[] a = roundGradient(c, start, A), b = roundGradient(c, start, B), both = roundGradient(c, start, A, B),
                withNone = roundGradient(c, start, A, B, NONE);
        for (int i = 0; i < a.length; i++) {
            assertEquals((3 * a[i] + b[i]) / 4, both[i], 1e-6, "weight " + i);
            assertEquals(both[i], withNone[i], 0.0, "weight " + i + " with the shard of weights 0");
        }
        assertTrue(a[0] != b[0], "the shards' steps differ");
    }

    /**
     * A row of weight 0 is a row that is not there, for everything training does, not only the loss:
     * 400 rows of weight 0 (features x 100 + 500, labels flipped) spread among 200 weighted rows give
     * the model the 200 rows give alone, bit for bit, under the defaults that depend on the number of
     * rows (units, batch size, L2), with a validation split, a data-dependent initialization (its
     * sample drew rows of weight 0) and batch normalization (its statistics counted them); each of
     * these had moved the model (units 48 -> 224, probabilities by up to 0.88).
     */
    @Test
    void rowsOfWeightZeroAreRowsThatAreNotThere() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 600;
        double[][] x = new double[n][];
        double[] y = new double[n];
        float[] w = new float[n];
        List<Integer> kept = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian();
            boolean absent = i % 3 != 1;
            x[i] = absent ? new double[] {a * 100 + 500, b * 100 + 500} : new double[] {a, b};
            y[i] = (a + b > 0) != absent ? 1 : 0;
            w[i] = absent ? 0f : 1f + i % 2;
            if (!absent) kept.add(i);
        }
        List<Column> cols = List.of(Column.numeric("a"), Column.numeric("b"));
        LabeledTable with = new LabeledTable(new Table(cols, x), "label", List.of("no", "yes"), y, w);
        LabeledTable without = with.subset(kept.stream().mapToInt(Integer::intValue).toArray());
        for (String batchNorm : new String[] {"none", "before_activation"}) {
            for (org.dendrite.core.network.DataInit init : org.dendrite.core.network.DataInit.values()) {
                TrainingConfig c = TrainingConfig.DEFAULT.withNetwork(TrainingOptions.network("", "0", "relu", 0, batchNorm).withDataInit(init))
                        .withEpochs(4).withValidationFraction(0.2);
                Model a = Trainer.fit(c, with), b = Trainer.fit(c, without);
                String what = "batch norm " + batchNorm + ", data init " + init;
                assertEquals(b.provenance().config(), a.provenance().config(), what + ": the configuration chosen from the rows");
                assertEquals(b.history().epochs().get(3).validationLoss(), a.history().epochs().get(3).validationLoss(), 0, what);
                for (double[] row : without.features().rows()) {
                    assertTrue(java.util.Arrays.equals(b.predictRow(row), a.predictRow(row)), what + ": " + java.util.Arrays.toString(row));
                }
            }
        }
    }

    /**
     * Rows of weight 0 do not shape the scaling either: 30 of them with features x 100 + 500 and targets
     * x 50 + 1,000 beside the real rows give the preprocessing and target scaling of the real rows alone,
     * so the same seed trains the same model (the scaling's statistics counted them: a constant
     * predictor on iris, RMSE 2.48 -> 7.33 on boston).
     */
    @Test
    void rowsOfWeightZeroDoNotShapeTheScaling() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 60, extra = 30;
        double[][] x = new double[n + extra][];
        double[] y = new double[n + extra];
        float[] w = new float[n + extra];
        for (int i = 0; i < n + extra; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian();
            boolean junk = i >= n;
            x[i] = junk ? new double[] {a * 100 + 500, b * 100 + 500} : new double[] {a, b};
            y[i] = junk ? (a + b) * 50 + 1000 : a + 2 * b;
            w[i] = junk ? 0f : 1f;
        }
        List<Column> cols = List.of(Column.numeric("a"), Column.numeric("b"));
        LabeledTable with = new LabeledTable(new Table(cols, x), "y", List.of(), y, w);
        LabeledTable without = new LabeledTable(new Table(cols, java.util.Arrays.copyOf(x, n)), "y", List.of(),
                java.util.Arrays.copyOf(y, n), java.util.Arrays.copyOf(w, n));
        TrainingConfig c = TrainingConfig.DEFAULT.withEpochs(3).withBatchSize(16);
        Model a = Trainer.fit(c, with), b = Trainer.fit(c, without);
        assertTrue(java.util.Arrays.equals(a.preprocessor().center(), b.preprocessor().center())
                && java.util.Arrays.equals(a.preprocessor().scale(), b.preprocessor().scale()), "the same input scaling");
        assertEquals(b.task().targetMean(), a.task().targetMean(), 0);
        assertEquals(b.task().targetScale(), a.task().targetScale(), 0);
    }
}
