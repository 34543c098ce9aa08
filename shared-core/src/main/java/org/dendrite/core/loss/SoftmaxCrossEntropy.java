package org.dendrite.core.loss;

import org.dendrite.core.activation.Softmax;
import org.dendrite.core.tensor.Matrix;

/**
 * Softmax followed by cross-entropy, fused for stability: l = logsumexp(z) - z_y, dl/dz = softmax(z) - onehot(y).
 * Targets are class indices (one column) or class distributions (one column per class, rows summing to 1).
 * With {@code labelSmoothing} e > 0 the target becomes (1 - e) onehot(y) + e / C, a distribution t
 * (1 - e) t + e / C, as in PyTorch's CrossEntropyLoss (Szegedy et al. 2016, "Rethinking the Inception
 * Architecture"): l = sum_j y_j (logsumexp(z) - z_j),
 * dl/dz = softmax(z) - y. It discourages over-confident outputs; the reported loss is then the smoothed one.
 */
public record SoftmaxCrossEntropy(double labelSmoothing) implements Loss {
    public SoftmaxCrossEntropy {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw org.dendrite.core.check.Check.invalid("labelSmoothing", "Invalid labelSmoothing: " + labelSmoothing + " (allowed: 0 <= e < 1)");
        }
    }

    /** Without label smoothing. */
    public SoftmaxCrossEntropy() {
        this(0);
    }

    @Override public String name() { return "softmax_cross_entropy"; }

    @Override
    public int outputWidth(int targetWidth, int classes) {
        return classes;
    }

    @Override
    public double compute(Matrix z, Matrix target, float[] weights, Matrix grad) {
        int n = z.rows(), c = z.cols();
        float[] a = z.data(), t = target.data();
        boolean indices = target.cols() == 1;
        double wsum = Loss.meanDivisor(weights, n);
        double total = 0;
        float[] g = grad == null ? null : grad.data();
        for (int r = 0; r < n; r++) {
            int o = r * c;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, a[o + j]);
            double sum = 0;
            // exp(z_j - max) once per element: into the gradient row (scaled to p_j below) when there is one
            for (int j = 0; j < c; j++) {
                double e = Math.exp(a[o + j] - max);
                sum += e;
                if (g != null) g[o + j] = (float) e;
            }
            double lse = max + Math.log(sum);
            double w = weights == null ? 1.0 : weights[r];
            double l;
            double off = labelSmoothing / c, on = 1 - labelSmoothing + off;
            if (indices && labelSmoothing == 0) {
                l = lse - a[o + (int) t[r]];
            } else if (indices) {
                double sz = 0;
                for (int j = 0; j < c; j++) sz += a[o + j];
                l = lse - (1 - labelSmoothing) * a[o + (int) t[r]] - off * sz;
            } else {
                l = 0;
                for (int j = 0; j < c; j++) l += ((1 - labelSmoothing) * t[o + j] + off) * (lse - a[o + j]);
            }
            total += w * l;
            if (g != null) {
                double scale = w / wsum, inv = 1 / sum;
                for (int j = 0; j < c; j++) {
                    double p = g[o + j] * inv;
                    double y = indices ? (j == (int) t[r] ? on : off) : (1 - labelSmoothing) * t[o + j] + off;
                    g[o + j] = (float) ((p - y) * scale);
                }
            }
        }
        return total / wsum;
    }

    @Override
    public void predict(Matrix output, Matrix prediction) {
        Softmax.softmaxRows(output.data(), prediction.data(), output.rows(), output.cols());
    }

    /** The softmax in double (float32 rounds a probability above 1 - 6e-8 to 1). */
    @Override
    public void predict(Matrix output, double[] prediction, int offset) {
        float[] a = output.data();
        int c = output.cols();
        for (int r = 0, rows = output.rows(); r < rows; r++) {
            int o = r * c;
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < c; j++) max = Math.max(max, a[o + j]);
            for (int j = 0; j < c; j++) sum += prediction[offset + o + j] = Math.exp(a[o + j] - max);
            for (int j = 0; j < c; j++) prediction[offset + o + j] /= sum;
        }
    }

    @Override
    public void validateTarget(Matrix target, int classes) {
        if (target.cols() == 1) {
            Targets.requireClassIndices(target, classes);
        } else if (target.cols() != classes) {
            throw new IllegalArgumentException("Softmax cross-entropy needs one class index per row or " + classes
                    + " class probabilities per row, got " + target.cols() + " target columns");
        }
    }
}
