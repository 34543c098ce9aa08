package org.dendrite.core.train;

import java.io.Serializable;

/**
 * Which items of a stream a bounded record keeps: every item while at most {@code max} are kept;
 * then every other kept item is dropped and only every second item is kept from there on, and so
 * again whenever the record is full, so that a stream of any length keeps between max / 2 and max
 * items, evenly spaced: kept item i is item i x {@link #stride()} of the stream. The record itself
 * (values, or groups of records per item) is its owner's; this is the schedule both
 * {@link StepSeries} (a value per step) and {@link History} (the layer statistics of a sampled step)
 * follow.
 */
final class Thinning implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int max;
    private long seen;
    private int kept;
    private int stride;

    /** {@code kept} of the first {@code seen} items kept, every {@code stride}-th (a record as written), at most {@code max}. */
    Thinning(int max, int stride, long seen) {
        if (max < 2 || max % 2 != 0 || stride < 1 || Integer.bitCount(stride) != 1 || seen < 0 || ceil(seen, stride) > max) {
            throw new IllegalArgumentException("every " + stride + "-th of " + seen + " items, at most " + max + ": allowed are an even "
                    + "most of at least 2, a power-of-two stride and at most that many items kept");
        }
        this.max = max;
        this.stride = stride;
        this.seen = seen;
        this.kept = (int) ceil(seen, stride);
    }

    /** The items kept of the first {@code seen} when every {@code stride}-th is (without overflow). */
    static long ceil(long seen, int stride) {
        return seen / stride + (seen % stride == 0 ? 0 : 1);
    }

    /**
     * Whether the next item is kept. When it would be and the record is full, {@code halve} is called
     * first: the owner drops its kept items 1, 3, 5, ... (the first stays), and the stride doubles.
     */
    boolean next(Runnable halve) {
        if (seen % stride == 0 && kept == max) {
            halve.run();
            kept /= 2;
            stride *= 2;
        }
        boolean keep = seen % stride == 0;
        if (keep) kept++;
        seen++;
        return keep;
    }

    /** Back to the first {@code items} of the stream (a rollback); the items kept among them stay kept. */
    void rewind(long items) {
        seen = Math.max(0, Math.min(items, seen));
        kept = (int) ceil(seen, stride);
    }

    /** A copy in the same state. */
    Thinning copy() {
        return new Thinning(max, stride, seen);
    }

    /** The items kept. */
    int kept() {
        return kept;
    }

    /** The items seen. */
    long seen() {
        return seen;
    }

    /** The stream's items between two kept ones (1: all are kept). */
    int stride() {
        return stride;
    }

    /** Whether item {@code i} of the stream is one the record keeps. */
    boolean keeps(long i) {
        return i % stride == 0;
    }
}
