package org.dendrite.core.train;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dendrite.core.augment.Augmentation;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.data.Seeds;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.tensor.Matrix;

/**
 * A shard's part of a synchronous data-parallel step: the step's global minibatch is positions
 * {@code from..to} of the epoch's permutation of all training rows (the generator and shuffle of
 * one machine, {@link Seeds#epoch}); a shard holding the rows of global indices
 * {@code offset..offset+size} takes those of its rows that fall in the slice, in the slice's order,
 * augments them with its own generator for the step ({@link Seeds#augmentationShard}), and answers
 * the {@link ShardedBatch} pass with dropout drawn from {@link Seeds#stepShard}. Every pass of a
 * step draws the same, so the 2B + 1 passes of batch normalization see the same rows and masks.
 *
 * @param seed the training seed
 * @param epoch the epoch, whose permutation orders the rows
 * @param totalRows the training rows of all shards together
 * @param from the step's first position in the permutation
 * @param to the position after its last
 * @param step the step's index over the whole run (seeds the step's randomness)
 * @param augmentation the training's augmentation (may be off)
 * @param classes the number of classes (0 for regression)
 */
public record SyncShard(long seed, int epoch, long totalRows, long from, long to, long step, Augmentation augmentation, int classes)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public SyncShard {
        if (totalRows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Synchronous training permutes all " + totalRows + " training rows in one array: at most "
                    + Integer.MAX_VALUE + "; use rounds of local steps for more rows");
        }
    }

    /** One pass of {@code request} over the rows of {@code shard} (global indices from {@code offset}) that this step takes. */
    public ShardedBatch.Partial pass(ShardedBatch.Request request, Loss loss, Dataset shard, long offset, int partition) {
        int[] perm = permutation(seed, epoch, (int) totalRows);
        int[] mine = new int[(int) (to - from)];
        int m = 0;
        for (long i = from; i < to; i++) {
            long g = perm[(int) i];
            if (g >= offset && g < offset + shard.size()) mine[m++] = (int) (g - offset);
        }
        if (m == 0) return new ShardedBatch.Partial(request.kind());
        Matrix x = new Matrix(m, shard.featureCount()), y = new Matrix(m, shard.targets().cols());
        float[] w = shard.weights() == null ? null : new float[m];
        Batches.gather(shard, mine, 0, m, x, y, w);
        if (augmentation.enabled()) {
            Matrix ax = new Matrix(m, x.cols()), ay = new Matrix(m, augmentation.targetWidth(y.cols(), classes));
            w = augmentation.apply(x, y, w, classes, Seeds.augmentationShard(seed, step, partition), ax, ay, w == null ? null : new float[m]);
            x = ax;
            y = ay;
        }
        return ShardedBatch.pass(request, loss, x, y, w, Seeds.stepShard(seed, step, partition));
    }

    /** The last permutations this JVM drew, by seed, epoch and size (a step's passes and an epoch's steps share one). */
    private static final Map<String, int[]> PERMUTATIONS = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> e) {
            return size() > 2;
        }
    };

    /** The epoch's permutation of row indices 0..total-1, the one a single machine draws. */
    static int[] permutation(long seed, int epoch, int total) {
        String key = seed + "/" + epoch + "/" + total;
        synchronized (PERMUTATIONS) {
            return PERMUTATIONS.computeIfAbsent(key, k -> {
                int[] p = new int[total];
                Seeds.permutation(Seeds.epoch(seed, epoch), p);
                return p;
            });
        }
    }
}
