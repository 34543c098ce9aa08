package org.dendrite.core.data;

import java.io.Serializable;
import java.util.List;

/**
 * What is predicted: a nominal target with its classes, or a numeric target (no classes) with the
 * mean and scale used to standardize it during training.
 */
public record Task(String targetName, List<String> classes, double targetMean, double targetScale) implements Serializable {
    public Task {
        classes = classes == null ? List.of() : List.copyOf(classes);
        if (!classes.isEmpty() && classes.size() < 2) {
            throw new IllegalArgumentException("Target '" + targetName + "' declares only one class " + classes
                    + "; a classifier needs at least two");
        }
        if (!(targetScale > 0) || !Double.isFinite(targetMean) || Double.isInfinite(targetScale)) {
            throw new IllegalArgumentException("Target '" + targetName + "': its scaling must be a finite mean and a finite scale > 0, got mean="
                    + targetMean + ", scale=" + targetScale);
        }
    }

    /**
     * The task of a target: {@code classes} non-empty means a nominal target; a numeric one is
     * standardized by the training rows' mean and standard deviation ({@code target}'s moments; a
     * constant target: {@link #constantScale}) when {@code standardize}, else left as it is; with
     * {@code robust} (a sample of the training rows' targets, for a robust loss; null: none) it is
     * centred on its median and divided by its interquartile range / 1.349 (the standard deviation,
     * for normal data); where the quartiles coincide (a target mostly 0: claims, counts), by its 5-95%
     * range / 3.29, then its 1-99% range / 4.65 (each the standard deviation for normal data), and only
     * where those coincide too by the standard deviation (it was at once: one outlier among mostly zeros
     * then set the scale, and mae's test RMSE was 337 on targets within 0.03).
     */
    public static Task fit(String targetName, List<String> classes, Moments target, Sample robust, boolean standardize) {
        if (classes != null && !classes.isEmpty()) {
            return classification(targetName, classes);
        }
        if (!standardize) {
            return new Task(targetName, List.of(), 0, 1);
        }
        double std = target.standardDeviation(), mean = target.mean();
        if (robust != null && robust.count() > 0) {
            double median = robust.quantile(0.5), scale = std;
            for (double[] range : ROBUST_RANGES) {
                double spread = robust.quantile(1 - range[0]) - robust.quantile(range[0]);
                if (spread > 0) {
                    scale = spread / range[1];
                    break;
                }
            }
            return new Task(targetName, List.of(), median, scale > 0 ? scale : constantScale(median));
        }
        return new Task(targetName, List.of(), mean, std > 0 ? std : constantScale(mean));
    }

    /**
     * How a user asks for a robust loss, which no flat option gives: the warning said "use a robust
     * loss" without saying how.
     */
    static final String ROBUST_LOSS_HOW = "the training configuration's loss, as in the JSON {\"loss\": \"huber\"}, given as Weka's "
            + "-config-json or Spark's configJson";

    /**
     * The warning that far values of a numeric target ({@code target}'s moments) squeeze the others
     * under its standardization by mean and standard deviation ({@link Moments#squeeze}), so that the
     * network can hardly fit them (the diagnosis then advised more epochs or capacity); null when they
     * do not. Robust losses scale the target by its quantiles instead.
     */
    public static String squeezeWarning(String targetName, Moments target) {
        return squeezeWarning(targetName, target, Double::toString);
    }

    /** {@link #squeezeWarning(String, Moments)}, its values written by {@code show} (a date target's as dates: {@link LabeledTable#showTarget}). */
    static String squeezeWarning(String targetName, Moments target, java.util.function.DoubleFunction<String> show) {
        Moments.Squeeze s = target.squeeze();
        if (!(s.othersRange() < Preprocessor.SQUEEZED_RANGE)) return null;
        return "The target '" + targetName + "': " + Preprocessor.squeezed(s, "its standardization", show) + ": use a robust loss (mae or huber, "
                + "which scale the target by its median and interquartile range: " + ROBUST_LOSS_HOW + "), or correct or remove " + (s.rows() <= 1 ? "that row." : "those rows.");
    }

    /** The interquartile range of a normal distribution, in standard deviations. */
    static final double IQR_PER_STANDARD_DEVIATION = 1.3489795003921634;

    /**
     * The ranges a robust target scale is taken from, in turn until one is not 0: {lower quantile, the
     * range from it to its mirror in a normal distribution's standard deviations} (2 x 0.6745, 2 x
     * 1.6449, 2 x 2.3263).
     */
    private static final double[][] ROBUST_RANGES = {{0.25, IQR_PER_STANDARD_DEVIATION}, {0.05, 3.289707253902945}, {0.01, 4.652695748081682}};

    /**
     * The scale of a target constant in the training rows: one unit in the last place of the constant
     * (2^-100 for 0). The network learns the standardized value 0 and stops near it, not at it (its
     * output is of the order of 1e-3 to 1e-1 in these units); scaled so, that residue is below half a
     * unit in the last place of the mean it is added to, and the prediction is the constant exactly
     * (0: within 2^-100 of it).
     * Scaled by 1, as until 2026-12-06, the residue was the error in target units whatever the
     * constant (1e-6 came out about 1e-3 away). A held-out row whose target differs is measured in
     * these units: finite unless it is over about 1e22 times the constant (3e8 for 0).
     */
    static double constantScale(double mean) {
        return mean == 0 ? 0x1p-100 : Math.max(Math.ulp(mean), Math.abs(mean) * 0x1p-100);
    }

    public static Task classification(String targetName, List<String> classes) {
        return new Task(targetName, classes, 0, 1);
    }

    /**
     * A target value as the network learns it (row {@code row} names it in errors, none when negative): a class index as
     * it is, a number standardized with this task's mean and scale.
     */
    public float scaledTarget(double value, long row) {
        double z = Preprocessor.standardized(value, targetMean, targetScale);
        if (!(Math.abs(z) <= Float.MAX_VALUE)) {
            throw new IllegalArgumentException("Target '" + targetName + "'" + (row >= 0 ? " of row " + row : "") + " is " + value + ", too large for float32 "
                    + "training; " + (targetScale == constantScale(targetMean) ? "the training rows hold the single value " + targetMean
                    + ", so a row held out from them is measured in units of its last place: hold out no rows (validation fraction 0), "
                    + "or train on rows whose target varies"
                    : targetMean == 0 && targetScale == 1 ? "turn on target "
                    + "standardization or rescale it" : "rescale it (standardized, it is " + z + ")"));
        }
        return (float) z;
    }

    /** Whether the network learns a numeric target scaled (minus its mean, divided by its scale): its losses are in those units. */
    public boolean scalesTarget() {
        return !isClassification() && (targetScale != 1 || targetMean != 0);
    }

    public boolean isClassification() {
        return !classes.isEmpty();
    }

    public int classCount() {
        return classes.size();
    }
}
