package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/** Hyperbolic tangent: f(x) = tanh(x), f'(x) = 1 - f(x)^2. */
public record Tanh() implements ActivationFunction {
    @Override public String name() { return "tanh"; }
    @Override public Initializer defaultInitializer() { return Initializer.XAVIER_UNIFORM; }

    @Override
    public void forward(Matrix x, Matrix y) {
        float[] a = x.data(), b = y.data();
        for (int i = 0, n = x.size(); i < n; i++) b[i] = (float) Math.tanh(a[i]);
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        float[] t = y.data(), g = dy.data(), d = dx.data();
        for (int i = 0, n = y.size(); i < n; i++) d[i] = g[i] * (1f - t[i] * t[i]);
    }
}
