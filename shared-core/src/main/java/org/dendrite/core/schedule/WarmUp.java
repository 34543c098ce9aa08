package org.dendrite.core.schedule;

import org.dendrite.core.check.Check;

/**
 * Linear warm-up composed with any schedule: lr = inner(t) * f(t) with f rising linearly from
 * startFactor to endFactor over totalSteps optimizer steps, then endFactor (Goyal et al. 2017; torch's
 * LinearLR chained with the inner scheduler).
 */
public record WarmUp(Schedule inner, double startFactor, double endFactor, int totalSteps) implements Schedule {
    /** The defaults: the values a spec's absent fields take and the Weka options start from. */
    public static final WarmUp DEFAULT = new WarmUp(new ConstantSchedule(), 0.1, 1, 100);

    public WarmUp {
        if (inner == null) throw org.dendrite.core.check.Check.invalid("inner", "Warm-up needs the schedule it leads into (constant for none)");
        Check.factor("startFactor", startFactor);
        Check.factor("endFactor", endFactor);
        if (totalSteps < 1) throw Check.invalid("totalSteps", "Invalid totalSteps: " + totalSteps + " (allowed: >= 1)");
    }

    @Override public String name() { return "warm_up"; }

    @Override
    public boolean setsItsOwnRates() {
        return inner.setsItsOwnRates();
    }

    @Override
    public boolean dependsOnRunLength() {
        return inner.dependsOnRunLength();
    }

    @Override
    public double learningRate(double base, Position p) {
        double f = startFactor + (endFactor - startFactor) * Math.min(p.step(), totalSteps) / totalSteps;
        return inner.learningRate(base, p) * f;
    }

    @Override
    public String pastRun(long steps, int epochs) {
        String in = inner.pastRun(steps, epochs);
        if (steps < 1 || totalSteps <= steps * (1 + LENGTH_SLACK)) return in;
        String w = String.format(java.util.Locale.ROOT, "The warm-up's totalSteps (%,d) is longer than the run's %,d steps: its factor "
                + "reaches %.3g by the last step, not %.3g. ", totalSteps, steps, startFactor + (endFactor - startFactor) * (steps - 1) / totalSteps,
                endFactor);
        return w + (in == null ? FIT_THE_RUN : in);
    }
}
