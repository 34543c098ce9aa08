package org.dendrite.core.diagnostics;

import java.util.Locale;

/**
 * The under/overfitting signs of the Georgia Tech CS 4803/7643 Deep Learning lecture on optimization (Zsolt Kira), as plain language: low training performance means high bias
 * (underfitting: train longer, a bigger model, another architecture); validation clearly worse than
 * training means high variance (overfitting: more data, regularization, another architecture).
 */
public final class Diagnosis {
    /** Training accuracy below this (or R^2 below it for regression) counts as low. */
    public static final double LOW_PERFORMANCE = 0.8;
    /** A gap between training and validation performance above this counts as overfitting. */
    public static final double LARGE_GAP = 0.05;

    private Diagnosis() {}

    /**
     * Training and validation performance (NaN validation: no split) kept as numbers: the plain
     * language of {@link #biasVariance} is formed only when shown ({@link #toString}), not after
     * every training run (a cross-validation trains ten models and shows none of them).
     * {@code flattened}: the validation loss had stopped improving ({@link #flattened}); {@code linear}: the network has
     * no hidden layers; {@code logLoss} and {@code priorLogLoss}: a classifier's log loss on the training rows and that
     * of predicting their class shares for every row (NaN: not known).
     */
    public record BiasVariance(double train, double validation, String metric, double baseline, boolean flattened, boolean linear,
                               double logLoss, double priorLogLoss) implements java.io.Serializable {
        @Override
        public String toString() {
            return biasVariance(train, validation, metric, baseline, flattened, linear, logLoss, priorLogLoss);
        }
    }

    /**
     * A validation loss whose second half of epochs brought at most this share of its fall since the first epoch counts
     * as flattened: a curve L + A exp(-t / tau) is there after about 4.5 tau, 99% of the way; a slow but steady fall (a
     * small learning rate) brings about half of it in the second half.
     */
    public static final double FLAT = 0.1;

