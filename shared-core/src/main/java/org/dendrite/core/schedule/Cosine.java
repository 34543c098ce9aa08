package org.dendrite.core.schedule;

/**
 * Cosine annealing (Loshchilov and Hutter 2017, "SGDR"): lr = etaMin + (base - etaMin)(1 + cos(pi
 * t_cur / T_i)) / 2. Without restarts (restartPeriod 0) T_i = period and t_cur = t, continuing the
 * cosine past the period as PyTorch's CosineAnnealingLR does. With restarts, T_0 = period, each cycle
 * T_mult times longer, t_cur counted from the last restart (CosineAnnealingWarmRestarts).
 */
public record Cosine(int period, double etaMin, boolean restarts, int periodMultiplier, Unit unit) implements Schedule {
    /** The defaults: the values a spec's absent fields take and the Weka options start from. */
    public static final Cosine DEFAULT = new Cosine(50, 0, false, 1, Unit.EPOCH);

    public Cosine {
        if (period < 1) throw new IllegalArgumentException("Invalid period: " + period + " (allowed: a whole number >= 1)");
        Check.nonNegative("etaMin", etaMin);
        if (periodMultiplier < 1) throw new IllegalArgumentException("Invalid periodMultiplier: " + periodMultiplier + " (allowed: >= 1)");
        Check.unit(unit);
    }

    @Override public String name() { return "cosine"; }

    @Override
    public double learningRate(double base, Position p) {
        long t = p.t(unit);
        double tCur = t, tI = period;
        if (restarts) {
            if (periodMultiplier == 1) {
                tCur = t % period;
            } else {
                // the cycle n with T_0 (m^n - 1)/(m - 1) <= t, as PyTorch computes it
                int n = (int) (Math.log(t / (double) period * (periodMultiplier - 1) + 1) / Math.log(periodMultiplier));
                tCur = t - period * (Math.pow(periodMultiplier, n) - 1) / (periodMultiplier - 1);
                tI = period * Math.pow(periodMultiplier, n);
            }
        }
        return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }
}
