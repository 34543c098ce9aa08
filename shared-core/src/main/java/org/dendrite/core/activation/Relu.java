package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/** Rectified linear unit (Nair and Hinton 2010): f(x) = max(0, x), f'(x) = [x > 0]. */
public record Relu() implements ActivationFunction {
    @Override public String name() { return "relu"; }
    @Override public Initializer defaultInitializer() { return Initializer.HE_NORMAL; }

    @Override
    public void forward(Matrix x, Matrix y) {
        float[] a = x.data(), b = y.data();
        for (int i = 0, n = x.size(); i < n; i++) b[i] = Math.max(a[i], 0f);
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        float[] a = x.data(), g = dy.data(), d = dx.data();
        for (int i = 0, n = x.size(); i < n; i++) d[i] = a[i] > 0f ? g[i] : 0f;
    }
}
