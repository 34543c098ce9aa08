package org.dendrite.weka.search;

import org.dendrite.core.search.Scheduler;
import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.search.Asha}. */
public class Asha extends EpochBudgetSearch {
    private static final long serialVersionUID = 1L;

    private int trials = org.dendrite.core.search.Asha.DEFAULT.trials();
    private int workers = org.dendrite.core.search.Asha.DEFAULT.workers();

    @Override
    public String globalInfo() {
        return "ASHA, asynchronous successive halving (Li et al. 2020): each free worker promotes a trial in the top 1/eta of its "
                + "rung or starts a new one, never waiting for a rung to fill. Decided on a virtual clock, so the result does not "
                + "depend on timing or the thread count.";
    }

    @Override
    protected Scheduler scheduler() {
        return new org.dendrite.core.search.Asha(trials, getMinEpochs(), getMaxEpochs(), getEta(), workers);
    }

    @OptionMetadata(displayName = "trials", description = "Configurations started in all (>= 1).",
            commandLineParamName = "trials", commandLineParamSynopsis = "-trials <n>", displayOrder = 1)
    public int getTrials() { return trials; }
    public void setTrials(int v) { trials = v; }

    @OptionMetadata(displayName = "workers", description = "The virtual workers ASHA schedules for (>= 1): its decisions assume this "
            + "many trials run at once, whatever the real threads.", commandLineParamName = "workers", commandLineParamSynopsis = "-workers <n>",
            displayOrder = 2)
    public int getWorkers() { return workers; }
    public void setWorkers(int v) { workers = v; }
}
