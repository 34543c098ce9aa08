package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.tensor.Matrix;

/** The layer of {@link ScaleSpec}: y = x * (f s'), with the stored s' = s / f; ds' = f sum_rows(dy * x), dx = dy * f s'. */
public final class ScaleLayer implements Layer {
    private static final long serialVersionUID = 1L;

    private final int width;
    private final float factor;
    private final Parameter scale;
    private transient Matrix input;
    private transient Matrix output;
    private transient Matrix gradInput;

    ScaleLayer(ScaleSpec spec, int width, String prefix) {
        this.width = width;
        this.factor = (float) spec.rateFactor();
        float[] s = new float[width];
        java.util.Arrays.fill(s, 1f / factor);
        this.scale = new Parameter(prefix + "scale", s, false, width, width);
    }

    @Override public int inputWidth() { return width; }
    @Override public int outputWidth() { return width; }
    @Override public List<Parameter> parameters() { return List.of(scale); }

    @Override
    public Matrix forward(Matrix x, boolean training, RandomGenerator rng) {
        input = x;
        int n = x.rows();
        output = Matrix.reuse(output, n, width);
        float[] a = x.data(), y = output.data(), s = scale.value();
        for (int r = 0; r < n; r++) {
            int o = r * width;
            for (int j = 0; j < width; j++) y[o + j] = a[o + j] * (factor * s[j]);
        }
        return output;
    }

    @Override
    public Matrix backward(Matrix dy, boolean needInputGradient) {
        int n = input.rows();
        float[] a = input.data(), g = dy.data(), s = scale.value(), ds = scale.grad();
        java.util.Arrays.fill(ds, 0f);
        for (int r = 0; r < n; r++) {
            int o = r * width;
            for (int j = 0; j < width; j++) ds[j] += g[o + j] * a[o + j];
        }
        for (int j = 0; j < width; j++) ds[j] *= factor;
        if (!needInputGradient) return null;
        gradInput = Matrix.reuse(gradInput, n, width);
        float[] dx = gradInput.data();
        for (int r = 0; r < n; r++) {
            int o = r * width;
            for (int j = 0; j < width; j++) dx[o + j] = g[o + j] * (factor * s[j]);
        }
        return gradInput;
    }

    @Override
    public String describe() {
        return "scale(" + width + ", learnt " + factor + "x faster)";
    }
}
