package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.io.CheckpointIO;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.optim.Adam;
import org.dendrite.core.optim.Lbfgs;
import org.dendrite.core.optim.Nadam;
import org.dendrite.core.optim.Sgd;
import org.dendrite.core.schedule.Cosine;
import org.dendrite.core.schedule.ReduceOnPlateau;
import org.dendrite.core.schedule.Schedule;
import org.dendrite.core.schedule.StepDecay;
import org.dendrite.core.schedule.WarmUp;
import org.dendrite.core.testutil.TestData;
import org.junit.jupiter.api.Test;

class TrainerIntegrationTest {
    private static TestData.Labeled iris() throws Exception {
        return TestData.arff("iris.arff");
    }

    /** The example of the "Fundamentals of Deep Learning" primer: [0.9, 3.2, 150.0, -2.1, 0.3]. */
    @Test
    void clippingByValueAndByNormAsInTheCourse() {
        Parameter p = new Parameter("g", new float[5], true, 5, 1);
        float[] g = {0.9f, 3.2f, 150.0f, -2.1f, 0.3f};
        System.arraycopy(g, 0, p.grad(), 0, 5);
        new GradientClipping(1, 0).apply(List.of(p));
        assertArrayEquals(new float[] {0.9f, 1f, 1f, -1f, 0.3f}, p.grad());
        System.arraycopy(g, 0, p.grad(), 0, 5);
        double norm = new GradientClipping(0, 1).apply(List.of(p));
        // ||g|| = sqrt(0.81 + 10.24 + 22500 + 4.41 + 0.09) = sqrt(22515.55) = 150.0518
        assertEquals(Math.sqrt(22515.55), norm, 1e-3);
        for (int i = 0; i < 5; i++) assertEquals(g[i] / Math.sqrt(22515.55), p.grad()[i], 1e-6);
        double s = 0;
        for (float v : p.grad()) s += v * v;
        assertEquals(1, Math.sqrt(s), 1e-6);
    }

    /**
     * Norm clipping leaves out what does not move, as torch.nn.utils.clip_grad_norm_ does (a frozen
     * parameter has no gradient there, a pruned weight's is 0): one full-batch SGD step clipped to a
     * quarter of the moving weights' gradient norm moves them by exactly a quarter of the unclipped
     * step. Counted, the frozen layers' gradients made it 0.227 and a network pruned to 80% 0.00007.
     */
    @Test
    void normClippingCountsOnlyTheWeightsThatMove() throws Exception {
        LabeledTable t = iris().labeled();
        double lr = 0.1;
        TrainingConfig k = TrainingConfig.DEFAULT.withNetwork(new org.dendrite.core.network.NetworkSpec(List.of(
                        new org.dendrite.core.layer.DenseSpec(16, new org.dendrite.core.activation.Tanh()),
                        new org.dendrite.core.layer.DenseSpec(8, new org.dendrite.core.activation.Tanh()))))
                .withOptimizer(new Sgd(lr)).withSchedule(new org.dendrite.core.schedule.ConstantSchedule()).withBatchSize(150)
                .withRegularization(org.dendrite.core.regularization.Regularization.NONE).withEpochs(4);
        TrainingConfig pruned = k.withPruning(new org.dendrite.core.regularization.Pruning(0.8, 1, 1));
        TrainingRun plain = TrainingRun.local(k, t), prune = TrainingRun.local(pruned, t),
                frozen = TrainingRun.local(k, t, TrainingListener.NONE, new WarmStart(Trainer.fit(k.withEpochs(2), t), 2));
        for (TrainingRun run : List.of(plain, prune, frozen)) {
            run.nextEpoch();
            Checkpoint c = run.checkpoint();
            List<float[]> step = stepFrom(c, c.config(), t);
            double moving = norm(step) / lr;
            List<float[]> clipped = stepFrom(c, c.config().withClipping(new GradientClipping(0, moving / 4)), t);
            assertEquals(0.25, norm(clipped) / norm(step), 1e-5, run == plain ? "plain" : run == prune ? "pruned" : "frozen");
        }
    }

