package org.dendrite.core.loss;

import org.dendrite.core.check.Check;
import org.dendrite.core.tensor.Matrix;

/**
 * The loss of a {@code members}-member ensemble whose network outputs {@code members} blocks of
 * rows, member-major (see {@code layer.MemberHeadsLayer}): training minimizes the mean of the members'
 * losses, each member against the batch's targets (not the loss of the mean prediction, which would
 * let members specialize instead of each learning the task; TabM, Gorishniy et al. 2025), and the
 * prediction is the mean of the members' predictions (class probabilities, or values).
 */
public record MemberMean(Loss loss, int members) implements Loss {
    public MemberMean {
        if (loss == null || loss instanceof MemberMean) {
            throw Check.invalid("loss", "An ensemble's loss needs a plain base loss, got " + loss);
        }
        Check.atLeast("members", members, 1);
    }

    @Override public String name() { return "member_mean"; }

    @Override
    public int outputWidth(int targetWidth, int classes) {
        return loss.outputWidth(targetWidth, classes);
    }

    /**
     * With every member's rows weighted as the batch's, the weighted mean over all {@code k n} rows is
     * the mean of the members' weighted mean losses, and its gradient is theirs divided by k.
     */
    @Override
    public double compute(Matrix output, Matrix target, float[] weights, Matrix grad) {
        if (members == 1) {
            return loss.compute(output, target, weights, grad);
        }
        int n = target.rows();
        requireBlocks(output, n);
        Matrix t = new Matrix(members * n, target.cols());
        float[] w = weights == null ? null : new float[members * n];
        for (int i = 0; i < members; i++) {
            System.arraycopy(target.data(), 0, t.data(), i * n * target.cols(), n * target.cols());
            if (w != null) System.arraycopy(weights, 0, w, i * n, n);
        }
        return loss.compute(output, t, w, grad);
    }

    /** Each member's weighted mean loss on the batch (its block of {@code output}'s rows), for the history's per-member curves. */
    public double[] memberLosses(Matrix output, Matrix target, float[] weights) {
        int n = target.rows(), width = output.cols();
        requireBlocks(output, n);
        double[] out = new double[members];
        Matrix block = new Matrix(n, width);
        for (int i = 0; i < members; i++) {
            System.arraycopy(output.data(), i * n * width, block.data(), 0, n * width);
            out[i] = loss.compute(block, target, weights, null);
        }
        return out;
    }

    @Override
    public void predict(Matrix output, Matrix prediction) {
        if (members == 1) {
            loss.predict(output, prediction);
            return;
        }
        double[] mean = new double[prediction.size()];
        predict(output, mean, 0);
        float[] p = prediction.data();
        for (int k = 0; k < mean.length; k++) p[k] = (float) mean[k];
    }

    /** The members' mean prediction, each member's in double where its loss computes one so. */
    @Override
    public void predict(Matrix output, double[] prediction, int offset) {
        if (members == 1) {
            loss.predict(output, prediction, offset);
            return;
        }
        int n = output.rows() / members, width = output.cols();
        requireBlocks(output, n);
        double[] each = new double[output.rows() * width];
        loss.predict(output, each, 0);
        for (int k = 0; k < n * width; k++) {
            double s = 0;
            for (int i = 0; i < members; i++) s += each[i * n * width + k];
            prediction[offset + k] = s / members;
        }
    }

    private void requireBlocks(Matrix output, int n) {
        if (output.rows() != members * n) {
            throw new IllegalArgumentException("An ensemble of " + members + " members outputs " + members + " x " + n + " rows for " + n
                    + " rows, got " + output.rows());
        }
    }

    @Override
    public void validateTarget(Matrix target, int classes) {
        loss.validateTarget(target, classes);
    }
}
