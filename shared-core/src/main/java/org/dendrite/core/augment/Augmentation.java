package org.dendrite.core.augment;

import java.io.Serializable;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;
import org.dendrite.core.tensor.Matrix;

/**
 * Training-only data augmentation for tabular inputs (after preprocessing, so in standardized
 * units): Gaussian input noise x + N(0, noiseStd^2) (Bishop 1995: equivalent to Tikhonov
 * regularization), and mixup (Zhang et al. 2018): each row is blended with another row of the batch,
 * x = lambda x_i + (1 - lambda) x_j, with the targets blended the same way (class targets become class
 * distributions), lambda ~ Beta(mixupAlpha, mixupAlpha) drawn once per batch.
 */
public record Augmentation(double noiseStd, double mixupAlpha) implements Serializable {
    public static final Augmentation NONE = new Augmentation(0, 0);

    public Augmentation {
        // beyond float32 the noise made the inputs infinite, and the divergence that followed named other causes
        if (!(noiseStd >= 0 && noiseStd <= Float.MAX_VALUE)) {
            throw Check.invalid("noiseStd", "Invalid noiseStd: " + noiseStd + " (allowed: 0 to " + Float.MAX_VALUE + ", float32's largest; the "
                    + "inputs are standardized, so about 0.01 to 0.3)");
        }
        if (!(mixupAlpha >= 0) || Double.isInfinite(mixupAlpha)) {
            throw Check.invalid("mixupAlpha", "Invalid mixupAlpha: " + mixupAlpha + " (allowed: a finite number >= 0; 0 turns mixup off)");
        }
    }

    public boolean enabled() {
        return noiseStd > 0 || mixupAlpha > 0;
    }

    /**
     * Augments a batch into {@code xOut}/{@code yOut} (which are resized). For classification
     * ({@code classes > 0}) with mixup the targets become {@code n x classes} distributions. The rows'
     * instance weights {@code w} (null: all 1) are blended too: a mixed row weighs
     * W = lambda w_i + (1 - lambda) w_j, and its target is (lambda w_i y_i + (1 - lambda) w_j y_j) / W, so
     * that under cross-entropy each partner's target counts by its own weight, as lambda w_i L(y_i) +
     * (1 - lambda) w_j L(y_j) (the partner's weight was replaced by the row's: class weights of 9 gave
     * the weighted class share 0.70 instead of 0.90). Returns the weights to train with: {@code w}, or
     * {@code wOut} (at least n long) holding the blended ones.
     */
    public float[] apply(Matrix x, Matrix y, float[] w, int classes, RandomGenerator rng, Matrix xOut, Matrix yOut, float[] wOut) {
        int n = x.rows(), d = x.cols();
        float[] a = x.data(), o = xOut.data();
        float[] weights = w;
        System.arraycopy(a, 0, o, 0, n * d);
        if (mixupAlpha > 0) {
            double lambda = beta(mixupAlpha, rng);
            int[] perm = new int[n];
            org.dendrite.core.data.Seeds.permutation(rng, perm);
            float l = (float) lambda, m = 1f - l;
            for (int r = 0; r < n; r++) {
                int s = perm[r];
                for (int c = 0; c < d; c++) o[r * d + c] = l * a[r * d + c] + m * a[s * d + c];
            }
            float[] t = y.data(), u = yOut.data();
            if (w != null) {
                weights = wOut;
                for (int r = 0; r < n; r++) wOut[r] = l * w[r] + m * w[perm[r]];
            }
            if (classes > 0 && y.cols() == 1) {
                java.util.Arrays.fill(u, 0, n * classes, 0f);
                for (int r = 0; r < n; r++) {
                    u[r * classes + (int) t[r]] += w == null ? l : l * w[r] / wOut[r];
                    u[r * classes + (int) t[perm[r]]] += w == null ? m : m * w[perm[r]] / wOut[r];
                }
            } else {
                int k = y.cols();
                for (int r = 0; r < n; r++) {
                    float p = w == null ? l : l * w[r] / wOut[r], q = w == null ? m : m * w[perm[r]] / wOut[r];
                    for (int c = 0; c < k; c++) u[r * k + c] = p * t[r * k + c] + q * t[perm[r] * k + c];
                }
            }
        } else {
            System.arraycopy(y.data(), 0, yOut.data(), 0, y.size());
        }
        if (noiseStd > 0) {
            for (int i = 0; i < n * d; i++) o[i] += (float) (noiseStd * rng.nextGaussian());
        }
        return weights;
    }

    /** Target width after augmentation. */
    public int targetWidth(int targetWidth, int classes) {
        return mixupAlpha > 0 && classes > 0 && targetWidth == 1 ? classes : targetWidth;
    }

    /** Beta(a, a) as X / (X + Y) with X, Y ~ Gamma(a, 1). */
    public static double beta(double a, RandomGenerator rng) {
        double x = gamma(a, rng), y = gamma(a, rng);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    /** Gamma(a, 1) by Marsaglia and Tsang 2000, with the a < 1 boost U^(1/a). */
    static double gamma(double a, RandomGenerator rng) {
        if (a < 1) {
            return gamma(a + 1, rng) * Math.pow(rng.nextDouble(), 1 / a);
        }
        double d = a - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = rng.nextGaussian(), v = 1 + c * z;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
        }
    }
}
