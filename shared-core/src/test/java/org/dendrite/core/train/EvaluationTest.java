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
}
