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
     * constant target: its own size, at most 1, or 1 at 0) when {@code standardize}, else left as it is.
     */
    public static Task fit(String targetName, List<String> classes, Moments target, boolean standardize) {
        if (classes != null && !classes.isEmpty()) {
            return classification(targetName, classes);
        }
        if (!standardize) {
            return new Task(targetName, List.of(), 0, 1);
        }
        double std = target.standardDeviation(), mean = target.mean();
        // a target without spread is scaled by its own size, at most 1: the network's output stays near 0 but not at it, and
        // in units of 1 that residue (about 1e-3) swamped a small constant such as 1e-6
        return new Task(targetName, List.of(), mean, std > 0 ? std : mean != 0 ? Math.min(1, Math.abs(mean)) : 1);
    }

    public static Task classification(String targetName, List<String> classes) {
        return new Task(targetName, classes, 0, 1);
    }

    /**
     * A target value as the network learns it (row {@code row} names it in errors): a class index as
     * it is, a number standardized with this task's mean and scale.
     */
    public float scaledTarget(double value, long row) {
        double z = (value - targetMean) / targetScale;
        if (Math.abs(z) > Float.MAX_VALUE) {
            throw new IllegalArgumentException("Target '" + targetName + "' of row " + row + " is " + value
                    + ", too large for float32 training; turn on target standardization or rescale it");
        }
        return (float) z;
    }

    public boolean isClassification() {
        return !classes.isEmpty();
    }

    public int classCount() {
        return classes.size();
    }
}
