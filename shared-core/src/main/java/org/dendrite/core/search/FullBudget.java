package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dendrite.core.check.Check;

/**
 * Every trial trained to its full length (the base configuration's epochs, or the space's when it
 * searches {@code epochs}): random search or grid search as usually run. With an adaptive sampler
 * (the zoom) the trials are split into its rounds, each drawn after the previous one's results.
 */
public record FullBudget(int trials) implements Scheduler {
    private static final long serialVersionUID = 1L;

    public static final FullBudget DEFAULT = new FullBudget(20);

    public FullBudget {
        Check.between("trials", trials, 1, MAX_TRIALS);
    }

    @Override public int plannedTrials(int baseEpochs) { return trials; }

    @Override public String name() { return "full_budget"; }

    @Override public boolean budgetsEpochs() { return false; }

    @Override
    public void check(int baseEpochs) {
        // any positive trial count trains
    }

    @Override
    public String describe(int baseEpochs) {
        return "full budget (" + trials + " trials, each trained to its end: " + baseEpochs + " epochs unless the space searches epochs)";
    }

    @Override
    public long plannedEpochs(int baseEpochs, Restarts restarts) {
        return (long) trials * baseEpochs;
    }

    @Override
    public void run(TrialPool pool) {
        int rounds = Math.max(1, Math.min(pool.samplerRounds(), trials));
        for (int r = 0; r < rounds; r++) {
            int count = (int) ((long) trials * (r + 1) / rounds - (long) trials * r / rounds);
            List<Trial> group = pool.newTrials(count, r, 0);
            if (group.isEmpty()) break;
            List<CompletableFuture<TrialPool.Finished>> jobs = new ArrayList<>();
            for (Trial t : group) jobs.add(pool.train(t, t.config().epochs(), 0, 1));
            for (CompletableFuture<TrialPool.Finished> j : jobs) pool.commit(TrialPool.await(j));
            for (Trial t : group) pool.complete(t);
        }
    }
}
