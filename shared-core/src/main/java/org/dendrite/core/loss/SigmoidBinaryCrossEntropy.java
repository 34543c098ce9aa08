package org.dendrite.core.loss;

import org.dendrite.core.activation.Sigmoid;
import org.dendrite.core.tensor.Matrix;

/**
 * Sigmoid followed by binary cross-entropy on each output, fused for stability (multi-label when
 * there are several outputs): l = mean_j [max(z,0) - z y + ln(1 + e^-|z|)], dl/dz = (sigmoid(z) - y) / outputs.
 */
public record SigmoidBinaryCrossEntropy() implements Loss {
    @Override public String name() { return "sigmoid_cross_entropy"; }

    @Override
    public int outputWidth(int targetWidth, int classes) {
        return targetWidth;
    }

    @Override
    public double compute(Matrix z, Matrix target, float[] weights, Matrix grad) {
        int n = z.rows(), c = z.cols();
        float[] a = z.data(), t = target.data();
        double wsum = Loss.meanDivisor(weights, n);
        float[] g = grad == null ? null : grad.data();
        double total = 0;
        for (int r = 0; r < n; r++) {
            double w = weights == null ? 1.0 : weights[r];
            double l = 0;
            for (int j = 0; j < c; j++) {
                int i = r * c + j;
                double x = a[i], y = t[i];
                l += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
                if (g != null) {
                    g[i] = (float) ((Sigmoid.sigmoid(a[i]) - y) * w / (wsum * c));
                }
            }
            total += w * l / c;
        }
        return total / wsum;
    }

    @Override
    public void predict(Matrix output, Matrix prediction) {
        float[] a = output.data(), p = prediction.data();
        for (int i = 0; i < output.size(); i++) p[i] = Sigmoid.sigmoid(a[i]);
    }

    /** The sigmoid in double (float32 rounds a probability above 1 - 6e-8 to 1). */
    @Override
    public void predict(Matrix output, double[] prediction, int offset) {
        float[] a = output.data();
        for (int i = 0; i < output.size(); i++) prediction[offset + i] = Sigmoid.sigmoid((double) a[i]);
    }

    @Override
    public void validateTarget(Matrix target, int classes) {
        Targets.requireProbabilities(target);
    }
}
