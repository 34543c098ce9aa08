package org.dendrite.core.search;

import java.util.function.ToDoubleBiFunction;
import org.dendrite.core.check.Check;
import org.dendrite.core.data.Task;
import org.dendrite.core.metrics.Evaluation;

/**
 * The validation score a search compares trials by, computed from the held-out rows' predictions
 * (never from the training loss, which label smoothing or an ensemble's member-mean loss would make
 * incomparable across configurations). {@link #AUTO} is log loss for a nominal target and RMSE for
 * a numeric one.
 */
public enum Metric {
    /** Log loss for a nominal target, RMSE for a numeric one. */
    AUTO("auto", false, null, (p, t) -> {
        throw new IllegalStateException("resolve AUTO first");
    }),
    /** Cross-entropy of the predicted class probabilities, -sum w ln p(y) / sum w (p floored at 1e-15), lower is better. */
    LOG_LOSS("log_loss", false, true, Metric::logLoss),
    /** The share of rows (weighted) whose most probable class is the true one. */
    ACCURACY("accuracy", true, true, (p, t) -> p.accuracy()),
    /** ROC AUC: binary, or one-vs-rest macro for more classes. */
    AUC("auc", true, true, (p, t) -> p.evaluate(t).auc()),
    /** Root mean squared error in the target's units, lower is better. */
    RMSE("rmse", false, false, (p, t) -> p.rmse(t));

    private final String label;
    private final boolean higherIsBetter;
    /** True: nominal targets only; false: numeric only; null: either. */
    private final Boolean classification;
    private final ToDoubleBiFunction<Evaluation.Predictions, Task> value;

    Metric(String label, boolean higherIsBetter, Boolean classification, ToDoubleBiFunction<Evaluation.Predictions, Task> value) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.classification = classification;
        this.value = value;
    }

    /** The name in JSON, options and tables. */
    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * This metric for a nominal ({@code classification}) or numeric target called {@code target}: AUTO
     * resolved; a metric of the other kind of target is an error naming it.
     */
    public Metric resolve(boolean classification, String target) {
        if (this == AUTO) return classification ? LOG_LOSS : RMSE;
        if (this.classification != classification) {
            throw Check.invalid("metric", "Invalid metric: " + label + " applies to " + (this.classification ? "a nominal" : "a numeric")
                    + " target, but '" + target + "' is " + (classification ? "nominal (allowed: auto, log_loss, accuracy, auc)"
                    : "numeric (allowed: auto, rmse)"));
        }
        return this;
    }

    /** The score of {@code predictions} (of a resolved metric). */
    public double score(Evaluation.Predictions predictions, Task task) {
        return value.applyAsDouble(predictions, task);
    }

    /** True when score {@code a} is strictly better than {@code b}; NaN (a failed trial) is worse than any number. */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) return false;
        if (Double.isNaN(b)) return true;
        return higherIsBetter ? a > b : a < b;
    }

    /** Compares scores best first, NaN last. */
    public int compare(double a, double b) {
        return better(a, b) ? -1 : better(b, a) ? 1 : 0;
    }

    private static double logLoss(Evaluation.Predictions p, Task task) {
        int k = p.width();
        double sum = 0, weights = 0;
        float[] w = p.weights();
        for (int i = 0; i < p.rows(); i++) {
            double wi = w == null ? 1 : w[i];
            double py = p.predictions()[i * k + (int) p.labels()[i]];
            sum -= wi * Math.log(Math.max(py, 1e-15));
            weights += wi;
        }
        return sum / weights;
    }
}
