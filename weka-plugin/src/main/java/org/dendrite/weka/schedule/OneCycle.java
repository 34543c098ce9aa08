package org.dendrite.weka.schedule;

import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/** Options of {@link org.dendrite.core.schedule.OneCycle}. */
public class OneCycle extends ClockSchedule {
    private static final long serialVersionUID = 1L;

    private double maxRate, pctStart, divFactor, finalDivFactor;
    private int totalSteps;
    private boolean threePhase, linear;

    public OneCycle() {
        this(org.dendrite.core.schedule.OneCycle.DEFAULT);
    }

    public OneCycle(org.dendrite.core.schedule.OneCycle c) {
        super(c.unit());
        maxRate = c.maxRate();
        totalSteps = c.totalSteps();
        pctStart = c.pctStart();
        divFactor = c.divFactor();
        finalDivFactor = c.finalDivFactor();
        threePhase = c.threePhase();
        linear = c.linear();
    }

    @Override
    public String globalInfo() {
        return "The 1cycle policy (Smith and Topin 2018, \"Super-Convergence\"): from maxRate / divFactor up to maxRate over the "
                + "first pctStart of totalSteps, back down, and (three phases) on to maxRate / (divFactor * finalDivFactor), with "
                + "linear or cosine annealing, as torch's OneCycleLR (absolute rates: the optimizer's own rate is not used).";
    }

    @Override
    protected org.dendrite.core.schedule.OneCycle build() {
        return new org.dendrite.core.schedule.OneCycle(maxRate, totalSteps, pctStart, divFactor, finalDivFactor, threePhase, linear, unit());
    }

    @OptionMetadata(displayName = "maximum rate", description = "The peak learning rate (> 0).",
            commandLineParamName = "max-rate", commandLineParamSynopsis = "-max-rate <lr>", displayOrder = 1)
    public double getMaxRate() { return maxRate; }
    public void setMaxRate(double v) { maxRate = v; }

    @OptionMetadata(displayName = "total steps", description = "Length of the cycle in steps (or epochs) (>= 2); the last rate after it.",
            commandLineParamName = "total-steps", commandLineParamSynopsis = "-total-steps <n>", displayOrder = 2)
    public int getTotalSteps() { return totalSteps; }
    public void setTotalSteps(int v) { totalSteps = v; }

    @OptionMetadata(displayName = "rising share", description = "Share of the cycle spent rising, 0 < pctStart < 1.",
            commandLineParamName = "pct-start", commandLineParamSynopsis = "-pct-start <p>", displayOrder = 3)
    public double getPctStart() { return pctStart; }
    public void setPctStart(double v) { pctStart = v; }

    @OptionMetadata(displayName = "initial divisor", description = "The cycle starts at maxRate / divFactor (> 0).",
            commandLineParamName = "div-factor", commandLineParamSynopsis = "-div-factor <d>", displayOrder = 4)
    public double getDivFactor() { return divFactor; }
    public void setDivFactor(double v) { divFactor = v; }

    @OptionMetadata(displayName = "final divisor", description = "The cycle ends at maxRate / (divFactor * finalDivFactor) (> 0).",
            commandLineParamName = "final-div-factor", commandLineParamSynopsis = "-final-div-factor <d>", displayOrder = 5)
    public double getFinalDivFactor() { return finalDivFactor; }
    public void setFinalDivFactor(double v) { finalDivFactor = v; }

    @OptionMetadata(displayName = "phases", description = "three (up, down to the start, down to the end) or two (up, down to the end).",
            commandLineParamName = "phases", commandLineParamSynopsis = "-phases <three|two>", displayOrder = 6)
    public SelectedTag getThreePhase() { return choice(threePhase, "three", "two"); }
    public void setThreePhase(SelectedTag v) { threePhase = chosen(v, "three"); }

    @OptionMetadata(displayName = "annealing", description = "linear or cos.",
            commandLineParamName = "anneal", commandLineParamSynopsis = "-anneal <linear|cos>", displayOrder = 7)
    public SelectedTag getLinear() { return choice(linear, "linear", "cos"); }
    public void setLinear(SelectedTag v) { linear = chosen(v, "linear"); }
}
