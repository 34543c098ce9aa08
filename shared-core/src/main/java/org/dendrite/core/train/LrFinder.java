package org.dendrite.core.train;

import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.schedule.Schedule;

/**
 * The learning-rate range test (Smith 2017, section 3.3; popularised by fast.ai): train a fresh copy
 * of the configured network while the rate grows exponentially from minRate to maxRate over
 * {@code steps} optimizer steps, record the loss at each step and its exponential moving average
 * (smoothing 0.98, bias-corrected), and stop once the smoothed loss exceeds 4 times its minimum (or
 * training diverges). The suggested rate is the one at the smoothed loss's minimum divided by 10, a
 * safe point before the loss shoots up; as in fast.ai's lr_find, the minimum is taken without the
 * curve's first tenth of the planned steps and its last 5 steps ({@link #suggestionWindow}). The model
 * under training elsewhere is not touched.
 */
public final class LrFinder {
    public static final double SMOOTHING = 0.98;
    public static final double STOP_FACTOR = 4;
    /** The range and length the wrappers run it with (fast.ai's lr_find defaults). */
    public static final double DEFAULT_MIN_RATE = 1e-7, DEFAULT_MAX_RATE = 10;
    public static final int DEFAULT_STEPS = 100;

    private LrFinder() {}

    /** The curve and the suggestion. */
    public record Result(double[] rates, double[] losses, double[] smoothed, double suggestedRate) {}

    /** Grows the rate as minRate (maxRate/minRate)^(step/steps); the optimizer's own base rate is ignored. */
    record RangeSchedule(double minRate, double maxRate, int steps) implements Schedule {
        @Override public String name() { return "lr_range"; }

        @Override
        public double learningRate(double baseRate, Position p) {
            return minRate * Math.pow(maxRate / minRate, Math.min(p.step(), steps) / (double) steps);
        }
    }

    /** {@link #run(TrainingConfig, LabeledTable, double, double, int)} over the default range and length. */
    public static Result run(TrainingConfig config, LabeledTable table) {
        return run(config, table, DEFAULT_MIN_RATE, DEFAULT_MAX_RATE, DEFAULT_STEPS);
    }

    public static Result run(TrainingConfig config, LabeledTable table, double minRate, double maxRate, int steps) {
        if (!(minRate > 0 && maxRate > minRate) || Double.isInfinite(maxRate)) {
            throw new IllegalArgumentException("Invalid LR range: " + minRate + " .. " + maxRate + " (allowed: 0 < minRate < maxRate)");
        }
        if (steps < 5) {
            throw new IllegalArgumentException("Invalid LR range test length: " + steps + " steps (allowed: >= 5)");
        }
        TrainingConfig c = config.withSchedule(new RangeSchedule(minRate, maxRate, steps)).withEpochs(Integer.MAX_VALUE / 2)
                .withEarlyStopping(EarlyStopping.OFF).withValidationFraction(0).withReferenceBatchSize(0)
                // no rollback: it would divide the rate by 10 and go on past the divergence the test looks for
                .withDiagnostics(new org.dendrite.core.diagnostics.DiagnosticsConfig(0, 0));
        TrainingRun run = TrainingRun.local(c, table);
        try {
            while (run.steps() < steps && !exploded(run.history().stepLosses())) {
                run.nextEpoch();
            }
        } catch (TrainingDivergedException e) {
            // the rate got too large: exactly what the test looks for; the curve so far is the result
        }
        double[] allRates = run.history().stepLearningRates(), allLosses = run.history().stepLosses();
        int n = Math.min(Math.min(allRates.length, allLosses.length), steps);
        // the curve ends at the first step whose smoothed loss exceeds STOP_FACTOR times its minimum so far (fast.ai), which
        // the loop above sees only at the end of its epoch
        double[] all = smooth(java.util.Arrays.copyOf(allLosses, n));
        double low = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            low = Math.min(low, all[i]);
            if (!Double.isFinite(all[i]) || all[i] > STOP_FACTOR * low) {
                n = i + 1;
                break;
            }
        }
        double[] rates = java.util.Arrays.copyOf(allRates, n), losses = java.util.Arrays.copyOf(allLosses, n);
        double[] smoothed = java.util.Arrays.copyOf(all, n);
        int[] window = suggestionWindow(n, steps);
        int best = window[0];
        for (int i = window[0] + 1; i < window[1]; i++) if (smoothed[i] < smoothed[best]) best = i;
        return new Result(rates, losses, smoothed, n == 0 ? minRate : rates[best] / 10);
    }

    /**
     * The steps [from, to) of a curve of {@code n} recorded steps (of {@code steps} planned) where the
     * suggestion looks for the smoothed loss's minimum: fast.ai's lr_find leaves out the first
     * {@code steps / 10} and the last 5. The first steps' smoothed loss is the mean of a batch or two
     * (the bias correction), so one light batch at the smallest rates was taken as the minimum and the
     * suggestion was the range's start / 10 (1e-8 on noisy regression rows whose loss then fell as the
     * rate grew); the last steps are where it shoots up. A curve too short for that window is taken whole.
     */
    public static int[] suggestionWindow(int n, int steps) {
        int from = steps / 10, to = n - 5;
        return from < to ? new int[] {from, to} : new int[] {0, n};
    }

    static double[] smooth(double[] losses) {
        double[] s = new double[losses.length];
        double avg = 0;
        for (int i = 0; i < losses.length; i++) {
            avg = SMOOTHING * avg + (1 - SMOOTHING) * losses[i];
            s[i] = avg / (1 - Math.pow(SMOOTHING, i + 1));
        }
        return s;
    }

    private static boolean exploded(double[] losses) {
        if (losses.length < 2) return false;
        double[] s = smooth(losses);
        double min = Double.POSITIVE_INFINITY;
        for (double v : s) min = Math.min(min, v);
        return !Double.isFinite(s[s.length - 1]) || s[s.length - 1] > STOP_FACTOR * min;
    }
}
