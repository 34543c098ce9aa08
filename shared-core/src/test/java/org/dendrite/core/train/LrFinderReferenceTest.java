package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dendrite.core.diagnostics.DiagnosticsConfig;
import org.dendrite.core.optim.Sgd;
import org.dendrite.core.testutil.TestData;
import org.junit.jupiter.api.Test;

/**
 * The LR range test against fast.ai's lr_find (Smith 2017, section 3.3): step i at
 * start * (end/start)^(i/num_it), the loss smoothed by an EMA of beta 0.98 with bias correction,
 * stopped after the first step whose smoothed loss exceeds 4 times its minimum so far. The reference
 * numbers come from test-data/reference/diagnostics/lr_finder_reference.py (numpy).
 */
class LrFinderReferenceTest {
    /** fast.ai's smoothing, written again here. */
    private static double[] fastaiSmooth(double[] losses) {
        double[] s = new double[losses.length];
        double mov = 0;
        for (int i = 0; i < losses.length; i++) {
            mov = 0.98 * mov + 0.02 * losses[i];
            s[i] = mov / (1 - Math.pow(0.98, i + 1));
        }
        return s;
    }

    /** The number of steps fast.ai records: through the first whose smoothed loss exceeds 4x the best so far (or is not finite). */
    private static int fastaiRecorded(double[] losses) {
        double[] s = fastaiSmooth(losses);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < s.length; i++) {
            best = Math.min(best, s[i]);
            if (!Double.isFinite(s[i]) || s[i] > 4 * best) return i + 1;
        }
        return s.length;
    }

    @Test
    void smoothingMatchesTheNumpyReference() {
        double[] losses = {2.0, 1.5, 1.8, 1.2, 0.9, 1.1, 0.7, 3.0, 9.0, 40.0, 0.5};
        double[] numpy = {2.0, 1.7474747474747456, 1.765338049245, 1.6196921263234252, 1.4698798667805775, 1.4050782583412973,
                1.298146526111372, 1.5262204932112866, 2.4253096847371816, 6.53346765468581, 5.927906501198984};
        assertArrayEquals(numpy, LrFinder.smooth(losses), 1e-12);
        assertArrayEquals(numpy, fastaiSmooth(losses), 1e-12);
        assertEquals(10, fastaiRecorded(losses), "numpy: stop index 9, inclusive");
    }

    /**
     * Iris in batches of 32 (5 steps an epoch), 1e-7 .. 10 over 100 steps (Weka's and Spark's
     * settings): the smoothed loss passes 4x its minimum at step 96, in the middle of an epoch; fast.ai
     * records steps 0..96 (97). The finder judged only between epochs and kept 100.
     */
    @Test
    void theCurveEndsAtTheFirstStepWhoseSmoothedLossPassesFourTimesItsMinimum() throws Exception {
        LrFinder.Result r = LrFinder.run(TrainingConfig.DEFAULT.withBatchSize(32), TestData.arff("iris.arff").labeled(), 1e-7, 10, 100);
        int n = r.losses().length;
        int expected = fastaiRecorded(r.losses());
        assertTrue(expected < 100, "the loss does diverge within the range: " + expected);
        assertEquals(expected, n, "steps recorded: the curve must stop where fast.ai stops");
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n - 1; i++) {
            best = Math.min(best, r.smoothed()[i]);
            assertTrue(r.smoothed()[i] <= 4 * best, "step " + i + " before the last already exceeds 4x the minimum");
        }
    }

    /**
     * A configuration that allows rollbacks (maxRollbacks 3): the range test must still train at
     * min (max/min)^(i/steps) at every step it records (numpy: 31.6227766 at step 25 of 1e-3 .. 1e6
     * over 50); a rollback divided the rate by 10 (3.162 recorded at step 25) and let the run go on
     * past the divergence the test looks for.
     */
    @Test
    void everyRecordedRateIsTheRangesRateWhenTheConfigurationAllowsRollbacks() throws Exception {
        TrainingConfig c = TrainingConfig.DEFAULT.withOptimizer(new Sgd(0.1)).withBatchSize(32).withDiagnostics(new DiagnosticsConfig(0, 3));
        LrFinder.Result r = LrFinder.run(c, TestData.arff("iris.arff").labeled(), 1e-3, 1e6, 50);
        assertTrue(r.rates().length > 25, "recorded " + r.rates().length);
        for (int i = 0; i < r.rates().length; i++) {
            assertEquals(1e-3 * Math.pow(1e9, i / 50.0), r.rates()[i], 1e-9 * r.rates()[i], "the rate of step " + i);
        }
        assertEquals(fastaiRecorded(r.losses()), r.losses().length, "and the curve stops where fast.ai stops");
    }

    /**
     * Noisy regression rows (300, y = x0 / 2 + x1 / 4 + normal noise of standard deviation 1, so the
     * best R^2 is about 0.24; seeded): fast.ai's lr_find suggests from its curve without the first
     * num_it // 10 steps and the last 5 (fastai callback/schedule.py, lr_find:
     * {@code recorder.losses[num_it//10:-5]}). The finder took the minimum over the whole curve, where
     * the first step's smoothed loss is one batch's loss: a light first batch was the minimum and the
     * suggestion was the range's start / 10, 1e-8, although the loss fell as the rate grew (seed 4;
     * on 8 of seeds 1..30 the suggestion was below 1.5e-8, now 0.014 to 0.09 on all 30).
     */
    @Test
    void theSuggestionLeavesOutTheFirstTenthAndTheLastFiveStepsAsFastaiDoes() {
        java.util.Random random = new java.util.Random(4);
        int n = 300;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < 3; c++) x[r][c] = random.nextGaussian();
            y[r] = x[r][0] / 2 + x[r][1] / 4 + random.nextGaussian();
        }
        org.dendrite.core.data.LabeledTable rows = new org.dendrite.core.data.LabeledTable(new org.dendrite.core.data.Table(java.util.List.of(
                org.dendrite.core.data.Column.numeric("x0"), org.dendrite.core.data.Column.numeric("x1"),
                org.dendrite.core.data.Column.numeric("x2")), x), "y", java.util.List.of(), y, null);
        LrFinder.Result r = LrFinder.run(TrainingConfig.DEFAULT.resolve(n), rows);
        int recorded = r.smoothed().length;
        assertTrue(recorded > 15, "recorded " + recorded);
        int best = 10;
        for (int i = 11; i < recorded - 5; i++) if (r.smoothed()[i] < r.smoothed()[best]) best = i;
        assertEquals(r.rates()[best] / 10, r.suggestedRate(), 0, "fast.ai's window [10, " + (recorded - 5) + ")");
        assertTrue(r.suggestedRate() > 1e-7, "a rate above the range's start: " + r.suggestedRate());
    }
}
