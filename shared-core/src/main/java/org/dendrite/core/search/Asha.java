package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.dendrite.core.check.Check;

/**
 * Asynchronous successive halving (ASHA; Li, Jamieson, Rostamizadeh, Gonina, Ben-tzur, Hardt, Recht
 * and Talwalkar 2020, "A System for Massively Parallel Hyperparameter Tuning", Algorithm 2): each
 * free worker promotes a trial that is in the top 1/eta of its rung's finished trials and not yet
 * promoted (looking from the highest rung down), and otherwise starts a new trial at the lowest rung,
 * until {@code trials} trials have started; no worker waits for a rung to fill. A trial that failed at a
 * rung is in that rung as its worst (it counts towards the rung's size and is never promoted), as
 * successive halving counts it. Rungs as {@link Budgets}.
 *
 * <p>Deterministic by construction: the schedule runs on a virtual clock on which {@code workers}
 * workers each take one time unit per epoch trained (a promoted trial continuing from its checkpoint
 * trains only the difference). A worker decides when it becomes free on that clock, from the jobs
 * finished on it by then; jobs ending at the same time are taken one by one in trial-id order (a worker
 * freed by one of them decides before the next is committed), free workers in worker order. The jobs
 * themselves run on the search's real threads, as many at once as there are virtual workers busy; real
 * timing only changes the wall time, never which trials are promoted.
 */
public record Asha(int trials, int minEpochs, int maxEpochs, int eta, int workers) implements Scheduler {
    private static final long serialVersionUID = 1L;

    public static final Asha DEFAULT = new Asha(40, 0, 0, 3, 4);

    public Asha {
        Check.between("trials", trials, 1, MAX_TRIALS);
        Check.atLeast("minEpochs", minEpochs, 0);
        Check.atLeast("maxEpochs", maxEpochs, 0);
        Budgets.checkEta(eta);
        // a virtual worker each holds a place in the simulation (workers of 10^8 filled the heap): more than trials add nothing
        Check.between("workers", workers, 1, MAX_TRIALS);
    }

    @Override public int plannedTrials(int baseEpochs) { return trials; }

    @Override public String name() { return "asha"; }

    /** The rungs' epochs for a base configuration of {@code baseEpochs} epochs. */
    public int[] rungs(int baseEpochs) {
        return Budgets.rungs(name(), minEpochs, maxEpochs, eta, baseEpochs);
    }

    @Override
    public void check(int baseEpochs) {
        int[] r = rungs(baseEpochs);
        // at most floor(trials / eta^k) trials reach rung k: fewer than eta^(rungs - 1) reach the top rung with none, and the
        // search's best would be a trial trained to a lower rung's epochs only
        long need = 1;
        for (int k = 1; k < r.length; k++) need *= eta;
        if (trials < need) {
            throw Check.invalid("trials", "ASHA with " + trials + " trials would bring none to its top rung (" + r[r.length - 1] + " epochs): "
                    + "at most trials / " + eta + "^k reach rung k of its rungs " + java.util.Arrays.toString(r) + ", so it needs at least "
                    + need + " trials; use more trials, a larger minEpochs or a smaller eta");
        }
    }

    @Override
    public String describe(int baseEpochs) {
        int[] r = rungs(baseEpochs);
        StringBuilder sb = new StringBuilder();
        for (int e : r) sb.append(sb.length() == 0 ? "" : ", ").append(e);
        return "ASHA (" + trials + " trials, eta " + eta + ", rungs of " + sb + " epochs, " + workers + " virtual workers)";
    }

    /** At most floor(trials / eta^k) trials reach rung k. */
    @Override
    public long plannedEpochs(int baseEpochs, Restarts restarts) {
        int[] r = rungs(baseEpochs);
        long sum = 0, div = 1;
        for (int k = 0; k < r.length; k++) {
            sum += (trials / div) * restarts.cost(r, k);
            div *= eta;
        }
        return sum;
    }

    private record Job(Trial trial, int rung, long end, int worker, CompletableFuture<TrialPool.Finished> result) {}

    @Override
    public void run(TrialPool pool) {
        int[] r = rungs(pool.baseEpochs());
        int top = r.length - 1;
        List<List<Trial>> finished = new ArrayList<>();
        List<Set<Integer>> promoted = new ArrayList<>();
        for (int k = 0; k < r.length; k++) {
            finished.add(new ArrayList<>());
            promoted.add(new HashSet<>());
        }
        PriorityQueue<Job> running = new PriorityQueue<>((a, b) -> a.end != b.end ? Long.compare(a.end, b.end)
                : a.trial.id() != b.trial.id() ? Integer.compare(a.trial.id(), b.trial.id()) : Integer.compare(a.worker, b.worker));
        TreeSet<Integer> idle = new TreeSet<>();
        for (int w = 0; w < workers; w++) idle.add(w);
        long now = 0;
        int[] started = {0};
        while (true) {
            while (!idle.isEmpty()) {
                int w = idle.first();
                Job j = next(pool, r, finished, promoted, started, now, w);
                if (j == null) break;
                idle.remove(w);
                running.add(j);
            }
            if (running.isEmpty()) break;
            Job j = running.poll();
            now = j.end;
            pool.commit(TrialPool.await(j.result));
            if (j.rung == top) {
                pool.complete(j.trial);
            } else {
                finished.get(j.rung).add(j.trial);
            }
            idle.add(j.worker);
        }
    }

    /** The job worker {@code w} takes at time {@code now}: a promotion, else a new trial, else none. */
    private Job next(TrialPool pool, int[] r, List<List<Trial>> finished, List<Set<Integer>> promoted, int[] started, long now, int w) {
        int top = r.length - 1;
        for (int k = top - 1; k >= 0; k--) {
            // rung k ranked by the scores at rung k (a promoted trial keeps its rung-k score there), ties to the lower id
            int budget = r[k];
            List<Trial> ranked = new ArrayList<>();
            int failed = 0;
            for (Trial t : finished.get(k)) {
                if (t.reached(budget)) ranked.add(t);
                else if (t.failed()) failed++;
            }
            ranked.sort((a, b) -> {
                int c = pool.metric().compare(a.scoreAt(budget), b.scoreAt(budget));
                return c != 0 ? c : Integer.compare(a.id(), b.id());
            });
            // a trial that failed at rung k is in it, ranked last (as successive halving counts it): its place counts, it is never promoted
            int promotable = Math.min(ranked.size(), (ranked.size() + failed) / eta);
            for (int i = 0; i < promotable; i++) {
                Trial t = ranked.get(i);
                if (promoted.get(k).add(t.id())) {
                    return start(pool, t, r, k + 1, now, w);
                }
            }
        }
        if (started[0] >= trials) return null;
        int round = (int) ((long) started[0] * pool.samplerRounds() / trials);
        List<Trial> fresh = pool.newTrials(1, round, 0);
        if (fresh.isEmpty()) {
            started[0] = trials;
            return null;
        }
        started[0]++;
        return start(pool, fresh.get(0), r, 0, now, w);
    }

    private static Job start(TrialPool pool, Trial t, int[] r, int k, long now, int w) {
        return new Job(t, k, now + pool.restarts().cost(r, k), w, pool.train(t, r[k], k, r.length));
    }
}
