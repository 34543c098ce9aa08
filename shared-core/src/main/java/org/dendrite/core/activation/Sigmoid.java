package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/** Logistic sigmoid: f(x) = 1 / (1 + e^-x), f'(x) = f(x) (1 - f(x)). */
public record Sigmoid() implements ActivationFunction {
    @Override public String name() { return "sigmoid"; }
    @Override public Initializer defaultInitializer() { return Initializer.XAVIER_UNIFORM; }

    /** Numerically stable for large |x| (never exponentiates a large positive number). */
    public static float sigmoid(float x) {
        return (float) sigmoid((double) x);
    }

    /** {@link #sigmoid(float)} in double. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * As a layer, (1 + tanh(x/2)) / 2 through {@link Tanh#of}: within 2e-7 of the exact value (ErfTest)
     * (relative precision is lost only where the value is below about 1e-6, which a hidden unit's
     * output never needs; the losses use {@link #sigmoid}), branch-free so the loop vectorizes.
     */
    @Override
    public void forward(Matrix x, Matrix y) {
        float[] a = x.data(), b = y.data();
        for (int i = 0, n = x.size(); i < n; i++) b[i] = ofTanh(a[i]);
    }

    /** The sigmoid a layer computes, (1 + tanh(x/2)) / 2 (see {@link #forward}); also softplus's derivative. */
    static float ofTanh(float x) {
        return 0.5f + 0.5f * Tanh.of(0.5f * x);
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        float[] s = y.data(), g = dy.data(), d = dx.data();
        for (int i = 0, n = y.size(); i < n; i++) d[i] = g[i] * s[i] * (1f - s[i]);
    }
}
