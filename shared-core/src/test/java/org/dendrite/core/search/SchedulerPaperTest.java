package org.dendrite.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.dendrite.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** The schedulers and samplers against the published definitions, worked by hand (each test failed on the code before its fix). */
class SchedulerPaperTest {
    private static final SearchSpace LR = new SearchSpace(List.of(new SearchParameter("learningRate", new LogUniform(1e-4, 1))));

    /**
     * ASHA (Li et al. 2020, Algorithm 2) ranks rung k's trials by their loss AT rung k: "candidates =
     * top_k(rung k, |rung k| / eta)". A trial promoted and trained further keeps its rung-k loss in
     * rung k. The code before the fix ranks by the trial's latest score, so a trial that got worse at the
     * higher rung drops out of rung k's top 1/eta and opens a slot for a trial that never was in it.
     *
     * <p>Asha(trials 4, min 1, max 2, eta 2, 1 worker): rungs 1 and 2 epochs. Scores f(id, epochs):
     * t1 .5/.45, t2 .3/.9 (overfits), t3 .7/.65, t4 .8/.75. By hand, the paper:
     * <pre>
     * t1@1; rung0 {t1}: floor(1/2)=0 -> new t2@1
     * rung0 {t2 .3, t1 .5}: floor(2/2)=1 -> top {t2} -> promote t2@2 (top rung)
     * rung0 unchanged (t2 keeps .3 there): top {t2} promoted -> new t3@1
     * rung0 {t2 .3, t1 .5, t3 .7}: floor(3/2)=1 -> {t2} promoted -> new t4@1
     * rung0 {.3 t2, .5 t1, .7 t3, .8 t4}: floor(4/2)=2 -> {t2, t1}: promote t1@2
     * then nothing: 4 started, top 2 of rung 0 both promoted
     * </pre>
     * so the commits are 1@1, 2@1, 2@2, 3@1, 4@1, 1@2 and at most floor(4 / 2) = 2 trials reach rung 1
     * (the bound {@link Asha#plannedEpochs} also relies on). The code before the fix commits
     * 1@1, 2@1, 2@2, 1@2, 3@1, 4@1, 3@2: three trials reach the top rung, including t3, 3rd of 4 at rung 0.
     */
    @Test
    void ashaRanksEachRungByTheScoresAtThatRung() {
        double[][] f = {{}, {0.5, 0.45}, {0.3, 0.9}, {0.7, 0.65}, {0.8, 0.75}};
        BiFunction<Integer, Integer, Double> objective = (id, e) -> f[id][e - 1];
        List<String> jobs = new ArrayList<>();
        List<TrialRecord> r = SchedulerTest.search(new Asha(4, 1, 2, 2, 1), 1, jobs, objective);
        assertEquals(List.of("1@1", "2@1", "2@2", "3@1", "4@1", "1@2"), jobs);
        long top = r.stream().filter(t -> t.epochs() == 2).count();
        assertTrue(top <= 4 / 2, "floor(4 / 2) = 2 trials at most reach rung 1, got " + top);
    }

    /**
     * A trial that failed at a rung is in that rung as its worst, as successive halving counts it
     * ({@link SuccessiveHalving#best}: the best floor(n / eta) of all n, failed ones last): Algorithm 2's
     * top_k(rung k, |rung k| / eta) counts every trial of the rung, and a diverged run's loss is the
     * worst. Asha(trials 4, min 1, max 2, eta 2, 1 worker), scores at 1 epoch: t1 fails, t2 .5, t3 .3,
     * t4 .7 (t2 .4 and t3 .2 at 2 epochs). By hand:
     * <pre>
     * t1@1 fails; rung0 {t1}: floor(1/2)=0 -> new t2@1
     * rung0 {t2 .5, t1 failed}: floor(2/2)=1 -> {t2} -> promote t2@2
     * rung0: {t2} promoted -> new t3@1
     * rung0 {t3 .3, t2 .5, t1}: floor(3/2)=1 -> {t3} -> promote t3@2
     * rung0: {t3} promoted -> new t4@1
     * rung0 {.3 t3, .5 t2, .7 t4, t1}: floor(4/2)=2 -> {t3, t2}, both promoted; 4 started: done
     * </pre>
     * The code before leaves t1 out of rung 0's count: t2 waits for t3 (floor(1/2) = 0) and never goes
     * on (floor(3/2) = 1 takes t3), so one trial of the three that trained reaches the top rung.
     */
    @Test
    void ashaCountsAFailedTrialInItsRungAsItsWorst() {
        double[][] f = {{}, {Double.NaN, Double.NaN}, {0.5, 0.4}, {0.3, 0.2}, {0.7, 0.6}};
        List<String> jobs = new ArrayList<>();
        List<TrialRecord> r = SchedulerTest.search(new Asha(4, 1, 2, 2, 1), 1, jobs, (id, e) -> f[id][e - 1]);
        assertEquals(List.of("1@0", "2@1", "2@2", "3@1", "3@2", "4@1"), jobs);
        assertEquals(List.of(2, 3), r.stream().filter(t -> t.epochs() == 2).map(TrialRecord::id).sorted().toList(), "the trials at the top rung");
    }

