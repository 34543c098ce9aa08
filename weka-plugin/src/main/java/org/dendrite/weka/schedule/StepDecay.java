package org.dendrite.weka.schedule;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.schedule.StepDecay}. */
public class StepDecay extends ClockSchedule {
    private static final long serialVersionUID = 1L;

    private int stepSize;
    private double gamma;

    public StepDecay() {
        this(org.dendrite.core.schedule.StepDecay.DEFAULT);
    }

    public StepDecay(org.dendrite.core.schedule.StepDecay c) {
        super(c.unit());
        stepSize = c.stepSize();
        gamma = c.gamma();
    }

    @Override
    public String globalInfo() {
        return "Step decay: lr = base * gamma^floor(t / stepSize), as torch.optim.lr_scheduler.StepLR.";
    }

    @Override
    protected org.dendrite.core.schedule.StepDecay build() {
        return new org.dendrite.core.schedule.StepDecay(stepSize, gamma, unit());
    }

    @OptionMetadata(displayName = "step size", description = "Epochs (or steps) between decays (>= 1).",
            commandLineParamName = "step-size", commandLineParamSynopsis = "-step-size <n>", displayOrder = 1)
    public int getStepSize() { return stepSize; }
    public void setStepSize(int v) { stepSize = v; }

    @OptionMetadata(displayName = "gamma", description = "Factor applied at each decay (> 0).",
            commandLineParamName = "gamma", commandLineParamSynopsis = "-gamma <g>", displayOrder = 2)
    public double getGamma() { return gamma; }
    public void setGamma(double v) { gamma = v; }
}