    /**
     * Whether the validation loss had stopped improving: over at least 4 epochs with a validation loss, the second
     * half lowered its best by at most {@link #FLAT} of its whole fall from the first epoch to its lowest (more epochs
     * of this run would not have helped on the held-out rows). A missing validation loss (NaN) makes it false.
     */
    public static boolean flattened(double[] validationLoss) {
        int n = validationLoss.length;
        if (n < 4) return false;
        double first = Double.POSITIVE_INFINITY, second = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(validationLoss[i])) return false;
            if (i < n / 2) first = Math.min(first, validationLoss[i]);
            else second = Math.min(second, validationLoss[i]);
        }
        return first - second <= FLAT * (validationLoss[0] - Math.min(first, second));
    }

    /**
     * Training performance that removes at most this share of the baseline's shortfall from perfect (1 - baseline:
     * its error rate; 1 for R^2, whose baseline is 0) counts as no better than the baseline (predicting without the inputs).
     */
    public static final double NO_BETTER = 0.01;

    /**
     * A summary from training and validation performance, higher is better (accuracy, or R^2 for
     * regression); NaN validation means no validation split. A performance that is not finite (R^2
     * of a target without variance: -Infinity or NaN) is not judged. {@code baseline} is the training
     * performance of predicting without the inputs (the most frequent class's share; R^2 0, the
     * target's mean): a model no better than that learned nothing from the inputs, which more
     * capacity would not change, so it is said so instead of "high bias".
     */
    public static String biasVariance(double train, double validation, String metric, double baseline) {
        return biasVariance(train, validation, metric, baseline, false, false, Double.NaN, Double.NaN);
    }

    /**
     * As {@link #biasVariance(double, double, String, double)}, knowing whether the validation loss had
     * {@code flattened}, whether the network is {@code linear} (no hidden layers), and a classifier's training
     * {@code logLoss} with the {@code priorLogLoss} of predicting the class shares (NaN: not known).
     * <ul>
     *   <li>Low training performance with the validation figure level with it and a flat validation curve is what
     *   underfitting looks like, and also what noisy labels look like (30% of the labels flipped at random: no model
     *   does better than 0.7, and the network sits there with training and validation alike); the fixed cutoff
     *   cannot tell them apart, so the diagnosis names both and how to tell them apart instead of "high bias,
     *   increase model capacity", which on noise only overfits.</li>
     *   <li>No better than the baseline, a linear model may be unable to use inputs that carry the target only
     *   together (XOR of two signs: each alone says nothing), which a hidden layer learns and another learning rate
     *   or more epochs do not.</li>
     *   <li>An accuracy no better than the most frequent class's, with a log loss that removes more than
     *   {@link #NO_BETTER} of the class shares', is a model that learned from the inputs, not enough to change a
     *   predicted class (a rare class: 4% of the rows, a validation ROC area of 0.68), not one that learned nothing.</li>
     * </ul>
     */
    public static String biasVariance(double train, double validation, String metric, double baseline, boolean flattened, boolean linear,
                                      double logLoss, double priorLogLoss) {
        if (!Double.isFinite(train)) {
            // R^2 of a target that does not vary divides by its zero variance
            return "Training " + metric + " is undefined: the training target does not vary, so bias and variance cannot be judged.";
        }
        // measured against the baseline's error: accuracy 1.0 where the majority class makes 0.99 removes all of its errors
        if (train - baseline <= NO_BETTER * (1 - baseline) && logLoss < (1 - NO_BETTER) * priorLogLoss) {
            return String.format(Locale.ROOT, "Training %s %.4f, no better than always predicting the most frequent class (%.4f), but the "
                    + "predicted probabilities beat the class shares on the training rows (log loss %.4f against %.4f): the model learned "
                    + "from the inputs, not enough to change a predicted class. Accuracy cannot judge it: look at the ROC area and the log "
                    + "loss.", metric, train, baseline, logLoss, priorLogLoss);
        }
        if (train - baseline <= NO_BETTER * (1 - baseline)) {
            return String.format(Locale.ROOT, "Training %s %.4f: no better than predicting without the inputs (%s). The model learned "
                    + "nothing from the inputs: check that they carry information about the target (and the warnings above); if they do, "
                    + "%straining did not get going: try another learning rate or more epochs.", metric, train,
                    metric.equals("accuracy") ? String.format(Locale.ROOT, "always the most frequent class: %.4f", baseline) : "predicting the target's mean has R^2 0",
                    linear ? "a network without hidden layers (a linear model) cannot learn a target that they carry only together (as "
                            + "XOR does: each alone says nothing), so add a hidden layer; or " : "");
        }
        // R^2 of a validation target that does not vary: there is a split, but nothing to judge variance by
        boolean constantValidation = Double.isInfinite(validation);
        if (constantValidation) validation = Double.NaN;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Training %s %.4f", metric, train));
        if (!Double.isNaN(validation)) sb.append(String.format(Locale.ROOT, ", validation %s %.4f", metric, validation));
        sb.append(". ");
        boolean highBias = train < LOW_PERFORMANCE;
        // a class label, or a numeric target, as noisy as the figures allow
        String noisy = metric.equals("accuracy") ? "the labels are this noisy" : "the target is this noisy";
        boolean highVariance = !Double.isNaN(validation) && train - validation > LARGE_GAP;
        if (highBias && highVariance) {
            // the cutoff cannot tell underfitting from noisy labels (a network fitting 30% flipped labels to 0.76, 0.675 held out)
            sb.append(String.format(Locale.ROOT, "High variance (overfitting), and possibly high bias: validation performance is clearly "
                    + "below training performance, which is itself below %.1f, so the model underfits the training data too unless %s "
                    + "(then its training %s is already more than that allows, and only the gap is real). Close the gap first "
                    + "(more data, regularization: L2, dropout, early stopping); if the training %s then stays low, try a larger model or "
                    + "another architecture.", LOW_PERFORMANCE, noisy, metric, metric));
        } else if (highBias && flattened && Math.abs(train - validation) <= LARGE_GAP) {
            sb.append(String.format(Locale.ROOT, "Both are below %.1f, level with each other, and the validation loss stopped improving: "
                    + "either the model underfits (high bias) or %s and no model does better (the data's limit, "
                    + "where more capacity only overfits). A larger model or another architecture tells them apart: if its validation %s "
                    + "rises, this one underfit; if only its training %s rises, this is the data's limit.", LOW_PERFORMANCE, noisy, metric, metric));
        } else if (highBias) {
            sb.append("High bias (underfitting): performance is low already on the training data. "
                    + "Train longer, increase model capacity, or try a different architecture.");
        } else if (highVariance) {
            sb.append("High variance (overfitting): validation performance is clearly below training performance. "
                    + "Get more data, add regularization (L2, dropout, early stopping) or simplify the model.");
        } else if (constantValidation) {
            sb.append("The validation target does not vary, so variance cannot be judged: hold out more rows.");
        } else if (Double.isNaN(validation)) {
            sb.append("No validation split, so variance cannot be judged: set a validation fraction to check generalization.");
        } else {
            sb.append("Training and validation performance are close and not low: no sign of underfitting or overfitting.");
        }
        return sb.toString();
    }
}
