package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/** Softplus: f(x) = ln(1 + e^x), computed stably; f'(x) = sigmoid(x). */
public record Softplus() implements ActivationFunction {
    @Override public String name() { return "softplus"; }
    @Override public Initializer defaultInitializer() { return Initializer.HE_NORMAL; }

    @Override
    public void forward(Matrix x, Matrix y) {
        float[] a = x.data(), b = y.data();
        for (int i = 0, n = x.size(); i < n; i++) {
            double v = a[i];
            b[i] = (float) (Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
        }
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        float[] a = x.data(), g = dy.data(), d = dx.data();
        for (int i = 0, n = x.size(); i < n; i++) d[i] = g[i] * Sigmoid.sigmoid(a[i]);
    }
}
