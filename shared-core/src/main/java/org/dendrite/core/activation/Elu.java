package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/** ELU (Clevert et al. 2015): f(x) = x for x > 0, alpha (e^x - 1) otherwise; f'(x) = f(x) + alpha for x <= 0. */
public record Elu(float alpha) implements ActivationFunction {
    public static final float DEFAULT_ALPHA = 1f;

    public Elu {
        if (!(alpha > 0f) || Float.isInfinite(alpha)) {
            throw new IllegalArgumentException("ELU alpha must be a finite number > 0, got " + alpha);
        }
    }

    public Elu() { this(DEFAULT_ALPHA); }

    @Override public String name() { return "elu"; }
    @Override public Initializer defaultInitializer() { return Initializer.HE_NORMAL; }

    @Override
    public void forward(Matrix x, Matrix y) {
        float[] a = x.data(), b = y.data();
        for (int i = 0, n = x.size(); i < n; i++) b[i] = a[i] > 0f ? a[i] : alpha * (float) Math.expm1(a[i]);
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        float[] a = x.data(), f = y.data(), g = dy.data(), d = dx.data();
        for (int i = 0, n = x.size(); i < n; i++) d[i] = a[i] > 0f ? g[i] : g[i] * (f[i] + alpha);
    }
}
