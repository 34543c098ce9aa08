package org.dendrite.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Metrics against hand-computed values (the examples of the Imperial College feed-forward networks lecture (Lluis Guasch) and scikit-learn's documented ones). */
class MetricsTest {
    private static final double EPS = 1e-12;

    /** The binary example of the Imperial College feed-forward networks lecture (Lluis Guasch): 998 true negatives, 0 false positives, 1 false negative, 1 true positive. */
    @Test
    void courseBinaryConfusionMatrix() {
        ConfusionMatrix m = new ConfusionMatrix(2);
        m.add(0, 0, 998);
        m.add(1, 0, 1);
        m.add(1, 1, 1);
        assertEquals(0.999, m.accuracy(), EPS); // (998 + 1) / 1000
        assertEquals(1.0, m.precision(1), EPS); // 1 / (1 + 0)
        assertEquals(0.5, m.recall(1), EPS); // 1 / (1 + 1)
        assertEquals(2.0 / 3.0, m.f1(1), EPS); // 2 * 1 * 0.5 / 1.5
        assertEquals(998.0 / 999.0, m.precision(0), EPS);
        assertEquals(1.0, m.recall(0), EPS);
        assertEquals((1.0 + 998.0 / 999.0) / 2, m.macroPrecision(), EPS);
    }

    @Test
    void confusionMatrixFromProbabilitiesWithWeights() {
        double[][] p = {{0.9, 0.1, 0.0}, {0.2, 0.5, 0.3}, {0.1, 0.2, 0.7}, {0.6, 0.3, 0.1}};
        int[] y = {0, 1, 1, 2};
        ConfusionMatrix m = ConfusionMatrix.of(p, y, new double[] {1, 2, 1, 1});
        assertEquals(1, m.count(0, 0), EPS);
        assertEquals(2, m.count(1, 1), EPS);
        assertEquals(1, m.count(1, 2), EPS);
        assertEquals(1, m.count(2, 0), EPS);
        assertEquals(3.0 / 5.0, m.accuracy(), EPS); // (1 + 2) / 5
        assertEquals(0.5, m.precision(0), EPS); // predicted 0: rows 0 (right) and 3 (wrong)
        assertEquals(0.0, m.f1(2), EPS); // class 2 predicted once, wrongly; its one row missed
        assertEquals(3.0 / 5.0, Metrics.accuracy(p, y, new double[] {1, 2, 1, 1}), EPS);
    }

    @Test
    void topKAccuracy() {
        double[][] p = {{0.5, 0.3, 0.2}, {0.5, 0.3, 0.2}, {0.5, 0.3, 0.2}};
        int[] y = {0, 1, 2};
        assertEquals(1.0 / 3, Metrics.topKAccuracy(p, y, null, 1), EPS);
        assertEquals(2.0 / 3, Metrics.topKAccuracy(p, y, null, 2), EPS);
        assertEquals(1.0, Metrics.topKAccuracy(p, y, null, 3), EPS);
    }

    /** scikit-learn's documented example: roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75, average precision 0.8333. */
    @Test
    void rocAndPrAucOfTheDocumentedExample() {
        double[] s = {0.1, 0.4, 0.35, 0.8};
        boolean[] pos = {false, false, true, true};
        assertEquals(0.75, Metrics.rocAuc(s, pos, null), EPS); // 3 of the 4 (pos, neg) pairs ordered right
        assertEquals(5.0 / 6.0, Metrics.prAuc(s, pos, null), EPS); // 0.5 * 1 + 0.5 * 2/3
    }

    @Test
    void rocAucTiesCountHalfAndWeightsCountAsRepetition() {
        assertEquals(0.5, Metrics.rocAuc(new double[] {0.3, 0.3}, new boolean[] {true, false}, null), EPS);
        double[] s = {0.1, 0.4, 0.35, 0.8};
        boolean[] pos = {false, false, true, true};
        // weight 2 on row 2 (a positive at 0.35): pairs (pos, neg) = 3 positives x 2 negatives = 6;
        // ordered right: row2 beats row0 (x2), row3 beats both (x1 each): 2 + 2 = 4 of 6
        assertEquals(4.0 / 6.0, Metrics.rocAuc(s, pos, new double[] {1, 1, 2, 1}), EPS);
        assertTrue(Double.isNaN(Metrics.rocAuc(s, new boolean[4], null)));
    }

    @Test
    void logLoss() {
        double[][] p = {{0.8, 0.2}, {0.4, 0.6}};
        assertEquals(-(Math.log(0.8) + Math.log(0.6)) / 2, Metrics.logLoss(p, new int[] {0, 1}, null), EPS);
    }

    @Test
    void regressionMetrics() {
        double[] yhat = {2.5, 0.0, 2.0, 8.0};
        double[] y = {3.0, -0.5, 2.0, 7.0};
        // scikit-learn's documented example: MSE 0.375, MAE 0.5, R^2 0.9486081370449679
        assertEquals(0.375, Metrics.mse(yhat, y, null), EPS);
        assertEquals(Math.sqrt(0.375), Metrics.rmse(yhat, y, null), EPS);
        assertEquals(0.5, Metrics.mae(yhat, y, null), EPS);
        assertEquals(0.9486081370449679, Metrics.r2(yhat, y, null), 1e-12);
    }

    /**
     * The same example in units of 1e300 and of 1e-300 (targets a double holds): RMSE scales with the
     * units and R^2 does not, by their definitions. Squaring the errors overflowed (RMSE Infinity, R^2
     * NaN) and underflowed (RMSE 0, R^2 1: noise "learned").
     */
    @Test
    void regressionMetricsHoldForTargetsOfAnyMagnitude() {
        double[] yhat = {2.5, 0.0, 2.0, 8.0};
        double[] y = {3.0, -0.5, 2.0, 7.0};
        double[] w = {1, 2, 0.5, 3};
        for (double unit : new double[] {1e300, 1e-300, 1e-310}) {
            double[] p = new double[4], a = new double[4];
            for (int i = 0; i < 4; i++) {
                p[i] = yhat[i] * unit;
                a[i] = y[i] * unit;
            }
            double tolerance = unit < 1e-307 ? 1e-3 : 1e-12; // subnormal units keep a few digits only
            assertEquals(Math.sqrt(0.375), Metrics.rmse(p, a, null) / unit, tolerance, "RMSE in units of " + unit);
            assertEquals(0.9486081370449679, Metrics.r2(p, a, null), tolerance, "R^2 in units of " + unit);
            assertEquals(Metrics.rmse(yhat, y, w), Metrics.rmse(p, a, w) / unit, tolerance * Metrics.rmse(yhat, y, w), "weighted RMSE, " + unit);
            assertEquals(Metrics.r2(yhat, y, w), Metrics.r2(p, a, w), tolerance, "weighted R^2, " + unit);
        }
        assertEquals(Double.NaN, Metrics.rmse(new double[] {1, Double.NaN}, new double[] {1, 2}, null), "a NaN prediction stays NaN");
        // a row of weight 0 weighs nothing, also in the scaling: its error of 1e300 or 1e170 must not make the others underflow
        assertEquals(1, Metrics.rmse(new double[] {1e300, 1}, new double[] {0, 0}, new double[] {0, 1}), 1e-15);
        assertEquals(2, Metrics.rmse(new double[] {1e170, 2}, new double[] {0, 0}, new double[] {0, 1}), 1e-15);
        double[] w0 = {1, 2, 0.5, 3, 0};
        assertEquals(Metrics.r2(yhat, y, w), Metrics.r2(new double[] {2.5, 0.0, 2.0, 8.0, 0}, new double[] {3.0, -0.5, 2.0, 7.0, 1e200}, w0), 1e-12);
        // targets spanning a double's range: the mean and the deviations must not overflow; a perfect fit is 1
        double[] wide = {1e308, -1e308, 5e307};
        assertEquals(1.0, Metrics.r2(wide, wide, null));
        // targets +-1e308 (mean 0, SS_tot 2e616) predicted as +-0.5e308 (SS_res 0.5e616): 1 - 0.25 = 0.75, by hand
        assertEquals(0.75, Metrics.r2(new double[] {0.5e308, -0.5e308}, new double[] {1e308, -1e308}, null), 1e-15);
        // predictions 1e170 off a target of spread ~1.1: R^2 = 1 - SS_res / SS_tot, about -1e340: -Infinity, not NaN (a constant target's)
        assertEquals(Double.NEGATIVE_INFINITY, Metrics.r2(new double[] {4e170, 4e170, 4e170, 4e170}, new double[] {1, 2, 3, 4}, null));
        assertEquals(Double.NaN, Metrics.r2(new double[] {1, 2}, new double[] {3, 3}, null), "a constant target");
        assertEquals(Double.POSITIVE_INFINITY, Metrics.rmse(new double[] {Double.MAX_VALUE}, new double[] {-Double.MAX_VALUE}, null));
    }

    @Test
    void oneVsRestAveragesClasses() {
        double[][] p = {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.2, 0.2, 0.6}, {0.3, 0.4, 0.3}};
        int[] y = {0, 1, 2, 1};
        // each class's scores rank its rows above all others: every per-class AUC is 1
        assertEquals(1.0, Metrics.rocAucOneVsRest(p, y, null), EPS);
    }
}
