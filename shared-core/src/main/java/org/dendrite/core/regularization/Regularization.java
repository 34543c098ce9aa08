package org.dendrite.core.regularization;

import java.io.Serializable;
import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.DenseLayer;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.layer.Parameter;

/**
 * Weight penalties and constraints, applied by the trainer around the optimizer step.
 *
 * <p>Penalty added to the batch loss (the loss is a weighted <em>mean</em> over the batch):
 * {@code l1 * sum|w| + l2 / 2 * sum w^2}, over weights only unless {@code includeBiases}. Its
 * gradient {@code l1 sign(w) + l2 w} is added before the optimizer step (DL4J's BEFORE_UPDATER), so
 * {@code l2} equals PyTorch SGD's {@code weight_decay}. Written against a summed loss over m rows
 * the same penalty reads {@code lambda/(2m) sum w^2} with {@code lambda = m l2}: the lambda/2m form of
 * the Imperial College feed-forward networks lecture (Lluis Guasch). Elastic net is {@code l1 > 0} and {@code l2 > 0} together (see {@link #elasticNet}).
 * Decoupled weight decay belongs to the optimizer (AdamW), not here.
 *
 * <p>With {@code proximalL1} the L1 term is not differentiated but applied after each step as the
 * proximal (soft-threshold) operator {@code w = sign(w) max(|w| - lr l1, 0)} (ISTA; Tibshirani 1996,
 * Beck and Teboulle 2009), which drives weights to exact zeros; exact for plain SGD, a common
 * heuristic for adaptive optimizers.
 *
 * <p>{@code maxNorm} > 0 constrains each unit's incoming weight vector to L2 norm at most maxNorm
 * after every step (Srivastava et al. 2014).
 *
 * <p>{@code l2FullRows} > 0: the L2 penalty is meant for a training set of up to that many rows and
 * weakens as 1/n beyond it, {@code l2 * l2FullRows / n} for n training rows: what a fixed penalty on
 * the <em>summed</em> loss (a fixed Gaussian prior on the weights) is on the mean loss, so a large
 * dataset is not held back by a penalty sized for a small one. {@link #forRows} applies it when
 * training starts (the trained model's configuration holds the L2 used, with {@code l2FullRows} 0);
 * 0 = the L2 as given at any size.
 */
public record Regularization(double l1, double l2, boolean proximalL1, boolean includeBiases, double maxNorm, long l2FullRows)
        implements Serializable {
    public static final Regularization NONE = new Regularization(0, 0, false, false, 0);

    public Regularization {
        check("l1", l1);
        check("l2", l2);
        check("maxNorm", maxNorm);
        if (l2FullRows < 0) {
            throw Check.invalid("l2FullRows", "Invalid l2FullRows: " + l2FullRows
                    + " (allowed: 0 = the L2 as given at any size, or the training rows up to which it applies in full)");
        }
    }

    /** The L2 as given at any size ({@code l2FullRows} 0). */
    public Regularization(double l1, double l2, boolean proximalL1, boolean includeBiases, double maxNorm) {
        this(l1, l2, proximalL1, includeBiases, maxNorm, 0);
    }

    /** This penalty for {@code rows} training rows: the L2 weakened beyond {@code l2FullRows} rows, which becomes 0. */
    public Regularization forRows(long rows) {
        if (l2FullRows == 0) {
            return this;
        }
        double l = rows > l2FullRows ? l2 * l2FullRows / rows : l2;
        return new Regularization(l1, l, proximalL1, includeBiases, maxNorm, 0);
    }

    /** This penalty with L2 {@code v} (the rest unchanged). */
    public Regularization withL2(double v) {
        return new Regularization(l1, v, proximalL1, includeBiases, maxNorm, l2FullRows);
    }

    /** This penalty with L1 {@code v} (the rest unchanged). */
    public Regularization withL1(double v) {
        return new Regularization(v, l2, proximalL1, includeBiases, maxNorm, l2FullRows);
    }

    /** Elastic net: {@code lambda * (ratio * L1 + (1 - ratio) * L2)} with ratio in [0, 1]. */
    public static Regularization elasticNet(double lambda, double l1Ratio) {
        if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
            throw Check.invalid("l1Ratio", "Invalid elastic-net l1Ratio: " + l1Ratio + " (allowed: 0 <= l1Ratio <= 1)");
        }
        return new Regularization(lambda * l1Ratio, lambda * (1 - l1Ratio), false, false, 0);
    }

    private static void check(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw Check.invalid(name, "Invalid " + name + ": " + v + " (allowed: a finite number >= 0)");
        }
    }

    public boolean isActive() {
        return l1 > 0 || l2 > 0 || maxNorm > 0;
    }

    private boolean applies(Parameter p) {
        return p.regularized() || (includeBiases && p.name().endsWith("bias"));
    }

    /** The penalty's value for the current weights (what gets added to the loss). */
    public double penalty(List<Parameter> parameters) {
        double s1 = 0, s2 = 0;
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            if (!applies(p)) continue;
            for (float w : p.value()) {
                s1 += Math.abs(w);
                s2 += (double) w * w;
            }
        }
        return (proximalL1 ? 0 : l1 * s1) + 0.5 * l2 * s2;
    }

    /** Adds the penalty's gradient to the parameters' gradients (before the optimizer step). */
    public void addGradient(List<Parameter> parameters) {
        float a = proximalL1 ? 0f : (float) l1, b = (float) l2;
        if (a == 0f && b == 0f) return;
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            if (!applies(p)) continue;
            float[] w = p.value(), g = p.grad();
            if (a == 0f) {
                // L2 alone (the default): a loop the JIT vectorizes, no sign function
                for (int i = 0; i < w.length; i++) g[i] += b * w[i];
            } else {
                for (int i = 0; i < w.length; i++) g[i] += a * Math.signum(w[i]) + b * w[i];
            }
        }
    }

    /** Applies the proximal L1 step and the max-norm constraint after an optimizer step at {@code learningRate}. */
    public void afterStep(List<Layer> layers, double learningRate) {
        if (proximalL1 && l1 > 0) {
            float t = (float) (learningRate * l1);
            for (Layer layer : layers) {
                for (Parameter p : layer.parameters()) {
                    if (!applies(p)) continue;
                    float[] w = p.value();
                    for (int i = 0; i < w.length; i++) {
                        float m = Math.abs(w[i]) - t;
                        w[i] = m > 0 ? Math.copySign(m, w[i]) : 0f;
                    }
                }
            }
        }
        if (maxNorm > 0) {
            for (Layer layer : layers) {
                if (layer instanceof DenseLayer d) {
                    MaxNorm.apply(d.weight().value(), 0, d.inputWidth(), d.outputWidth(), maxNorm);
                } else if (layer instanceof org.dendrite.core.layer.MemberHeadsLayer h) {
                    // an ensemble's output: each member's head, a block of inputs x outputs, as an output layer is
                    int size = h.inputWidth() * h.outputWidth();
                    float[] w = h.parameters().get(0).value();
                    for (int at = 0; at < w.length; at += size) MaxNorm.apply(w, at, h.inputWidth(), h.outputWidth(), maxNorm);
                }
            }
        }
    }
}
