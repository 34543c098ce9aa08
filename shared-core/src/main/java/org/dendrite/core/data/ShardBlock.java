package org.dendrite.core.data;

import java.io.Serializable;
import java.util.Map;
import java.util.WeakHashMap;
import org.dendrite.core.tensor.Matrix;

/**
 * One shard's training rows, or its held-out validation rows ({@code heldOut}), as dense float32
 * arrays (already preprocessed), made once by {@link ShardPass#blocks} and cached by the
 * distributed trainer: features row-major, targets (class index or standardized value), weights
 * (null when every row weighs 1), and the global index of the first row among the training rows.
 */
public record ShardBlock(int shard, boolean heldOut, long offset, int rows, int width, float[] features, float[] targets, float[] weights)
        implements Serializable {
    /** The core datasets of the blocks this JVM holds (made once: a dataset checks every value when made). */
    private static final Map<ShardBlock, Dataset> DATASETS = new WeakHashMap<>();

    /** The rows as a core dataset (shared, not copied). */
    public Dataset dataset() {
        synchronized (DATASETS) {
            return DATASETS.computeIfAbsent(this, b -> new Dataset(new Matrix(b.rows, b.width, b.features), new Matrix(b.rows, 1, b.targets),
                    b.weights));
        }
    }

    /**
     * This block's share of a sample of {@code n} of the {@code totalRows} training rows (its rows' share
     * of {@code n}, rounded up), drawn without repeats with the shard's own generator from {@code seed}.
     */
    public Matrix sample(int n, long totalRows, long seed) {
        int share = (int) Math.min(rows, (n * (long) rows + totalRows - 1) / totalRows);
        return dataset().sample(share, new java.util.SplittableRandom(Seeds.shard(seed, shard)));
    }
}
