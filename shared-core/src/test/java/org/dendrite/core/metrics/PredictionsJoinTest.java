package org.dendrite.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/** Predictions of parts of the rows (as Spark partitions make them), joined, equal the predictions of all rows at once. */
class PredictionsJoinTest {
    private static Dataset rows(int from, int to, float[][] x, float[] y, float[] w) {
        int n = to - from, d = x[0].length;
        Matrix f = new Matrix(n, d), t = new Matrix(n, 1);
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[from + i], 0, f.data(), i * d, d);
            t.data()[i] = y[from + i];
        }
        return new Dataset(f, t, w == null ? null : java.util.Arrays.copyOfRange(w, from, to));
    }

    @Test
    void joinedPartsEqualTheWhole() {
        Random r = new Random(2);
        int n = 50;
        float[][] x = new float[n][3];
        float[] y = new float[n], w = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) x[i][j] = (float) r.nextGaussian();
            y[i] = r.nextInt(3);
            w[i] = 0.5f + r.nextInt(3);
        }
        Network net = Network.build(new NetworkSpec(List.of(new org.dendrite.core.layer.DenseSpec(8, new org.dendrite.core.activation.Relu()))), 3, 3, 7);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        for (float[] weights : new float[][] {w, null}) {
            Evaluation.Predictions whole = Evaluation.Predictions.of(net, loss, rows(0, n, x, y, weights));
            Evaluation.Predictions joined = Evaluation.Predictions.join(List.of(Evaluation.Predictions.of(net, loss, rows(0, 17, x, y, weights)),
                    Evaluation.Predictions.of(net, loss, rows(17, 18, x, y, weights)), Evaluation.Predictions.of(net, loss, rows(18, n, x, y, weights))));
            assertArrayEquals(whole.predictions(), joined.predictions());
            assertArrayEquals(whole.labels(), joined.labels());
            if (weights == null) assertNull(joined.weights());
            else assertArrayEquals(whole.weights(), joined.weights());
            assertEquals(whole.weightSum(), joined.weightSum(), 1e-9);
            assertEquals(whole.meanLoss(), joined.meanLoss(), 1e-6);
        }
        // a part without weights weighs 1 a row beside weighted parts
        Evaluation.Predictions mixed = Evaluation.Predictions.join(List.of(Evaluation.Predictions.of(net, loss, rows(0, 2, x, y, null)),
                Evaluation.Predictions.of(net, loss, rows(2, 4, x, y, w))));
        assertArrayEquals(new float[] {1, 1, w[2], w[3]}, mixed.weights());
    }
}
