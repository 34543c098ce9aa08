package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dendrite.core.check.Check;

/**
 * Hyperband (Li, Jamieson, DeSalvo, Rostamizadeh and Talwalkar 2018, JMLR 18(185), Algorithm 1):
 * successive halving run in s_max + 1 brackets that trade the number of trials against the epochs
 * each starts with, hedging against a too aggressive early stop. In units of the minimum budget,
 * R = maxEpochs / minEpochs, s_max = floor(log_eta R), B = (s_max + 1) R; bracket s starts
 * n = ceil(B / R * eta^s / (s + 1)) trials at r = R eta^-s; its rung i keeps n_i = floor(n eta^-i)
 * trials at r_i = r eta^i ({@link #brackets}). In epochs rung i trains round(maxEpochs /
 * eta^(s - i)) epochs. Brackets run side by side (one after the other with an adaptive sampler, which
 * then learns from the brackets before).
 */
public record Hyperband(int minEpochs, int maxEpochs, int eta) implements Scheduler {
    private static final long serialVersionUID = 1L;

    public static final Hyperband DEFAULT = new Hyperband(0, 0, 3);

    public Hyperband {
        Check.atLeast("minEpochs", minEpochs, 0);
        Check.atLeast("maxEpochs", maxEpochs, 0);
        Budgets.checkEta(eta);
    }

    @Override public String name() { return "hyperband"; }

    /** The brackets for a base configuration of {@code baseEpochs} epochs, most aggressive (largest s) first. */
    public List<Bracket> brackets(int baseEpochs) {
        int[] top = Budgets.rungs(name(), minEpochs, maxEpochs, eta, baseEpochs);
        int max = top[top.length - 1];
        int sMax = Budgets.steps(Budgets.min(minEpochs, max, eta), max, eta);
        List<Bracket> out = new ArrayList<>();
        long trials = 0;
        for (int s = sMax; s >= 0; s--) {
            long pow = (long) Math.pow(eta, s);
            // n = ceil((s_max + 1) eta^s / (s + 1)) in whole numbers (a double quotient such as 5/3 * 9 is not exactly 15)
            long n = ((sMax + 1) * pow + s) / (s + 1);
            trials += n;
            if (trials > MAX_TRIALS) {
                throw Check.invalid("maxEpochs", "Invalid hyperband budget: maxEpochs " + max + " over minEpochs " + Budgets.min(minEpochs, max, eta)
                        + " with eta " + eta + " plans more than " + MAX_TRIALS + " trials (its brackets start at least " + trials + "); allowed: a "
                        + "ratio maxEpochs / minEpochs that plans at most " + MAX_TRIALS + " (a larger minEpochs or eta)");
            }
            List<Rung> rungs = new ArrayList<>();
            long div = 1;
            for (int i = 0; i <= s; i++) {
                int epochs = (int) Math.max(1, Math.round(max / Math.pow(eta, s - i)));
                rungs.add(new Rung((int) Math.max(1, n / div), epochs));
                div *= eta;
            }
            out.add(new Bracket(s, rungs));
        }
        return out;
    }

    @Override
    public void check(int baseEpochs) {
        brackets(baseEpochs);
    }

    @Override
    public int plannedTrials(int baseEpochs) {
        int trials = 0;
        for (Bracket x : brackets(baseEpochs)) trials += x.rungs().get(0).trials();
        return trials;
    }

    @Override
    public String describe(int baseEpochs) {
        List<Bracket> b = brackets(baseEpochs);
        int trials = plannedTrials(baseEpochs);
        return "Hyperband (" + b.size() + " brackets, " + trials + " trials, eta " + eta + ", the first bracket's rungs " + Budgets.list(b.get(0).rungs())
                + ")";
    }

    @Override
    public long plannedEpochs(int baseEpochs, Restarts restarts) {
        long sum = 0;
        for (Bracket b : brackets(baseEpochs)) sum += SuccessiveHalving.planned(b.rungs(), restarts);
        return sum;
    }

    @Override
    public void run(TrialPool pool) {
        List<Bracket> brackets = brackets(pool.baseEpochs());
        if (pool.adaptiveSampler()) {
            for (int k = 0; k < brackets.size(); k++) {
                Bracket b = brackets.get(k);
                // the sampler's rounds spread over the brackets, one after another (one round: every bracket random)
                int round = (int) ((long) k * pool.samplerRounds() / brackets.size());
                List<Trial> group = pool.newTrials(b.rungs().get(0).trials(), round, b.s());
                TrialPool.await(SuccessiveHalving.bracket(pool, group, SuccessiveHalving.resized(b.rungs(), group.size(), eta), 0));
            }
            return;
        }
        List<List<Trial>> groups = new ArrayList<>();
        for (int k = 0; k < brackets.size(); k++) {
            groups.add(pool.newTrials(brackets.get(k).rungs().get(0).trials(), k, brackets.get(k).s()));
        }
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int k = 0; k < brackets.size(); k++) {
            running.add(SuccessiveHalving.bracket(pool, groups.get(k), SuccessiveHalving.resized(brackets.get(k).rungs(), groups.get(k).size(), eta), 0));
        }
        TrialPool.await(CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0])));
    }
}