    /**
     * Successive halving (Jamieson and Talwalkar 2016) keeps the best floor(n / eta) of the n
     * configurations it has. When a grid runs out (docs: "the search ends with the grid") n is what
     * was drawn, not the planned trials. 3 learning rates x 2 batch sizes = 6 configurations,
     * SuccessiveHalving(27, 1, 27, 3): rungs 1, 3, 9, 27 epochs. By hand: 6 at 1 epoch,
     * floor(6 / 3) = 2 at 3 epochs, max(1, floor(6 / 9)) = 1 at 9 and 27. The code before the fix sizes the
     * rungs from the planned 27 (27, 9, 3, 1): all 6 go on to 3 epochs, 3 to 9 epochs.
     */
    @Test
    void successiveHalvingHalvesTheConfigurationsAGridActuallyGave() {
        SearchSpace six = new SearchSpace(List.of(new SearchParameter("learningRate", new LogUniform(1e-3, 1e-1)),
                new SearchParameter("batchSize", Choice.of(16, 32))));
        List<TrialRecord> r = SchedulerTest.search(new SuccessiveHalving(27, 1, 27, 3), 1, null, (id, e) -> id / (double) e,
                GridSampler.DEFAULT, six);
        assertEquals(6, r.size());
        assertEquals(2, r.stream().filter(t -> t.epochs() >= 3).count(), "trials promoted to 3 epochs: floor(6 / 3)");
        assertEquals(1, r.stream().filter(t -> t.epochs() >= 9).count(), "trials promoted to 9 epochs");
    }

    /**
     * The Sampler contract: "draw number proposed + i uses its own generator ..., so the candidates do
     * not depend on how the draws are batched". The zoom picks its centre by the index within the call
     * (i mod top), so one draw at a time (ASHA draws so, every new trial alone) always centres on the
     * best trial and never on the others of the top: draws 10 and 11 around the 2 best (lr 1e-4 and 1,
     * window shrink^1 = 0.1 of 4 decades = 0.4 decades) give lr ~1e-4 and ~1 batched, ~1e-4 twice alone.
     */
    @Test
    void zoomDrawsDoNotDependOnHowTheyAreBatched() {
        List<TrialRecord> ranked = List.of(record(1, 1e-4, 0.1), record(2, 1.0, 0.2));
        ZoomSampler z = new ZoomSampler(3, 2, 0.1);
        List<Candidate> batched = z.propose(LR, 2, 1, 10, ranked, 42);
        List<Candidate> alone = new ArrayList<>(z.propose(LR, 1, 1, 10, ranked, 42));
        alone.addAll(z.propose(LR, 1, 1, 11, ranked, 42));
        assertEquals(batched, alone);
    }

    /**
     * At most floor(n / eta^k) of ASHA's n trials reach rung k (Li et al. 2020), so with fewer than
     * eta^(rungs - 1) none reaches the top rung: 2 trials, eta 3, rungs 1, 3, 9 need 9 (the search then
     * reported a trial of 1 epoch as its best); refused before anything trains, naming the setting.
     */
    @Test
    void ashaNeedsTrialsEnoughToReachItsTopRung() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> new Asha(2, 1, 9, 3, 1).check(9));
        assertEquals("trials", e.setting());
        assertTrue(e.getMessage().contains("rungs [1, 3, 9], so it needs at least 9 trials"), e.getMessage());
        new Asha(9, 1, 9, 3, 1).check(9);
        List<TrialRecord> r = SchedulerTest.search(new Asha(9, 1, 9, 3, 1), 1, null, (id, ep) -> id / (double) ep);
        assertTrue(r.stream().anyMatch(t -> t.epochs() == 9), "9 trials bring one to 9 epochs");
    }

    private static TrialRecord record(int id, double lr, double score) {
        return new TrialRecord(id, 0, new Candidate(Map.of("learningRate", lr)), TrainingConfig.DEFAULT, 1, score, new double[] {score},
                Map.of(1, score), 0, 1, true, null);
    }
}
