package org.dendrite.core.layer;

import java.util.random.RandomGenerator;
import org.dendrite.core.activation.RRelu;
import org.dendrite.core.tensor.Matrix;

/** Randomized leaky ReLU: random slopes in training, their mean at inference. See {@link RRelu}. */
public final class RReluLayer implements Layer {
    private static final long serialVersionUID = 1L;

    private final RRelu spec;
    private final int width;
    private transient Matrix slopes;
    private transient Matrix output;
    private transient Matrix gradInput;

    public RReluLayer(RRelu spec, int width) {
        this.spec = spec;
        this.width = width;
    }

    @Override public int inputWidth() { return width; }
    @Override public int outputWidth() { return width; }

    @Override
    public Matrix forward(Matrix x, boolean training, RandomGenerator rng) {
        int n = x.rows();
        output = Matrix.reuse(output, n, width);
        slopes = Matrix.reuse(slopes, n, width);
        float[] a = x.data(), y = output.data(), s = slopes.data();
        float lo = spec.lower(), span = spec.upper() - spec.lower(), mean = (spec.lower() + spec.upper()) / 2f;
        for (int i = 0, size = n * width; i < size; i++) {
            float v = a[i];
            if (v > 0f) {
                s[i] = 1f;
            } else {
                s[i] = training ? lo + span * rng.nextFloat() : mean;
            }
            y[i] = s[i] * v;
        }
        return output;
    }

    @Override
    public Matrix backward(Matrix dy, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        gradInput = Matrix.reuse(gradInput, dy.rows(), width);
        float[] g = dy.data(), s = slopes.data(), dx = gradInput.data();
        for (int i = 0, size = dy.size(); i < size; i++) dx[i] = s[i] * g[i];
        return gradInput;
    }

    @Override
    public String describe() {
        return "rrelu(" + spec.lower() + ".." + spec.upper() + ")";
    }
}
