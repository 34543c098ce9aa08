package org.dendrite.core.schedule;

import org.dendrite.core.check.Check;

/** Step decay: lr = base * gamma^floor(t / stepSize) (torch.optim.lr_scheduler.StepLR). */
public record StepDecay(int stepSize, double gamma, Unit unit) implements Schedule {
    /** The defaults: the values a spec's absent fields take and the Weka options start from. */
    public static final StepDecay DEFAULT = new StepDecay(10, 0.5, Unit.EPOCH);

    public StepDecay {
        if (stepSize < 1) throw Check.invalid("stepSize", "Invalid stepSize: " + stepSize + " (allowed: a whole number >= 1)");
        Check.positive("gamma", gamma);
        if (unit == null) throw Check.invalid("unit", "A schedule needs a unit: step or epoch");
    }

    @Override public String name() { return "step"; }

    @Override
    public double learningRate(double base, Position p) {
        return base * Math.pow(gamma, Math.floorDiv(p.t(unit), stepSize));
    }

    @Override
    public String pastRun(long steps, int epochs) {
        long run = Schedule.runLength(unit, steps, epochs);
        if (run < 1 || stepSize < run) return null;
        return String.format(java.util.Locale.ROOT, "The step schedule's stepSize (%,d %s) is not shorter than the run (%s): the rate never "
                + "decays. ", stepSize, Schedule.units(unit), Schedule.length(unit, steps, epochs)) + FIT_THE_RUN;
    }
}
