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
        // branch-free (the positive part plus alpha e^min(x,0) - 1), so the loop vectorizes
        for (int i = 0, n = x.size(); i < n; i++) b[i] = Math.max(a[i], 0f) + alpha * Tanh.expm1(Math.min(a[i], 0f));
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        float[] a = x.data(), f = y.data(), g = dy.data(), d = dx.data();
        // branch-free: 1 where x > 0, else f(x) + alpha (= alpha e^x, never above alpha), so the loop vectorizes
        for (int i = 0, n = x.size(); i < n; i++) {
            float s = step(a[i]);
            d[i] = g[i] * (s + (1f - s) * Math.min(f[i] + alpha, alpha));
        }
    }

    /** 1 for x > 0 (the least positive float too: x 2^200 >= 1), 0 for x <= 0, NaN for NaN; without a branch. */
    static float step(float x) {
        return Math.min(1f, Math.max(0f, x * 0x1p100f * 0x1p100f));
    }
}
