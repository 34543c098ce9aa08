package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dendrite.core.check.Check;

/**
 * Successive halving (Jamieson and Talwalkar 2016): {@code trials} trials train to the lowest rung's
 * epochs, the best 1/eta of them continue to the next rung, and so on up to {@code maxEpochs} (rungs:
 * {@link Budgets}); rung i holds floor(trials / eta^i) trials (at least 1). A maximum of 0 means the
 * base configuration's epochs, a minimum of 0 a quarter of the way down in eta steps (R / eta^3).
 */
public record SuccessiveHalving(int trials, int minEpochs, int maxEpochs, int eta) implements Scheduler {
    private static final long serialVersionUID = 1L;

    public static final SuccessiveHalving DEFAULT = new SuccessiveHalving(27, 0, 0, 3);

    public SuccessiveHalving {
        Check.between("trials", trials, 1, MAX_TRIALS);
        Check.atLeast("minEpochs", minEpochs, 0);
        Check.atLeast("maxEpochs", maxEpochs, 0);
        Budgets.checkEta(eta);
    }

    @Override public int plannedTrials(int baseEpochs) { return trials; }

    @Override public String name() { return "successive_halving"; }

    /** The rungs for a base configuration of {@code baseEpochs} epochs. */
    public List<Rung> rungs(int baseEpochs) {
        return rungs(trials, Budgets.rungs(name(), minEpochs, maxEpochs, eta, baseEpochs), eta);
    }

    static List<Rung> rungs(int trials, int[] epochs, int eta) {
        List<Rung> out = new ArrayList<>();
        long div = 1;
        for (int e : epochs) {
            out.add(new Rung((int) Math.max(1, trials / div), e));
            div = Math.min(div * eta, Integer.MAX_VALUE);
        }
        return out;
    }

    /** {@code rungs}' epochs with the trials of a group of {@code drawn} trials. */
    static List<Rung> resized(List<Rung> rungs, int drawn, int eta) {
        return rungs(drawn, rungs.stream().mapToInt(Rung::epochs).toArray(), eta);
    }

    @Override
    public void check(int baseEpochs) {
        rungs(baseEpochs);
    }

    @Override
    public String describe(int baseEpochs) {
        List<Rung> r = rungs(baseEpochs);
        return "successive halving (" + trials + " trials, eta " + eta + ", rungs " + Budgets.list(r) + ")";
    }

    @Override
    public long plannedEpochs(int baseEpochs, Restarts restarts) {
        return planned(rungs(baseEpochs), restarts);
    }

    static long planned(List<Rung> rungs, Restarts restarts) {
        int[] epochs = rungs.stream().mapToInt(Rung::epochs).toArray();
        long sum = 0;
        for (int i = 0; i < rungs.size(); i++) sum += (long) rungs.get(i).trials() * restarts.cost(epochs, i);
        return sum;
    }

    @Override
    public void run(TrialPool pool) {
        List<Trial> group = pool.newTrials(trials, 0, 0);
        // a grid that ran out drew fewer: rung i holds floor(drawn / eta^i)
        TrialPool.await(bracket(pool, group, resized(rungs(pool.baseEpochs()), group.size(), eta), 0));
    }

    /**
     * Runs {@code group} through {@code rungs} from rung {@code i}: trains it, keeps the best
     * rungs[i + 1].trials (by committed score, ties to the lower id), releases the rest, continues.
     */
    static CompletableFuture<Void> bracket(TrialPool pool, List<Trial> group, List<Rung> rungs, int i) {
        boolean last = i == rungs.size() - 1;
        return pool.trainAll(group, rungs.get(i).epochs(), i, rungs.size()).thenCompose(v -> {
            if (last) {
                for (Trial t : group) pool.complete(t);
                return CompletableFuture.completedFuture(null);
            }
            List<Trial> keep = best(group, rungs.get(i + 1).trials(), pool.metric());
            for (Trial t : group) if (!keep.contains(t)) pool.release(t);
            return bracket(pool, keep, rungs, i + 1);
        });
    }

    /** The best {@code k} of {@code group} that did not fail, best first (ties to the lower id). */
    static List<Trial> best(List<Trial> group, int k, Metric metric) {
        List<Trial> ok = new ArrayList<>();
        for (Trial t : group) if (!t.failed()) ok.add(t);
        ok.sort((a, b) -> {
            int c = metric.compare(a.score(), b.score());
            return c != 0 ? c : Integer.compare(a.id(), b.id());
        });
        return new ArrayList<>(ok.subList(0, Math.min(k, ok.size())));
    }
}
