package org.dendrite.weka.schedule;

import org.dendrite.core.schedule.Cyclic.Mode;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/** Options of {@link org.dendrite.core.schedule.Cyclic}. */
public class Cyclic extends ClockSchedule {
    private static final long serialVersionUID = 1L;

    private double lowerRate, upperRate, gamma;
    private int stepsUp, stepsDown;
    private Mode mode;

    public Cyclic() {
        this(org.dendrite.core.schedule.Cyclic.DEFAULT);
    }

    public Cyclic(org.dendrite.core.schedule.Cyclic c) {
        super(c.unit());
        lowerRate = c.lowerRate();
        upperRate = c.upperRate();
        stepsUp = c.stepsUp();
        stepsDown = c.stepsDown();
        mode = c.mode();
        gamma = c.gamma();
    }

    @Override
    public String globalInfo() {
        return "Cyclical learning rates (Smith 2017, \"Cyclical Learning Rates for Training Neural Networks\"): the rate rises from "
                + "lowerRate to upperRate over stepsUp and falls back over stepsDown (absolute rates: the optimizer's own rate is not "
                + "used); triangular, triangular2 (amplitude halved each cycle) or exp_range (amplitude times gamma^t), as torch's CyclicLR.";
    }

    @Override
    protected org.dendrite.core.schedule.Cyclic build() {
        return new org.dendrite.core.schedule.Cyclic(lowerRate, upperRate, stepsUp, stepsDown, mode, gamma, unit());
    }

    @OptionMetadata(displayName = "lower rate", description = "The rate at the bottom of a cycle (> 0).",
            commandLineParamName = "lower-rate", commandLineParamSynopsis = "-lower-rate <lr>", displayOrder = 1)
    public double getLowerRate() { return lowerRate; }
    public void setLowerRate(double v) { lowerRate = v; }

    @OptionMetadata(displayName = "upper rate", description = "The rate at the top of a cycle (>= lower rate).",
            commandLineParamName = "upper-rate", commandLineParamSynopsis = "-upper-rate <lr>", displayOrder = 2)
    public double getUpperRate() { return upperRate; }
    public void setUpperRate(double v) { upperRate = v; }

    @OptionMetadata(displayName = "steps up", description = "Steps (or epochs) rising (>= 1).",
            commandLineParamName = "steps-up", commandLineParamSynopsis = "-steps-up <n>", displayOrder = 3)
    public int getStepsUp() { return stepsUp; }
    public void setStepsUp(int v) { stepsUp = v; }

    @OptionMetadata(displayName = "steps down", description = "Steps (or epochs) falling (>= 1).",
            commandLineParamName = "steps-down", commandLineParamSynopsis = "-steps-down <n>", displayOrder = 4)
    public int getStepsDown() { return stepsDown; }
    public void setStepsDown(int v) { stepsDown = v; }

    @OptionMetadata(displayName = "mode", description = "triangular, triangular2 or exp_range.",
            commandLineParamName = "mode", commandLineParamSynopsis = "-mode <triangular|triangular2|exp_range>", displayOrder = 5)
    public SelectedTag getMode() { return tag(mode); }
    public void setMode(SelectedTag v) { mode = value(v, Mode.class); }

    @OptionMetadata(displayName = "gamma", description = "exp_range: amplitude factor per step, 0 < gamma <= 1.",
            commandLineParamName = "gamma", commandLineParamSynopsis = "-gamma <g>", displayOrder = 6)
    public double getGamma() { return gamma; }
    public void setGamma(double v) { gamma = v; }
}
