package org.dendrite.core.layer;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.tensor.Matrix;

/** Layer normalization: y = gamma (x - mean_row) / sqrt(var_row + eps) + beta; the same in training and inference. */
public final class LayerNormLayer implements Layer {
    private static final long serialVersionUID = 1L;

    private final LayerNormSpec spec;
    private final int width;
    private final Parameter gamma;
    private final Parameter beta;
    private transient Matrix xhat;
    private transient Matrix output;
    private transient Matrix gradInput;
    private transient double[] invStd;
    /** dL/dxhat of the last backward, reused across steps. */
    private transient float[] gradXhat;

    public LayerNormLayer(LayerNormSpec spec, int width, String namePrefix) {
        this.spec = spec;
        this.width = width;
        float[] ones = new float[width];
        Arrays.fill(ones, 1f);
        this.gamma = new Parameter(namePrefix + "gamma", ones, false, width, width);
        this.beta = new Parameter(namePrefix + "beta", new float[width], false, width, width);
    }

    @Override public int inputWidth() { return width; }
    @Override public int outputWidth() { return width; }
    @Override public List<Parameter> parameters() { return List.of(gamma, beta); }

    @Override
    public Matrix forward(Matrix x, boolean training, RandomGenerator rng) {
        int n = x.rows();
        output = Matrix.reuse(output, n, width);
        xhat = Matrix.reuse(xhat, n, width);
        if (invStd == null || invStd.length < n) {
            invStd = new double[n];
        }
        float[] a = x.data(), h = xhat.data(), y = output.data(), g = gamma.value(), b = beta.value();
        for (int r = 0; r < n; r++) {
            int o = r * width;
            double s = 0;
            for (int j = 0; j < width; j++) s += a[o + j];
            double mean = s / width;
            double ss = 0;
            for (int j = 0; j < width; j++) {
                double d = a[o + j] - mean;
                ss += d * d;
            }
            double is = 1.0 / Math.sqrt(ss / width + spec.epsilon());
            invStd[r] = is;
            for (int j = 0; j < width; j++) {
                h[o + j] = (float) ((a[o + j] - mean) * is);
                y[o + j] = g[j] * h[o + j] + b[j];
            }
        }
        return output;
    }

    @Override
    public Matrix backward(Matrix dy, boolean needInputGradient) {
        int n = dy.rows();
        float[] gy = dy.data(), h = xhat.data(), g = gamma.value(), dg = gamma.grad(), db = beta.grad();
        Arrays.fill(dg, 0f);
        Arrays.fill(db, 0f);
        for (int k = 0; k < n * width; k++) {
            dg[k % width] += gy[k] * h[k];
            db[k % width] += gy[k];
        }
        if (!needInputGradient) {
            return null;
        }
        gradInput = Matrix.reuse(gradInput, n, width);
        float[] dx = gradInput.data();
        if (gradXhat == null || gradXhat.length < n * width) gradXhat = new float[n * width];
        float[] gx = gradXhat;
        for (int k = 0; k < n * width; k++) gx[k] = gy[k] * g[k % width];
        for (int r = 0; r < n; r++) {
            Normalization.backward(h, gx, dx, r * width, 1, width, invStd[r]);
        }
        return gradInput;
    }

    @Override
    public String describe() {
        return "layer_norm(eps=" + spec.epsilon() + ")";
    }
}
