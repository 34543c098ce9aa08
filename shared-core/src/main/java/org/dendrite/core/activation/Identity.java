package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/** Identity (linear): f(x) = x, f'(x) = 1. */
public record Identity() implements ActivationFunction {
    @Override public String name() { return "identity"; }
    @Override public Initializer defaultInitializer() { return Initializer.XAVIER_UNIFORM; }

    @Override
    public void forward(Matrix x, Matrix y) {
        System.arraycopy(x.data(), 0, y.data(), 0, x.size());
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        System.arraycopy(dy.data(), 0, dx.data(), 0, dy.size());
    }
}
