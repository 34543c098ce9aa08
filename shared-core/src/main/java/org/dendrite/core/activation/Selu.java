package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/**
 * SELU (Klambauer et al. 2017, "Self-Normalizing Neural Networks"):
 * f(x) = lambda x for x > 0, lambda alpha (e^x - 1) otherwise. Self-normalizing with LeCun-normal
 * initialization and standardized inputs.
 */
public record Selu() implements ActivationFunction {
    public static final double ALPHA = 1.6732632423543772848170429916717;
    public static final double LAMBDA = 1.0507009873554804934193349852946;
    private static final float LA = (float) (LAMBDA * ALPHA);
    private static final float L = (float) LAMBDA;

    @Override public String name() { return "selu"; }
    @Override public Initializer defaultInitializer() { return Initializer.LECUN_NORMAL; }

    @Override
    public void forward(Matrix x, Matrix y) {
        float[] a = x.data(), b = y.data();
        // branch-free (the positive part plus the negative part's lambda alpha e^min(x,0) - 1), so the loop vectorizes
        for (int i = 0, n = x.size(); i < n; i++) b[i] = L * Math.max(a[i], 0f) + LA * Tanh.expm1(Math.min(a[i], 0f));
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        float[] a = x.data(), f = y.data(), g = dy.data(), d = dx.data();
        // branch-free: lambda where x > 0, else f(x) + lambda alpha (= lambda alpha e^x, never above lambda alpha), so the loop vectorizes
        for (int i = 0, n = x.size(); i < n; i++) {
            float s = Elu.step(a[i]);
            d[i] = g[i] * (L * s + (1f - s) * Math.min(f[i] + LA, LA));
        }
    }
}
