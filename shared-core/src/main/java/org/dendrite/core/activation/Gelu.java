package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/**
 * GELU (Hendrycks and Gimpel 2016), exact form: f(x) = x Phi(x) with Phi(x) = (1 + erf(x / sqrt 2)) / 2
 * the standard normal CDF, f'(x) = Phi(x) + x phi(x) with phi(x) = e^(-x^2/2) / sqrt(2 pi), in float
 * through {@link Erf#of} and {@link Tanh#expm1} (as PyTorch computes it in float: 1 + erf, whose
 * cancellation for x < 0 leaves an absolute error of a few 1e-7 times |x|), branch-free so the loops
 * vectorize.
 */
public record Gelu() implements ActivationFunction {
    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));
    private static final float INV_SQRT_2PI = (float) (1.0 / Math.sqrt(2.0 * Math.PI));

    @Override public String name() { return "gelu"; }
    @Override public Initializer defaultInitializer() { return Initializer.HE_NORMAL; }

    @Override
    public void forward(Matrix x, Matrix y) {
        float[] a = x.data(), b = y.data();
        for (int i = 0, n = x.size(); i < n; i++) {
            float v = a[i];
            b[i] = 0.5f * v * (1f + Erf.of(v * INV_SQRT2));
        }
    }

    /** {@code dx} must not be {@code x} or {@code dy} (it holds a partial result between two loops). */
    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        float[] a = x.data(), g = dy.data(), d = dx.data();
        int n = x.size();
        // two loops, each small enough for the JIT to unroll and vectorize (one loop of both stays scalar, 16 ns a value):
        // e^(-x^2/2) - 1 first, in dx, then the derivative
        for (int i = 0; i < n; i++) d[i] = Tanh.expm1(-0.5f * a[i] * a[i]);
        for (int i = 0; i < n; i++) {
            float v = a[i];
            d[i] = g[i] * (0.5f * (1f + Erf.of(v * INV_SQRT2)) + v * INV_SQRT_2PI * (1f + d[i]));
        }
    }
}
