package org.dendrite.core.metrics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.data.Task;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.loss.MemberMean;
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
        return Predictions.of(network, loss, data).evaluate(task);
    }

    /**
     * The inference-mode predictions and summed loss over some rows. Computed where the rows are
     * (a Spark partition: the forward passes are distributed), concatenated in row order, then
     * turned into one {@link Evaluation} with the shared metrics. {@code weights} is null when every
     * row weighs 1.
     */
    public record Predictions(double lossSum, double weightSum, int width, float[] predictions, float[] labels, float[] weights,
                              double[] memberLossSums) implements Serializable {
        /** Predictions of a single network (no per-member losses). */
        public Predictions(double lossSum, double weightSum, int width, float[] predictions, float[] labels, float[] weights) {
            this(lossSum, weightSum, width, predictions, labels, weights, null);
        }

        /** {@link #of(Network, Loss, Matrix, Matrix, float[])} over all rows of {@code data}. */
        public static Predictions of(Network network, Loss loss, Dataset data) {
            return of(network, loss, data.features(), data.targets(), data.weights());
        }

        /** Runs {@code network} on the rows in chunks: predictions (class probabilities, or the scaled target) and the weighted loss sum. */
        public static Predictions of(Network network, Loss loss, Matrix features, Matrix targets, float[] weights) {
            int n = features.rows(), d = features.cols(), k = network.outputWidth(), t = targets.cols();
            int width = k;
            Matrix x = new Matrix(Math.min(n, CHUNK), d), y = new Matrix(Math.min(n, CHUNK), t), p = new Matrix(Math.min(n, CHUNK), width);
            float[] out = new float[n * width], labels = new float[n];
            double lossSum = 0, weightSum = 0;
            MemberMean members = loss instanceof MemberMean mm && mm.members() > 1 ? mm : null;
            double[] memberSums = members == null ? null : new double[members.members()];
            SplittableRandom unused = new SplittableRandom(0);
            for (int start = 0; start < n; start += CHUNK) {
                int rows = Math.min(CHUNK, n - start);
                x.ensureRows(rows);
                y.ensureRows(rows);
                p.ensureRows(rows);
                System.arraycopy(features.data(), start * d, x.data(), 0, rows * d);
                System.arraycopy(targets.data(), start * t, y.data(), 0, rows * t);
                float[] cw = weights == null ? null : Arrays.copyOfRange(weights, start, start + rows);
                Matrix o = network.forward(x, false, unused);
                double batchWeight = Loss.weightSum(cw, rows);
                if (members == null) {
                    lossSum += loss.compute(o, y, cw, null) * batchWeight;
                } else {
                    // the ensemble's loss is the mean of its members' (MemberMean.compute): computed once, from theirs
                    double[] each = members.memberLosses(o, y, cw);
                    double mean = 0;
                    for (int m = 0; m < each.length; m++) {
                        memberSums[m] += each[m] * batchWeight;
                        mean += each[m];
                    }
                    lossSum += mean / each.length * batchWeight;
                }
                weightSum += batchWeight;
                loss.predict(o, p);
                System.arraycopy(p.data(), 0, out, start * width, rows * width);
                for (int i = 0; i < rows; i++) labels[start + i] = y.get(i, 0);
            }
            return new Predictions(lossSum, weightSum, width, out, labels, weights == null ? null : weights.clone(), memberSums);
        }

        public int rows() {
            return labels.length;
        }

        /** The weighted mean loss over these rows. */
        public double meanLoss() {
            return lossSum / weightSum;
        }

        /** An ensemble's members' weighted mean losses over these rows (their mean is {@link #meanLoss}); empty for a single network. */
        public java.util.List<Double> memberMeanLosses() {
            if (memberLossSums == null) return java.util.List.of();
            java.util.List<Double> out = new java.util.ArrayList<>();
            for (double s : memberLossSums) out.add(s / weightSum);
            return java.util.List.copyOf(out);
        }

        /**
         * The rows of {@code parts}, one part after another (a Spark partition's each), joined in one
         * pass: losses and weights summed, a part without weights weighing 1 a row.
         */
        public static Predictions join(java.util.List<Predictions> parts) {
            if (parts.isEmpty()) throw new IllegalArgumentException("No predictions to join");
            Predictions first = parts.get(0);
            int n = 0;
            boolean weighted = false, members = first.memberLossSums != null;
            for (Predictions p : parts) {
                if (p.width != first.width) {
                    throw new IllegalArgumentException("Cannot join predictions of width " + first.width + " and " + p.width);
                }
                n = Math.addExact(n, p.rows());
                weighted |= p.weights != null;
                members &= p.memberLossSums != null;
            }
            float[] out = new float[Math.multiplyExact(n, first.width)], labels = new float[n], w = weighted ? new float[n] : null;
            double[] memberSums = members ? new double[first.memberLossSums.length] : null;
            double lossSum = 0, weightSum = 0;
            int at = 0;
            for (Predictions p : parts) {
                int rows = p.rows();
                System.arraycopy(p.predictions, 0, out, at * first.width, rows * first.width);
                System.arraycopy(p.labels, 0, labels, at, rows);
                if (w != null) {
                    if (p.weights != null) System.arraycopy(p.weights, 0, w, at, rows);
                    else Arrays.fill(w, at, at + rows, 1f);
                }
                if (memberSums != null) for (int m = 0; m < memberSums.length; m++) memberSums[m] += p.memberLossSums[m];
                lossSum += p.lossSum;
                weightSum += p.weightSum;
                at += rows;
            }
            return new Predictions(lossSum, weightSum, first.width, out, labels, w, memberSums);
        }

        /** The loss and the task's metrics over all these rows. */
        public Evaluation evaluate(Task task) {
            if (!task.isClassification()) {
                return new Evaluation(meanLoss(), Double.NaN, Double.NaN, rmse(task));
            }
            int n = rows();
            double[] w = doubleWeights();
            double[][] probs = probabilities();
            int[] classes = classes();
            double auc;
            if (width == 2) {
                double[] scores = new double[n];
                boolean[] positive = new boolean[n];
                for (int i = 0; i < n; i++) {
                    scores[i] = probs[i][1];
                    positive[i] = classes[i] == 1;
                }
                auc = Metrics.rocAuc(scores, positive, w);
            } else {
                auc = Metrics.rocAucOneVsRest(probs, classes, w);
            }
            return new Evaluation(meanLoss(), Metrics.accuracy(probs, classes, w), auc, Double.NaN);
        }

        /** The accuracy of {@link #evaluate} without its ROC areas (classification). */
        public double accuracy() {
            return Metrics.accuracy(probabilities(), classes(), doubleWeights());
        }

        /**
         * The accuracy of always predicting the most frequent class of these rows (by weight): what a
         * model that learned nothing from the inputs reaches (classification).
         */
        public double majorityShare() {
            double[] byClass = classWeights();
            double most = 0, total = 0;
            for (double b : byClass) {
                most = Math.max(most, b);
                total += b;
            }
            return total > 0 ? most / total : Double.NaN;
        }

        /** These rows' weight per class (at least two classes: a sigmoid's single column holds two). */
        private double[] classWeights() {
            int[] c = classes();
            double[] byClass = new double[Math.max(width, 2)];
            for (int i = 0; i < c.length; i++) byClass[c[i]] += weights == null ? 1 : weights[i];
            return byClass;
        }

        /**
         * The log loss of these class probabilities ({@link Metrics#logLoss}, weighted): NaN for a single output column (a
         * sigmoid's probability of the second class), which the diagnosis then does not judge by it (classification).
         */
        public double logLoss() {
            return width < 2 ? Double.NaN : Metrics.logLoss(probabilities(), classes(), doubleWeights());
        }

        /** The log loss of predicting these rows' class shares (by weight) for every row: their entropy, in nats (classification). */
        public double priorLogLoss() {
            double[] byClass = classWeights();
            double total = 0;
            for (double b : byClass) total += b;
            double h = 0;
            for (double b : byClass) if (b > 0) h -= b / total * Math.log(b / total);
            return h;
        }

        /** The root mean squared error in the target's original units (regression). */
        public double rmse(Task task) {
            int n = rows(), k = width;
            double[] predicted = new double[n], actual = new double[n];
            for (int i = 0; i < n; i++) {
                predicted[i] = predictions[i * k] * task.targetScale() + task.targetMean();
                actual[i] = labels[i] * task.targetScale() + task.targetMean();
            }
            return Metrics.rmse(predicted, actual, doubleWeights());
        }

        /**
         * The population standard deviation of these rows' target in its original units (regression),
         * weighted by the instance weights as {@link #rmse} is (so that 1 - (rmse / sd)^2 is the weighted
         * R^2; the unweighted one beside a weighted RMSE called noise learned: R^2 0.99 where it is 0.002).
         */
        public double targetStandardDeviation(Task task) {
            org.dendrite.core.data.Moments m = new org.dendrite.core.data.Moments();
            for (int i = 0; i < labels.length; i++) m.add(labels[i] * task.targetScale() + task.targetMean(), weights == null ? 1 : weights[i]);
            return m.standardDeviation();
        }

        private double[][] probabilities() {
            double[][] probs = new double[rows()][width];
            for (int i = 0; i < probs.length; i++) {
                for (int j = 0; j < width; j++) probs[i][j] = predictions[i * width + j];
            }
            return probs;
        }

        private int[] classes() {
            int[] classes = new int[rows()];
            for (int i = 0; i < classes.length; i++) classes[i] = (int) labels[i];
            return classes;
        }

        private double[] doubleWeights() {
            return Metrics.weights(weights);
        }
    }
}
