package org.dendrite.weka.schedule;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.schedule.Cosine}. */
public class Cosine extends ClockSchedule {
    private static final long serialVersionUID = 1L;

    private int period, periodMultiplier;
    private double etaMin;
    private boolean restarts;

    /**
     * The classifier's default schedule, when it is a cosine (over the whole run, period 0): choosing
     * Cosine, or setting one of its other options, keeps the schedule a user had (it annealed over 50 epochs).
     */
    public Cosine() {
        this(org.dendrite.core.train.TrainingConfig.DEFAULT_SCHEDULE instanceof org.dendrite.core.schedule.Cosine c ? c
                : org.dendrite.core.schedule.Cosine.DEFAULT);
    }

    public Cosine(org.dendrite.core.schedule.Cosine c) {
        super(c.unit());
        period = c.period();
        etaMin = c.etaMin();
        restarts = c.restarts();
        periodMultiplier = c.periodMultiplier();
    }

    @Override
    public String globalInfo() {
        return "Cosine annealing (Loshchilov and Hutter 2017, \"SGDR\"): lr = etaMin + (base - etaMin)(1 + cos(pi t / period)) / 2, "
                + "optionally with warm restarts, each cycle periodMultiplier times longer (torch's CosineAnnealingLR and "
                + "CosineAnnealingWarmRestarts).";
    }

    @Override
    protected org.dendrite.core.schedule.Cosine build() {
        return new org.dendrite.core.schedule.Cosine(period, etaMin, restarts, periodMultiplier, unit());
    }

    @OptionMetadata(displayName = "period", description = "Epochs (or steps) of the (first) half cosine (>= 1), or 0: the whole run "
            + "(the configured epochs; epoch clock, no restarts).",
            commandLineParamName = "period", commandLineParamSynopsis = "-period <T>", displayOrder = 1)
    public int getPeriod() { return period; }
    public void setPeriod(int v) { period = v; }

    @OptionMetadata(displayName = "minimum rate", description = "The rate at the end of a period (>= 0).",
            commandLineParamName = "eta-min", commandLineParamSynopsis = "-eta-min <lr>", displayOrder = 2)
    public double getEtaMin() { return etaMin; }
    public void setEtaMin(double v) { etaMin = v; }

    @OptionMetadata(displayName = "warm restarts", description = "Restart at the base rate after each period (SGDR).",
            commandLineParamName = "restarts", commandLineParamSynopsis = "-restarts", commandLineParamIsFlag = true, displayOrder = 3)
    public boolean getRestarts() { return restarts; }
    public void setRestarts(boolean v) { restarts = v; }

    @OptionMetadata(displayName = "period multiplier", description = "With restarts: each period this many times longer than the "
            + "last (>= 1).", commandLineParamName = "period-multiplier", commandLineParamSynopsis = "-period-multiplier <m>",
            displayOrder = 4)
    public int getPeriodMultiplier() { return periodMultiplier; }
    public void setPeriodMultiplier(int v) { periodMultiplier = v; }
}
