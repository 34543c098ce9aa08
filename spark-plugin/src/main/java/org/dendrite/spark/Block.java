package org.dendrite.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.WeakHashMap;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.tensor.Matrix;

/**
 * One partition's training rows, or its held-out validation rows ({@code heldOut}), as dense
 * float32 arrays (already preprocessed), cached once: features row-major, targets (class index or
 * standardized value), weights (null when every row weighs 1), and the global index of the first
 * row among the training rows.
 */
record Block(int partition, boolean heldOut, long offset, int rows, int width, float[] features, float[] targets, float[] weights)
        implements Serializable {
    /** The core datasets of the cached blocks this executor holds (made once: a dataset checks every value when made). */
    private static final Map<Block, Dataset> DATASETS = new WeakHashMap<>();

    /** The rows as a core dataset (shared, not copied). */
    Dataset dataset() {
        synchronized (DATASETS) {
            return DATASETS.computeIfAbsent(this, b -> new Dataset(new Matrix(b.rows, b.width, b.features), new Matrix(b.rows, 1, b.targets),
                    b.weights));
        }
    }
}
