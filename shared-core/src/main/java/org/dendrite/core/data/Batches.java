package org.dendrite.core.data;

import java.util.random.RandomGenerator;
import org.dendrite.core.tensor.Matrix;

/**
 * Minibatch iteration over a dataset in a seeded random order: batch size 1 is SGD, k a minibatch,
 * the dataset size full-batch gradient descent. The batch buffers are reused across batches.
 */
public final class Batches {
    private final Dataset data;
    private final int batchSize;
    private final int[] order;
    private final Matrix x;
    private final Matrix y;
    private final float[] w;
    /** The weights of batches shorter than the longest. */
    private float[] lastWeights;
    /** The current batch's weights: {@link #w}, or {@link #lastWeights} for a shorter one. */
    private float[] current;
    private int position;

    public Batches(Dataset data, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batch size must be >= 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.size());
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // the longest batch: a full one and a remainder of less than half a batch
        int longest = Math.max(this.batchSize, (int) (data.size() - (count(data.size(), this.batchSize) - 1) * this.batchSize));
        this.x = new Matrix(longest, data.featureCount());
        this.y = new Matrix(longest, data.targets().cols());
        this.w = data.weights() == null ? null : new float[longest];
    }

    /** Batches per epoch. */
    public int batchesPerEpoch() {
        return (int) count(order.length, batchSize);
    }

    /**
     * How many batches of (nominally) {@code batchSize} rows cover {@code rows} rows: a remainder of
     * at least half a batch is a batch of its own, a smaller one joins the last full batch (a step
     * on a handful of rows would be as large as the others with a much noisier gradient).
     */
    public static long count(long rows, long batchSize) {
        if (rows == 0) {
            return 0;
        }
        long full = rows / batchSize, rest = rows % batchSize;
        return full == 0 || 2 * rest >= batchSize ? full + (rest > 0 ? 1 : 0) : full;
    }

    /** The end (exclusive) of the batch that starts at row {@code from}, under the rule of {@link #count}. */
    public static long end(long from, long rows, long batchSize) {
        long end = Math.min(rows, from + batchSize);
        long rest = rows - end;
        return rest > 0 && 2 * rest < batchSize ? rows : end;
    }

    /**
     * Draws this epoch's row order: a Fisher-Yates shuffle of 0..n-1 with {@code rng}, so the order
     * depends only on the generator (not on earlier epochs) and a resumed run repeats it exactly.
     */
    public void shuffle(RandomGenerator rng) {
        Seeds.permutation(rng, order);
        position = 0;
    }

    /** Moves to the epoch's batch {@code index} (0-based; every batch before the last starts at a multiple of the batch size). */
    public void seek(long index) {
        position = (int) Math.min(index * batchSize, order.length);
    }

    public boolean hasNext() {
        return position < order.length;
    }

    /**
     * Fills the next batch into the buffers read by {@link #features()}, {@link #targets()} and
     * {@link #weights()} (reused by the next call: nothing is allocated per batch) and returns its row count.
     */
    public int next() {
        int end = (int) end(position, order.length, batchSize);
        int n = end - position;
        x.ensureRows(n);
        y.ensureRows(n);
        current = w;
        if (w != null && n != w.length) {
            if (lastWeights == null || lastWeights.length != n) lastWeights = new float[n];
            current = lastWeights;
        }
        gather(data, order, position, end, x, y, current);
        position = end;
        return n;
    }

    /** The current batch's feature rows. */
    public Matrix features() {
        return x;
    }

    /** The current batch's targets. */
    public Matrix targets() {
        return y;
    }

    /** The current batch's instance weights (exactly one per row), or null when the data has none. */
    public float[] weights() {
        return current;
    }

    /** Copies rows {@code idx[from..to)} of {@code data} into rows 0.. of {@code x}, {@code y} and {@code w} (null: no weights). */
    public static void gather(Dataset data, int[] idx, int from, int to, Matrix x, Matrix y, float[] w) {
        int d = data.featureCount(), t = data.targets().cols();
        float[] xs = data.features().data(), ys = data.targets().data();
        for (int i = from; i < to; i++) {
            int r = idx[i], o = i - from;
            System.arraycopy(xs, r * d, x.data(), o * d, d);
            System.arraycopy(ys, r * t, y.data(), o * t, t);
            if (w != null) {
                w[o] = data.weights()[r];
            }
        }
    }
}
