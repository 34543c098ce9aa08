package org.dendrite.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

class NormalizationAndDropoutTest {
    private static Matrix random(int n, int d, long seed, double mean, double std) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix m = new Matrix(n, d);
        for (int i = 0; i < n * d; i++) m.data()[i] = (float) (mean + std * r.nextGaussian());
        return m;
    }

    @Test
    void batchNormTrainingOutputIsStandardizedPerFeature() {
        BatchNormLayer bn = new BatchNormLayer(new BatchNormSpec(), 3, "");
        Matrix y = bn.forward(random(64, 3, 1, 5.0, 3.0), true, new SplittableRandom(0));
        for (int j = 0; j < 3; j++) {
            double s = 0, ss = 0;
            for (int r = 0; r < 64; r++) s += y.get(r, j);
            double mean = s / 64;
            for (int r = 0; r < 64; r++) ss += (y.get(r, j) - mean) * (y.get(r, j) - mean);
            // gamma = 1, beta = 0 initially, so the output is xhat: mean 0, biased variance var/(var+eps) ~ 1
            assertEquals(0, mean, 1e-6);
            assertEquals(1, ss / 64, 1e-4);
        }
    }

    @Test
    void batchNormRunningStatisticsFollowPyTorchMomentum() {
        BatchNormLayer bn = new BatchNormLayer(new BatchNormSpec(1e-5, 0.1), 1, "");
        Matrix x = new Matrix(4, 1, new float[] {1, 2, 3, 6});
        bn.forward(x, true, new SplittableRandom(0));
        // mean 3, unbiased variance (4+1+0+9)/3 = 14/3: running = 0.9 * init + 0.1 * batch
        assertEquals(0.1 * 3, bn.runningMean()[0], 1e-6);
        assertEquals(0.9 + 0.1 * 14.0 / 3.0, bn.runningVariance()[0], 1e-6);
    }

    @Test
    void batchNormInferenceUsesRunningStatisticsSoOneRowEqualsItsRowInABatch() {
        BatchNormLayer bn = new BatchNormLayer(new BatchNormSpec(), 4, "");
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 20; i++) bn.forward(random(32, 4, i, 2.0, 1.5), true, rng);
        Matrix batch = random(10, 4, 99, 2.0, 1.5);
        float[] many = bn.forward(batch, false, rng).data().clone();
        for (int r = 0; r < 10; r++) {
            Matrix one = new Matrix(1, 4, batch.row(r));
            float[] single = bn.forward(one, false, rng).data();
            for (int j = 0; j < 4; j++) assertEquals(many[r * 4 + j], single[j], 0f);
            for (int j = 0; j < 4; j++) {
                double expected = (batch.get(r, j) - bn.runningMean()[j]) / Math.sqrt(bn.runningVariance()[j] + 1e-5);
                assertEquals(expected, single[j], 1e-5);
            }
        }
    }

    @Test
    void batchNormParametersExcludeRunningStatistics() {
        BatchNormLayer bn = new BatchNormLayer(new BatchNormSpec(), 5, "3.");
        assertEquals(2, bn.parameters().size());
        assertEquals("3.gamma", bn.parameters().get(0).name());
        assertEquals("3.beta", bn.parameters().get(1).name());
    }

    @Test
    void layerNormNormalizesEachRow() {
        LayerNormLayer ln = new LayerNormLayer(new LayerNormSpec(), 6, "");
        Matrix y = ln.forward(random(5, 6, 2, -3, 4), false, new SplittableRandom(0));
        for (int r = 0; r < 5; r++) {
            double s = 0, ss = 0;
            for (int j = 0; j < 6; j++) s += y.get(r, j);
            for (int j = 0; j < 6; j++) ss += (y.get(r, j) - s / 6) * (y.get(r, j) - s / 6);
            assertEquals(0, s / 6, 1e-6);
            assertEquals(1, ss / 6, 1e-3);
        }
    }

    @Test
    void invertedDropoutKeepsTheExpectedActivation() {
        double rate = 0.3;
        DropoutLayer d = new DropoutLayer(new DropoutSpec(rate), 50);
        Matrix x = random(200, 50, 5, 1.0, 0.5);
        SplittableRandom rng = new SplittableRandom(11);
        double trainSum = 0;
        int passes = 20, zeros = 0;
        for (int p = 0; p < passes; p++) {
            float[] y = d.forward(x, true, rng).data();
            for (int i = 0; i < x.size(); i++) {
                trainSum += y[i];
                if (y[i] == 0f) zeros++;
            }
        }
        double inferenceSum = 0;
        for (int i = 0; i < x.size(); i++) inferenceSum += x.data()[i];
        int total = passes * x.size();
        // E[y] = x: the mean over 200 000 draws has relative standard error about
        // sqrt(rate/(1-rate)) * (rms x / mean x) / sqrt(total) ~ 0.0017; allow 5 of them
        assertEquals(inferenceSum * passes, trainSum, 0.01 * Math.abs(inferenceSum * passes));
        assertEquals(rate, zeros / (double) total, 5 * Math.sqrt(rate * (1 - rate) / total));
        assertSame(x, d.forward(x, false, rng), "inference is the identity");
    }

    @Test
    void dropoutKeepsEachUnitExactlyWhenTheUniformDrawIsBelowTheKeepProbability() {
        // the layer compares integers; the definition is nextDouble() < 1 - rate on the same generator
        for (double rate : new double[] {0.2, 0.5, 0.3, 1e-9, 1 - 1e-9, 0.1 + 0x1p-50}) {
            for (boolean alpha : new boolean[] {false, true}) {
                DropoutLayer d = new DropoutLayer(new DropoutSpec(rate, alpha), 64);
                Matrix x = random(32, 64, 3, 1.0, 1.0);
                float[] y = d.forward(x, true, new SplittableRandom(5)).data();
                float[] g = new float[x.size()];
                java.util.Arrays.fill(g, 1f);
                float[] mask = d.backward(new Matrix(32, 64, g), true).data();
                SplittableRandom reference = new SplittableRandom(5);
                for (int i = 0; i < x.size(); i++) {
                    boolean keep = reference.nextDouble() < 1 - rate;
                    assertEquals(keep, mask[i] != 0f, "rate " + rate + " unit " + i);
                    if (!alpha) assertEquals(x.data()[i] * mask[i], y[i]);
                }
            }
        }
    }

    @Test
    void alphaDropoutKeepsMeanAndVarianceOfStandardizedInputs() {
        DropoutLayer d = new DropoutLayer(new DropoutSpec(0.2, true), 100);
        Matrix x = random(2000, 100, 8, 0.0, 1.0);
        float[] y = d.forward(x, true, new SplittableRandom(4)).data();
        double s = 0, ss = 0;
        for (float v : y) s += v;
        double mean = s / y.length;
        for (float v : y) ss += (v - mean) * (v - mean);
        assertEquals(0, mean, 0.01);
        assertEquals(1, ss / y.length, 0.02);
    }

    @Test
    void denseSpecPlacesBatchNormAndDropoutWhereAsked() {
        var before = new DenseSpec(8, new org.dendrite.core.activation.Relu(), null, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0.5)
                .build(4, new SplittableRandom(1), 0);
        assertTrue(before.get(0) instanceof DenseLayer && before.get(1) instanceof BatchNormLayer
                && before.get(2) instanceof ActivationLayer && before.get(3) instanceof DropoutLayer, before.toString());
        var after = new DenseSpec(8, new org.dendrite.core.activation.Relu(), null, true, DenseSpec.BatchNorm.AFTER_ACTIVATION, 0)
                .build(4, new SplittableRandom(1), 0);
        assertTrue(after.get(1) instanceof ActivationLayer && after.get(2) instanceof BatchNormLayer && after.size() == 3);
        assertArrayEquals(new int[] {8}, new int[] {after.get(2).outputWidth()});
    }
}
