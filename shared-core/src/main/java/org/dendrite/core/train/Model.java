package org.dendrite.core.train;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.Table;
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

    /** The number of values predicted per row: classes, or target columns. */
    public int predictionWidth() {
        return network.outputWidth();
    }

    /** Predicts every row of {@code table}: probabilities (n x classes) or values (n x outputs). */
    public Matrix predict(Table table) {
        return predictFeatures(preprocessor.transform(table));
    }

    /** Predicts one raw row. */
    public double[] predictRow(double[] row) {
        Matrix x = new Matrix(1, preprocessor.outputWidth());
        preprocessor.transformRow(row, 0, x.data(), 0);
        float[] p = predictFeatures(x).data();
        double[] out = new double[predictionWidth()];
        for (int i = 0; i < out.length; i++) out[i] = p[i];
        return out;
    }

    /** Predicts already-preprocessed feature rows, in batches of {@link #PREDICTION_BATCH}. */
    public synchronized Matrix predictFeatures(Matrix features) {
        int n = features.rows(), d = features.cols(), k = predictionWidth();
        Matrix result = new Matrix(n, k);
        Matrix chunk = new Matrix(Math.min(n, PREDICTION_BATCH), d);
        SplittableRandom unused = new SplittableRandom(0);
        for (int start = 0; start < n; start += PREDICTION_BATCH) {
            int rows = Math.min(PREDICTION_BATCH, n - start);
            chunk.ensureRows(rows);
            System.arraycopy(features.data(), start * d, chunk.data(), 0, rows * d);
            Matrix out = network.forward(chunk, false, unused);
            Matrix pred = new Matrix(rows, k, new float[rows * k]);
            loss.predict(out, pred);
            float[] p = pred.data();
            if (!task.isClassification()) {
                for (int i = 0; i < p.length; i++) p[i] = (float) (p[i] * task.targetScale() + task.targetMean());
            }
            for (int i = 0; i < p.length; i++) {
                if (!Float.isFinite(p[i])) {
                    throw new IllegalStateException("The model produced a non-finite prediction (" + p[i] + ") for row " + (start + i / k)
                            + "; its weights or inputs are out of range");
                }
            }
            System.arraycopy(p, 0, result.data(), start * k, rows * k);
        }
        return result;
    }
}
