package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dendrite.core.data.Task;
import org.dendrite.core.metrics.Evaluation;
import org.junit.jupiter.api.Test;

/** The light metrics of {@link Evaluation.Predictions} (the bias/variance diagnosis uses them) against the full evaluation and by hand. */
class EvaluationTest {
    @Test
    void accuracyAlone() {
        // four rows, three classes; rows 0, 1 and 3 are right, row 2 is wrong; weights 1, 2, 3, 4
        float[] p = {0.7f, 0.2f, 0.1f, 0.1f, 0.8f, 0.1f, 0.5f, 0.3f, 0.2f, 0.2f, 0.2f, 0.6f};
        float[] labels = {0, 1, 2, 2};
        Task task = Task.classification("y", List.of("a", "b", "c"));
        Evaluation.Predictions unweighted = new Evaluation.Predictions(1, 4, 3, p, labels, null);
        assertEquals(0.75, unweighted.accuracy(), 1e-12);
        assertEquals(unweighted.evaluate(task).accuracy(), unweighted.accuracy(), 0);
        Evaluation.Predictions weighted = new Evaluation.Predictions(1, 10, 3, p, labels, new float[] {1, 2, 3, 4});
        assertEquals(7 / 10.0, weighted.accuracy(), 1e-12);
        assertEquals(weighted.evaluate(task).accuracy(), weighted.accuracy(), 0);
    }

    @Test
    void rmseInTheTargetsUnits() {
        // standardized predictions and labels; the task maps them back with mean 10 and scale 2
        float[] p = {0.5f, -1f, 0f}, labels = {0f, -1f, 1f};
        Task task = new Task("y", List.of(), 10, 2);
        Evaluation.Predictions unweighted = new Evaluation.Predictions(1, 3, 1, p, labels, null);
        // errors in original units: 1, 0, -2
        assertEquals(Math.sqrt(5 / 3.0), unweighted.rmse(task), 1e-6);
        assertEquals(unweighted.evaluate(task).rmse(), unweighted.rmse(task), 0);
        Evaluation.Predictions weighted = new Evaluation.Predictions(1, 6, 1, p, labels, new float[] {3, 2, 1});
        assertEquals(Math.sqrt((3 * 1 + 2 * 0 + 1 * 4) / 6.0), weighted.rmse(task), 1e-6);
        assertEquals(weighted.evaluate(task).rmse(), weighted.rmse(task), 0);
    }

    /**
     * The target's standard deviation is weighted as the RMSE is, so 1 - (rmse / sd)^2 is the weighted
     * R^2 (by hand: labels 10, 8, 12 in the original units with weights 3, 2, 1: weighted mean 58 / 6,
     * weighted variance (3 (1/3)^2 + 2 (5/3)^2 + 1 (7/3)^2) / 6 = 102 / 54). Unweighted, the
     * diagnosis of a weighted regression on pure noise read R^2 0.99.
     */
    @Test
    void theTargetsStandardDeviationIsWeightedAsTheRmse() {
        float[] p = {0.5f, -1f, 0f}, labels = {0f, -1f, 1f};
        Task task = new Task("y", List.of(), 10, 2);
        assertEquals(Math.sqrt(8 / 3.0), new Evaluation.Predictions(1, 3, 1, p, labels, null).targetStandardDeviation(task), 1e-9);
        assertEquals(Math.sqrt(102 / 54.0), new Evaluation.Predictions(1, 6, 1, p, labels, new float[] {3, 2, 1}).targetStandardDeviation(task), 1e-9);
    }

    /**
     * The bias/variance diagnosis of a weighted regression on inputs that carry nothing: 90% of the rows
     * weigh 100 with a target of spread 0.1, the rest weigh 1 with spread 10. The weighted R^2 (the
     * RMSE is weighted) is near 0, computed here by hand from the model's predictions; it read 0.99.
     */
    @Test
    void theDiagnosisOfAWeightedRegressionUsesTheWeightedR2() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        int n = 400;
        double[][] rows = new double[n][];
        double[] y = new double[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {rng.nextGaussian(), rng.nextGaussian()};
            boolean heavy = i % 10 != 0;
            y[i] = heavy ? 0.1 * rng.nextGaussian() : 10 * rng.nextGaussian();
            w[i] = heavy ? 100f : 1f;
        }
        org.dendrite.core.data.LabeledTable t = new org.dendrite.core.data.LabeledTable(new org.dendrite.core.data.Table(List.of(
                org.dendrite.core.data.Column.numeric("a"), org.dendrite.core.data.Column.numeric("b")), rows), "y", List.of(), y, w);
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(20).withValidationFraction(0), t);
        run.run();
        double[][] predicted = run.model().predict(t.features());
        double sw = 0, mean = 0, sse = 0, sst = 0;
        for (int i = 0; i < n; i++) {
            sw += w[i];
            mean += w[i] * y[i];
        }
        mean /= sw;
        for (int i = 0; i < n; i++) {
            sse += w[i] * Math.pow(predicted[i][0] - y[i], 2);
            sst += w[i] * Math.pow(y[i] - mean, 2);
        }
        double r2 = 1 - sse / sst;
        assertEquals(r2, run.biasVariance().train(), 1e-4);
        org.junit.jupiter.api.Assertions.assertTrue(r2 < 0.1, "weighted R^2 " + r2);
    }
}
