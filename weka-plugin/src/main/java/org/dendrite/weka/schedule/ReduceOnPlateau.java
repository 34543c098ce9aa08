package org.dendrite.weka.schedule;

import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/** Options of {@link org.dendrite.core.schedule.ReduceOnPlateau}. */
public class ReduceOnPlateau extends ScheduleOption {
    private static final long serialVersionUID = 1L;

    private boolean maximize, relativeThreshold;
    private double factor, threshold, minRate;
    private int patience, cooldown;

    public ReduceOnPlateau() {
        this(org.dendrite.core.schedule.ReduceOnPlateau.DEFAULT);
    }

    public ReduceOnPlateau(org.dendrite.core.schedule.ReduceOnPlateau c) {
        maximize = c.maximize();
        factor = c.factor();
        patience = c.patience();
        threshold = c.threshold();
        relativeThreshold = c.relativeThreshold();
        cooldown = c.cooldown();
        minRate = c.minRate();
    }

    @Override
    public String globalInfo() {
        return "Performance scheduling: multiply the rate by factor when the monitored value (the validation loss, or the training "
                + "loss without a validation split) has not improved for patience epochs, then wait cooldown epochs; never below "
                + "minRate (torch's ReduceLROnPlateau).";
    }

    @Override
    protected org.dendrite.core.schedule.ReduceOnPlateau build() {
        return new org.dendrite.core.schedule.ReduceOnPlateau(maximize, factor, patience, threshold, relativeThreshold, cooldown, minRate);
    }

    @OptionMetadata(displayName = "factor", description = "Factor applied at each reduction, 0 < factor < 1.",
            commandLineParamName = "factor", commandLineParamSynopsis = "-factor <f>", displayOrder = 1)
    public double getFactor() { return factor; }
    public void setFactor(double v) { factor = v; }

    @OptionMetadata(displayName = "patience", description = "Epochs without improvement before a reduction (>= 0).",
            commandLineParamName = "patience", commandLineParamSynopsis = "-patience <n>", displayOrder = 2)
    public int getPatience() { return patience; }
    public void setPatience(int v) { patience = v; }

    @OptionMetadata(displayName = "threshold", description = "Smallest change that counts as an improvement (>= 0).",
            commandLineParamName = "threshold", commandLineParamSynopsis = "-threshold <t>", displayOrder = 3)
    public double getThreshold() { return threshold; }
    public void setThreshold(double v) { threshold = v; }

    @OptionMetadata(displayName = "threshold mode", description = "rel (better than best * (1 - threshold)) or abs (better than "
            + "best - threshold).", commandLineParamName = "threshold-mode", commandLineParamSynopsis = "-threshold-mode <rel|abs>",
            displayOrder = 4)
    public SelectedTag getRelativeThreshold() { return choice(relativeThreshold, "rel", "abs"); }
    public void setRelativeThreshold(SelectedTag v) { relativeThreshold = chosen(v, "rel"); }

    @OptionMetadata(displayName = "cooldown", description = "Epochs to wait after a reduction (>= 0).",
            commandLineParamName = "cooldown", commandLineParamSynopsis = "-cooldown <n>", displayOrder = 5)
    public int getCooldown() { return cooldown; }
    public void setCooldown(int v) { cooldown = v; }

    @OptionMetadata(displayName = "minimum rate", description = "The rate never goes below this (>= 0).",
            commandLineParamName = "min-rate", commandLineParamSynopsis = "-min-rate <lr>", displayOrder = 6)
    public double getMinRate() { return minRate; }
    public void setMinRate(double v) { minRate = v; }

    @OptionMetadata(displayName = "maximize", description = "The monitored value is better when larger: only for early stopping's accuracy or AUC monitor (a "
            + "-config-json setting); the run refuses a direction that disagrees with the value read (the validation loss, or the "
            + "training loss without validation rows, are better when smaller).",
            commandLineParamName = "maximize", commandLineParamSynopsis = "-maximize", commandLineParamIsFlag = true, displayOrder = 7)
    public boolean getMaximize() { return maximize; }
    public void setMaximize(boolean v) { maximize = v; }
}
