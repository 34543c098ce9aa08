package org.dendrite.core.search;

import java.io.Serializable;

/**
 * How a search spends its budget of epochs: {@link FullBudget} trains every trial to its end (plain
 * random or grid search); {@link SuccessiveHalving}, {@link Hyperband} and {@link Asha} train many
 * trials briefly and give the longer budgets to the best (Jamieson and Talwalkar 2016; Li et al.
 * 2018; Li et al. 2020). Schedulers decide only from committed results ({@link TrialPool}).
 */
public sealed interface Scheduler extends Serializable permits FullBudget, SuccessiveHalving, Hyperband, Asha {
    /**
     * The most trials a search may plan: each is a configuration held, and trained, so a larger
     * count (a scheduler's trials, or Hyperband's brackets for a wide epoch range) is refused by name
     * before any is drawn instead of exhausting the memory drawing them.
     */
    int MAX_TRIALS = 10_000;

    /** The name in JSON and options. */
    String name();

    /** True when epochs are the budget it hands out (the space must then not search epochs). */
    default boolean budgetsEpochs() {
        return true;
    }

    /** Checks the settings against the base configuration's epochs: an error names the field and what is allowed. */
    void check(int baseEpochs);

    /** An upper bound on the epochs trained in all (per validation split), for the progress estimate. */
    long plannedEpochs(int baseEpochs, Restarts restarts);

    /** The most trials it draws for a base configuration of {@code baseEpochs} epochs (so the most that can train at once). */
    int plannedTrials(int baseEpochs);

    /** What it does with a base configuration of {@code baseEpochs} epochs, for a person: the trials and the rungs' epochs. */
    String describe(int baseEpochs);

    /** Runs the search's trials. */
    void run(TrialPool pool);
}
