package org.dendrite.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * A trained model's class probabilities in double ({@link Loss#predict(Matrix, double[], int)}), against
 * hand derivation: softmax([0, 20]) = [1 / (1 + e^20), e^20 / (1 + e^20)] and sigmoid(20) = 1 / (1 + e^-20),
 * whose larger value float32 rounds to exactly 1.
 */
class DoublePredictionTest {
    private static final double SMALL = 1 / (1 + Math.exp(20)), LARGE = Math.exp(20) / (1 + Math.exp(20));

    @Test
    void softmaxProbabilitiesKeepTheirDistanceFromOne() {
        Matrix logits = new Matrix(2, 2, new float[] {0, 20, 20, 0});
        double[] p = new double[1 + 4];
        new SoftmaxCrossEntropy().predict(logits, p, 1);
        assertEquals(0, p[0]);
        assertEquals(SMALL, p[1], 1e-22);
        assertEquals(LARGE, p[2], 1e-15);
        assertEquals(LARGE, p[3], 1e-15);
        assertTrue(p[2] < 1);
        Matrix single = new Matrix(2, 2);
        new SoftmaxCrossEntropy().predict(logits, single);
        assertEquals(1f, single.data()[1], "float32 rounds it to 1, the double path is needed");
    }

    @Test
    void sigmoidProbabilitiesKeepTheirDistanceFromOne() {
        double[] p = new double[2];
        new SigmoidBinaryCrossEntropy().predict(new Matrix(1, 2, new float[] {20, -20}), p, 0);
        assertEquals(1 / (1 + Math.exp(-20)), p[0], 1e-15);
        assertTrue(p[0] < 1);
        assertEquals(SMALL, p[1], 1e-22);
    }

    /** An ensemble's prediction is its members' mean (member-major rows): members [0, 20] and [20, 0] of one row give 1/2 each. */
    @Test
    void anEnsemblesMeanIsTakenInDouble() {
        Matrix logits = new Matrix(2, 2, new float[] {0, 20, 0, 40});
        double[] p = new double[2];
        new MemberMean(new SoftmaxCrossEntropy(), 2).predict(logits, p, 0);
        double small40 = 1 / (1 + Math.exp(40));
        assertEquals((SMALL + small40) / 2, p[0], 1e-22);
        assertEquals((LARGE + 1 - small40) / 2, p[1], 1e-15);
        assertTrue(p[1] < 1);
    }
}
