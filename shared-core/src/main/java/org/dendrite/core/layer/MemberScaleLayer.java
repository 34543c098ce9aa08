package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.tensor.Matrix;

/**
 * The input adapter of a parameter-efficient ensemble of {@code k} members (TabM-mini: Gorishniy,
 * Kotelnikov and Babenko, "TabM: Advancing Tabular Deep Learning with Parameter-Efficient
 * Ensembling", ICLR 2025): every input row is fed to each member scaled by that member's own vector,
 * {@code y[i B + b] = x[b] * r_i} (elementwise), so the rows of member i form block i of the output
 * ({@code k B} rows, member-major) and the layers after it are shared by all members. The scales start
 * as random signs (+1 or -1), which makes the members differ from the first step.
 *
 * <p>Backward: {@code dr_i = sum_b dy[i B + b] * x[b]}, {@code dx[b] = sum_i dy[i B + b] * r_i}.
 */
public final class MemberScaleLayer implements Layer {
    private static final long serialVersionUID = 1L;

    private final int width;
    private final int members;
    private final Parameter scale;
    private transient Matrix input;
    private transient Matrix output;
    private transient Matrix gradInput;

    public MemberScaleLayer(int width, int members, RandomGenerator rng) {
        this.width = width;
        this.members = members;
        float[] r = new float[Math.multiplyExact(width, members)];
        for (int i = 0; i < r.length; i++) r[i] = rng.nextBoolean() ? 1f : -1f;
        this.scale = new Parameter("members.scale", r, false, width, width);
    }

    public int members() { return members; }

    @Override public int inputWidth() { return width; }
    @Override public int outputWidth() { return width; }
    @Override public List<Parameter> parameters() { return List.of(scale); }

    @Override
    public Matrix forward(Matrix x, boolean training, RandomGenerator rng) {
        input = x;
        int n = x.rows();
        output = Matrix.reuse(output, members * n, width);
        float[] a = x.data(), y = output.data(), r = scale.value();
        for (int i = 0; i < members; i++) {
            int ro = i * width;
            for (int b = 0; b < n; b++) {
                int xo = b * width, yo = (i * n + b) * width;
                for (int j = 0; j < width; j++) y[yo + j] = a[xo + j] * r[ro + j];
            }
        }
        return output;
    }

    @Override
    public Matrix backward(Matrix dy, boolean needInputGradient) {
        int n = input.rows();
        float[] a = input.data(), g = dy.data(), r = scale.value(), dr = scale.grad();
        java.util.Arrays.fill(dr, 0f);
        for (int i = 0; i < members; i++) {
            int ro = i * width;
            for (int b = 0; b < n; b++) {
                int xo = b * width, go = (i * n + b) * width;
                for (int j = 0; j < width; j++) dr[ro + j] += g[go + j] * a[xo + j];
            }
        }
        if (!needInputGradient) {
            return null;
        }
        gradInput = Matrix.reuse(gradInput, n, width);
        float[] dx = gradInput.data();
        java.util.Arrays.fill(dx, 0, n * width, 0f);
        for (int i = 0; i < members; i++) {
            int ro = i * width;
            for (int b = 0; b < n; b++) {
                int xo = b * width, go = (i * n + b) * width;
                for (int j = 0; j < width; j++) dx[xo + j] += g[go + j] * r[ro + j];
            }
        }
        return gradInput;
    }

    @Override
    public String describe() {
        return "members(" + members + " x " + width + ", scaled copies of the input)";
    }
}
