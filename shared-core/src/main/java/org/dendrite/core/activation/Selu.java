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

    /** ELU's loops scaled by lambda ({@link Elu#forward(float[], float[], int, float, float)}). */
    @Override
    public void forward(Matrix x, Matrix y) {
        Elu.forward(x.data(), y.data(), x.size(), L, LA);
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        Elu.backward(x.data(), y.data(), dy.data(), dx.data(), x.size(), L, LA);
    }
}
