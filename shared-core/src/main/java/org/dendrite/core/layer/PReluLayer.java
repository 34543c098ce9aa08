package org.dendrite.core.layer;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.activation.PRelu;
import org.dendrite.core.tensor.Matrix;

/** Parametric ReLU with a learned slope per unit (or one shared slope). See {@link PRelu}. */
public final class PReluLayer implements Layer {
    private static final long serialVersionUID = 1L;

    private final PRelu spec;
    private final int width;
    private final Parameter slope;
    private transient Matrix input;
    private transient Matrix output;
    private transient Matrix gradInput;

    public PReluLayer(PRelu spec, int width) {
        this.spec = spec;
        this.width = width;
        float[] a = new float[spec.sharedSlope() ? 1 : width];
        Arrays.fill(a, spec.initialSlope());
        this.slope = new Parameter("slope", a, false, width, width);
    }

    @Override public int inputWidth() { return width; }
    @Override public int outputWidth() { return width; }
    @Override public List<Parameter> parameters() { return List.of(slope); }

    @Override
    public Matrix forward(Matrix x, boolean training, RandomGenerator rng) {
        input = x;
        output = Matrix.reuse(output, x.rows(), width);
        float[] a = x.data(), y = output.data(), s = slope.value();
        boolean shared = s.length == 1;
        for (int r = 0, n = x.rows(); r < n; r++) {
            int o = r * width;
            for (int j = 0; j < width; j++) {
                float v = a[o + j];
                y[o + j] = v > 0f ? v : s[shared ? 0 : j] * v;
            }
        }
        return output;
    }

    @Override
    public Matrix backward(Matrix dy, boolean needInputGradient) {
        float[] a = input.data(), g = dy.data(), s = slope.value(), ds = slope.grad();
        boolean shared = s.length == 1;
        Arrays.fill(ds, 0f);
        int n = dy.rows();
        float[] dx = null;
        if (needInputGradient) {
            gradInput = Matrix.reuse(gradInput, n, width);
            dx = gradInput.data();
        }
        for (int r = 0; r < n; r++) {
            int o = r * width;
            for (int j = 0; j < width; j++) {
                float v = a[o + j];
                int k = shared ? 0 : j;
                if (v > 0f) {
                    if (dx != null) dx[o + j] = g[o + j];
                } else {
                    ds[k] += g[o + j] * v;
                    if (dx != null) dx[o + j] = s[k] * g[o + j];
                }
            }
        }
        return needInputGradient ? gradInput : null;
    }

    @Override
    public String describe() {
        return "prelu(" + (spec.sharedSlope() ? "shared slope" : "slope per unit") + ")";
    }
}
