package org.dendrite.core.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.tensor.Matrix;

/**
 * The layer of {@link CategoryEmbeddingSpec}. Block b (inputs {@code [s_b, s_b + k_b)}, one-hot)
 * becomes the m values {@code e_b = x[s_b..s_b+k_b) E_b} (E_b: k_b x m, its own parameter
 * {@code embedding.b}): for a one-hot block, the row of E_b of its category. The other inputs pass
 * through; the output keeps the input order, each block replaced by its m values.
 *
 * <p>Backward, with g the upstream gradient: dE_b = x_b^T g_{e_b}, dx_b = E_b g_{e_b}, and a passed
 * input's gradient is its output's.
 */
public final class CategoryEmbeddingLayer implements Layer {
    private static final long serialVersionUID = 1L;

    private final int in;
    private final int out;
    private final int m;
    private final int[] start;
    private final int[] size;
    /** Where block b's m values start in the output. */
    private final int[] outStart;
    /** The passed-through inputs and their output positions. */
    private final int[] passIn;
    private final int[] passOut;
    private final List<Parameter> tables;
    private transient Matrix input;
    private transient Matrix output;
    private transient Matrix gradInput;

    CategoryEmbeddingLayer(int inputs, List<List<Integer>> blocks, int dimensions, RandomGenerator rng, String prefix) {
        this.in = inputs;
        this.m = dimensions;
        int nb = blocks.size();
        start = new int[nb];
        size = new int[nb];
        outStart = new int[nb];
        int embedded = 0;
        for (int b = 0; b < nb; b++) {
            start[b] = blocks.get(b).get(0);
            size[b] = blocks.get(b).get(1);
            embedded += size[b];
        }
        passIn = new int[inputs - embedded];
        passOut = new int[passIn.length];
        int o = 0, p = 0, b = 0;
        for (int i = 0; i < inputs; ) {
            if (b < nb && i == start[b]) {
                outStart[b] = o;
                o += m;
                i += size[b];
                b++;
            } else {
                passIn[p] = i++;
                passOut[p++] = o++;
            }
        }
        this.out = o;
        List<Parameter> ps = new ArrayList<>();
        for (int q = 0; q < nb; q++) {
            float[] e = new float[Math.multiplyExact(size[q], m)];
            for (int i = 0; i < e.length; i++) e[i] = (float) rng.nextGaussian();
            ps.add(new Parameter(prefix + "embedding." + q, e, true, size[q], m));
        }
        this.tables = List.copyOf(ps);
    }

    @Override public int inputWidth() { return in; }
    @Override public int outputWidth() { return out; }
    @Override public List<Parameter> parameters() { return tables; }

    @Override
    public Matrix forward(Matrix x, boolean training, RandomGenerator rng) {
        input = x;
        int n = x.rows();
        output = Matrix.reuse(output, n, out);
        float[] a = x.data(), y = output.data();
        for (int r = 0; r < n; r++) {
            int xo = r * in, yo = r * out;
            for (int p = 0; p < passIn.length; p++) y[yo + passOut[p]] = a[xo + passIn[p]];
            for (int b = 0; b < start.length; b++) {
                float[] e = tables.get(b).value();
                int eo = yo + outStart[b];
                Arrays.fill(y, eo, eo + m, 0f);
                for (int k = 0; k < size[b]; k++) {
                    float v = a[xo + start[b] + k];
                    if (v == 0f) continue;
                    for (int j = 0; j < m; j++) y[eo + j] += v * e[k * m + j];
                }
            }
        }
        return output;
    }

    @Override
    public Matrix backward(Matrix dy, boolean needInputGradient) {
        int n = input.rows();
        float[] a = input.data(), g = dy.data();
        for (Parameter t : tables) Arrays.fill(t.grad(), 0f);
        float[] dx = null;
        if (needInputGradient) {
            gradInput = Matrix.reuse(gradInput, n, in);
            dx = gradInput.data();
        }
        for (int r = 0; r < n; r++) {
            int xo = r * in, go = r * out;
            if (dx != null) {
                for (int p = 0; p < passIn.length; p++) dx[xo + passIn[p]] = g[go + passOut[p]];
            }
            for (int b = 0; b < start.length; b++) {
                float[] e = tables.get(b).value(), de = tables.get(b).grad();
                int eo = go + outStart[b];
                for (int k = 0; k < size[b]; k++) {
                    float v = a[xo + start[b] + k];
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        if (v != 0f) de[k * m + j] += v * g[eo + j];
                        s += e[k * m + j] * g[eo + j];
                    }
                    if (dx != null) dx[xo + start[b] + k] = (float) s;
                }
            }
        }
        return dx == null ? null : gradInput;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("category_embedding(");
        for (int b = 0; b < start.length; b++) sb.append(b == 0 ? "" : ", ").append(size[b]).append(" values");
        return sb.append(start.length == 0 ? "no nominal input with enough values" : " -> " + m + " each").append(", ")
                .append(passIn.length).append(" inputs passed)").toString();
    }
}
