package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.data.TrainingData;
import org.dendrite.core.diagnostics.DiagnosticsConfig;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.tensor.Parallelism;
import org.dendrite.core.train.Checkpoint;
import org.dendrite.core.train.MinibatchSource;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingListener;
import org.dendrite.core.train.TrainingRun;
import org.dendrite.core.train.WarmStart;

/**
 * One training job of a search: a trial trained to {@code target} epochs in all, through the one
 * loop ({@link TrainingRun}), once per validation split, with Dendrite's kernels single-threaded (the
 * search runs jobs side by side). It continues from the trial's checkpoints, or starts from scratch
 * when it has none or restarts; after every epoch it scores the held-out rows. A job is a pure
 * function of the trial's configuration, seed, checkpoints and the data, so its result does not
 * depend on which thread runs it or when.
 */
final class TrialJob {
    /** A finished job, applied to its trial by {@link TrialPool#commit}. */
    record Outcome(Trial trial, int target, int epochs, List<Double> curve, boolean restarted, Checkpoint[] checkpoints, double seconds,
                   int epochsTrained, String failure) {}

    private TrialJob() {}

    static Outcome run(TrialPool pool, Trial trial, int target, boolean keepCheckpoints) {
        long start = System.nanoTime();
        boolean restart = trial.epochs() == 0 || pool.restarts() || trial.checkpoints() == null;
        int splits = pool.splits();
        Checkpoint[] saved = keepCheckpoints ? new Checkpoint[splits] : null;
        double[][] curves = new double[splits][];
        int from = restart ? 0 : trial.epochs();
        int reached = 0;
        try {
            for (int f = 0; f < splits; f++) {
                final int fold = f;
                Object[] r = Parallelism.singleThreaded(() -> trainSplit(pool, trial, fold, target, restart, keepCheckpoints));
                curves[f] = (double[]) r[0];
                if (saved != null) saved[f] = (Checkpoint) r[1];
                reached = Math.max(reached, (Integer) r[2]);
            }
        } catch (RuntimeException e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            return new Outcome(trial, target, trial.epochs(), List.of(), false, null, (System.nanoTime() - start) / 1e9, 0, message);
        }
        // the mean over the splits per epoch; a split that stopped early keeps its last score
        List<Double> curve = new ArrayList<>();
        for (int e = 0; e < reached - from; e++) {
            double s = 0;
            for (double[] c : curves) s += c.length == 0 ? Double.NaN : c[Math.min(e, c.length - 1)];
            curve.add(s / splits);
        }
        return new Outcome(trial, target, reached, curve, restart, saved, (System.nanoTime() - start) / 1e9, reached - from, null);
    }

    /** Trains one split: {curve of this job's epochs, checkpoint or null, epochs reached}. */
    private static Object[] trainSplit(TrialPool pool, Trial trial, int fold, int target, boolean restart, boolean keep) {
        // per-layer statistics are for a person reading one run's diagnostics, not for a trial
        TrainingConfig c = trial.config().withEpochs(target).withSeed(trial.seed())
                .withDiagnostics(new DiagnosticsConfig(0, trial.config().diagnostics().maxRollbacks()));
        TrainingData d = pool.data(fold, c.preprocessing());
        Loss loss = c.lossFor(d.task());
        MinibatchSource source = new MinibatchSource(c, d.task(), loss, d.train(), c.earlyStopping().enabled() ? d.validation() : null);
        TrainingRun run = new TrainingRun(c, d.preprocessor(), d.task(), loss, source, TrainingListener.NONE, WarmStart.NONE);
        if (!restart) {
            run.restore(trial.checkpoints()[fold]);
            run.extendTo(target);
        }
        List<Double> scores = new ArrayList<>();
        while (run.epoch() < target && run.hasNextEpoch()) {
            run.nextEpoch();
            scores.add(pool.metric().score(Evaluation.Predictions.of(run.network(), loss, d.validation()), d.task()));
        }
        double[] curve = scores.stream().mapToDouble(Double::doubleValue).toArray();
        return new Object[] {curve, keep ? run.checkpoint() : null, run.epoch()};
    }
}
