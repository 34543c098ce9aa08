package org.dendrite.core.train;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.Seeds;
import org.dendrite.core.data.Table;
import org.dendrite.core.data.Task;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.tensor.Matrix;

/**
 * A trained model: the fitted preprocessing, the network, the loss that gives outputs their meaning,
 * the task, provenance and training history. Predictions are class probabilities for a nominal
 * target and values in the target's original units for a numeric one.
 */
public final class Model implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Rows per forward pass when predicting many rows. */
    public static final int PREDICTION_BATCH = 1024;

    private final Preprocessor preprocessor;
    private final Network network;
    private final Loss loss;
    private final Task task;
    private final Provenance provenance;
    private final History history;

    public Model(Preprocessor preprocessor, Network network, Loss loss, Task task, Provenance provenance, History history) {
        if (preprocessor.outputWidth() != network.inputWidth()) {
            throw new IllegalArgumentException("The preprocessing produces " + preprocessor.outputWidth() + " inputs but the network takes "
                    + network.inputWidth());
        }
        this.preprocessor = preprocessor;
        this.network = network;
        this.loss = loss;
        this.task = task;
        this.provenance = provenance;
        this.history = history == null ? new History() : history;
    }

    public Preprocessor preprocessor() { return preprocessor; }
    public Network network() { return network; }
    public Loss loss() { return loss; }
    public Task task() { return task; }
    public Provenance provenance() { return provenance; }
    public History history() { return history; }

    /**
     * What was trained, for people (Weka's {@code toString}, the Spark model's {@code summary()}): the
     * network, the loss, the epochs (and the epoch whose weights early stopping kept), the last epoch's
     * losses and validation metrics, the configuration with the values chosen from the data (units,
     * epochs, batch size, the L2 used) as JSON of what differs from the defaults, and the warnings.
     */
    public String summary() {
        return summary(SUMMARY_DECIMALS);
    }

    /** The decimal places of the training figures in {@link #summary()}. */
    public static final int SUMMARY_DECIMALS = 6;

    /**
     * {@link #summary()} with the losses and the accuracy to {@code decimals} decimal places and the
     * RMSE (in the target's units, of any magnitude) to as many significant digits (at least 1).
     */
    public String summary(int decimals) {
        if (decimals < 0) throw new IllegalArgumentException("decimal places: " + decimals + "; allowed: >= 0");
        String fixed = "%." + decimals + "f%n";
        StringBuilder sb = new StringBuilder(network.describe()).append("\n\n");
        sb.append("Loss: ").append(loss.name());
        // a numeric target's losses are the network's, on the scaled target: a target of 1e-9's scale showed 'Loss: mse' and
        // 'Final training loss: 0.000991' where the mean squared error in its units was 1e-20
        if (task.scalesTarget()) {
            sb.append(String.format(java.util.Locale.ROOT, ", on the target scaled (minus %.6g, divided by %.6g): the losses below are in "
                    + "those units (times %.6g for the target's)", task.targetMean(), task.targetScale(), task.targetScale() * task.targetScale()));
        }
        sb.append('\n');
        sb.append("Training: ").append(history.size()).append(" epochs");
        if (history.bestEpoch() > 0) sb.append(" (weights of epoch ").append(history.bestEpoch()).append(", early stopping)");
        sb.append('\n');
        // the figures of the weights the model holds: the last epoch's, or the epoch early stopping kept
        EpochRecord last = history.kept();
        if (last != null) {
            String of = history.bestEpoch() > 0 ? "Epoch " + history.bestEpoch() + " (the weights kept) " : "Final ";
            sb.append(of).append(String.format(java.util.Locale.ROOT, "training loss: " + fixed, last.trainLoss()));
            if (!Double.isNaN(last.validationLoss())) sb.append(of).append(String.format(java.util.Locale.ROOT, "validation loss: " + fixed, last.validationLoss()));
            if (!Double.isNaN(last.validationAccuracy())) {
                sb.append(of).append(String.format(java.util.Locale.ROOT, "validation accuracy: " + fixed, last.validationAccuracy()));
            }
            if (!Double.isNaN(last.validationRmse())) {
                sb.append(of).append(String.format(java.util.Locale.ROOT, "validation RMSE: %." + Math.max(1, decimals) + "g%n", last.validationRmse()));
            }
        }
        String config = provenance.config();
        sb.append(config.startsWith("{") ? "Configuration (what differs from the defaults, as -config-json / configJson take it): " : "Configuration: ")
                .append(config).append('\n');
        for (String w : history.warnings()) sb.append("Warning: ").append(w).append('\n');
        return sb.toString();
    }

    /** The number of values predicted per row: classes, or target columns. */
    public int predictionWidth() {
        return network.outputWidth();
    }

    /**
     * Predicts every row of {@code table}: probabilities (n x classes) or values (n x outputs) in the
     * target's units, as doubles: the network's float32 output is a standardized value, accurate to
     * float32 in units of the target's scale, and its mean is added in double (added in float32, a
     * target of 1e9 +- 1 came out in steps of 64).
     */
    public double[][] predict(Table table) {
        return predictFeatures(preprocessor.transform(table));
    }

    /** Predicts one raw row. */
    public double[] predictRow(double[] row) {
        return predictFeatures(rowFeatures(row))[0];
    }

    /** One raw row preprocessed; on its own, so errors name the column, not a row number it does not have. */
    private Matrix rowFeatures(double[] row) {
        Matrix x = new Matrix(1, preprocessor.outputWidth());
        preprocessor.transformRow(row, -1, x.data(), 0);
        return x;
    }

    /** {@link #predictFeaturesMonteCarlo} of one raw row, checked as {@link #predictRow} checks it. */
    public MonteCarloPrediction predictRowMonteCarlo(double[] row, int passes, long seed) {
        return predictFeaturesMonteCarlo(rowFeatures(row), passes, seed);
    }

    /** The mean and variance of the predictive distribution over Monte-Carlo dropout passes, per row and output. */
    public record MonteCarloPrediction(double[][] mean, double[][] variance, int passes) {}

    /**
     * Monte-Carlo dropout prediction (Gal and Ghahramani 2016): {@code passes} stochastic forward
     * passes with dropout active; returns the per-output mean and (population) variance of the
     * predictions (probabilities, or values in target units). Needs a network with dropout. A row's
     * passes run as one batch whose masks are drawn from {@code seed} and the row's values alone
     * ({@link Seeds#monteCarloRow}), so a row gets the same numbers alone, in any batch and at any
     * position, in Weka and in Spark.
     */
    public MonteCarloPrediction predictMonteCarlo(Table table, int passes, long seed) {
        return predictFeaturesMonteCarlo(preprocessor.transform(table), passes, seed);
    }

    /** {@link #predictMonteCarlo} of already-preprocessed feature rows. */
    public synchronized MonteCarloPrediction predictFeaturesMonteCarlo(Matrix features, int passes, long seed) {
        if (passes < 2) {
            throw new IllegalArgumentException("Invalid Monte-Carlo passes: " + passes + " (allowed: a whole number >= 2)");
        }
        if (!network.hasStochasticLayers()) {
            throw new IllegalArgumentException("Monte-Carlo dropout needs a network with dropout (a layer with dropout > 0); this one has none");
        }
        int n = features.rows(), d = features.cols(), k = predictionWidth();
        double scale = task.isClassification() ? 1 : task.targetScale();
        double[][] mean = new double[n][k], var = new double[n][k];
        // a row's passes go through the network up to PREDICTION_BATCH at a time (memory does not grow with the passes), the
        // row's generator running on across them
        int chunk = Math.min(passes, PREDICTION_BATCH);
        Matrix copies = new Matrix(chunk, d);
        float[] x = features.data(), c = copies.data();
        double[] sum = new double[k], sumSq = new double[k];
        for (int r = 0; r < n; r++) {
            for (int p = 0; p < chunk; p++) System.arraycopy(x, r * d, c, p * d, d);
            int hash = 1;
            // + 0f: -0.0 is the value 0.0 (its bits differ: an input of -0.0 drew other masks than one of 0.0)
            for (int j = r * d; j < (r + 1) * d; j++) hash = 31 * hash + Float.floatToIntBits(x[j] + 0f);
            SplittableRandom rng = Seeds.monteCarloRow(seed, hash);
            java.util.Arrays.fill(sum, 0);
            java.util.Arrays.fill(sumSq, 0);
            for (int done = 0; done < passes; done += chunk) {
                int m = Math.min(chunk, passes - done);
                // in the network's units (standardized for a numeric target), where the spread is not lost beside the target's mean
                double[] y = run(m == chunk ? copies : new Matrix(m, d, java.util.Arrays.copyOf(c, m * d)), rng, true);
                for (int p = 0; p < m; p++) {
                    for (int j = 0; j < k; j++) {
                        sum[j] += y[p * k + j];
                        sumSq[j] += y[p * k + j] * y[p * k + j];
                    }
                }
            }
            for (int j = 0; j < k; j++) {
                double m = sum[j] / passes;
                mean[r][j] = inTargetUnits(m, features, r);
                var[r][j] = Math.max(0, sumSq[j] / passes - m * m) * scale * scale;
            }
        }
        return new MonteCarloPrediction(mean, var, passes);
    }

    /** Predicts already-preprocessed feature rows, in batches of {@link #PREDICTION_BATCH} (see {@link #predict}). */
    public synchronized double[][] predictFeatures(Matrix features) {
        double[] p = run(features, new SplittableRandom(0), false);
        int k = predictionWidth();
        double[][] out = new double[features.rows()][k];
        for (int i = 0; i < p.length; i++) out[i / k][i % k] = inTargetUnits(p[i], features, i / k);
        return out;
    }

    /**
     * A prediction of row {@code row} of {@code features} in the network's units (a probability, or a
     * standardized value) in the target's, checked finite: a row far outside the training rows (its
     * largest scaled input named) or a target scale beyond the double range is refused.
     */
    private double inTargetUnits(double v, Matrix features, int row) {
        double y = task.isClassification() ? v : v * task.targetScale() + task.targetMean();
        if (!Double.isFinite(y)) {
            int d = features.cols(), far = 0;
            float[] x = features.data();
            for (int j = 1; j < d; j++) if (Math.abs(x[row * d + j]) > Math.abs(x[row * d + far])) far = j;
            String where = features.rows() > 1 ? " for row " + row : "";
            throw new IllegalArgumentException(Double.isFinite(v) ? "The model's prediction" + where + " (" + v + " in standardized "
                    + "units) is beyond the double range in the target's units (scale " + task.targetScale() + "); rescale the target"
                    : "The model produced a non-finite prediction" + where + ": its inputs lie too far outside the training rows"
                    + (d == 0 ? "" : " (the farthest, " + (preprocessor.whitening() == null
                    ? preprocessor.outputNames().get(far) : "whitened component " + far) + ", is " + x[row * d + far]
                    + " after scaling, in the training rows' standard units)"));
        }
        return y;
    }

    /** The network's predictions in its own units: probabilities, or standardized values for a numeric target. */
    private double[] run(Matrix features, SplittableRandom rng, boolean monteCarlo) {
        int n = features.rows(), d = features.cols(), k = predictionWidth();
        double[] result = new double[n * k];
        Matrix chunk = monteCarlo ? new Matrix(Math.min(n, PREDICTION_BATCH), d) : null;
        for (int start = 0; start < n; start += PREDICTION_BATCH) {
            int rows = Math.min(PREDICTION_BATCH, n - start);
            Matrix out;
            if (monteCarlo) {
                chunk.ensureRows(rows);
                System.arraycopy(features.data(), start * d, chunk.data(), 0, rows * d);
                out = network.forwardMonteCarlo(chunk, rng);
            } else {
                out = network.forwardRows(features, start, rows);
            }
            loss.predict(out, result, start * k);
        }
        return result;
    }
}
