package org.dendrite.core.metrics;

/**
 * Weighted confusion matrix: {@code counts[actual][predicted]}, with the per-class precision,
 * recall and F1 derived from it. A class never predicted has precision 0; never present, recall 0
 * (scikit-learn's zero_division=0 convention).
 */
public final class ConfusionMatrix {
    private final double[][] counts;

    public ConfusionMatrix(int classes) {
        this.counts = new double[classes][classes];
    }

    /** Builds the matrix from class probabilities (argmax) and true class indices. */
    public static ConfusionMatrix of(double[][] probabilities, int[] actual, double[] weights) {
        ConfusionMatrix m = new ConfusionMatrix(probabilities[0].length);
        for (int i = 0; i < actual.length; i++) {
            m.add(actual[i], Metrics.argmax(probabilities[i]), weights == null ? 1 : weights[i]);
        }
        return m;
    }

    public void add(int actual, int predicted, double weight) {
        counts[actual][predicted] += weight;
    }

    public int classes() { return counts.length; }

    public double count(int actual, int predicted) { return counts[actual][predicted]; }

    public double total() {
        double t = 0;
        for (double[] row : counts) for (double v : row) t += v;
        return t;
    }

    public double accuracy() {
        double correct = 0;
        for (int i = 0; i < counts.length; i++) correct += counts[i][i];
        return correct / total();
    }

    public double precision(int c) {
        double predicted = 0;
        for (double[] row : counts) predicted += row[c];
        return predicted == 0 ? 0 : counts[c][c] / predicted;
    }

    public double recall(int c) {
        double actual = 0;
        for (double v : counts[c]) actual += v;
        return actual == 0 ? 0 : counts[c][c] / actual;
    }

    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroPrecision() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) s += precision(c);
        return s / counts.length;
    }

    public double macroRecall() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) s += recall(c);
        return s / counts.length;
    }

    public double macroF1() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) s += f1(c);
        return s / counts.length;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("actual \\ predicted\n");
        for (double[] row : counts) {
            for (double v : row) sb.append(String.format("%8.1f", v));
            sb.append('\n');
        }
        return sb.toString();
    }
}
