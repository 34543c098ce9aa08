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
    /** The weights of a last batch shorter than the others. */
    private float[] lastWeights;
    /** The current batch's weights: {@link #w}, or {@link #lastWeights} for a short last batch. */
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
        this.x = new Matrix(this.batchSize, data.featureCount());
        this.y = new Matrix(this.batchSize, data.targets().cols());
        this.w = data.weights() == null ? null : new float[this.batchSize];
    }

    /** Batches per epoch (the last one may be smaller). */
    public int batchesPerEpoch() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /**
     * Draws this epoch's row order: a Fisher-Yates shuffle of 0..n-1 with {@code rng}, so the order
     * depends only on the generator (not on earlier epochs) and a resumed run repeats it exactly.
     */
    public void shuffle(RandomGenerator rng) {
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        position = 0;
    }

    public boolean hasNext() {
        return position < order.length;
    }

    /**
     * Fills the next batch into the buffers read by {@link #features()}, {@link #targets()} and
     * {@link #weights()} (reused by the next call: nothing is allocated per batch) and returns its row count.
     */
    public int next() {
        int end = Math.min(position + batchSize, order.length);
        int n = end - position;
        x.ensureRows(n);
        y.ensureRows(n);
        current = w;
        if (w != null && n < w.length) {
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

    static void gather(Dataset data, int[] idx, int from, int to, Matrix x, Matrix y, float[] w) {
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
