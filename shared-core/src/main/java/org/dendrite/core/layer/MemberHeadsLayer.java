package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Gemm;
import org.dendrite.core.tensor.Matrix;

/**
 * The output layer of a {@code k}-member ensemble: each member has its own linear head,
 * {@code y[i B + b] = h[i B + b] W_i + b_i} on the member-major rows a {@link MemberScaleLayer}
 * started, so the output has {@code k B} rows (member i's predictions in block i). Weights are stored
 * as {@code k} consecutive {@code in x out} matrices; each head is initialized like the single output
 * layer ({@link Initializer#OUTPUT}), biases at 0.
 */
public final class MemberHeadsLayer implements Layer {
    private static final long serialVersionUID = 1L;

    private final int in;
    private final int out;
    private final int members;
    private final Parameter weight;
    private final Parameter bias;
    private transient Matrix input;
    private transient Matrix output;
    private transient Matrix gradInput;
    private transient Matrix block;
    private transient Matrix blockOut;
    private transient Matrix[] weightViews;
    private transient Matrix[] gradViews;

    public MemberHeadsLayer(int in, int out, int members, RandomGenerator rng) {
        this.in = in;
        this.out = out;
        this.members = members;
        float[] w = new float[Math.multiplyExact(Math.multiplyExact(in, out), members)];
        float[] one = new float[in * out];
        for (int i = 0; i < members; i++) {
            Initializer.OUTPUT.fill(one, in, out, rng);
            System.arraycopy(one, 0, w, i * in * out, in * out);
        }
        this.weight = new Parameter("output.weight", w, true, in, out);
        this.bias = new Parameter("output.bias", new float[out * members], false, in, out);
    }

    @Override public int inputWidth() { return in; }
    @Override public int outputWidth() { return out; }
    @Override public List<Parameter> parameters() { return List.of(weight, bias); }

    private Matrix view(Matrix[] views, float[] data, int i) {
        if (views[i] == null) {
            float[] own = new float[in * out];
            views[i] = new Matrix(in, out, own);
        }
        System.arraycopy(data, i * in * out, views[i].data(), 0, in * out);
        return views[i];
    }

    /** Copies rows [i n, (i + 1) n) of {@code m} into {@code target} (reused). */
    private static Matrix rows(Matrix m, int i, int n, Matrix target) {
        Matrix t = Matrix.reuse(target, n, m.cols());
        System.arraycopy(m.data(), i * n * m.cols(), t.data(), 0, n * m.cols());
        return t;
    }

    @Override
    public Matrix forward(Matrix h, boolean training, RandomGenerator rng) {
        if (h.cols() != in || h.rows() % members != 0) {
            throw new IllegalArgumentException("The heads take " + members + " member blocks of " + in + " inputs per row, got " + h.rows()
                    + " rows of " + h.cols());
        }
        input = h;
        int n = h.rows() / members;
        output = Matrix.reuse(output, h.rows(), out);
        if (weightViews == null) weightViews = new Matrix[members];
        float[] b = bias.value(), y = output.data();
        for (int i = 0; i < members; i++) {
            block = rows(h, i, n, block);
            blockOut = Matrix.reuse(blockOut, n, out);
            for (int r = 0; r < n; r++) System.arraycopy(b, i * out, blockOut.data(), r * out, out);
            Gemm.gemm(false, false, 1f, block, view(weightViews, weight.value(), i), 1f, blockOut);
            System.arraycopy(blockOut.data(), 0, y, i * n * out, n * out);
        }
        return output;
    }

    @Override
    public Matrix backward(Matrix dy, boolean needInputGradient) {
        int n = input.rows() / members;
        if (gradViews == null) gradViews = new Matrix[members];
        float[] dw = weight.grad(), db = bias.grad(), g = dy.data();
        java.util.Arrays.fill(db, 0f);
        if (needInputGradient) gradInput = Matrix.reuse(gradInput, input.rows(), in);
        for (int i = 0; i < members; i++) {
            block = rows(input, i, n, block);
            blockOut = rows(dy, i, n, blockOut);
            Matrix gw = gradViews[i] == null ? (gradViews[i] = new Matrix(in, out)) : gradViews[i];
            Gemm.gemm(true, false, 1f, block, blockOut, 0f, gw);
            System.arraycopy(gw.data(), 0, dw, i * in * out, in * out);
            for (int r = 0; r < n; r++) {
                int o = (i * n + r) * out;
                for (int j = 0; j < out; j++) db[i * out + j] += g[o + j];
            }
            if (needInputGradient) {
                Matrix dx = Matrix.reuse(block, n, in);
                Gemm.gemm(false, true, 1f, blockOut, view(weightViews == null ? (weightViews = new Matrix[members]) : weightViews,
                        weight.value(), i), 0f, dx);
                System.arraycopy(dx.data(), 0, gradInput.data(), i * n * in, n * in);
                block = dx;
            }
        }
        return needInputGradient ? gradInput : null;
    }

    @Override
    public String describe() {
        return "heads(" + members + " x dense(" + in + " -> " + out + "))";
    }
}
