package org.dendrite.core.train;

import java.util.SplittableRandom;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.metrics.Metrics;
import org.dendrite.core.network.Network;
import org.dendrite.core.tensor.Matrix;

/**
 * A network's loss and metrics on a dataset in inference mode: accuracy and ROC AUC (binary, or
 * one-vs-rest macro) for classifiers, RMSE in the target's original units for regression.
 */
public record Evaluation(double loss, double accuracy, double auc, double rmse) {
    private static final int CHUNK = 1024;

    public static Evaluation of(Network network, Loss loss, Task task, Dataset data) {
        int n = data.size(), d = data.featureCount(), k = network.outputWidth(), t = data.targets().cols();
        Matrix x = new Matrix(Math.min(n, CHUNK), d), y = new Matrix(Math.min(n, CHUNK), t), p = new Matrix(Math.min(n, CHUNK), k);
        double lossSum = 0, weightSum = 0;
        double[][] probs = task.isClassification() ? new double[n][] : null;
        double[] predicted = task.isClassification() ? null : new double[n], actual = task.isClassification() ? null : new double[n];
        double[] w = data.weights() == null ? null : new double[n];
        SplittableRandom unused = new SplittableRandom(0);
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            x.ensureRows(rows);
            y.ensureRows(rows);
            p.ensureRows(rows);
            System.arraycopy(data.features().data(), start * d, x.data(), 0, rows * d);
            System.arraycopy(data.targets().data(), start * t, y.data(), 0, rows * t);
            float[] cw = null;
            if (w != null) {
                cw = java.util.Arrays.copyOfRange(data.weights(), start, start + rows);
                for (int i = 0; i < rows; i++) w[start + i] = cw[i];
            }
            Matrix out = network.forward(x, false, unused);
            double batchWeight = Loss.weightSum(cw, rows);
            lossSum += loss.compute(out, y, cw, null) * batchWeight;
            weightSum += batchWeight;
            loss.predict(out, p);
            for (int i = 0; i < rows; i++) {
                if (probs != null) {
                    double[] row = new double[k];
                    for (int j = 0; j < k; j++) row[j] = p.get(i, j);
                    probs[start + i] = row;
                } else {
                    predicted[start + i] = p.get(i, 0) * task.targetScale() + task.targetMean();
                    actual[start + i] = y.get(i, 0) * task.targetScale() + task.targetMean();
                }
            }
        }
        double meanLoss = lossSum / weightSum;
        if (probs == null) {
            return new Evaluation(meanLoss, Double.NaN, Double.NaN, Metrics.rmse(predicted, actual, w));
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = (int) data.targets().get(i, 0);
        double auc;
        if (k == 2) {
            double[] scores = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = probs[i][1];
                positive[i] = labels[i] == 1;
            }
            auc = Metrics.rocAuc(scores, positive, w);
        } else {
            auc = Metrics.rocAucOneVsRest(probs, labels, w);
        }
        return new Evaluation(meanLoss, Metrics.accuracy(probs, labels, w), auc, Double.NaN);
    }
}
