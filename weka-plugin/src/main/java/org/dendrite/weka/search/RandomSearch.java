package org.dendrite.weka.search;

import org.dendrite.core.search.FullBudget;
import org.dendrite.core.search.Scheduler;
import weka.core.OptionMetadata;

/** Random (or grid, or zoom) search training every trial to its end: {@link FullBudget}. */
public class RandomSearch extends SearchSettings {
    private static final long serialVersionUID = 1L;

    private int trials = FullBudget.DEFAULT.trials();

    @Override
    public String globalInfo() {
        return "Random search (Bergstra and Bengio 2012): trials drawn from the search space, each trained for the configured epochs "
                + "and scored on a validation holdout of the training rows; the best configuration is then trained on all of them.";
    }

    @Override
    protected Scheduler scheduler() {
        return new FullBudget(trials);
    }

    @OptionMetadata(displayName = "trials", description = "How many configurations to train (>= 1; a grid of fewer points ends "
            + "sooner, one of more is refused).",
            commandLineParamName = "trials", commandLineParamSynopsis = "-trials <n>", displayOrder = 1)
    public int getTrials() { return trials; }
    public void setTrials(int v) { trials = v; }
}
