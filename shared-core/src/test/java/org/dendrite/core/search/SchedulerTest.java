package org.dendrite.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * The schedulers' arithmetic against hand-computed tables, and their decisions on a synthetic
 * objective (no training: a job's score is a fixed function of the trial and its epochs), including
 * ASHA on random real timing.
 */
class SchedulerTest {
    private static final SearchSpace SPACE = new SearchSpace(List.of(new SearchParameter("learningRate", new LogUniform(1e-4, 1))));

    @Test
    void hyperbandBracketsAreTheTableOfLiEtAl2018() {
        // Li et al. 2018, Table 1: R = 81, eta = 3; n_i trials at r_i (here epochs, min 1)
        List<Bracket> b = new Hyperband(1, 81, 3).brackets(60);
        assertEquals(List.of(
                new Bracket(4, List.of(new Rung(81, 1), new Rung(27, 3), new Rung(9, 9), new Rung(3, 27), new Rung(1, 81))),
                new Bracket(3, List.of(new Rung(34, 3), new Rung(11, 9), new Rung(3, 27), new Rung(1, 81))),
                new Bracket(2, List.of(new Rung(15, 9), new Rung(5, 27), new Rung(1, 81))),
                new Bracket(1, List.of(new Rung(8, 27), new Rung(2, 81))),
                new Bracket(0, List.of(new Rung(5, 81)))), b);
    }

    @Test
    void defaultBudgetsFollowTheBaseEpochs() {
        // 60 epochs, eta 3: min = round(60 / 27) = 2, s_max = 3 (2 x 27 <= 60); rung i of bracket s: round(60 / 3^(s - i))
        List<Bracket> b = Hyperband.DEFAULT.brackets(60);
        assertEquals(List.of(
                new Bracket(3, List.of(new Rung(27, 2), new Rung(9, 7), new Rung(3, 20), new Rung(1, 60))),
                new Bracket(2, List.of(new Rung(12, 7), new Rung(4, 20), new Rung(1, 60))),
                new Bracket(1, List.of(new Rung(6, 20), new Rung(2, 60))),
                new Bracket(0, List.of(new Rung(4, 60)))), b);
        // continuing: 27x2 + 9x5 + 3x13 + 40 | 12x7 + 4x13 + 40 | 6x20 + 2x40 | 4x60
        assertEquals(178 + 176 + 200 + 240, Hyperband.DEFAULT.plannedEpochs(60, new Restarts(false, false)));
        // restarting: 27x2 + 9x7 + 3x20 + 60 | 12x7 + 4x20 + 60 | 6x20 + 2x60 | 4x60
        assertEquals(237 + 224 + 240 + 240, Hyperband.DEFAULT.plannedEpochs(60, new Restarts(true, true)));
        // continuing below the final budget, which trains from the start: 27x2 + 9x5 + 3x13 + 60 | 12x7 + 4x13 + 60 | 6x20 + 2x60 | 4x60
        assertEquals(198 + 196 + 240 + 240, Hyperband.DEFAULT.plannedEpochs(60, new Restarts(false, true)));
        // the default (AUTO) is that under the whole-run cosine, and continuing throughout under a schedule that does not depend on the run's length
        assertEquals(new Restarts(false, true), Continuation.AUTO.restarts(true));
        assertEquals(new Restarts(false, false), Continuation.AUTO.restarts(false));
        assertEquals(List.of(new Rung(27, 1), new Rung(9, 3), new Rung(3, 9), new Rung(1, 27)), new SuccessiveHalving(27, 1, 27, 3).rungs(60));
        assertEquals(List.of(new Rung(10, 2), new Rung(5, 4), new Rung(2, 8)), new SuccessiveHalving(10, 2, 8, 2).rungs(60));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 7, 20, 60}, Asha.DEFAULT.rungs(60));
    }

    @Test
    void aBudgetWithoutRoomForASecondRungIsAnErrorNamingTheField() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> new Hyperband(0, 2, 3).check(60));
        assertEquals("maxEpochs", e.setting());
        assertTrue(e.getMessage().contains("with maxEpochs 2, minEpochs 1 and eta 3 there is only one rung")
                && e.getMessage().contains("allowed: maxEpochs >= eta x minEpochs"), e.getMessage());
        // maxEpochs 0 takes the configuration's epochs (Spark's epochs param, 2 here): said so, where it named a maxEpochs the user never gave
        e = assertThrows(InvalidSettingException.class, () -> new Hyperband(0, 0, 3).check(2));
        assertTrue(e.getMessage().contains("with maxEpochs 2 (0: the configuration's epochs), minEpochs 1 and eta 3 there is only one rung")
                && e.getMessage().endsWith(": set maxEpochs, or more epochs"), e.getMessage());
        e = assertThrows(InvalidSettingException.class, () -> new Asha(10, 30, 20, 3, 2).check(60));
        assertTrue(e.getMessage().contains("minEpochs 30 exceeds maxEpochs 20"), e.getMessage());
        assertThrows(InvalidSettingException.class, () -> new SuccessiveHalving(0, 1, 9, 3));
    }

    /**
     * A search file of 70 bytes planned 2^31 - 1 trials, and drawing them ran out of memory; the
     * count a scheduler plans is bounded by {@link Scheduler#MAX_TRIALS}, refused by name before any is drawn.
     */
    @Test
    void aSearchPlanningMoreTrialsThanTheBoundIsRefusedByName() {
        for (String scheduler : List.of("full_budget", "successive_halving", "asha")) {
            var e = assertThrows(RuntimeException.class, () -> org.dendrite.core.io.SearchFormat.readSearch(
                    "{\"scheduler\":{\"type\":\"" + scheduler + "\",\"trials\":2147483647}}"));
            assertTrue(e.getMessage().contains("$.scheduler") && e.getMessage().contains("trials")
                    && e.getMessage().contains("allowed: an integer from 1 to " + Scheduler.MAX_TRIALS), scheduler + ": " + e.getMessage());
        }
        new FullBudget(Scheduler.MAX_TRIALS).check(60);
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> new Hyperband(1, Integer.MAX_VALUE, 2).check(60));
        assertEquals("maxEpochs", e.setting());
        assertTrue(e.getMessage().contains("plans more than " + Scheduler.MAX_TRIALS + " trials"), e.getMessage());
        new Hyperband(1, 243, 3).check(60); // 6 brackets: 243 + 98 + 41 + 18 + 9 + 6 trials
        // ASHA's virtual workers each hold a place in its simulation: 10^8 of them filled a 2 GB heap
        var w = assertThrows(RuntimeException.class, () -> org.dendrite.core.io.SearchFormat.readSearch(
                "{\"scheduler\":{\"type\":\"asha\",\"trials\":3,\"workers\":100000000}}"));
        assertTrue(w.getMessage().contains("$.scheduler") && w.getMessage().contains("Invalid workers: 100000000 (allowed: an integer from 1 to "
                + Scheduler.MAX_TRIALS + ")"), w.getMessage());
    }

    /** Trial i's score after e epochs: a_i + b_i / e, lower is better, so the ranking changes with the budget. */
    private static double score(int id, int epochs) {
        double a = ((id * 37) % 23) / 23.0, b = ((id * 11) % 17) / 4.0;
        return a + b / epochs;
    }

    @Test
    void successiveHalvingKeepsTheBestThirdAtEachRung() {
        List<TrialRecord> r = search(new SuccessiveHalving(27, 1, 27, 3), 2, null, SchedulerTest::score);
        assertEquals(27, r.size());
        // replay by hand: at each rung the best n_{i+1} by that rung's score go on
        List<Integer> alive = new ArrayList<>();
        for (int i = 1; i <= 27; i++) alive.add(i);
        int[] budgets = {1, 3, 9, 27}, keep = {27, 9, 3, 1};
        for (int k = 0; k < budgets.length; k++) {
            final int e = budgets[k];
            Set<Integer> reached = r.stream().filter(t -> t.epochs() >= e).map(TrialRecord::id).collect(Collectors.toSet());
            assertEquals(Set.copyOf(alive), reached, "trials that trained to " + e + " epochs");
            if (k + 1 < budgets.length) {
                alive.sort(Comparator.comparingDouble((Integer id) -> score(id, e)).thenComparing(id -> id));
                alive = new ArrayList<>(alive.subList(0, keep[k + 1]));
            }
        }
        TrialRecord winner = r.stream().filter(TrialRecord::complete).findFirst().orElseThrow();
        assertEquals(alive.get(0), winner.id());
        assertEquals(score(winner.id(), 27), winner.score());
        // continuing from checkpoints: each trial's curve holds one score per epoch it trained
        assertEquals(score(winner.id(), 26), winner.curve()[25]);
    }

    @Test
    void hyperbandRunsEveryBracketSideBySideWithTheSameResultOnAnyThreadCount() {
        List<TrialRecord> one = search(new Hyperband(1, 27, 3), 1, null, SchedulerTest::score);
        List<TrialRecord> many = search(new Hyperband(1, 27, 3), 4, null, SchedulerTest::score);
        assertEquals(27 + 12 + 6 + 4, one.size());
        assertEquals(describe(one), describe(many));
        int[] complete = new int[4];
        for (TrialRecord t : one) if (t.complete()) complete[t.bracket()]++;
        // one survivor in brackets 3, 2; two in bracket 1; all four of bracket 0
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {4, 2, 1, 1}, complete);
    }

    /** ASHA's decisions replayed by hand (docs in Asha): trials' fixed scores, rungs 1 and 2 epochs, eta 2. */
    @Test
    void ashaPromotesAsTheVirtualClockDictates() {
        double[] s = {Double.NaN, 0.5, 0.3, 0.4, 0.1};
        BiFunction<Integer, Integer, Double> f = (id, e) -> s[id] - 0.05 * (e - 1);
        for (int workers : new int[] {1, 2}) {
            List<String> jobs = new ArrayList<>();
            List<TrialRecord> r = search(new Asha(4, 1, 2, 2, workers), 3, jobs, f);
            // 1 worker: t1, t2 at rung 0; t2 is the best half of {t1, t2}: promoted; t3; then t4, now in the best half
            // (2 of 4: t4, t2) with t2 promoted already: t4 goes on. 2 workers: t1 and t2 start together, t1 ends first
            // (same time, lower id); t3 starts; t2 ends, is the best half: promoted; t2's promotion and t3 end together,
            // t2 first; t4 starts; t3 ends, nothing new; t4 ends and is promoted.
            assertEquals(List.of("1@1", "2@1", "2@2", "3@1", "4@1", "4@2"), jobs, workers + " workers");
            assertEquals(Set.of(2, 4), r.stream().filter(TrialRecord::complete).map(TrialRecord::id).collect(Collectors.toSet()));
        }
    }

    @Test
    void ashaIsDeterministicWhateverTheRealTiming() {
        BiFunction<Integer, Integer, Double> slowAndRandom = (id, e) -> {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(4));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return score(id, e);
        };
        List<String> a = new ArrayList<>(), b = new ArrayList<>();
        List<TrialRecord> one = search(new Asha(30, 1, 9, 3, 4), 1, a, slowAndRandom);
        List<TrialRecord> four = search(new Asha(30, 1, 9, 3, 4), 4, b, slowAndRandom);
        assertEquals(a, b, "the same jobs committed in the same order");
        assertEquals(describe(one), describe(four));
        assertEquals(30, one.size());
        assertTrue(one.stream().anyMatch(TrialRecord::complete), "someone reached the top rung");
    }

    @Test
    void zoomDrawsAroundTheBestTrialsOfTheRoundsBefore() {
        List<TrialRecord> r = search(new FullBudget(12), 2, null, (id, e) -> 0.0, new ZoomSampler(3, 2, 0.25));
        assertEquals(12, r.size());
        // round 0: trials 1-4; round 1 draws around the two best of them (ties: lower ids 1 and 2) within a quarter of 4 decades
        for (int id = 5; id <= 8; id++) {
            double centre = lr(r.get((id - 5) % 2));
            assertTrue(Math.abs(Math.log10(lr(r.get(id - 1))) - Math.log10(centre)) <= 1.0 + 1e-9, "trial " + id);
        }
        for (int id = 9; id <= 12; id++) {
            double centre = lr(r.get((id - 9) % 2));
            assertTrue(Math.abs(Math.log10(lr(r.get(id - 1))) - Math.log10(centre)) <= 0.25 + 1e-9, "trial " + id + " within 1/16 of the range");
        }
    }

    /**
     * Hyperband with the zoom sampler: its rounds spread over the brackets run one after another (the
     * bracket's index was taken as the round, so -zoom-rounds was ignored and "one round", random only,
     * still zoomed from the second bracket on).
     */
    @Test
    void hyperbandSpreadsTheZoomsRoundsOverItsBrackets() {
        List<TrialRecord> random = search(new Hyperband(1, 9, 3), 1, null, (id, e) -> 0.0, new RandomSampler());
        List<TrialRecord> oneRound = search(new Hyperband(1, 9, 3), 1, null, (id, e) -> 0.0, new ZoomSampler(1, 2, 0.25));
        assertEquals(random.stream().map(TrialRecord::candidate).toList(), oneRound.stream().map(TrialRecord::candidate).toList(),
                "one round: every bracket random");
        List<TrialRecord> three = search(new Hyperband(1, 9, 3), 1, null, (id, e) -> 0.0, new ZoomSampler(3, 2, 0.25));
        assertTrue(!random.stream().map(TrialRecord::candidate).toList().equals(three.stream().map(TrialRecord::candidate).toList()),
                "three rounds over three brackets zoom");
    }

    @Test
    void gridEndsWithTheGrid() {
        SearchSpace two = new SearchSpace(List.of(new SearchParameter("learningRate", new LogUniform(1e-3, 1e-1)),
                new SearchParameter("batchSize", Choice.of(16, 32))));
        List<TrialRecord> r = search(new FullBudget(50), 2, null, (id, e) -> 0.0, GridSampler.DEFAULT, two);
        assertEquals(6, r.size());
        assertEquals(List.of(16, 32, 16, 32, 16, 32), r.stream().map(t -> t.candidate().values().get("batchSize")).toList());
    }

    private static double lr(TrialRecord t) {
        return (Double) t.candidate().values().get("learningRate");
    }

    private static List<String> describe(List<TrialRecord> r) {
        return r.stream().map(t -> t.id() + ":" + t.candidate() + ":" + t.epochs() + ":" + t.score() + ":" + t.complete()).toList();
    }

    static List<TrialRecord> search(Scheduler s, int threads, List<String> jobs, BiFunction<Integer, Integer, Double> objective) {
        return search(s, threads, jobs, objective, new RandomSampler());
    }

    static List<TrialRecord> search(Scheduler s, int threads, List<String> jobs, BiFunction<Integer, Integer, Double> objective, Sampler sampler) {
        return search(s, threads, jobs, objective, sampler, SPACE);
    }

    /**
     * Runs {@code s} with a synthetic job: no training, the trial's score after each epoch from
     * {@code objective}(id, epoch); a NaN score fails the job (as a diverged run does).
     */
    static List<TrialRecord> search(Scheduler s, int threads, List<String> jobs, BiFunction<Integer, Integer, Double> objective, Sampler sampler,
                                    SearchSpace space) {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(27);
        TrialRunner synthetic = task -> {
            double[] curve = new double[task.target() - task.fromEpoch()];
            for (int e = task.fromEpoch() + 1; e <= task.target(); e++) curve[e - task.fromEpoch() - 1] = objective.apply(task.trialId(), e);
            for (double v : curve) if (Double.isNaN(v)) return TrialOutcome.failed(task, 0, "diverged");
            return new TrialOutcome(task.target(), task.target(), curve, task.restart(), task.keepCheckpoints() ? List.of() : null, 0, curve.length,
                    null);
        };
        SearchListener l = jobs == null ? SearchListener.NONE : p -> jobs.add(p.trial().id() + "@" + p.trial().epochs());
        TrialPool pool = new TrialPool(base, space, sampler, Metric.LOG_LOSS, new Restarts(false, false), synthetic, ex, l, 1);
        try {
            s.run(pool);
        } finally {
            ex.shutdownNow();
        }
        return pool.records();
    }
}
