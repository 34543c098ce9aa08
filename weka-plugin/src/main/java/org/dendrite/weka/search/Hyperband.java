package org.dendrite.weka.search;

import org.dendrite.core.search.Scheduler;

/** Options of {@link org.dendrite.core.search.Hyperband}. */
public class Hyperband extends EpochBudgetSearch {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Hyperband (Li et al. 2018, JMLR): successive halving in several brackets, from many trials stopped early to a few "
                + "trained to the maximum epochs, so a slow starter still gets its chance; the best configuration is then trained on "
                + "all rows. It trains several times R epochs in all, R the maximum epochs (830 for the defaults' R = 100, 874 for R = 60: "
                + "the run prints its plan). Measured on small datasets "
                + "(docs/benchmarks.md): the defaults cost about 50 default fits; maximum epochs 24 with eta 4 about 20.";
    }

    @Override
    protected Scheduler scheduler() {
        return new org.dendrite.core.search.Hyperband(getMinEpochs(), getMaxEpochs(), getEta());
    }
}
