package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/** ELU (Clevert et al. 2015): f(x) = x for x > 0, alpha (e^x - 1) otherwise; f'(x) = f(x) + alpha for x <= 0. */
public record Elu(float alpha) implements ActivationFunction {
    public static final float DEFAULT_ALPHA = 1f;

    public Elu {
        if (!(alpha > 0f) || Float.isInfinite(alpha)) {
            throw org.dendrite.core.check.Check.invalid("alpha", "ELU alpha must be a finite number > 0, got " + alpha);
        }
    }

    public Elu() { this(DEFAULT_ALPHA); }

    @Override public String name() { return "elu"; }
    @Override public Initializer defaultInitializer() { return Initializer.HE_NORMAL; }

    @Override
    public void forward(Matrix x, Matrix y) {
        forward(x.data(), y.data(), x.size(), 1f, alpha);
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        backward(x.data(), y.data(), dy.data(), dx.data(), x.size(), 1f, alpha);
    }

    /**
     * {@code b = scale max(a, 0) + scaleAlpha (e^min(a, 0) - 1)} over {@code n} values: ELU (scale 1)
     * and SELU (scale lambda). Branch-free (the positive part plus the negative part), so the loop
     * vectorizes.
     */
    static void forward(float[] a, float[] b, int n, float scale, float scaleAlpha) {
        for (int i = 0; i < n; i++) b[i] = scale * Math.max(a[i], 0f) + scaleAlpha * Tanh.expm1(Math.min(a[i], 0f));
    }

    /**
     * The input gradient {@code d} of {@link #forward(float[], float[], int, float, float)} given its
     * input {@code a}, output {@code f} and output gradient {@code g}: {@code scale} where a > 0, else
     * f + scaleAlpha (= scaleAlpha e^a, never above scaleAlpha), without a branch (ReLU's step of
     * max(a, 0)), so the loop vectorizes.
     */
    static void backward(float[] a, float[] f, float[] g, float[] d, int n, float scale, float scaleAlpha) {
        for (int i = 0; i < n; i++) {
            float s = Relu.step(Math.max(a[i], 0f));
            d[i] = g[i] * (scale * s + (1f - s) * Math.min(f[i] + scaleAlpha, scaleAlpha));
        }
    }
}
