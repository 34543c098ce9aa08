package org.dendrite.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Folds;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Seeds;
import org.dendrite.core.data.TrainingData;
import org.dendrite.core.data.ValidationSplit;
import org.dendrite.core.io.SpecFormat;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.schedule.ConstantSchedule;
import org.dendrite.core.testutil.TestData;
import org.dendrite.core.train.MinibatchSource;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingRun;
import org.dendrite.core.train.WarmStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches that train (small data, few epochs): reproducibility, continuation, validation, refit, output and bad input. */
class SearchTest {
    private static final SearchSpace SMALL = new SearchSpace(List.of(new SearchParameter("learningRate", new LogUniform(1e-3, 1e-1)),
            new SearchParameter("units", new IntUniform(4, 32, true))));

    private static LabeledTable iris() throws Exception {
        return TestData.arff("iris.arff").labeled();
    }

    private static List<String> describe(SearchResult r) {
        return r.trials().stream().map(t -> t.id() + ":" + t.candidate() + ":" + t.epochs() + ":" + t.score() + ":" + t.complete()).toList();
    }

    /**
     * A search whose thread is interrupted stops (it waited, uninterruptibly, for every trial: 35-46 s
     * on after Thread.interrupt, and returned normally): a CancellationException at its first wait, the
     * interrupt left set. The thread is interrupted before the search starts, so the outcome does not
     * depend on how fast the trials run (the interrupt is seen at the first wait for a trial).
     */
    @Test
    void anInterruptedSearchStops() throws Exception {
        SearchConfig c = SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new SuccessiveHalving(16, 20, 60, 3)).withThreads(2);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                new Search(c).explore(iris(), org.dendrite.core.train.TrainingConfig.DEFAULT.withEpochs(60), null);
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        t.join(30_000);
        assertFalse(t.isAlive(), "still searching 30 s on");
        assertTrue(thrown.get() instanceof java.util.concurrent.CancellationException, String.valueOf(thrown.get()));
        assertTrue(stillInterrupted.get(), "the interrupt is the caller's to see");

    }

    /**
     * A stopped search returns once its trials have stopped: they stop at their next epoch boundary,
     * and it returned with them still training (holding their memory). Here each trial, interrupted,
     * takes 300 ms more to stop (a long epoch); when the search throws, every trial begun has ended.
     */
    @Test
    void aStoppedSearchReturnsAfterItsTrialsStopped() throws Exception {
        java.util.concurrent.atomic.AtomicInteger begun = new java.util.concurrent.atomic.AtomicInteger(), ended = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch two = new java.util.concurrent.CountDownLatch(2);
        TrialRunner slow = task -> {
            begun.incrementAndGet();
            two.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                long until = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < until) Thread.onSpinWait();
            }
            ended.incrementAndGet();
            throw new java.util.concurrent.CancellationException("stopped");
        };
        java.util.concurrent.atomic.AtomicReference<String> atReturn = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                new Search(SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new FullBudget(4)).withThreads(2)).explore(iris(),
                        TrainingConfig.DEFAULT.withEpochs(2), null, slow);
            } catch (Throwable e) {
                atReturn.set(ended.get() + " of " + begun.get() + " ended; " + e);
            }
        });
        t.start();
        assertTrue(two.await(30, java.util.concurrent.TimeUnit.SECONDS), "two trials begun");
        t.interrupt();
        t.join(30_000);
        assertFalse(t.isAlive());
        assertTrue(atReturn.get() != null && atReturn.get().startsWith("2 of 2 ended; java.util.concurrent.CancellationException"),
                String.valueOf(atReturn.get()));
    }

    @Test
    void sameSeedGivesTheSameTrialsOnOneOrTwoThreads() throws Exception {
        SearchConfig c = SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new SuccessiveHalving(6, 1, 4, 2));
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(4);
        SearchResult one = new Search(c.withThreads(1)).explore(iris(), base, null);
        SearchResult two = new Search(c.withThreads(2)).explore(iris(), base, null);
        assertEquals(describe(one), describe(two));
        assertEquals(one.bestConfig(), two.bestConfig());
        assertEquals(6, one.trials().size());
        assertEquals(1, one.trials().stream().filter(TrialRecord::complete).count());
        SearchResult other = new Search(c.withThreads(2)).explore(iris(), base.withSeed(2), null);
        assertNotEquals(describe(one), describe(other), "another seed draws other trials");
    }

    /**
     * The trials a search trains side by side share one training's memory budget: each was checked
     * against the whole of it (HeapBudget.SHARE of the heap), so two trials of a wide network each
     * took their half and the search ran out of memory. On 2 threads a trial's budget is half, on 8
     * threads for 4 trials a quarter, and the caller's own stays whole.
     */
    @Test
    void trialsSideBySideShareTheMemoryBudget() throws Exception {
        SearchConfig c = SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new SuccessiveHalving(4, 1, 4, 2));
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(2);
        double whole = org.dendrite.core.data.HeapBudget.bytes();
        assertEquals(Runtime.getRuntime().maxMemory() * org.dendrite.core.data.HeapBudget.SHARE, whole);
        for (int threads : new int[] {1, 2, 8}) {
            // no more trials at once than the search draws (4): 8 threads share as 4 (idle threads shrank every share)
            int sharing = Math.min(threads, 4);
            java.util.Set<Double> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.Set<String> said = java.util.concurrent.ConcurrentHashMap.newKeySet();
            TrialData data = TrialData.of(iris(), c.validation(), base.seed());
            new Search(c.withThreads(threads)).explore(iris(), base, null, task -> {
                seen.add(org.dendrite.core.data.HeapBudget.bytes());
                said.add(org.dendrite.core.data.HeapBudget.describe());
                return TrialJob.run(task, data);
            });
            assertEquals(java.util.Set.of(whole / sharing), seen, threads + " threads");
            assertEquals(java.util.Set.of("50% of this JVM's largest heap" + (sharing == 1 ? "" : ", shared by the " + sharing + " trials a search "
                    + "trains at once (its threads)")), said);
        }
        assertEquals(whole, org.dendrite.core.data.HeapBudget.bytes(), "the caller's thread keeps the whole budget");
        // a Spark trial's share on an executor's task thread, which runs other work after it: restored
        assertEquals(whole / 3, org.dendrite.core.data.HeapBudget.sharedBy(3, () -> org.dendrite.core.data.HeapBudget.bytes()));
        // shared again (a distributed fit's partitions on a search's thread): a share of the share, both sharings named (it said
        // "shared by the 6 partitions ...", the two multiplied into one); hand count: 3 trials x 2 partitions = a sixth each
        assertEquals(java.util.List.of(whole / 6, "50% of this JVM's largest heap, shared by the 3 trials a search trains at once (its threads), "
                + "and each one's share by the 2 partitions of a fit"), org.dendrite.core.data.HeapBudget.sharedBy(3, () -> org.dendrite.core.data
                .HeapBudget.sharedAgainBy(2, "partitions of a fit", () -> java.util.List.<Object>of(org.dendrite.core.data.HeapBudget.bytes(),
                        org.dendrite.core.data.HeapBudget.describe()))));
        assertEquals("50% of this JVM's largest heap, shared by the 2 partitions of a fit", org.dendrite.core.data.HeapBudget.sharedAgainBy(2,
                "partitions of a fit", org.dendrite.core.data.HeapBudget::describe), "on a thread of its own, the one sharing");
        assertEquals(1, org.dendrite.core.data.HeapBudget.trainings());
        assertEquals(whole, org.dendrite.core.data.HeapBudget.bytes());
    }

    @Test
    void continuingEqualsRestartingUnlessTheScheduleDependsOnTheRunLength() throws Exception {
        SearchConfig c = SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new SuccessiveHalving(4, 1, 4, 2)).withThreads(2);
        TrainingConfig constant = TrainingConfig.DEFAULT.withEpochs(4).withSchedule(new ConstantSchedule());
        SearchResult cont = new Search(c.withContinuation(Continuation.CONTINUE)).explore(iris(), constant, null);
        SearchResult restart = new Search(c.withContinuation(Continuation.RESTART)).explore(iris(), constant, null);
        assertEquals(describe(cont), describe(restart), "a checkpoint continued is the run trained from the start, bit for bit");
        // rungs 1, 2, 4 with 4, 2, 1 trials: continuing trains 4 + 2 + 2 epochs, restarting 4 + 4 + 4
        assertEquals(8, cont.epochsTrained());
        assertEquals(12, restart.epochsTrained());
        // under the whole-run cosine a continued run anneals twice: the promoted trials' scores differ
        TrainingConfig cosine = TrainingConfig.DEFAULT.withEpochs(4);
        assertTrue(cosine.schedule().dependsOnRunLength() && !constant.schedule().dependsOnRunLength()
                && new org.dendrite.core.schedule.WarmUp(cosine.schedule(), 0.1, 1, 10).dependsOnRunLength()
                && !org.dendrite.core.schedule.Cosine.DEFAULT.dependsOnRunLength());
        assertTrue(cont.description().contains("promoted trials continue (exactly as trained from the start)"), cont.description());
        SearchResult cc = new Search(c.withContinuation(Continuation.CONTINUE)).explore(iris(), cosine, null);
        SearchResult cr = new Search(c.withContinuation(Continuation.RESTART)).explore(iris(), cosine, null);
        assertEquals(cc.trials().get(0).rungScores().get(1), cr.trials().get(0).rungScores().get(1), "the first rung is the same run");
        assertNotEquals(describe(cc), describe(cr));
        // the default under the whole-run cosine: continue into rung 2, train the final budget (4 epochs) from the start: 4 + 2 + 4 epochs
        SearchResult ca = new Search(c).explore(iris(), cosine, null);
        assertEquals(10, ca.epochsTrained());
        assertTrue(ca.description().contains("below the final budget, which trains from the start"), ca.description());
        for (int i = 0; i < 4; i++) {
            assertEquals(cc.trials().get(i).rungScores().get(2), ca.trials().get(i).rungScores().get(2), "rung 2 is continued as with CONTINUE");
        }
        // under a constant schedule continuing is training from the start: the default continues throughout
        SearchResult constantAuto = new Search(c).explore(iris(), constant, null);
        assertEquals(8, constantAuto.epochsTrained());
        assertEquals(describe(cont), describe(constantAuto));
    }

    @Test
    void kFoldScoresAreTheMeanOverTheFolds() throws Exception {
        LabeledTable t = iris();
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(2);
        SearchConfig c = SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new FullBudget(1)).withValidation(new Validation(0.2, 3));
        TrialRecord trial = new Search(c).explore(t, base, null).trials().get(0);
        // by hand: each fold trained from scratch with the trial's seed, scored by log loss on its held-out rows
        Folds folds = Folds.of(t.size(), 3, t.classIndices(), base.seed());
        TrainingConfig tc = trial.config().withSeed(Seeds.trial(base.seed(), 1))
                .withDiagnostics(new org.dendrite.core.diagnostics.DiagnosticsConfig(0, 0));
        double[] mean = new double[2];
        // on the GEMM backend the search's jobs use
        org.dendrite.core.tensor.GemmBackend.using(org.dendrite.core.tensor.GemmBackend.forSideBySideWork(), () -> {
            foldScores(t, folds, tc, mean);
            return null;
        });
        assertEquals(mean[0], trial.curve()[0], 1e-12);
        assertEquals(mean[1], trial.score(), 1e-12);
    }

    /**
     * A fold that early stopping has stopped keeps its score when its trial is promoted and continued
     * (it trained no epoch in the promoted job, and the trial's mean over the folds became NaN: the
     * search then reported a NaN trial as the best and refitted it). Every rung score is finite, and a
     * trial whose folds all stopped keeps, at the next rung, the score it had.
     */
    @Test
    void foldsStoppedEarlyKeepTheirScoresWhenTheTrialContinues() throws Exception {
        LabeledTable diabetes = TestData.arff("diabetes.arff").labeled();
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(27).withSchedule(new ConstantSchedule())
                .withOptimizer(new org.dendrite.core.optim.Adam(3e-2))
                .withEarlyStopping(new org.dendrite.core.train.EarlyStopping(org.dendrite.core.train.Monitor.VALIDATION_LOSS, 1, 0, true));
        SearchConfig c = new SearchConfig(new SearchSpace(List.of(new SearchParameter("learningRate", new LogUniform(1e-3, 1e-1)))),
                new RandomSampler(), new SuccessiveHalving(9, 3, 27, 3), new Validation(0.2, 3), Metric.LOG_LOSS, Continuation.CONTINUE, 1);
        SearchResult r = new Search(c).explore(diabetes, base, null);
        assertTrue(Double.isFinite(r.best().score()), "best " + r.best().score());
        int kept = 0;
        for (TrialRecord t : r.trials()) {
            for (var e : t.rungScores().entrySet()) assertTrue(Double.isFinite(e.getValue()), "trial " + t.id() + " rung " + e.getKey());
            assertTrue(Double.isFinite(t.score()), "trial " + t.id());
            // promoted after every fold had stopped (the epochs it reached below the rung's): the same score at the next rung
            List<Integer> rungs = List.copyOf(new java.util.TreeSet<>(t.rungScores().keySet()));
            for (int i = 1; i < rungs.size(); i++) {
                if (t.epochs() < rungs.get(i - 1)) {
                    assertEquals(t.rungScores().get(rungs.get(i - 1)), t.rungScores().get(rungs.get(i)), 0, "trial " + t.id());
                    kept++;
                }
            }
        }
        assertTrue(kept > 0, "a promoted trial whose folds had stopped early: " + describe(r));
    }

    /**
     * A trial's loop holds out validation rows whenever its configuration does, as the refit on all
     * rows does, so a schedule reading the validation accuracy reads it in both: with early stopping
     * off, a reduce-on-plateau schedule on the accuracy (maximize true) failed every trial (they read
     * the training loss, and the direction check refused maximize true there) while the refit needed it.
     */
    @Test
    void trialsAndTheRefitReadTheSameMonitor() throws Exception {
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(3).withValidationFraction(0.2)
                .withEarlyStopping(new org.dendrite.core.train.EarlyStopping(org.dendrite.core.train.Monitor.ACCURACY, 0, 0, true))
                .withSchedule(new org.dendrite.core.schedule.ReduceOnPlateau(true, 0.5, 0, 0, false, 0, 0));
        SearchConfig c = SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new FullBudget(2));
        SearchResult r = new Search(c).run(iris(), base, null);
        for (TrialRecord t : r.trials()) assertNull(t.failure(), "trial " + t.id());
        assertTrue(r.model() != null, "refitted");
    }

    /**
     * A trial that holds rows out for early stopping holds them out of its training rows, as its refit
     * does from all rows, and is scored on the search's holdout, which never chooses its epoch: early
     * stopping watched the very rows that scored the trial, so a trial's score was its best epoch's on
     * them, picked by them (optimistic, and more so for a trial of noisier epochs). By hand: the split's
     * training rows prepared as a single-machine run prepares them (the validation split, seeded by the
     * search's seed as the refit's is, so every trial shares one prepared copy), trained with early
     * stopping, scored on the holdout after each epoch.
     */
    @Test
    void earlyStoppingInATrialWatchesRowsOfItsOwnNotTheScoringRows() throws Exception {
        LabeledTable t = TestData.arff("diabetes.arff").labeled();
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(60).withValidationFraction(0.2).withSchedule(new ConstantSchedule())
                .withOptimizer(new org.dendrite.core.optim.Adam(3e-2))
                .withEarlyStopping(new org.dendrite.core.train.EarlyStopping(org.dendrite.core.train.Monitor.VALIDATION_LOSS, 2, 0, true));
        SearchConfig c = SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new FullBudget(1)).withValidation(new Validation(0.25, 0));
        TrialRecord trial = new Search(c).explore(t, base, null).trials().get(0);
        TrainingConfig tc = trial.config().withSeed(Seeds.trial(base.seed(), 1))
                .withDiagnostics(new org.dendrite.core.diagnostics.DiagnosticsConfig(0, 0));
        ValidationSplit holdout = ValidationSplit.of(t.size(), 0.25, t.classIndices(), base.seed());
        List<Double> curve = new java.util.ArrayList<>();
        int[] stopped = new int[1];
        org.dendrite.core.tensor.GemmBackend.using(org.dendrite.core.tensor.GemmBackend.forSideBySideWork(), () -> {
            TrainingData d = TrainingData.prepare(t.subset(holdout.train()), tc.preprocessing(), tc.robustTarget(), 0.2, base.seed(), null, null);
            org.dendrite.core.data.Dataset scoring = d.transform(t.subset(holdout.validation()));
            Loss loss = tc.lossFor(d.task());
            TrainingRun run = new TrainingRun(tc, d.preprocessor(), d.task(), loss, new MinibatchSource(tc, d.task(), loss, d.train(), d.validation()),
                    null, WarmStart.NONE);
            while (run.hasNextEpoch()) {
                run.nextEpoch();
                curve.add(Metric.LOG_LOSS.score(Evaluation.Predictions.of(run.network(), loss, scoring), d.task()));
            }
            stopped[0] = run.epoch();
            return null;
        });
        assertTrue(stopped[0] < 60, "early stopping stops this run (at " + stopped[0] + "), so the rows it watches matter");
        assertEquals(stopped[0], trial.epochs());
        assertEquals(curve.size(), trial.curve().length);
        for (int e = 0; e < curve.size(); e++) assertEquals(curve.get(e), trial.curve()[e], 1e-12, "epoch " + (e + 1));
        assertEquals(curve.get(curve.size() - 1), trial.score(), 1e-12);
    }

    /**
     * A validation fraction that leaves a trial's training rows one class is refused before any trial
     * trains, naming the setting (each trial failed in turn): 20 rows of class a and 2 of class b, a
     * holdout of 0.2 leaves about 17 and 2, and a fraction of 0.5 held out of those leaves one row of b
     * at most, which the stratified split holds out.
     */
    @Test
    void aValidationFractionThatLeavesTrialsOneClassIsRefusedFirst() {
        double[][] rows = new double[22][];
        double[] y = new double[22];
        for (int i = 0; i < 22; i++) {
            rows[i] = new double[] {i};
            y[i] = i < 20 ? 0 : 1;
        }
        LabeledTable t = new LabeledTable(new org.dendrite.core.data.Table(List.of(org.dendrite.core.data.Column.numeric("x")), rows), "c",
                List.of("a", "b"), y, null);
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(2).withValidationFraction(0.5)
                .withEarlyStopping(new org.dendrite.core.train.EarlyStopping(org.dendrite.core.train.Monitor.VALIDATION_LOSS, 1, 0, true));
        Search s = new Search(SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new FullBudget(2)));
        var e = assertThrows(InvalidSettingException.class, () -> s.check(t, base));
        assertEquals("validationFraction", e.setting());
        assertTrue(e.getMessage().startsWith("Invalid validation fraction 0.5 for the search's trials: each holds it out of its split's "),
                e.getMessage());
        s.check(t, base.withValidationFraction(0).withEarlyStopping(org.dendrite.core.train.EarlyStopping.OFF));
        // early stopping's own holdout (no fraction given) on rows too few for it: the patience named (it named a fraction never set)
        double[][] six = java.util.Arrays.copyOf(rows, 6);
        LabeledTable few = new LabeledTable(new org.dendrite.core.data.Table(List.of(org.dendrite.core.data.Column.numeric("x")), six), "c",
                List.of("a", "b", "c"), new double[] {0, 0, 1, 1, 2, 2}, null);
        var own = assertThrows(InvalidSettingException.class, () -> s.check(few, base.withValidationFraction(0)));
        assertEquals("patience", own.setting());
        assertTrue(own.getMessage().startsWith("Early stopping (patience 1) watches a holdout of 0.1 of the rows where no validation fraction is "
                + "given: each of the search's trials holds it out of its split's "), own.getMessage());
    }

    private static void foldScores(LabeledTable t, Folds folds, TrainingConfig tc, double[] mean) {
        for (int k = 0; k < 3; k++) {
            TrainingData d = TrainingData.prepare(t.subset(folds.train(k)), t.subset(folds.validation(k)), tc.preprocessing(), tc.robustTarget());
            Loss loss = tc.lossFor(d.task());
            TrainingRun run = new TrainingRun(tc, d.preprocessor(), d.task(), loss, new MinibatchSource(tc, d.task(), loss, d.train(), null), null,
                    WarmStart.NONE);
            for (int e = 0; e < 2; e++) {
                run.nextEpoch();
                mean[e] += Metric.LOG_LOSS.score(Evaluation.Predictions.of(run.network(), loss, d.validation()), d.task()) / 3;
            }
        }
    }

    @Test
    void theChosenConfigurationIsRefittedOnAllRows() throws Exception {
        LabeledTable t = iris();
        SearchConfig c = SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new SuccessiveHalving(4, 1, 4, 2));
        SearchResult r = new Search(c).run(t, TrainingConfig.DEFAULT.withEpochs(4), null);
        Model m = r.model();
        assertEquals(4, r.bestConfig().epochs());
        assertEquals(r.bestConfig().epochs(), m.history().size());
        // every row in the scaling and in every epoch's batches (the search itself trained on 80% of them)
        double[] center = m.preprocessor().center();
        for (int j = 0; j < center.length; j++) {
            double mean = 0;
            for (double[] row : t.features().rows()) mean += row[j] / t.size();
            assertEquals(mean, center[j], 1e-9, "column " + j);
        }
        assertEquals(4 * Batches.count(150, r.bestConfig().batchSize()), m.history().stepLosses().length);
        // the values left to the data (batch size 0) are chosen once from all 150 rows, before the trials
        assertEquals(r.best().candidate().apply(TrainingConfig.DEFAULT.withEpochs(4).resolve(150)), r.bestConfig());
    }

    /**
     * Against the default configuration on rows neither saw: the search's refitted model is not worse
     * by more than two standard errors of the per-row log-loss difference (paired over the test rows).
     */
    @Test
    void theSearchIsAtLeastAsGoodAsTheDefaultOnAnOuterHoldout() throws Exception {
        LabeledTable all = TestData.arff("diabetes.arff").labeled();
        ValidationSplit outer = ValidationSplit.of(all.size(), 0.25, all.classIndices(), 11);
        LabeledTable train = all.subset(outer.train()), test = all.subset(outer.validation());
        SearchConfig c = SearchConfig.DEFAULT.withScheduler(new SuccessiveHalving(9, 3, 27, 3));
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(27);
        Model searched = new Search(c).run(train, base, null).model();
        Model plain = TrainingRun.local(TrainingConfig.DEFAULT, train).run();
        double[] a = rowLosses(searched, test), b = rowLosses(plain, test);
        double mean = 0, sq = 0;
        for (int i = 0; i < a.length; i++) mean += (a[i] - b[i]) / a.length;
        for (int i = 0; i < a.length; i++) sq += (a[i] - b[i] - mean) * (a[i] - b[i] - mean);
        double se = Math.sqrt(sq / (a.length - 1) / a.length);
        System.out.printf("search minus default test log loss %.4f (standard error %.4f)%n", mean, se);
        assertTrue(mean <= 2 * se, "search minus default log loss " + mean + " (standard error " + se + ")");
    }

    private static double[] rowLosses(Model m, LabeledTable t) {
        double[][] p = m.predict(t.features());
        double[] out = new double[t.size()];
        for (int i = 0; i < out.length; i++) out[i] = -Math.log(Math.max(p[i][(int) t.target()[i]], 1e-15));
        return out;
    }

    @Test
    void writesTheTrialsTableThePlotsAndTheBestConfiguration(@TempDir Path dir) throws Exception {
        SearchConfig c = SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new Hyperband(1, 4, 2));
        SearchResult r = new Search(c).explore(iris(), TrainingConfig.DEFAULT.withEpochs(4), null);
        r.writeTo(dir);
        List<String> csv = Files.readAllLines(dir.resolve("trials.csv"));
        assertEquals(r.trials().size() + 1, csv.size());
        assertEquals("trial,bracket,learningRate,units,epochs,log_loss,seconds,complete,failure", csv.get(0));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("trials.json").toFile());
        assertEquals("dendrite-search-trials", json.get("format").asText());
        assertEquals(r.trials().size(), json.get("trials").size());
        assertEquals(r.best().id(), json.get("best").asInt());
        assertEquals(r.bestConfig(), SpecFormat.readTrainingConfig(Files.readString(dir.resolve("best-config.json"))),
                "the best configuration reads back as -config-json reads it");
        // and -config-json / configJson take the file itself (it failed: "not valid JSON ... Unexpected character ('/')")
        assertEquals(r.bestConfig(), org.dendrite.core.train.TrainingOptions.DEFAULT.with("configJson", dir.resolve("best-config.json").toString())
                .toConfig());
        for (String f : List.of("score-vs-epochs.png", "score-vs-learningRate.png", "score-vs-units.png")) {
            assertTrue(Files.size(dir.resolve(f)) > 1000, f);
        }
        String summary = r.summary(3);
        assertTrue(summary.contains("Best: trial " + r.best().id()) && summary.contains("Top 3 trials"), summary);
        // scores to four decimals, or four significant digits where the decimals would show 300 digits or none (an RMSE on targets of 1e300)
        assertEquals(List.of("0.1235", "1234567.1235", "3.160e+298", "2.000e-301", "0.0000", "NaN"),
                java.util.stream.DoubleStream.of(0.12345, 1234567.12345, 3.16e298, 2e-301, 0, Double.NaN).mapToObj(SearchResult::shown).toList());
        // the JSON reads back to the same trials (configurations included), best, metric and space
        SearchResult back;
        try (var in = Files.newInputStream(dir.resolve("trials.json"))) {
            back = org.dendrite.core.io.SearchFormat.readTrials(in, "trials.json");
        }
        assertEquals(r.toCsv(), back.toCsv());
        assertEquals(List.of(r.best().id(), r.bestConfig(), r.metric(), r.space(), r.description()),
                List.of(back.best().id(), back.bestConfig(), back.metric(), back.space(), back.description()));
        for (int i = 0; i < r.trials().size(); i++) assertEquals(r.trials().get(i).config(), back.trials().get(i).config(), "trial " + i);
        // a damaged table is refused naming the file and the field
        String bad = Files.readString(dir.resolve("trials.json")).replace("\"best\" : " + r.best().id() + ",", "\"best\" : 999,");
        Exception e = assertThrows(org.dendrite.core.io.ModelFormatException.class, () -> org.dendrite.core.io.SearchFormat.readTrials(
                new java.io.ByteArrayInputStream(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "bad.json"));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("$.best") && e.getMessage().contains("999"), e.getMessage());
        // a best trial without a score (a failed one) loaded as the best with score NaN
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(
                dir.resolve("trials.json").toFile());
        for (JsonNode t : tree.get("trials")) {
            if (t.get("id").asInt() == r.best().id()) ((com.fasterxml.jackson.databind.node.ObjectNode) t).putNull("score");
        }
        Exception unscored = assertThrows(org.dendrite.core.io.ModelFormatException.class, () -> org.dendrite.core.io.SearchFormat.readTrials(
                new java.io.ByteArrayInputStream(tree.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), "unscored.json"));
        assertTrue(unscored.getMessage().contains("$.best") && unscored.getMessage().contains("which has no score"), unscored.getMessage());
        // a table where no trial has a score, as an earlier version wrote it when every score was undefined (a Spark model saved after
        // such a search could not be loaded): read as written
        for (JsonNode t : tree.get("trials")) ((com.fasterxml.jackson.databind.node.ObjectNode) t).putNull("score");
        SearchResult allUnscored = org.dendrite.core.io.SearchFormat.readTrials(new java.io.ByteArrayInputStream(tree.toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "none-scored.json");
        assertEquals(r.best().id(), allUnscored.best().id());
        // a version 1 table (no per-trial configurations) is not read back; a future version is refused
        String text = Files.readString(dir.resolve("trials.json"));
        assertTrue(text.contains("\"formatVersion\" : 2,"), "this version writes format version 2");
        assertNull(org.dendrite.core.io.SearchFormat.readTrials(new java.io.ByteArrayInputStream(
                text.replace("\"formatVersion\" : 2,", "\"formatVersion\" : 1,").getBytes(java.nio.charset.StandardCharsets.UTF_8)), "v1.json"));
        Exception future = assertThrows(org.dendrite.core.io.ModelFormatException.class, () -> org.dendrite.core.io.SearchFormat.readTrials(
                new java.io.ByteArrayInputStream(text.replace("\"formatVersion\" : 2,", "\"formatVersion\" : 3,")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "v3.json"));
        assertTrue(future.getMessage().contains("format version 3") && future.getMessage().contains("reads versions up to 2"), future.getMessage());
        // a document without the table's format was read as one of version 1 (null, said to be an earlier Dendrite's); a trial's
        // parameters outside the space, of another kind than its distribution draws, or missing one, were taken as they were
        java.util.function.Function<String, String> read = doc -> assertThrows(org.dendrite.core.io.ModelFormatException.class,
                () -> org.dendrite.core.io.SearchFormat.readTrials(new java.io.ByteArrayInputStream(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "t.json")).getMessage();
        assertEquals("t.json: $.format: missing (required: a trials table has \"format\": \"dendrite-search-trials\" and its version)", read.apply("{}"));
        String first = r.space().parameters().get(0).name(), numeric = r.space().parameters().stream()
                .filter(p -> !(p.distribution() instanceof Choice)).findFirst().orElseThrow().name();
        for (String[] change : List.of(new String[] {"rename", "$.trials[0].parameters.nosuch: is not a parameter of the table's space ($.space: "},
                new String[] {"text", "$.trials[0].parameters." + numeric + ": is a string \"x\"; allowed: a number"},
                new String[] {"drop", "$.trials[0].parameters: lacks " + first + ", a parameter of the table's space ($.space)"})) {
            com.fasterxml.jackson.databind.node.ObjectNode t = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(text);
            com.fasterxml.jackson.databind.node.ObjectNode ps = (com.fasterxml.jackson.databind.node.ObjectNode) t.get("trials").get(0).get("parameters");
            switch (change[0]) {
                case "rename" -> ps.set("nosuch", ps.remove(first));
                case "text" -> ps.put(numeric, "x");
                default -> ps.remove(first);
            }
            String m = read.apply(t.toString());
            assertTrue(m.startsWith("t.json: " + change[1]), m);
        }
    }

    /**
     * Spaces that trained something else than they said were accepted: units of 0 (a width chosen from
     * each trial's rows, then another from all rows in the refit, both reported as 0); two names of one
     * setting ("linear" and "identity", "adam" and "Adam": drawn twice as often as the others); a label
     * smoothing at or past (K - 1) / K for the data's K classes (trials there failed one by one, all of
     * them for a range starting there); a holdout beside folds (not used). Each is refused naming the
     * parameter; a holdout of 0.001 is described as such (it read "of 0%").
     */
    @Test
    void spacesThatWouldTrainOtherwiseThanTheySayAreRefused() throws Exception {
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(9);
        java.util.function.Function<SearchParameter, InvalidSettingException> refused = p -> assertThrows(InvalidSettingException.class,
                () -> new Search(SearchConfig.DEFAULT.withSpace(new SearchSpace(List.of(p)))).check(iris(), base));
        InvalidSettingException e = refused.apply(new SearchParameter("units", Choice.of(0, 8)));
        assertEquals("units", e.setting());
        assertEquals("Search parameter units = 0: allowed >= 1 (0, chosen from the rows, is not a value to search)", e.getMessage());
        e = refused.apply(new SearchParameter("activation", Choice.of("relu", "linear", "identity")));
        assertEquals("Search parameter activation lists linear and identity, two names of the same setting: it would be drawn twice as often "
                + "as the others. List it once", e.getMessage());
        e = refused.apply(new SearchParameter("optimizer", Choice.of("adam", "Adam")));
        assertEquals("optimizer", e.setting());
        // distinct names on a base without hidden layers (the space searching the depth too) are distinct settings
        new Search(SearchConfig.DEFAULT.withSpace(new SearchSpace(List.of(new SearchParameter("hiddenLayers", Choice.of(1, 2)),
                new SearchParameter("activation", Choice.of("relu", "tanh")), new SearchParameter("dropout", Choice.of(0, 0.2))))))
                .check(iris(), base.withNetwork(new org.dendrite.core.network.NetworkSpec(List.of())));
        e = refused.apply(new SearchParameter("labelSmoothing", new Uniform(0, 0.7)));
        assertEquals("labelSmoothing", e.setting());
        assertEquals("Search parameter labelSmoothing = 0.7: Invalid labelSmoothing: 0.7 (allowed below (K - 1) / K = 0.6667 for the 3 classes of "
                + "'class': there the smoothed target is uniform, and above it the true class is the least likely)", e.getMessage());
        new Search(SearchConfig.DEFAULT.withSpace(new SearchSpace(List.of(new SearchParameter("labelSmoothing", new Uniform(0, 0.6))))))
                .check(iris(), base);
        e = assertThrows(InvalidSettingException.class, () -> new Validation(0.5, 3));
        assertEquals("holdout", e.setting());
        assertEquals(3, new Validation(Validation.DEFAULT_HOLDOUT, 3).splits());
        assertEquals("holdout of 0.1%", new Validation(0.001, 0).toString());
        assertEquals("holdout of 20%", Validation.DEFAULT.toString());
    }

    /**
     * A search some of whose trials fail (a learning rate of 1e8: diverged) says how many failed, and
     * its list of the best trials holds only trials with a score (failed ones filled it when fewer than
     * its length had scores).
     */
    @Test
    void theSummaryCountsFailedTrialsAndListsOnlyScoredOnes() throws Exception {
        SearchSpace rates = new SearchSpace(List.of(new SearchParameter("learningRate", Choice.of(0.01, 1e8))));
        SearchResult r = new Search(SearchConfig.DEFAULT.withSpace(rates).withScheduler(new FullBudget(6))).explore(iris(),
                TrainingConfig.DEFAULT.withEpochs(3), null);
        long failed = r.trials().stream().filter(TrialRecord::failed).count();
        assertTrue(failed > 0 && failed < 6, "failed trials: " + failed);
        String summary = r.summary(5);
        assertTrue(summary.contains("6 trials (" + failed + " failed: see the trials table), "), summary);
        assertTrue(summary.contains("Top " + (6 - failed) + " trials:") && !summary.contains("  failed: "), summary);
    }

    /**
     * A listener hears the plan before the first trial (the scheduler, sampler, validation and the
     * planned epochs in all: a budget far larger than meant was seen only after the first trial, or in
     * the final summary), once, with the epochs its progress counts towards; the console prints it.
     */
    @Test
    void theListenerHearsThePlanFirst() throws Exception {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicLong plannedAtStart = new java.util.concurrent.atomic.AtomicLong(), plannedInProgress = new java.util.concurrent.atomic.AtomicLong();
        SearchListener l = new SearchListener() {
            @Override
            public void onStart(String description, long plannedEpochs) {
                heard.add("start: " + description);
                plannedAtStart.set(plannedEpochs);
            }

            @Override
            public void onProgress(SearchProgress p) {
                heard.add("progress");
                plannedInProgress.set(p.epochsPlanned());
            }
        };
        SearchResult r = new Search(SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new SuccessiveHalving(6, 1, 4, 2))).explore(iris(),
                TrainingConfig.DEFAULT.withEpochs(4), l);
        assertTrue(heard.get(0).startsWith("start: " + r.description()), heard.toString());
        assertEquals(1, heard.stream().filter(h -> h.startsWith("start")).count());
        assertTrue(heard.size() > 1 && plannedAtStart.get() > 0, heard.toString());
        assertEquals(plannedInProgress.get(), plannedAtStart.get());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new ConsoleSearchProgress(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)).onStart("a plan", 1234567);
        assertEquals("Hyperparameter search: a plan; 1,234,567 epochs planned in all" + System.lineSeparator(), out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void badSearchesAreErrorsNamingTheSetting() throws Exception {
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(4);
        SearchSpace withEpochs = new SearchSpace(List.of(new SearchParameter("epochs", new IntUniform(2, 8))));
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> new Search(SearchConfig.DEFAULT.withSpace(withEpochs).withScheduler(new Hyperband(1, 4, 2))).explore(iris(), base, null));
        assertTrue(e.getMessage().contains("Contradictory search: the hyperband scheduler hands out epochs"), e.getMessage());
        // a grid larger than the trials tried its first points only: the default space's grid (here 3^5 x 2 = 486 points: a choice
        // of two values) for 20 trials kept the lowest learning rate, L2 and depth in all of them
        e = assertThrows(InvalidSettingException.class, () -> new Search(SearchConfig.DEFAULT.withSampler(GridSampler.DEFAULT)
                .withScheduler(new FullBudget(20))).check(iris(), base));
        assertEquals("sampler", e.setting());
        assertEquals("The grid over the search space has 486 points (3 per numeric parameter, every value of a choice), more than the 20 trials "
                + "the full_budget scheduler plans: it would try the first of them only, where the first parameters keep their first values. "
                + "Plan as many trials as points (its trials), use fewer points or parameters, or the random sampler", e.getMessage());
        SearchSpace six = new SearchSpace(List.of(new SearchParameter("learningRate", new LogUniform(1e-3, 1e-1)),
                new SearchParameter("batchSize", Choice.of(16, 32))));
        new Search(SearchConfig.DEFAULT.withSpace(six).withSampler(GridSampler.DEFAULT).withScheduler(new FullBudget(6))).check(iris(), base);
        LabeledTable regression = TestData.arff("diabetes-regression.arff").labeled();
        SearchSpace smoothing = new SearchSpace(List.of(new SearchParameter("labelSmoothing", new Uniform(0, 0.2))));
        e = assertThrows(InvalidSettingException.class, () -> new Search(SearchConfig.DEFAULT.withSpace(smoothing)).explore(regression, base, null));
        assertEquals("labelSmoothing", e.setting());
        e = assertThrows(InvalidSettingException.class,
                () -> new Search(SearchConfig.DEFAULT.withMetric(Metric.ACCURACY)).explore(regression, base, null));
        assertTrue(e.getMessage().contains("accuracy applies to a nominal target") && e.getMessage().contains("allowed: auto, rmse"), e.getMessage());
        e = assertThrows(InvalidSettingException.class, () -> new Search(SearchConfig.DEFAULT.withScheduler(new Hyperband(0, 2, 3)))
                .explore(iris(), base, null));
        assertEquals("maxEpochs", e.setting());
        // the zoom under successive halving, which draws every trial before any result, drew them as random without a word
        e = assertThrows(InvalidSettingException.class, () -> new Search(SearchConfig.DEFAULT.withSampler(new ZoomSampler(3, 2, 0.5))
                .withScheduler(new SuccessiveHalving(9, 1, 4, 2))).explore(iris(), base, null));
        assertEquals("sampler", e.setting());
        assertTrue(e.getMessage().contains("successive halving draws all its trials before any has a result"), e.getMessage());
        // every trial diverging: the search says so with the first trial's error
        SearchSpace explosive = new SearchSpace(List.of(new SearchParameter("learningRate", new LogUniform(1e7, 1e8))));
        IllegalArgumentException failed = assertThrows(IllegalArgumentException.class, () -> new Search(SearchConfig.DEFAULT.withSpace(explosive)
                .withScheduler(new FullBudget(2))).explore(iris(), base.withOptimizer(new org.dendrite.core.optim.Sgd(1)), null));
        assertTrue(failed.getMessage().startsWith("Every trial of the search failed; the first: trial 1"), failed.getMessage());
        // a holdout that leaves no validation row (one row a class) is refused naming the holdout before any trial, whichever
        // runner would make the split (on Spark, each executor; the error then came wrapped by the scheduler's futures)
        LabeledTable two = iris().subset(new int[] {0, 50, 100});
        e = assertThrows(InvalidSettingException.class, () -> new Search(SearchConfig.DEFAULT).explore(two, base, null, task -> {
            throw new AssertionError("no trial may run");
        }));
        assertEquals("holdout", e.setting());
        assertEquals("Invalid holdout for these rows (the search's holdout scores its trials): A validation fraction of 0.2 leaves 3 "
                + "training and 0 validation rows out of 3; both need at least one; use more rows, another holdout or folds", e.getMessage());
    }
    /**
     * A stranger's search, refused before any trial instead of choosing its first trial by NaN: ROC AUC
     * on a fold or holdout holding one class (four rows of the rare class in five folds: every trial
     * scored NaN and trial 1 was refitted, and the trials file it wrote named a best without a score,
     * which made a Spark save unloadable); epochs or a batch size of 0 in the space (0 means "chosen from
     * the rows" in a configuration: a trial of 0 epochs trained nothing). A search whose trials all end
     * without a score is refused rather than choosing one.
     */
    @Test
    void searchesThatCouldOnlyChooseByNaNAreRefused() throws Exception {
        TestData.Labeled diabetes = TestData.arff("diabetes.arff");
        LabeledTable all = diabetes.labeled();
        int[] rows = new int[304];
        int neg = 0, pos = 0, n = 0;
        for (int i = 0; i < all.size() && n < rows.length; i++) {
            if (all.target()[i] == 0 && neg < 300) { rows[n++] = i; neg++; }
            else if (all.target()[i] == 1 && pos < 4) { rows[n++] = i; pos++; }
        }
        LabeledTable rare = all.subset(rows);
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(2);
        var auc = assertThrows(InvalidSettingException.class, () -> new Search(SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new FullBudget(2))
                .withValidation(new Validation(0.2, 5)).withMetric(Metric.AUC)).explore(rare, base, null));
        assertEquals("metric", auc.setting());
        assertTrue(auc.getMessage().startsWith("Metric auc is undefined on scoring rows of one class: fold ") && auc.getMessage().contains(
                "hold only 'tested_negative' (the rarest class has 4 rows); use log_loss or accuracy, fewer folds or more rows"), auc.getMessage());
        // the same rows under log loss, or AUC with a holdout that holds both classes, search
        new Search(SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new FullBudget(1)).withValidation(new Validation(0.2, 5))).explore(rare, base, null);
        new Search(SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new FullBudget(1)).withMetric(Metric.AUC)).explore(all, base, null);
        for (String p : List.of("epochs", "batchSize")) {
            SearchSpace zero = new SearchSpace(List.of(new SearchParameter(p, new Choice(List.<Object>of(0, 2)))));
            var e = assertThrows(InvalidSettingException.class, () -> new Search(SearchConfig.DEFAULT.withSpace(zero).withScheduler(new FullBudget(2)))
                    .explore(all, base, null));
            assertEquals("Search parameter " + p + " = 0: allowed >= 1 (0, chosen from the rows, is not a value to search)", e.getMessage());
            // a space holding 0 still reads back (a trials file or a Spark model's search written before the check)
            assertEquals(zero, org.dendrite.core.io.SearchFormat.readSpace(org.dendrite.core.io.SearchFormat.writeSpace(zero)));
        }
        // ROC AUC on a holdout of one class: 30 rows of one class and one of the other; the stratified 20% holdout holds 6 of the first
        double[][] x = new double[31][];
        double[] y = new double[31];
        for (int i = 0; i < 31; i++) {
            x[i] = new double[] {i};
            y[i] = i == 30 ? 1 : 0;
        }
        LabeledTable lone = new LabeledTable(new org.dendrite.core.data.Table(List.of(org.dendrite.core.data.Column.numeric("x")), x), "y",
                List.of("a", "b"), y, null);
        var holdout = assertThrows(InvalidSettingException.class, () -> new Search(SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new FullBudget(1))
                .withMetric(Metric.AUC)).explore(lone, base, null));
        assertEquals("Metric auc is undefined on scoring rows of one class: the holdout's 6 rows hold only 'a' (the rarest class has 1 rows); use "
                + "log_loss or accuracy, a larger holdout or more rows", holdout.getMessage());
        // -config-json / configJson naming no file: said so (it was parsed as JSON: "Unexpected character ('/')")
        var nofile = assertThrows(InvalidSettingException.class, () -> org.dendrite.core.train.TrainingOptions.DEFAULT.with("configJson",
                "/nowhere/best-config.json").toConfig());
        assertEquals("Invalid configJson: '/nowhere/best-config.json' is neither JSON (an object, starting with '{') nor a file on this machine",
                nofile.getMessage());
        // trials that end without a score (a job that trained no epoch): refused, not the first chosen
        var none = assertThrows(IllegalArgumentException.class, () -> new Search(SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new FullBudget(2)))
                .explore(all, base, null, task -> new TrialOutcome(task.target(), task.fromEpoch(), new double[0], false, null, 0, 0, null)));
        assertTrue(none.getMessage().startsWith("No trial of the search has a validation log_loss to choose by (the first: trial "), none.getMessage());
        // the trials table: a failed trial did not reach the final budget (it said complete=true), and epochs searched and reached are
        // two columns of different names
        SearchSpace epochs = new SearchSpace(List.of(new SearchParameter("epochs", new Choice(List.<Object>of(1, 2)))));
        SearchResult r = new Search(SearchConfig.DEFAULT.withSpace(epochs).withScheduler(new FullBudget(2))).explore(all, base, null,
                task -> task.trialId() == 1 ? TrialOutcome.failed(task, 0, "diverged")
                        : new TrialOutcome(task.target(), task.target(), new double[task.target()], false, null, 0, task.target(), null));
        assertFalse(r.trials().get(0).complete(), "trial 1 failed");
        assertTrue(r.trials().get(1).complete());
        assertTrue(r.toCsv().startsWith("trial,bracket,epochs,epochs_reached,log_loss,seconds,complete,failure\n"), r.toCsv());
        // the progress names the best counting the finished trial complete when it reached the final budget: later, better trials at
        // 9 epochs (Hyperband's later brackets here) were reported behind an earlier, worse complete one
        List<SearchProgress> seen = new java.util.ArrayList<>();
        new Search(SearchConfig.DEFAULT.withSpace(SMALL).withScheduler(new Hyperband(1, 9, 3))).explore(all, base.withEpochs(9), seen::add, task -> {
            double[] curve = new double[task.target() - task.fromEpoch()];
            java.util.Arrays.fill(curve, 1.0 / (1 + task.trialId()));
            return new TrialOutcome(task.target(), task.target(), curve, false, null, 0, curve.length, null);
        });
        assertTrue(seen.stream().filter(p -> p.trial().epochs() == 9).count() > 3);
        for (SearchProgress p : seen) if (p.trial().epochs() == 9) assertTrue(p.best().score() <= p.trial().score(), p.line());
    }
}
