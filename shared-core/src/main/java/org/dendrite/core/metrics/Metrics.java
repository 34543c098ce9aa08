package org.dendrite.core.metrics;


/**
 * The metrics used for monitoring, early stopping and the training history, computed in the core
 * so both wrappers share them. Every metric takes optional instance weights (null = all 1).
 */
public final class Metrics {
    private Metrics() {}

    static int argmax(double[] p) {
        int best = 0;
        for (int j = 1; j < p.length; j++) if (p[j] > p[best]) best = j;
        return best;
    }

    /** Instance weights as the metrics take them (float32 as training holds them, to doubles); null stays null: every row weighs 1. */
    public static double[] weights(float[] weights) {
        if (weights == null) return null;
        double[] w = new double[weights.length];
        for (int i = 0; i < w.length; i++) w[i] = weights[i];
        return w;
    }

    private static double w(double[] weights, int i) {
        return weights == null ? 1 : weights[i];
    }

    /** Weighted fraction of rows whose most probable class is the true one. */
    public static double accuracy(double[][] probabilities, int[] actual, double[] weights) {
        return topKAccuracy(probabilities, actual, weights, 1);
    }

    /**
     * Weighted fraction of rows whose true class is among the k most probable. Tied probabilities are
     * ranked by class index, the lower first, as {@link #argmax} (so k = 1 is {@link #accuracy}): a tie
     * with a lower class counts against the true class, one with a higher class does not. scikit-learn's
     * top_k_accuracy_score ranks ties the other way (the higher class first).
     */
    public static double topKAccuracy(double[][] probabilities, int[] actual, double[] weights, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("Invalid k for top-k accuracy: " + k + " (allowed: >= 1)");
        }
        double hit = 0, total = 0;
        for (int i = 0; i < actual.length; i++) {
            double[] p = probabilities[i];
            double mine = p[actual[i]];
            int better = 0;
            for (int j = 0; j < p.length; j++) {
                if (p[j] > mine || (p[j] == mine && j < actual[i])) better++;
            }
            if (better < k) hit += w(weights, i);
            total += w(weights, i);
        }
        return hit / total;
    }

    /**
     * Mean negative log-likelihood of the true class, its probability clipped to [1e-15, 1]
     * (scikit-learn 1.2's log_loss clips every probability to [1e-15, 1 - 1e-15] and renormalizes the
     * row: the same to 1e-14 for rows that sum to 1).
     */
    public static double logLoss(double[][] probabilities, int[] actual, double[] weights) {
        double s = 0, total = 0;
        for (int i = 0; i < actual.length; i++) {
            double p = Math.max(1e-15, Math.min(1, probabilities[i][actual[i]]));
            s -= w(weights, i) * Math.log(p);
            total += w(weights, i);
        }
        return s / total;
    }

    /**
     * Area under the ROC curve of scores for the positive class (Mann-Whitney statistic: ties count
     * one half), weighted. NaN when only one class is present.
     */
    public static double rocAuc(double[] scores, boolean[] positive, double[] weights) {
        int[] order = sortedByScore(scores);
        double pos = 0, neg = 0, auc = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            double tiePos = 0, tieNeg = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                int r = order[j];
                if (positive[r]) tiePos += w(weights, r); else tieNeg += w(weights, r);
                j++;
            }
            // scores ascending: every positive in this tie beats the negatives seen before it
            auc += tiePos * neg + 0.5 * tiePos * tieNeg;
            pos += tiePos;
            neg += tieNeg;
            i = j;
        }
        return pos == 0 || neg == 0 ? Double.NaN : auc / (pos * neg);
    }

    /**
     * Area under the precision-recall curve as average precision (scikit-learn's definition:
     * sum over thresholds of (R_n - R_{n-1}) P_n), weighted. NaN without positives.
     */
    public static double prAuc(double[] scores, boolean[] positive, double[] weights) {
        int[] order = sortedByScore(scores);
        double totalPos = 0;
        for (int i = 0; i < scores.length; i++) if (positive[i]) totalPos += w(weights, i);
        if (totalPos == 0) return Double.NaN;
        double tp = 0, fp = 0, ap = 0, lastRecall = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            while (j >= 0 && scores[order[j]] == scores[order[i]]) {
                int r = order[j];
                if (positive[r]) tp += w(weights, r); else fp += w(weights, r);
                j--;
            }
            double recall = tp / totalPos;
            double precision = tp + fp == 0 ? 0 : tp / (tp + fp);
            ap += (recall - lastRecall) * precision;
            lastRecall = recall;
            i = j;
        }
        return ap;
    }

    /** One-vs-rest ROC AUC averaged over classes (macro), skipping classes absent or alone. */
    public static double rocAucOneVsRest(double[][] probabilities, int[] actual, double[] weights) {
        return oneVsRest(probabilities, actual, weights, true);
    }

    /** One-vs-rest average precision averaged over classes (macro). */
    public static double prAucOneVsRest(double[][] probabilities, int[] actual, double[] weights) {
        return oneVsRest(probabilities, actual, weights, false);
    }

    private static double oneVsRest(double[][] probabilities, int[] actual, double[] weights, boolean roc) {
        int k = probabilities[0].length;
        double s = 0;
        int counted = 0;
        for (int c = 0; c < k; c++) {
            double[] scores = new double[actual.length];
            boolean[] pos = new boolean[actual.length];
            for (int i = 0; i < actual.length; i++) {
                scores[i] = probabilities[i][c];
                pos[i] = actual[i] == c;
            }
            double v = roc ? rocAuc(scores, pos, weights) : prAuc(scores, pos, weights);
            if (!Double.isNaN(v)) {
                s += v;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : s / counted;
    }

    /**
     * The weighted sum of squares of {@code v} as {@code scale}^2 x {@code sum}: the values divided by
     * the largest of them first (of the rows that weigh something), so that squares of 1e200 do not
     * overflow and squares of 1e-200 do not underflow; {@code weight} is the weights' total. Values
     * that are not finite are summed as they are (scale 1), to give Infinity or NaN.
     */
    private record Squares(double scale, double sum, double weight) {}

    private static Squares squares(double[] v, double[] weights) {
        double scale = 0;
        for (int i = 0; i < v.length; i++) if (w(weights, i) != 0) scale = Math.max(scale, Math.abs(v[i]));
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) scale = 1;
        double sum = 0, total = 0;
        for (int i = 0; i < v.length; i++) {
            double wi = w(weights, i);
            total += wi;
            if (wi == 0) continue;
            double x = v[i] / scale;
            sum += wi * x * x;
        }
        return new Squares(scale, sum, total);
    }

    /**
     * Root mean squared error (weighted), computed on the errors divided by the largest of them (of
     * the rows that weigh something), so that it holds wherever the errors themselves do: squaring
     * errors of 1e200 overflowed to an RMSE of Infinity, and errors of 1e-200 underflowed to 0 (a
     * regression on targets of 1e300 or 1e-300 scored every search trial alike and called noise learned).
     */
    public static double rmse(double[] predicted, double[] actual, double[] weights) {
        double[] d = new double[actual.length];
        for (int i = 0; i < d.length; i++) d[i] = predicted[i] - actual[i];
        Squares e = squares(d, weights);
        return e.scale() * Math.sqrt(e.sum() / e.weight());
    }

    /** Mean squared error (weighted): {@link #rmse} squared (Infinity only where the mean square itself is beyond a double). */
    public static double mse(double[] predicted, double[] actual, double[] weights) {
        double r = rmse(predicted, actual, weights);
        return r * r;
    }

    public static double mae(double[] predicted, double[] actual, double[] weights) {
        double s = 0, total = 0;
        for (int i = 0; i < actual.length; i++) {
            s += w(weights, i) * Math.abs(predicted[i] - actual[i]);
            total += w(weights, i);
        }
        return s / total;
    }

    /**
     * Coefficient of determination 1 - SS_res / SS_tot (weighted); NaN for a constant target. The mean
     * is taken on the targets divided by the largest of them (so that it cannot overflow), and each sum of squares is taken as {@link #rmse}'s, with its own scale, so that the
     * ratio holds for targets of any magnitude a double holds, and for predictions far beyond them
     * (-Infinity, not NaN, for a model that diverged).
     */
    public static double r2(double[] predicted, double[] actual, double[] weights) {
        int n = actual.length;
        double unit = 0;
        for (int i = 0; i < n; i++) if (w(weights, i) != 0) unit = Math.max(unit, Math.abs(actual[i]));
        if (!(unit > 0 && unit < Double.POSITIVE_INFINITY)) unit = 1;
        double mean = 0, total = 0;
        for (int i = 0; i < n; i++) {
            double wi = w(weights, i);
            total += wi;
            if (wi != 0) mean += wi * (actual[i] / unit);
        }
        mean = mean / total * unit;
        double[] dev = new double[n], res = new double[n];
        for (int i = 0; i < n; i++) {
            // differences first, in the target's units (a target offset by 1e6 keeps its digits), then scaled
            dev[i] = (actual[i] - mean) / unit;
            res[i] = (predicted[i] - actual[i]) / unit;
        }
        Squares t = squares(dev, weights), r = squares(res, weights);
        if (t.sum() == 0) return Double.NaN;
        if (r.sum() == 0) return 1;
        double q = r.scale() / t.scale();
        return 1 - q * q * (r.sum() / t.sum());
    }

    /** Row indices in ascending order of score ({@link Double#compare}), ties in row order: a stable merge sort on primitives. */
    private static int[] sortedByScore(double[] scores) {
        int n = scores.length;
        int[] order = new int[n], buffer = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n), a = lo, b = mid;
                for (int k = lo; k < hi; k++) {
                    buffer[k] = b >= hi || (a < mid && Double.compare(scores[order[a]], scores[order[b]]) <= 0) ? order[a++] : order[b++];
                }
            }
            int[] t = order;
            order = buffer;
            buffer = t;
        }
        return order;
    }
}
