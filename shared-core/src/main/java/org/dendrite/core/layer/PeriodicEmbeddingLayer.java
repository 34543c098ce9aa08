package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.tensor.Matrix;

/**
 * The layer of {@link PeriodicEmbeddingSpec}: per input j, {@code h = cos(2 pi w_j x_j + b_j)} (F values),
 * {@code e_j = h W_j + c_j} (m values); the output row is e_1, ..., e_d followed by x_1, ..., x_d.
 *
 * <p>Backward, with g the upstream gradient: dc_j = g_{e_j}, dW_j = h^T g_{e_j},
 * dh = W_j g_{e_j}, dv = -sin(v) dh with v = 2 pi w_j x_j + b_j, dw_j = 2 pi x_j dv, db_j = dv,
 * dx_j = g_{x_j} + 2 pi w_j . dv.
 */
public final class PeriodicEmbeddingLayer implements Layer {
    private static final long serialVersionUID = 1L;
    private static final double TWO_PI = 2 * Math.PI;

    private final int d;
    private final int f;
    private final int m;
    private final Parameter frequency;
    private final Parameter phase;
    private final Parameter weight;
    private final Parameter bias;
    private transient Matrix input;
    private transient Matrix output;
    private transient Matrix gradInput;
    /** cos(v) and sin(v) of the last forward, rows x d x F. */
    private transient float[] cos;
    private transient float[] sin;

    PeriodicEmbeddingLayer(PeriodicEmbeddingSpec spec, int inputs, RandomGenerator rng, String prefix) {
        this.d = inputs;
        this.f = spec.frequencies();
        this.m = spec.dimensions();
        float[] w = new float[Math.multiplyExact(d, f)], b = new float[d * f];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (spec.sigma() * rng.nextGaussian());
            b[i] = (float) (Math.PI * (2 * rng.nextDouble() - 1));
        }
        double bound = 1 / Math.sqrt(f);
        float[] lw = new float[Math.multiplyExact(d * f, m)], lb = new float[d * m];
        for (int i = 0; i < lw.length; i++) lw[i] = (float) (bound * (2 * rng.nextDouble() - 1));
        for (int i = 0; i < lb.length; i++) lb[i] = (float) (bound * (2 * rng.nextDouble() - 1));
        this.frequency = new Parameter(prefix + "periodic.frequency", w, false, 1, f);
        this.phase = new Parameter(prefix + "periodic.phase", b, false, 1, f);
        this.weight = new Parameter(prefix + "periodic.weight", lw, true, f, m);
        this.bias = new Parameter(prefix + "periodic.bias", lb, false, f, m);
    }

    @Override public int inputWidth() { return d; }
    @Override public int outputWidth() { return d * (m + 1); }
    @Override public List<Parameter> parameters() { return List.of(frequency, phase, weight, bias); }

    @Override
    public Matrix forward(Matrix x, boolean training, RandomGenerator rng) {
        input = x;
        int n = x.rows(), width = d * (m + 1);
        output = Matrix.reuse(output, n, width);
        int need = Math.toIntExact((long) n * d * f); // Network.requireFits keeps a batch's within an array
        if (cos == null || cos.length < need) {
            cos = new float[need];
            sin = new float[need];
        }
        float[] a = x.data(), y = output.data(), w = frequency.value(), b = phase.value(), lw = weight.value(), lb = bias.value();
        for (int r = 0; r < n; r++) {
            int yo = r * width;
            for (int j = 0; j < d; j++) {
                float xj = a[r * d + j];
                int ho = (r * d + j) * f;
                for (int k = 0; k < m; k++) y[yo + j * m + k] = lb[j * m + k];
                for (int q = 0; q < f; q++) {
                    double v = TWO_PI * w[j * f + q] * xj + b[j * f + q];
                    float c = (float) Math.cos(v);
                    cos[ho + q] = c;
                    sin[ho + q] = (float) Math.sin(v);
                    int wo = (j * f + q) * m;
                    for (int k = 0; k < m; k++) y[yo + j * m + k] += c * lw[wo + k];
                }
                y[yo + d * m + j] = xj;
            }
        }
        return output;
    }

    @Override
    public Matrix backward(Matrix dy, boolean needInputGradient) {
        int n = input.rows(), width = d * (m + 1);
        float[] a = input.data(), g = dy.data(), w = frequency.value(), lw = weight.value();
        float[] dw = frequency.grad(), db = phase.grad(), dlw = weight.grad(), dlb = bias.grad();
        java.util.Arrays.fill(dw, 0f);
        java.util.Arrays.fill(db, 0f);
        java.util.Arrays.fill(dlw, 0f);
        java.util.Arrays.fill(dlb, 0f);
        float[] dx = null;
        if (needInputGradient) {
            gradInput = Matrix.reuse(gradInput, n, d);
            dx = gradInput.data();
        }
        for (int r = 0; r < n; r++) {
            int go = r * width;
            for (int j = 0; j < d; j++) {
                float xj = a[r * d + j];
                int ho = (r * d + j) * f;
                double dxj = g[go + d * m + j];
                for (int k = 0; k < m; k++) dlb[j * m + k] += g[go + j * m + k];
                for (int q = 0; q < f; q++) {
                    int wo = (j * f + q) * m;
                    double dh = 0;
                    for (int k = 0; k < m; k++) {
                        float gk = g[go + j * m + k];
                        dlw[wo + k] += cos[ho + q] * gk;
                        dh += lw[wo + k] * gk;
                    }
                    double dv = -sin[ho + q] * dh;
                    dw[j * f + q] += (float) (TWO_PI * xj * dv);
                    db[j * f + q] += (float) dv;
                    dxj += TWO_PI * w[j * f + q] * dv;
                }
                if (dx != null) dx[r * d + j] = (float) dxj;
            }
        }
        return dx == null ? null : gradInput;
    }

    @Override
    public String describe() {
        return "periodic_embedding(" + d + " inputs x (" + m + " from " + f + " frequencies + itself))";
    }
}
