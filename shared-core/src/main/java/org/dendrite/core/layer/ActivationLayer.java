package org.dendrite.core.layer;

import java.util.random.RandomGenerator;
import org.dendrite.core.activation.ActivationFunction;
import org.dendrite.core.tensor.Matrix;

/** Applies a stateless activation function elementwise (or row-wise for softmax). */
public final class ActivationLayer implements Layer {
    private static final long serialVersionUID = 1L;

    private final ActivationFunction function;
    private final int width;
    private transient Matrix input;
    private transient Matrix output;
    private transient Matrix gradInput;

    public ActivationLayer(ActivationFunction function, int width) {
        this.function = function;
        this.width = width;
    }

    public ActivationFunction function() { return function; }

    @Override public int inputWidth() { return width; }
    @Override public int outputWidth() { return width; }

    @Override
    public Matrix forward(Matrix x, boolean training, RandomGenerator rng) {
        input = x;
        output = Matrix.reuse(output, x.rows(), width);
        function.forward(x, output);
        return output;
    }

    /**
     * Inference overwriting {@code x} with {@code f(x)} (no output buffer to fill and read back):
     * only for an {@code x} that nothing reads afterwards, i.e. another layer's inference output.
     */
    public Matrix forwardInPlace(Matrix x) {
        function.forward(x, x);
        return x;
    }

    @Override
    public Matrix backward(Matrix dy, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        gradInput = Matrix.reuse(gradInput, dy.rows(), width);
        function.backward(input, output, dy, gradInput);
        return gradInput;
    }

    @Override
    public String describe() {
        return function.name();
    }
}
