package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.tensor.Matrix;

/**
 * The layer of {@link PeriodicEmbeddingSpec}: per embedded input j, {@code h = cos(2 pi w_j x_j + b_j)}
 * (F values), {@code e_j = h W_j + c_j} (m values); the output row is the embedded inputs' e_j in order,
 * followed by every input x_1, ..., x_d.
 *
 * <p>Backward, with g the upstream gradient: dc_j = g_{e_j}, dW_j = h^T g_{e_j},
 * dh = W_j g_{e_j}, dv = -sin(v) dh with v = 2 pi w_j x_j + b_j, dw_j = 2 pi x_j dv, db_j = dv,
 * dx_j = g_{x_j} + 2 pi w_j . dv (an input not embedded: dx_j = g_{x_j}).
 */
public final class PeriodicEmbeddingLayer implements Layer {
    private static final long serialVersionUID = 1L;
    private static final double TWO_PI = 2 * Math.PI;

    private final int d;
    /** The embedded inputs' indices, increasing (not final: a layer serialized before they existed reads them as every input). */
    private int[] idx;
    private final int f;
    private final int m;
    private final Parameter frequency;
    private final Parameter phase;
    private final Parameter weight;
    private final Parameter bias;
    private transient Matrix input;
    private transient Matrix output;
    private transient Matrix gradInput;
    /** cos(v) and sin(v) of the last forward, rows x embedded x F. */
    private transient float[] cos;
    private transient float[] sin;

    PeriodicEmbeddingLayer(PeriodicEmbeddingSpec spec, int inputs, int[] embedded, RandomGenerator rng, String prefix) {
        this.d = inputs;
        this.idx = embedded.clone();
        this.f = spec.frequencies();
        this.m = spec.dimensions();
        int e = idx.length;
        float[] w = new float[Math.multiplyExact(e, f)], b = new float[e * f];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (spec.sigma() * rng.nextGaussian());
            b[i] = (float) (Math.PI * (2 * rng.nextDouble() - 1));
        }
        double bound = 1 / Math.sqrt(f);
        float[] lw = new float[Math.multiplyExact(e * f, m)], lb = new float[e * m];
        for (int i = 0; i < lw.length; i++) lw[i] = (float) (bound * (2 * rng.nextDouble() - 1));
        for (int i = 0; i < lb.length; i++) lb[i] = (float) (bound * (2 * rng.nextDouble() - 1));
        this.frequency = new Parameter(prefix + "periodic.frequency", w, false, 1, f);
        this.phase = new Parameter(prefix + "periodic.phase", b, false, 1, f);
        this.weight = new Parameter(prefix + "periodic.weight", lw, true, f, m);
        this.bias = new Parameter(prefix + "periodic.bias", lb, false, f, m);
    }

    /** A layer Java-serialized before the embedded inputs existed (a Weka model file) embedded every input. */
    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (idx == null) idx = java.util.stream.IntStream.range(0, d).toArray();
    }

    @Override public int inputWidth() { return d; }
    @Override public int outputWidth() { return idx.length * m + d; }
    @Override public List<Parameter> parameters() { return List.of(frequency, phase, weight, bias); }

    @Override
    public Matrix forward(Matrix x, boolean training, RandomGenerator rng) {
        input = x;
        int n = x.rows(), e = idx.length, width = outputWidth();
        output = Matrix.reuse(output, n, width);
        int need = Math.toIntExact((long) n * e * f); // Network.requireFits keeps a batch's within an array
        if (cos == null || cos.length < need) {
            cos = new float[need];
            sin = new float[need];
        }
        float[] a = x.data(), y = output.data(), w = frequency.value(), b = phase.value(), lw = weight.value(), lb = bias.value();
        for (int r = 0; r < n; r++) {
            int yo = r * width;
            for (int t = 0; t < e; t++) {
                float xj = a[r * d + idx[t]];
                int ho = (r * e + t) * f;
                for (int k = 0; k < m; k++) y[yo + t * m + k] = lb[t * m + k];
                for (int q = 0; q < f; q++) {
                    double v = TWO_PI * w[t * f + q] * xj + b[t * f + q];
                    float c = (float) Math.cos(v);
                    cos[ho + q] = c;
                    sin[ho + q] = (float) Math.sin(v);
                    int wo = (t * f + q) * m;
                    for (int k = 0; k < m; k++) y[yo + t * m + k] += c * lw[wo + k];
                }
            }
            System.arraycopy(a, r * d, y, yo + e * m, d);
        }
        return output;
    }

    @Override
    public Matrix backward(Matrix dy, boolean needInputGradient) {
        int n = input.rows(), e = idx.length, width = outputWidth();
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
            // every input's own gradient; an embedded input's gets its embedding's added below
            if (dx != null) System.arraycopy(g, go + e * m, dx, r * d, d);
            for (int t = 0; t < e; t++) {
                int j = idx[t];
                float xj = a[r * d + j];
                int ho = (r * e + t) * f;
                double dxj = g[go + e * m + j];
                for (int k = 0; k < m; k++) dlb[t * m + k] += g[go + t * m + k];
                for (int q = 0; q < f; q++) {
                    int wo = (t * f + q) * m;
                    double dh = 0;
                    for (int k = 0; k < m; k++) {
                        float gk = g[go + t * m + k];
                        dlw[wo + k] += cos[ho + q] * gk;
                        dh += lw[wo + k] * gk;
                    }
                    double dv = -sin[ho + q] * dh;
                    dw[t * f + q] += (float) (TWO_PI * xj * dv);
                    db[t * f + q] += (float) dv;
                    dxj += TWO_PI * w[t * f + q] * dv;
                }
                if (dx != null) dx[r * d + j] = (float) dxj;
            }
        }
        return dx == null ? null : gradInput;
    }

    @Override
    public String describe() {
        return "periodic_embedding(" + (idx.length == d ? d + " inputs" : idx.length + " of " + d + " inputs") + " x " + m + " from " + f
                + " frequencies, then the " + d + " inputs)";
    }
}
