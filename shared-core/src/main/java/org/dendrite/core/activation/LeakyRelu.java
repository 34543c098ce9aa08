package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/** Leaky ReLU (Maas et al. 2013): f(x) = x for x > 0, alpha*x otherwise. */
public record LeakyRelu(float alpha) implements ActivationFunction {
    public static final float DEFAULT_ALPHA = 0.01f;

    public LeakyRelu {
        if (!(alpha >= 0f && alpha < 1f)) {
            throw org.dendrite.core.check.Check.invalid("alpha", "Leaky ReLU alpha must be in [0, 1), got " + alpha);
        }
    }

    public LeakyRelu() { this(DEFAULT_ALPHA); }

    @Override public String name() { return "leaky_relu"; }
    @Override public Initializer defaultInitializer() { return Initializer.HE_NORMAL; }

    @Override
    public void forward(Matrix x, Matrix y) {
        float[] a = x.data(), b = y.data();
        // max(x, alpha x) equals the definition for alpha in [0, 1) and vectorizes (a branch per element does not)
        for (int i = 0, n = x.size(); i < n; i++) b[i] = Math.max(a[i], alpha * a[i]);
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        float[] a = x.data(), g = dy.data(), d = dx.data();
        // the slope max([x > 0], alpha) is exactly 1 or alpha, computed in vector code
        for (int i = 0, n = x.size(); i < n; i++) d[i] = g[i] * Math.max(Relu.step(Math.max(a[i], 0f)), alpha);
    }
}
