package org.dendrite.core.metrics;

import static org.dendrite.core.testutil.JsonValues.doubleRows;
import static org.dendrite.core.testutil.JsonValues.doubles;
import static org.dendrite.core.testutil.JsonValues.elements;
import static org.dendrite.core.testutil.JsonValues.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.data.Task;
import org.dendrite.core.search.Metric;
import org.dendrite.core.testutil.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared metrics against scikit-learn 1.2 on random cases with tied scores, zero probabilities
 * (log loss clipping), instance weights, a class absent from the rows, heavy-tailed and offset
 * regression targets: accuracy, top-2 accuracy (Dendrite's tie rule, by numpy), log loss, ROC AUC
 * and average precision (binary, and one-vs-rest macro for more classes), the weighted confusion
 * matrix with per-class and macro precision / recall / F1, and MSE, RMSE, MAE and R^2. Also the same
 * predictions as float32 through {@link Evaluation.Predictions#evaluate}, so the evaluation a
 * training reports uses the second column as the binary score and one-vs-rest macro for more
 * classes, and through the search's {@link Metric} scores. References and each value's definition: {@code
 * test-data/reference/metrics/make_metrics_reference.py} ({@code metrics.json}).
 */
class SklearnParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode doc;

    /**
     * Both sides compute in double from the same doubles, summing at most 300 terms in another order:
     * a few units in the last place of the partial sums (every value here agrees to 1e-14 relative,
     * including R^2 of the large-offset case, targets near 1e6, whose sums of squares lose about 12 bits
     * to cancellation on either side); 1e-12 leaves a margin of 100.
     */
    private static final double TOL = 1e-12;

    @BeforeAll
    static void read() throws IOException {
        doc = JSON.readTree(TestData.file("reference/metrics/metrics.json").toFile());
        assertTrue(doc.get("classification").size() >= 9 && doc.get("regression").size() >= 4, "reference cases");
    }

    static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void accuracyTopKAndLogLoss() {
        for (JsonNode c : elements(doc.get("classification"))) {
            String name = c.get("name").asText();
            double[][] p = doubleRows(c.get("probabilities"));
            int[] y = ints(c.get("actual"));
            double[] w = doubles(c.get("weights"));
            close(c.get("accuracy").asDouble(), Metrics.accuracy(p, y, w), name + " accuracy");
            close(c.get("top2_accuracy").asDouble(), Metrics.topKAccuracy(p, y, w, 2), name + " top-2 accuracy");
            close(c.get("log_loss").asDouble(), Metrics.logLoss(p, y, w), name + " log loss");
        }
    }

    @Test
    void rocAucAndAveragePrecision() {
        for (JsonNode c : elements(doc.get("classification"))) {
            String name = c.get("name").asText();
            double[][] p = doubleRows(c.get("probabilities"));
            int[] y = ints(c.get("actual"));
            double[] w = doubles(c.get("weights"));
            double roc, ap;
            if (c.get("classes").asInt() == 2) {
                double[] s = new double[y.length];
                boolean[] pos = new boolean[y.length];
                for (int i = 0; i < y.length; i++) {
                    s[i] = p[i][1];
                    pos[i] = y[i] == 1;
                }
                roc = Metrics.rocAuc(s, pos, w);
                ap = Metrics.prAuc(s, pos, w);
            } else {
                roc = Metrics.rocAucOneVsRest(p, y, w);
                ap = Metrics.prAucOneVsRest(p, y, w);
            }
            close(c.get("roc_auc").asDouble(), roc, name + " ROC AUC");
            close(c.get("average_precision").asDouble(), ap, name + " average precision");
        }
    }

    @Test
    void confusionMatrixPrecisionRecallF1() {
        for (JsonNode c : elements(doc.get("classification"))) {
            String name = c.get("name").asText();
            int k = c.get("classes").asInt();
            ConfusionMatrix m = ConfusionMatrix.of(doubleRows(c.get("probabilities")), ints(c.get("actual")), doubles(c.get("weights")));
            assertEquals(k, m.classes(), name);
            double[][] expected = doubleRows(c.get("confusion"));
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) close(expected[a][b], m.count(a, b), name + " confusion [" + a + "][" + b + "]");
            }
            for (int j = 0; j < k; j++) {
                close(c.get("precision").get(j).asDouble(), m.precision(j), name + " precision " + j);
                close(c.get("recall").get(j).asDouble(), m.recall(j), name + " recall " + j);
                close(c.get("f1").get(j).asDouble(), m.f1(j), name + " F1 " + j);
            }
            close(c.get("macro_precision").asDouble(), m.macroPrecision(), name + " macro precision");
            close(c.get("macro_recall").asDouble(), m.macroRecall(), name + " macro recall");
            close(c.get("macro_f1").asDouble(), m.macroF1(), name + " macro F1");
            close(c.get("accuracy").asDouble(), m.accuracy(), name + " confusion accuracy");
        }
    }

    /**
     * The evaluation a training reports, from float32 predictions and weights. The reference
     * probabilities are multiples of 1/grain (grain at most 10^6), which float32 keeps distinct and in
     * order, so the ranks, ties and argmax, and with them the accuracy and AUC, are the double ones.
     */
    @Test
    void evaluationOfFloatPredictions() {
        for (JsonNode c : elements(doc.get("classification"))) {
            String name = c.get("name").asText();
            double[][] p = doubleRows(c.get("probabilities"));
            int[] y = ints(c.get("actual"));
            double[] w = doubles(c.get("weights"));
            int k = c.get("classes").asInt(), n = y.length;
            float[] pf = new float[n * k], labels = new float[n], wf = w == null ? null : new float[n];
            double weightSum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) pf[i * k + j] = (float) p[i][j];
                labels[i] = y[i];
                if (wf != null) wf[i] = (float) w[i]; // float32 values in the reference: exact
                weightSum += w == null ? 1 : w[i];
            }
            List<String> classes = new ArrayList<>();
            for (int j = 0; j < k; j++) classes.add("c" + j);
            Evaluation e = new Evaluation.Predictions(0, weightSum, k, pf, labels, wf).evaluate(Task.classification("y", classes));
            close(c.get("accuracy").asDouble(), e.accuracy(), name + " evaluation accuracy");
            close(c.get("roc_auc").asDouble(), e.auc(), name + " evaluation AUC");
            // the search's scores of the same predictions; its log loss reads the float32 probabilities
            // (relative error 6e-8 each, so 6e-8 in the loss; one floored at 1e-15 stays 1e-15's float)
            Evaluation.Predictions pred = new Evaluation.Predictions(0, weightSum, k, pf, labels, wf);
            Task task = Task.classification("y", classes);
            close(c.get("accuracy").asDouble(), Metric.ACCURACY.score(pred, task), name + " search accuracy");
            close(c.get("roc_auc").asDouble(), Metric.AUC.score(pred, task), name + " search AUC");
            assertEquals(c.get("log_loss").asDouble(), Metric.LOG_LOSS.score(pred, task), 1e-6 * c.get("log_loss").asDouble(),
                    name + " search log loss");
        }
    }

    @Test
    void regressionMetrics() {
        for (JsonNode c : elements(doc.get("regression"))) {
            String name = c.get("name").asText();
            double[] yhat = doubles(c.get("predicted")), y = doubles(c.get("actual")), w = doubles(c.get("weights"));
            close(c.get("mse").asDouble(), Metrics.mse(yhat, y, w), name + " MSE");
            close(c.get("rmse").asDouble(), Metrics.rmse(yhat, y, w), name + " RMSE");
            close(c.get("mae").asDouble(), Metrics.mae(yhat, y, w), name + " MAE");
            close(c.get("r2").asDouble(), Metrics.r2(yhat, y, w), name + " R^2");
        }
    }

    /**
     * RMSE as a training reports it: float32 standardized predictions and targets, turned back into
     * the target's units with the task's mean and scale in double. The values pass through float32
     * (relative error 6e-8 of each, in standardized units of order 1), so the RMSE agrees to about
     * 1e-6 of the target's scale.
     */
    @Test
    void evaluationRmseInTargetUnits() {
        for (JsonNode c : elements(doc.get("regression"))) {
            String name = c.get("name").asText();
            double[] yhat = doubles(c.get("predicted")), y = doubles(c.get("actual")), w = doubles(c.get("weights"));
            int n = y.length;
            double mean = 0, sq = 0;
            for (double v : y) mean += v / n;
            for (double v : y) sq += (v - mean) * (v - mean) / n;
            double scale = Math.sqrt(sq);
            Task task = new Task("y", List.of(), mean, scale);
            float[] pf = new float[n], labels = new float[n], wf = w == null ? null : new float[n];
            for (int i = 0; i < n; i++) {
                pf[i] = (float) ((yhat[i] - mean) / scale);
                labels[i] = (float) ((y[i] - mean) / scale);
                if (wf != null) wf[i] = (float) w[i];
            }
            double rmse = new Evaluation.Predictions(0, n, 1, pf, labels, wf).rmse(task);
            assertEquals(c.get("rmse").asDouble(), rmse, 1e-6 * scale, name + " evaluation RMSE");
        }
    }
}