    /** The weight change of the next epoch (one full-batch step) of the run resumed from {@code c} under {@code config}. */
    private static List<float[]> stepFrom(Checkpoint c, TrainingConfig config, LabeledTable t) {
        TrainingRun r = TrainingRun.resume(new Checkpoint(config, c.preprocessor(), c.task(), c.inputWidth(), c.outputWidth(), c.epoch(), c.step(),
                c.clock(), c.lrScale(), c.rollbacks(), c.network(), c.optimizer(), c.earlyStopping(), c.pruneMask(), c.frozenLayers(),
                c.frozenValues(), c.history(), c.rows()), t, TrainingListener.NONE);
        List<float[]> before = r.network().parameters().stream().map(p -> p.value().clone()).toList();
        r.nextEpoch();
        List<float[]> after = r.network().parameters().stream().map(p -> p.value().clone()).toList();
        for (int i = 0; i < before.size(); i++) for (int j = 0; j < before.get(i).length; j++) after.get(i)[j] -= before.get(i)[j];
        return after;
    }

    private static double norm(List<float[]> arrays) {
        double s = 0;
        for (float[] a : arrays) for (float v : a) s += (double) v * v;
        return Math.sqrt(s);
    }

    @Test
    void anyOptimizerWithAnyScheduleRecordsTheRateOfEveryStep() throws Exception {
        TestData.Labeled d = iris();
        Schedule schedule = new WarmUp(new StepDecay(2, 0.5, Schedule.Unit.EPOCH), 0.1, 1.0, 10);
        TrainingConfig c = TrainingConfig.DEFAULT.withOptimizer(new Nadam(0.01)).withSchedule(schedule).withEpochs(4).withBatchSize(30);
        TrainingRun run = TrainingRun.local(c, d.labeled());
        while (run.hasNextEpoch()) run.nextEpoch();
        double[] rates = run.history().stepLearningRates();
        assertEquals(20, rates.length, "150 rows / 30 = 5 steps x 4 epochs");
        for (int step = 0; step < 20; step++) {
            int epoch = step / 5;
            double expected = 0.01 * Math.pow(0.5, epoch / 2) * (0.1 + 0.9 * Math.min(step, 10) / 10.0);
            assertEquals(expected, rates[step], 1e-12, "step " + step);
        }
        assertEquals(rates[19], run.history().last().learningRate(), 0);
    }

    @Test
    void linearScalingRuleScalesTheRateWithTheBatch() throws Exception {
        TestData.Labeled d = iris();
        TrainingConfig c = TrainingConfig.DEFAULT.withOptimizer(new Sgd(0.1)).withBatchSize(64).withReferenceBatchSize(16).withEpochs(1);
        TrainingRun run = TrainingRun.local(c, d.labeled());
        run.nextEpoch();
        for (double r : run.history().stepLearningRates()) assertEquals(0.4, r, 1e-12);
    }

    /**
     * L-BFGS takes every step on all the training rows, whatever the batch size: the linear scaling
     * rule multiplied its rate by a batch size it ignores (batch 64 over reference 16: rate 4, the
     * loss on diabetes 476 after 4 epochs). Refused, naming the setting; 0 (no scaling) is allowed.
     */
    @Test
    void theLinearScalingRuleIsRefusedWithLbfgs() {
        TrainingConfig c = TrainingConfig.DEFAULT.withOptimizer(new org.dendrite.core.optim.Lbfgs(1)).withBatchSize(64);
        var e = assertThrows(IllegalArgumentException.class, () -> c.withReferenceBatchSize(16));
        assertTrue(e.getMessage().startsWith("Invalid referenceBatchSize: 16 with lbfgs: "), e.getMessage());
        assertEquals(0, c.withReferenceBatchSize(0).referenceBatchSize());
        var json = assertThrows(IllegalArgumentException.class, () -> org.dendrite.core.io.SpecFormat.readTrainingConfig(
                "{\"optimizer\": \"lbfgs\", \"batchSize\": 64, \"referenceBatchSize\": 16}"));
        assertTrue(json.getMessage().contains("referenceBatchSize"), json.getMessage());
    }

