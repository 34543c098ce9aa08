package org.dendrite.weka.schedule;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.schedule.Exponential}. */
public class Exponential extends ClockSchedule {
    private static final long serialVersionUID = 1L;

    private double rate, every;

    public Exponential() {
        this(org.dendrite.core.schedule.Exponential.DEFAULT);
    }

    public Exponential(org.dendrite.core.schedule.Exponential c) {
        super(c.unit());
        rate = c.rate();
        every = c.every();
    }

    @Override
    public String globalInfo() {
        return "Exponential decay: lr = base * rate^(t / every) (every = 1 is torch.optim.lr_scheduler.ExponentialLR).";
    }

    @Override
    protected org.dendrite.core.schedule.Exponential build() {
        return new org.dendrite.core.schedule.Exponential(rate, every, unit());
    }

    @OptionMetadata(displayName = "rate", description = "Factor per 'every' epochs (or steps) (> 0).",
            commandLineParamName = "rate", commandLineParamSynopsis = "-rate <r>", displayOrder = 1)
    public double getRate() { return rate; }
    public void setRate(double v) { rate = v; }

    @OptionMetadata(displayName = "every", description = "Epochs (or steps) over which the rate applies once (> 0).",
            commandLineParamName = "every", commandLineParamSynopsis = "-every <s>", displayOrder = 2)
    public double getEvery() { return every; }
    public void setEvery(double v) { every = v; }
}
