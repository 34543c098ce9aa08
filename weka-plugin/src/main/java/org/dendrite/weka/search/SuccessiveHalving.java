package org.dendrite.weka.search;

import org.dendrite.core.search.Scheduler;
import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.search.SuccessiveHalving}. */
public class SuccessiveHalving extends EpochBudgetSearch {
    private static final long serialVersionUID = 1L;

    private int trials = org.dendrite.core.search.SuccessiveHalving.DEFAULT.trials();

    @Override
    public String globalInfo() {
        return "Successive halving (Jamieson and Talwalkar 2016): all trials train to the lowest rung, the best 1/eta continue "
                + "eta times longer, and so on up to the maximum epochs; the best configuration is then trained on all rows.";
    }

    @Override
    protected Scheduler scheduler() {
        return new org.dendrite.core.search.SuccessiveHalving(trials, getMinEpochs(), getMaxEpochs(), getEta());
    }

    @OptionMetadata(displayName = "trials", description = "Configurations started at the lowest rung (>= 1).",
            commandLineParamName = "trials", commandLineParamSynopsis = "-trials <n>", displayOrder = 1)
    public int getTrials() { return trials; }
    public void setTrials(int v) { trials = v; }
}
