package org.dendrite.core.data;

import java.io.Serializable;
import java.util.BitSet;

/**
 * Where the rows of a table split into shards (Spark partitions, in order) are: every row's global
 * index, the rows a validation split holds out (the core's {@link ValidationSplit} over the global
 * order, so the same rows in the same order hold out exactly the rows one machine would), and each
 * shard's first index among the training rows. Made on the driver from the shards' row counts (and,
 * for a stratified split, their class labels); shipped to the shards, which ask {@link #isHeld}.
 */
public final class ShardedRows implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] offsets;
    private final long[] trainOffsets;
    private final long total;
    private final long trainRows;
    private final BitSet held;

    /**
     * Lays out shards of {@code rows[p]} rows. With {@code validationFraction} > 0 holds rows out,
     * stratified by {@code labels[p]} (each shard's class indices in row order) when those are given;
     * {@code labelName} names the label in errors.
     */
    public ShardedRows(long[] rows, int[][] labels, double validationFraction, long seed, String labelName) {
        this(rows, labels, null, validationFraction, seed, labelName);
    }

    /** {@link #ShardedRows(long[], int[][], double, long, String)} with the labels' {@code classNames} (null: unknown), which errors name. */
    public ShardedRows(long[] rows, int[][] labels, java.util.List<String> classNames, double validationFraction, long seed, String labelName) {
        int shards = rows.length;
        offsets = new long[shards];
        long t = 0;
        for (int p = 0; p < shards; p++) {
            offsets[p] = t;
            t = Math.addExact(t, rows[p]);
        }
        total = t;
        held = new BitSet();
        if (validationFraction > 0) {
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("A validation split holds the row indices on the driver: at most " + Integer.MAX_VALUE
                        + " rows, got " + total + "; use a validation fraction of 0 and a held-out DataFrame");
            }
            int[] strata = null;
            if (labels != null) {
                strata = new int[(int) total];
                for (int p = 0; p < shards; p++) System.arraycopy(labels[p], 0, strata, (int) offsets[p], (int) rows[p]);
            }
            for (int v : ValidationSplit.of((int) total, validationFraction, strata, classNames, seed).validation()) held.set(v);
            if (strata != null) {
                BitSet seen = new BitSet();
                for (int i = 0; i < strata.length; i++) if (!held.get(i)) seen.set(strata[i]);
                if (seen.cardinality() < 2) {
                    throw new IllegalArgumentException("Column '" + labelName + "' has only one class among the training rows left after the "
                            + "validation split; a classifier needs rows of at least two classes");
                }
            }
        }
        trainOffsets = new long[shards];
        long n = 0;
        for (int p = 0; p < shards; p++) {
            trainOffsets[p] = n;
            n += held.isEmpty() ? rows[p] : rows[p] - held.get((int) offsets[p], (int) (offsets[p] + rows[p])).cardinality();
        }
        trainRows = n;
    }

    /** All rows. */
    public long total() { return total; }

    /** The rows not held out. */
    public long trainRows() { return trainRows; }

    /** True when some rows are held out for validation. */
    public boolean hasValidation() { return !held.isEmpty(); }

    /** The global index of shard {@code p}'s first row. */
    public long offset(int p) { return offsets[p]; }

    /** Shard {@code p}'s first index among the training rows. */
    public long trainOffset(int p) { return trainOffsets[p]; }

    /** Shard {@code p}'s rows, held-out ones included. */
    public long rows(int p) { return (p + 1 < offsets.length ? offsets[p + 1] : total) - offsets[p]; }

    /** Shard {@code p}'s training rows (not held out). */
    public long trainRows(int p) { return (p + 1 < trainOffsets.length ? trainOffsets[p + 1] : trainRows) - trainOffsets[p]; }

    /**
     * Shard {@code p}'s part of the layout: what its own passes need (its place among all rows and
     * among the training rows, its counts, which of its rows are held out) without the other shards'
     * rows, so what reaches an executor grows with its partitions' rows, not with all rows.
     */
    public record Slice(int shard, long offset, long trainOffset, long rows, long trainRows, BitSet held) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** True when the shard's row of global index {@code g} is held out. */
        public boolean isHeld(long g) {
            return !held.isEmpty() && held.get((int) (g - offset));
        }
    }

    /** Shard {@code p}'s slice. */
    public Slice slice(int p) {
        BitSet mine = held.isEmpty() ? new BitSet() : held.get((int) offsets[p], (int) (offsets[p] + rows(p)));
        return new Slice(p, offsets[p], trainOffsets[p], rows(p), trainRows(p), mine);
    }

    /** Every shard's slice, in shard order. */
    public java.util.List<Slice> slices() {
        java.util.List<Slice> out = new java.util.ArrayList<>();
        for (int p = 0; p < offsets.length; p++) out.add(slice(p));
        return out;
    }

    /** True when the row of global index {@code row} is held out. */
    public boolean isHeld(long row) {
        return !held.isEmpty() && row <= Integer.MAX_VALUE && held.get((int) row);
    }
}
