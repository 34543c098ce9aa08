package org.dendrite.core.activation;

import org.dendrite.core.layer.ActivationLayer;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.tensor.Matrix;

/**
 * A stateless activation: its value and its derivative, side by side, each as one tight loop over
 * a batch so the JIT can vectorize it.
 */
public interface ActivationFunction extends Activation {
    /**
     * {@code y = f(x)} for a {@code rows x cols} batch. {@code y} may be {@code x} itself: inference
     * runs in place, so an implementation reads each element (or, row-wise, each row) before writing it.
     */
    void forward(Matrix x, Matrix y);

    /** {@code dx = dL/dx} given {@code dy = dL/dy}, the input {@code x} and output {@code y} of {@link #forward}. */
    void backward(Matrix x, Matrix y, Matrix dy, Matrix dx);

    @Override
    default Layer newLayer(int width) {
        return new ActivationLayer(this, width);
    }
}
