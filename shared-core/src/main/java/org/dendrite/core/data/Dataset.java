package org.dendrite.core.data;

import org.dendrite.core.tensor.Matrix;

/**
 * Numeric training rows: features ({@code n x d}), targets ({@code n x t}: class indices, class
 * distributions or regression values) and optional instance weights. Validated on construction:
 * every feature finite, widths consistent, weights finite and non-negative (a shard of a larger
 * set may weigh 0 in all; {@link TrainingData} requires a positive sum of the training rows).
 */
public record Dataset(Matrix features, Matrix targets, float[] weights) {
    public Dataset {
        if (features == null || targets == null) {
            throw new IllegalArgumentException("A dataset needs features and targets");
        }
        int n = features.rows();
        if (n == 0) {
            throw new IllegalArgumentException("The dataset is empty: training needs at least one row");
        }
        if (targets.rows() != n) {
            throw new IllegalArgumentException("The dataset has " + n + " feature rows but " + targets.rows() + " target rows");
        }
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException("The dataset has " + n + " rows but " + weights.length + " instance weights");
        }
        float[] x = features.data();
        int d = features.cols();
        for (int i = 0; i < n * d; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("Feature " + i % d + " of row " + i / d + " is " + x[i] + "; features must be finite numbers");
            }
        }
        if (weights != null) {
            for (int i = 0; i < n; i++) {
                if (!(weights[i] >= 0f) || Float.isInfinite(weights[i])) {
                    throw new IllegalArgumentException("Instance weight of row " + i + " is " + weights[i] + "; weights must be finite and >= 0");
                }
            }
        }
    }

    public int size() { return features.rows(); }

    public int featureCount() { return features.cols(); }

    /** The weight of row {@code i} (1 without weights). */
    public float weight(int i) {
        return weights == null ? 1f : weights[i];
    }

    /** The rows at {@code indices}, copied, in that order. */
    public Dataset subset(int[] indices) {
        Matrix x = new Matrix(indices.length, featureCount());
        Matrix y = new Matrix(indices.length, targets.cols());
        float[] w = weights == null ? null : new float[indices.length];
        Batches.gather(this, indices, 0, indices.length, x, y, w);
        return new Dataset(x, y, w);
    }

    /**
     * The features of {@code n} distinct rows drawn uniformly with {@code rng} ({@link Seeds#shuffleFirst}),
     * or of every row, in order, when there are no more than {@code n}.
     */
    public Matrix sample(int n, java.util.random.RandomGenerator rng) {
        if (size() <= n) {
            return features;
        }
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Seeds.shuffleFirst(rng, order, n);
        return subset(java.util.Arrays.copyOf(order, n)).features();
    }
}
