package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.data.TrainingData;
import org.dendrite.core.diagnostics.DiagnosticsConfig;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.tensor.GemmBackend;
import org.dendrite.core.tensor.Parallelism;
import org.dendrite.core.train.Checkpoint;
import org.dendrite.core.train.MinibatchSource;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingListener;
import org.dendrite.core.train.TrainingRun;
import org.dendrite.core.train.WarmStart;

/**
 * Runs one {@link TrialTask}: the trial trained to its target epochs through the one loop
 * ({@link TrainingRun}), once per validation split, with Dendrite's kernels single-threaded and GEMM
 * on {@link GemmBackend#forSideBySideWork()} (jobs run side by side). It continues from the task's
 * checkpoints or starts from scratch, and scores the held-out rows after every epoch. A pure function
 * of the task and the data, so its result does not depend on the thread or machine that runs it
 * (bit for bit on one GEMM backend).
 */
public final class TrialJob {
    private TrialJob() {}

    /** Runs {@code task} on {@code data}; an error in training (a diverged run) is a failed outcome, not an exception. */
    public static TrialOutcome run(TrialTask task, TrialData data) {
        long start = System.nanoTime();
        int splits = data.splits();
        List<Checkpoint> saved = task.keepCheckpoints() ? new ArrayList<>() : null;
        double[][] curves = new double[splits][];
        int reached = 0;
        GemmBackend gemm = GemmBackend.forSideBySideWork();
        try {
            for (int f = 0; f < splits; f++) {
                final int split = f;
                Object[] r = Parallelism.singleThreaded(() -> GemmBackend.using(gemm, () -> trainSplit(task, data, split)));
                curves[f] = (double[]) r[0];
                if (saved != null) saved.add((Checkpoint) r[1]);
                reached = Math.max(reached, (Integer) r[2]);
            }
        } catch (RuntimeException e) {
            return TrialOutcome.failed(task, (System.nanoTime() - start) / 1e9, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        int from = task.restart() ? 0 : task.fromEpoch();
        // the mean over the splits per epoch; a split that stopped early keeps its last score
        double[] curve = new double[Math.max(0, reached - from)];
        for (int e = 0; e < curve.length; e++) {
            double s = 0;
            for (double[] c : curves) s += c[Math.min(e, c.length - 1)];
            curve[e] = s / splits;
        }
        return new TrialOutcome(task.target(), reached, curve, task.restart(), saved, (System.nanoTime() - start) / 1e9, curve.length, null);
    }

    /** Trains one split: {curve of this job's epochs, checkpoint or null, epochs reached}. */
    private static Object[] trainSplit(TrialTask task, TrialData data, int split) {
        // per-layer statistics are for a person reading one run's diagnostics, not for a trial
        TrainingConfig c = task.config().withEpochs(task.target())
                .withDiagnostics(new DiagnosticsConfig(0, task.config().diagnostics().maxRollbacks()));
        // the loop sees rows of its own held out when the configuration holds rows out, as its refit on all rows does: early
        // stopping and a reduce-on-plateau schedule then read the same kind of value in the trials and in the refit, and never the
        // rows that score the trial
        TrialData.Prepared p = data.prepared(split, c.preprocessing(), c.robustTarget(), c.effectiveValidationFraction());
        TrainingData d = p.data();
        Loss loss = c.lossFor(d.task());
        MinibatchSource source = new MinibatchSource(c, d.task(), loss, d.train(), d.validation());
        TrainingRun run = new TrainingRun(c, d.preprocessor(), d.task(), loss, source, TrainingListener.NONE, WarmStart.NONE);
        if (!task.restart()) {
            run.restore(task.checkpoints().get(split));
            run.extendTo(task.target());
        }
        List<Double> scores = new ArrayList<>();
        while (run.epoch() < task.target() && run.hasNextEpoch()) {
            run.nextEpoch();
            scores.add(task.metric().score(Evaluation.Predictions.of(run.network(), loss, p.scoring()), d.task()));
        }
        // a split early stopping had already stopped trains no epoch in a promoted job: it keeps its score (its restored best
        // model's), which it left out (a trial of k splits was then scored NaN, and could be chosen as the best)
        if (scores.isEmpty()) scores.add(task.metric().score(Evaluation.Predictions.of(run.network(), loss, p.scoring()), d.task()));
        double[] curve = scores.stream().mapToDouble(Double::doubleValue).toArray();
        return new Object[] {curve, task.keepCheckpoints() ? run.checkpoint() : null, run.epoch()};
    }
}
