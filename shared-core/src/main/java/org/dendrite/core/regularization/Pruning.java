package org.dendrite.core.regularization;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * Magnitude pruning (Han et al. 2015): the weights (not biases) with the smallest absolute values,
 * counted over the whole network, are set to zero until {@code targetSparsity} of them are zero.
 * Once ({@code startEpoch == endEpoch}: at that epoch) or gradually with the cubic schedule of Zhu and
 * Gupta 2017, s(e) = s_f (1 - (1 - (e - start) / (end - start))^3) for start <= e <= end. Pruned
 * weights stay zero: the trainer re-applies the mask after every optimizer step. Early stopping
 * watches the epochs from {@code endEpoch} on (an earlier best epoch's weights, restored, were less
 * sparse than the target: before the pruning, a model of sparsity 0).
 */
public record Pruning(double targetSparsity, int startEpoch, int endEpoch) implements Serializable {
    public static final Pruning NONE = new Pruning(0, 0, 0);

    public Pruning {
        if (!(targetSparsity >= 0 && targetSparsity < 1)) {
            throw Check.invalid("targetSparsity", "Invalid target sparsity: " + targetSparsity + " (allowed: 0 <= sparsity < 1)");
        }
        if (startEpoch < 0 || endEpoch < startEpoch) {
            throw Check.invalid("startEpoch", "Invalid pruning epochs: start " + startEpoch + ", end " + endEpoch
                    + " (allowed: 0 <= start <= end)");
        }
    }

    public boolean enabled() {
        return targetSparsity > 0;
    }

    /** The sparsity to reach after epoch {@code epoch} (1-based count of finished epochs); NaN before pruning starts. */
    public double sparsityAt(int epoch) {
        if (!enabled() || epoch < startEpoch) return Double.NaN;
        if (epoch >= endEpoch || endEpoch == startEpoch) return targetSparsity;
        double f = 1 - (double) (epoch - startEpoch) / (endEpoch - startEpoch);
        return targetSparsity * (1 - f * f * f);
    }

    /**
     * Zeroes the smallest-magnitude weights of {@code parameters} (those marked regularized) so that
     * at least {@code sparsity} of them are zero; returns the achieved fraction of zero weights.
     */
    public static double prune(List<Parameter> parameters, double sparsity) {
        pruneMask(parameters, sparsity, null, q -> false);
        return sparsity(parameters);
    }

    /**
     * Zeroes the weights of {@code parameters} (those marked regularized) that {@code previous} pruned
     * (null: none; masks only grow, as Zhu and Gupta's and PyTorch's iterative pruning) and then the
     * smallest-magnitude others (ties in the parameters' order) until ceil(sparsity x N) are pruned;
     * returns which: per such parameter 0 where pruned, 1 elsewhere. A weight that is zero without being
     * pruned (an L1 step's) is not held and may move again (every zero weight was held: 80 where 11
     * were pruned). The weights {@code held} keeps (a warm start's frozen layers) are neither pruned
     * nor counted: the sparsity is the trained weights'.
     */
    static List<float[]> pruneMask(List<Parameter> parameters, double sparsity, List<float[]> previous,
                                   java.util.function.Predicate<Parameter> held) {
        // the mask has an entry per regularized parameter (all 1 for a held one); the pruning works on the others
        List<float[]> mask = new ArrayList<>();
        List<Parameter> weights = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        int total = 0, pruned = 0;
        for (Parameter p : parameters) {
            if (!p.regularized()) continue;
            float[] keep = new float[p.size()];
            Arrays.fill(keep, 1f);
            if (!held.test(p)) {
                if (previous != null) {
                    float[] before = previous.get(mask.size());
                    for (int i = 0; i < keep.length; i++) if (before[i] == 0f) { keep[i] = 0f; pruned++; }
                }
                weights.add(p);
                masks.add(keep);
                total += p.size();
            }
            mask.add(keep);
        }
        int k = (int) Math.ceil(sparsity * total);
        if (k > pruned) {
            float[] mags = new float[total - pruned];
            int o = 0;
            for (int q = 0; q < weights.size(); q++) {
                float[] w = weights.get(q).value(), z = masks.get(q);
                for (int i = 0; i < w.length; i++) if (z[i] != 0f) mags[o++] = Math.abs(w[i]);
            }
            Arrays.sort(mags);
            float threshold = mags[k - pruned - 1];
            // the others strictly below the threshold, then ties at the threshold until k are pruned
            for (int q = 0; q < weights.size(); q++) {
                float[] w = weights.get(q).value(), z = masks.get(q);
                for (int i = 0; i < w.length; i++) if (z[i] != 0f && Math.abs(w[i]) < threshold) { z[i] = 0f; pruned++; }
            }
            for (int q = 0; q < weights.size(); q++) {
                float[] w = weights.get(q).value(), z = masks.get(q);
                for (int i = 0; i < w.length && pruned < k; i++) if (z[i] != 0f && Math.abs(w[i]) == threshold) { z[i] = 0f; pruned++; }
            }
        }
        zeroPruned(parameters, mask, false);
        return mask;
    }

    /** The fraction of weights (parameters marked regularized) that are exactly zero. */
    public static double sparsity(List<Parameter> parameters) {
        long zeros = 0, total = 0;
        for (Parameter p : parameters) {
            if (!p.regularized()) continue;
            for (float w : p.value()) if (w == 0f) zeros++;
            total += p.size();
        }
        return total == 0 ? 0 : (double) zeros / total;
    }

    /** Re-zeroes the weights {@code mask} marks as pruned (zero there; {@link #afterEpoch}). */
    public static void keepPruned(List<Parameter> parameters, List<float[]> mask) {
        zeroPruned(parameters, mask, false);
    }

    /** Zeroes the pruned weights' gradients (as PyTorch's pruning gives them: a masked weight's gradient is 0). */
    public static void zeroPrunedGradients(List<Parameter> parameters, List<float[]> mask) {
        zeroPruned(parameters, mask, true);
    }

    private static void zeroPruned(List<Parameter> parameters, List<float[]> mask, boolean gradients) {
        int m = 0;
        for (Parameter p : parameters) {
            if (!p.regularized()) continue;
            float[] w = gradients ? p.grad() : p.value(), z = mask.get(m++);
            for (int i = 0; i < w.length; i++) if (z[i] == 0f) w[i] = 0f;
        }
    }

    /**
     * The pruning schedule's work at the end of epoch {@code epochsDone} (1-based): prunes to the
     * scheduled sparsity when one is due and returns the new mask (zero where pruned, for
     * {@link #keepPruned} after every step), else {@code mask} unchanged (null before the first pruning);
     * the weights {@code held} keeps are left as they are.
     */
    public List<float[]> afterEpoch(List<Parameter> parameters, int epochsDone, List<float[]> mask, java.util.function.Predicate<Parameter> held) {
        if (!enabled() || epochsDone < startEpoch) {
            return mask;
        }
        double target = sparsityAt(epochsDone);
        if (Double.isNaN(target) || (epochsDone > endEpoch && mask != null)) {
            return mask;
        }
        return pruneMask(parameters, target, mask, held);
    }
}
