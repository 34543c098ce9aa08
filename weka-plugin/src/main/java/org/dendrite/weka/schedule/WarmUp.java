package org.dendrite.weka.schedule;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.schedule.WarmUp}. */
public class WarmUp extends ScheduleOption {
    private static final long serialVersionUID = 1L;

    private ScheduleOption inner;
    private double startFactor, endFactor;
    private int totalSteps;

    public WarmUp() {
        this(org.dendrite.core.schedule.WarmUp.DEFAULT);
    }

    public WarmUp(org.dendrite.core.schedule.WarmUp c) {
        inner = ScheduleOption.of(c.inner());
        startFactor = c.startFactor();
        endFactor = c.endFactor();
        totalSteps = c.totalSteps();
    }

    @Override
    public String globalInfo() {
        return "Linear warm-up composed with any schedule (Goyal et al. 2017, \"Accurate, Large Minibatch SGD\"): lr = inner(t) * f, "
                + "f rising linearly from startFactor to endFactor over totalSteps optimizer steps (torch's LinearLR chained with the inner one).";
    }

    @Override
    protected org.dendrite.core.schedule.WarmUp build() {
        org.dendrite.core.schedule.Schedule in;
        try {
            in = inner.toCore();
        } catch (IllegalArgumentException e) {
            throw org.dendrite.core.check.Check.invalid("inner", "Invalid inner schedule: " + e.getMessage());
        }
        return new org.dendrite.core.schedule.WarmUp(in, startFactor, endFactor, totalSteps);
    }

    @OptionMetadata(displayName = "inner schedule", description = "The schedule warm-up leads into, with its options.",
            commandLineParamName = "inner", commandLineParamSynopsis = "-inner <schedule class and options>", displayOrder = 1)
    public ScheduleOption getInner() { return inner; }
    public void setInner(ScheduleOption v) { inner = v; }

    @OptionMetadata(displayName = "start factor", description = "Factor at the first step, 0 < startFactor <= 1.",
            commandLineParamName = "start-factor", commandLineParamSynopsis = "-start-factor <f>", displayOrder = 2)
    public double getStartFactor() { return startFactor; }
    public void setStartFactor(double v) { startFactor = v; }

    @OptionMetadata(displayName = "end factor", description = "Factor after the warm-up, 0 < endFactor <= 1.",
            commandLineParamName = "end-factor", commandLineParamSynopsis = "-end-factor <f>", displayOrder = 3)
    public double getEndFactor() { return endFactor; }
    public void setEndFactor(double v) { endFactor = v; }

    @OptionMetadata(displayName = "warm-up steps", description = "Optimizer steps of the warm-up (>= 1).",
            commandLineParamName = "total-steps", commandLineParamSynopsis = "-total-steps <n>", displayOrder = 4)
    public int getTotalSteps() { return totalSteps; }
    public void setTotalSteps(int v) { totalSteps = v; }
}