    @Test
    void reduceOnPlateauReadsTheValidationMonitor() throws Exception {
        TestData.Labeled d = iris();
        TrainingConfig c = TrainingConfig.DEFAULT.withOptimizer(new Adam(0.05)).withValidationFraction(0.3).withEpochs(40)
                .withSchedule(new ReduceOnPlateau(false, 0.5, 2, 1e-4, true, 0, 1e-4));
        TrainingRun run = TrainingRun.local(c, d.labeled());
        while (run.hasNextEpoch()) run.nextEpoch();
        List<EpochRecord> h = run.history().epochs();
        // the expected rates replay torch.optim.lr_scheduler.ReduceLROnPlateau's step() (mode min, rel threshold 1e-4,
        // patience 2, factor 0.5, cooldown 0, min_lr 1e-4, eps 1e-8) by hand on the validation losses the history records:
        // epoch e trains at the rate after the scheduler saw epochs 1..e-1
        double lr = 0.05, best = Double.POSITIVE_INFINITY;
        int bad = 0;
        for (int e = 0; e < h.size(); e++) {
            assertEquals(lr, h.get(e).learningRate(), 1e-15, "epoch " + (e + 1));
            double v = h.get(e).validationLoss();
            if (v < best * (1 - 1e-4)) {
                best = v;
                bad = 0;
            } else if (++bad > 2) {
                double reduced = Math.max(lr * 0.5, 1e-4);
                if (lr - reduced > 1e-8) lr = reduced;
                bad = 0;
            }
        }
        assertTrue(h.get(h.size() - 1).learningRate() < 0.05, "a plateau over 40 epochs reduced the rate");
    }

    @Test
    void resumingFromACheckpointEqualsAnUninterruptedRunBitForBit() throws Exception {
        TestData.Labeled d = iris();
        for (TrainingConfig c : List.of(
                TrainingConfig.DEFAULT.withEpochs(6).withSchedule(new Cosine(6, 0, false, 1, Schedule.Unit.EPOCH)),
                TrainingConfig.DEFAULT.withEpochs(6).withOptimizer(new Lbfgs(1, 5, 6, 1e-7, 1e-9, 10, Lbfgs.LineSearch.STRONG_WOLFE)),
                TrainingConfig.DEFAULT.withEpochs(6).withValidationFraction(0.2)
                        .withEarlyStopping(new EarlyStopping(Monitor.VALIDATION_LOSS, 50, 0, true)))) {
            TrainingRun whole = TrainingRun.local(c, d.labeled());
            while (whole.hasNextEpoch()) whole.nextEpoch();

            TrainingRun first = TrainingRun.local(c, d.labeled());
            for (int e = 0; e < 3; e++) first.nextEpoch();
            // through the versioned JSON format, as a checkpoint file is written and read
            Checkpoint checkpoint = CheckpointIO.fromJson(CheckpointIO.toJson(first.checkpoint()));
            TrainingRun second = TrainingRun.resume(checkpoint, d.labeled(), TrainingListener.NONE);
            assertEquals(3, second.epoch());
            while (second.hasNextEpoch()) second.nextEpoch();

            for (int i = 0; i < whole.network().parameters().size(); i++) {
                assertArrayEquals(whole.network().parameters().get(i).value(), second.network().parameters().get(i).value(), c.optimizer().name());
            }
            assertArrayEquals(whole.history().stepLearningRates(), second.history().stepLearningRates());
            assertEquals(whole.history().size(), second.history().size());
        }
    }

    @Test
    void lrRangeTestFindsARateBeforeTheLossShootsUp() throws Exception {
        TestData.Labeled d = iris();
        LrFinder.Result r = LrFinder.run(TrainingConfig.DEFAULT.withOptimizer(new Sgd(0.1))
                        .withRegularization(org.dendrite.core.regularization.Regularization.NONE), new LabeledTable(d.table(), d.targetName(), d.classes(), d.target(), null), 1e-5, 10, 100);
        int n = r.rates().length;
        assertTrue(n >= 20, "recorded " + n + " steps");
        for (int i = 1; i < n; i++) assertTrue(r.rates()[i] > r.rates()[i - 1], "rates grow");
        assertTrue(r.suggestedRate() > 1e-5 && r.suggestedRate() < 10, "suggestion " + r.suggestedRate());
        int best = 0;
        for (int i = 1; i < n; i++) if (r.smoothed()[i] < r.smoothed()[best]) best = i;
        assertTrue(r.smoothed()[best] < 0.7 * r.smoothed()[0], "the loss falls first: " + r.smoothed()[0] + " -> " + r.smoothed()[best]);
        assertTrue(best < n - 1 && r.smoothed()[n - 1] > r.smoothed()[best], "and rises again at the largest rates");
        assertEquals(r.rates()[best] / 10, r.suggestedRate(), 0);
    }
}
