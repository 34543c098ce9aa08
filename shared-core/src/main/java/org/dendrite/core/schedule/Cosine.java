package org.dendrite.core.schedule;

import org.dendrite.core.check.Check;

/**
 * Cosine annealing (Loshchilov and Hutter 2017, "SGDR"): lr = etaMin + (base - etaMin)(1 + cos(pi
 * t_cur / T_i)) / 2. Without restarts (restartPeriod 0) T_i = period and t_cur = t, continuing the
 * cosine past the period as PyTorch's CosineAnnealingLR does. With restarts, T_0 = period, each cycle
 * T_mult times longer, t_cur counted from the last restart (CosineAnnealingWarmRestarts).
 */
public record Cosine(int period, double etaMin, boolean restarts, int periodMultiplier, Unit unit) implements Schedule {
    /** The defaults: the values a spec's absent fields take (Weka's Cosine option starts from the classifier's, {@link #WHOLE_RUN}). */
    public static final Cosine DEFAULT = new Cosine(50, 0, false, 1, Unit.EPOCH);
    /** From the base rate to 0 over the run's epochs: Dendrite's default schedule. */
    public static final Cosine WHOLE_RUN = new Cosine(0, 0, false, 1, Unit.EPOCH);

    public Cosine {
        if (period < 0) {
            throw Check.invalid("period", "Invalid period: " + period + " (allowed: a whole number >= 1, or 0 = the whole run)");
        }
        Check.nonNegative("etaMin", etaMin);
        if (periodMultiplier < 1) throw Check.invalid("periodMultiplier", "Invalid periodMultiplier: " + periodMultiplier + " (allowed: >= 1)");
        if (unit == null) throw Check.invalid("unit", "A schedule needs a unit: step or epoch");
        if (period == 0 && (restarts || unit != Unit.EPOCH)) {
            throw Check.invalid("period", "Invalid cosine schedule: period 0 (the whole run) counts epochs without restarts; "
                    + "give a period >= 1 for restarts or a step clock");
        }
    }

    @Override public String name() { return "cosine"; }

    @Override
    public boolean dependsOnRunLength() {
        return period == 0;
    }

    @Override
    public double learningRate(double base, Position p) {
        long t = p.t(unit);
        double tCur = t, tI = period;
        if (period == 0) {
            if (p.runEpochs() < 1) {
                throw new IllegalStateException("A whole-run cosine schedule (period 0) needs the run's number of epochs");
            }
            tI = p.runEpochs();
            tCur = Math.min(t, tI);
        } else if (restarts) {
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

    @Override
    public String pastRun(long steps, int epochs) {
        long run = Schedule.runLength(unit, steps, epochs);
        if (period == 0 || restarts || run < 1 || Math.abs(period - run) <= LENGTH_SLACK * run) return null;
        String head = String.format(java.util.Locale.ROOT, "The cosine schedule's period (%,d %s) and the run (%s) differ: ", period,
                Schedule.units(unit), Schedule.length(unit, steps, epochs));
        return head + (period > run
                ? String.format(java.util.Locale.ROOT, "the run ends %.0f%% of the way from the optimizer's rate down to etaMin. ",
                        100 * (1 - Math.cos(Math.PI * (run - 1) / period)) / 2)
                : "after its period the rate rises again, back to the optimizer's rate after twice the period (as PyTorch's "
                        + "CosineAnnealingLR does; with restarts it starts over instead; a period of 0 is the whole run). ") + FIT_THE_RUN;
    }
}
