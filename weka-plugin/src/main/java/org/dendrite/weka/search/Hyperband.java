package org.dendrite.weka.search;

import org.dendrite.core.search.Scheduler;

/** Options of {@link org.dendrite.core.search.Hyperband}. */
public class Hyperband extends EpochBudgetSearch {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Hyperband (Li et al. 2018, JMLR): successive halving in several brackets, from many trials stopped early to a few "
                + "trained to the maximum epochs, so a slow starter still gets its chance; the best configuration is then trained on "
                + "all rows. With maximum epochs R and eta 3 it trains about (log3 R + 1)^2 times R epochs. Measured on small datasets "
                + "(docs/benchmarks.md): the defaults cost about 50 default fits; maximum epochs 24 with eta 4 about 20.";
    }

    @Override
    protected Scheduler scheduler() {
        return new org.dendrite.core.search.Hyperband(getMinEpochs(), getMaxEpochs(), getEta());
    }
}
