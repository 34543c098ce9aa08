package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/**
 * GELU (Hendrycks and Gimpel 2016), exact form: f(x) = x Phi(x) with Phi the standard normal CDF,
 * f'(x) = Phi(x) + x phi(x).
 */
public record Gelu() implements ActivationFunction {
    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    @Override public String name() { return "gelu"; }
    @Override public Initializer defaultInitializer() { return Initializer.HE_NORMAL; }

    @Override
    public void forward(Matrix x, Matrix y) {
        float[] a = x.data(), b = y.data();
        for (int i = 0, n = x.size(); i < n; i++) {
            double v = a[i];
            b[i] = (float) (v * 0.5 * Erf.erfc(-v * INV_SQRT2));
        }
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        float[] a = x.data(), g = dy.data(), d = dx.data();
        for (int i = 0, n = x.size(); i < n; i++) {
            double v = a[i];
            double cdf = 0.5 * Erf.erfc(-v * INV_SQRT2);
            double pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
            d[i] = (float) (g[i] * (cdf + v * pdf));
        }
    }
}
