package org.dendrite.core.schedule;

import org.dendrite.core.check.Check;

/**
 * Performance scheduling: reduce the rate by {@code factor} when the monitored validation value has
 * not improved for {@code patience} epochs (torch's ReduceLROnPlateau), then wait {@code cooldown}
 * epochs; never below minRate. Improvement: better than best (1 - threshold) in relative mode, better
 * than best - threshold in absolute mode (signs flipped for a maximized monitor). Stateless: the rate
 * is recomputed from the whole monitored history, which the trainer passes in (the same monitor as
 * early stopping; the training loss without a validation split).
 */
public record ReduceOnPlateau(boolean maximize, double factor, int patience, double threshold, boolean relativeThreshold, int cooldown,
                              double minRate) implements Schedule {
    /** The defaults: the values a spec's absent fields take and the Weka options start from. */
    public static final ReduceOnPlateau DEFAULT = new ReduceOnPlateau(false, 0.1, 10, 1e-4, true, 0, 0);

    public ReduceOnPlateau {
        if (!(factor > 0 && factor < 1)) throw Check.invalid("factor", "Invalid factor: " + factor + " (allowed: 0 < factor < 1)");
        if (patience < 0) throw Check.invalid("patience", "Invalid patience: " + patience + " (allowed: >= 0)");
        Check.nonNegative("threshold", threshold);
        if (cooldown < 0) throw Check.invalid("cooldown", "Invalid cooldown: " + cooldown + " (allowed: >= 0)");
        Check.nonNegative("minRate", minRate);
    }

    @Override public String name() { return "reduce_on_plateau"; }

    @Override
    public double learningRate(double base, Position p) {
        double lr = base;
        double best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int bad = 0, cooling = 0;
        for (double v : p.monitor()) {
            if (Double.isNaN(v)) continue;
            boolean better;
            if (relativeThreshold) {
                better = maximize ? v > best * (1 + threshold) : v < best * (1 - threshold);
            } else {
                better = maximize ? v > best + threshold : v < best - threshold;
            }
            if (better) {
                best = v;
                bad = 0;
            } else {
                bad++;
            }
            if (cooling > 0) {
                cooling--;
                bad = 0;
            }
            if (bad > patience) {
                double reduced = Math.max(lr * factor, minRate);
                if (lr - reduced > 1e-8) lr = reduced;
                cooling = cooldown;
                bad = 0;
            }
        }
        return lr;
    }
}
