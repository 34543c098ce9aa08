package org.dendrite.core.loss;

import java.util.function.DoubleBinaryOperator;
import org.dendrite.core.tensor.Matrix;

/** The shared weighted-mean loop of the elementwise regression losses. */
final class Regression {
    private Regression() {}

    /** {@code value(d, p)} and {@code slope(d, p)} give l and dl/dd for the residual d = z - y and parameter p. */
    static double compute(Matrix z, Matrix target, float[] weights, Matrix grad, DoubleBinaryOperator value,
                          DoubleBinaryOperator slope, double p) {
        int n = z.rows(), c = z.cols();
        float[] a = z.data(), t = target.data();
        float[] g = grad == null ? null : grad.data();
        double wsum = Loss.meanDivisor(weights, n);
        double total = 0;
        for (int r = 0; r < n; r++) {
            double w = weights == null ? 1.0 : weights[r];
            double l = 0;
            for (int j = 0; j < c; j++) {
                int i = r * c + j;
                double d = (double) a[i] - t[i];
                l += value.applyAsDouble(d, p);
                if (g != null) {
                    g[i] = (float) (slope.applyAsDouble(d, p) * w / (wsum * c));
                }
            }
            total += w * l / c;
        }
        return total / wsum;
    }

    static void copy(Matrix from, Matrix to) {
        System.arraycopy(from.data(), 0, to.data(), 0, from.size());
    }
}
