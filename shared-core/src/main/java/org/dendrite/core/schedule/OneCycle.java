package org.dendrite.core.schedule;

import org.dendrite.core.check.Check;

/**
 * The 1cycle policy (Smith and Topin 2018): from maxRate/divFactor up to maxRate over the first
 * pctStart of totalSteps, back down, and (threePhase) a final annihilation phase to
 * maxRate/(divFactor * finalDivFactor); linear or cosine annealing. The 1cycle policy of the "Fundamentals of Deep Learning" primer is threePhase
 * with linear annealing. As torch's OneCycleLR; absolute rates (the optimizer's own rate is not used).
 */
public record OneCycle(double maxRate, int totalSteps, double pctStart, double divFactor, double finalDivFactor, boolean threePhase,
                       boolean linear, Unit unit) implements Schedule {
    /** The defaults: the values a spec's absent fields take and the Weka options start from. */
    public static final OneCycle DEFAULT = new OneCycle(1e-2, 1000, 0.3, 25, 1e4, true, true, Unit.STEP);

    public OneCycle {
        Check.positive("maxRate", maxRate);
        if (totalSteps < 2) throw Check.invalid("totalSteps", "Invalid totalSteps: " + totalSteps + " (allowed: >= 2)");
        if (!(pctStart > 0 && pctStart < 1)) throw Check.invalid("pctStart", "Invalid pctStart: " + pctStart + " (allowed: 0 < pctStart < 1)");
        Check.positive("divFactor", divFactor);
        Check.positive("finalDivFactor", finalDivFactor);
        if (unit == null) throw Check.invalid("unit", "A schedule needs a unit: step or epoch");
    }

    @Override
    public boolean setsItsOwnRates() {
        return true;
    }

    @Override public String name() { return "one_cycle"; }

    @Override
    public double learningRate(double base, Position p) {
        double initial = maxRate / divFactor, min = initial / finalDivFactor;
        double[][] phases = threePhase
                ? new double[][] {{pctStart * totalSteps - 1, initial, maxRate}, {2 * pctStart * totalSteps - 2, maxRate, initial},
                    {totalSteps - 1, initial, min}}
                : new double[][] {{pctStart * totalSteps - 1, initial, maxRate}, {totalSteps - 1, maxRate, min}};
        long t = Math.min(p.t(unit), totalSteps - 1L);
        double start = 0;
        for (int i = 0; i < phases.length; i++) {
            double end = phases[i][0];
            if (t <= end || i == phases.length - 1) {
                double pct = (t - start) / (end - start);
                return anneal(phases[i][1], phases[i][2], pct);
            }
            start = end;
        }
        throw new IllegalStateException("unreachable");
    }

    private double anneal(double from, double to, double pct) {
        return linear ? (to - from) * pct + from : to + (from - to) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }

    @Override
    public String pastRun(long steps, int epochs) {
        long run = Schedule.runLength(unit, steps, epochs);
        if (run < 1 || Math.abs(totalSteps - run) <= LENGTH_SLACK * run) return null;
        String head = String.format(java.util.Locale.ROOT, "The one-cycle schedule's totalSteps (%,d %s) and the run (%s) differ: ",
                totalSteps, Schedule.units(unit), Schedule.length(unit, steps, epochs));
        double last = learningRate(0, unit == Unit.STEP ? new Position(run - 1, 0) : new Position(0, (int) run - 1));
        double end = maxRate / divFactor / finalDivFactor;
        return head + (totalSteps > run
                ? String.format(java.util.Locale.ROOT, "the run ends %.0f%% into the cycle, at rate %.3g instead of its final %.3g. ",
                        100.0 * run / totalSteps, last, end)
                : String.format(java.util.Locale.ROOT, "the run's last %,d %s train at the cycle's final rate %.3g (PyTorch's OneCycleLR "
                        + "refuses to step past the cycle). ", run - totalSteps, Schedule.units(unit), end)) + FIT_THE_RUN;
    }
}
