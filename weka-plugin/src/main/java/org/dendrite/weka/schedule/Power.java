package org.dendrite.weka.schedule;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.schedule.Power}. */
public class Power extends ClockSchedule {
    private static final long serialVersionUID = 1L;

    private double s, c;

    public Power() {
        this(org.dendrite.core.schedule.Power.DEFAULT);
    }

    public Power(org.dendrite.core.schedule.Power p) {
        super(p.unit());
        s = p.s();
        c = p.c();
    }

    @Override
    public String globalInfo() {
        return "Power scheduling: lr = base / (1 + t / s)^c (c = 1 is the classic 1/t decay).";
    }

    @Override
    protected org.dendrite.core.schedule.Power build() {
        return new org.dendrite.core.schedule.Power(s, c, unit());
    }

    @OptionMetadata(displayName = "s", description = "Epochs (or steps) until the rate has fallen to base / 2^c (> 0).",
            commandLineParamName = "s", commandLineParamSynopsis = "-s <s>", displayOrder = 1)
    public double getS() { return s; }
    public void setS(double v) { s = v; }

    @OptionMetadata(displayName = "c", description = "The power (> 0).",
            commandLineParamName = "c", commandLineParamSynopsis = "-c <c>", displayOrder = 2)
    public double getC() { return c; }
    public void setC(double v) { c = v; }
}
