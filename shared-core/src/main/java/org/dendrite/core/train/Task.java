package org.dendrite.core.train;

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
            throw new IllegalArgumentException("Target scale must be finite and > 0 and the mean finite, got mean=" + targetMean
                    + ", scale=" + targetScale);
        }
    }

    public static Task classification(String targetName, List<String> classes) {
        return new Task(targetName, classes, 0, 1);
    }

    public boolean isClassification() {
        return !classes.isEmpty();
    }

    public int classCount() {
        return classes.size();
    }
}
