package org.dendrite.core.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What a distributed trainer computes over each shard's checked rows ({@link RowCheck}) in its
 * passes, and how the driver joins the results; the trainer only runs them where the rows are
 * (Spark: one function per partition) and ships the results:
 *
 * <ol>
 *   <li>{@link #summarize}: each shard's row count, width, largest label and (to stratify a
 *       validation split) its labels; {@link #layout} joins them into the {@link ShardedRows};</li>
 *   <li>{@link #statistics}: the training rows' {@link ColumnStatistics} and target {@link Moments},
 *       merged across shards, from which the core fits the preprocessing and the task exactly as
 *       from rows on one machine; with whitening, {@link #coMoments} of the transformed rows;</li>
 *   <li>{@link #blocks}: the shard's preprocessed training and held-out rows as {@link ShardBlock}s.</li>
 * </ol>
 */
public final class ShardPass {
    private ShardPass() {}

    /** One shard's rows: count, feature width (-1 when empty), largest label, and its labels in row order when asked for. */
    public record Summary(long rows, int width, double maxLabel, int[] labels) implements Serializable {}

    /** {@code rows} summarized; {@code keepLabels}: with each row's class index (to stratify the validation split). */
    public static Summary summarize(Iterator<LabeledRow> rows, boolean keepLabels) {
        long n = 0;
        int width = -1;
        double max = Double.NEGATIVE_INFINITY;
        IntList labels = keepLabels ? new IntList() : null;
        while (rows.hasNext()) {
            LabeledRow r = rows.next();
            width = r.features().length;
            max = Math.max(max, r.label());
            if (labels != null) labels.add((int) r.label());
            n++;
        }
        return new Summary(n, width, max, labels == null ? null : labels.toArray());
    }

    /** The shards' summaries joined: where every row is, the feature width and the largest label. */
    public record Layout(ShardedRows rows, int width, double maxLabel) {}

    /**
     * Joins the shards' summaries (in shard order): their widths must agree, and some shard must have
     * rows; a validation split of {@code validationFraction} holds rows out, stratified when the
     * summaries kept labels.
     */
    public static Layout layout(List<Summary> shards, double validationFraction, long seed, RowCheck check) {
        int n = shards.size(), width = -1;
        double maxLabel = Double.NEGATIVE_INFINITY;
        long[] counts = new long[n];
        int[][] labels = n > 0 && shards.get(0).labels() != null ? new int[n][] : null;
        for (int p = 0; p < n; p++) {
            Summary s = shards.get(p);
            counts[p] = s.rows();
            if (labels != null) labels[p] = s.labels();
            maxLabel = Math.max(maxLabel, s.maxLabel());
            if (s.width() < 0) continue;
            if (width >= 0 && s.width() != width) {
                throw new IllegalArgumentException("Column '" + check.features() + "' holds vectors of size " + s.width() + " in partition " + p
                        + "; " + String.format(java.util.Locale.ROOT, RowCheck.FIRST_ROWS, width));
            }
            width = s.width();
        }
        if (width < 0) throw new IllegalArgumentException("The training data is empty: training needs at least one row");
        return new Layout(new ShardedRows(counts, labels, validationFraction, seed, check.label()), width, maxLabel);
    }

    /** A shard's training rows' statistics: its raw columns' and (for a numeric target) its target's. */
    public record Statistics(ColumnStatistics columns, Moments target) implements Serializable {
        public Statistics merge(Statistics o) {
            return new Statistics(columns.merge(o.columns), target.merge(o.target));
        }
    }

    /** The statistics of shard {@code shard}'s training rows (its held-out rows skipped). */
    public static Statistics statistics(ShardedRows layout, int shard, Iterator<LabeledRow> rows, List<Column> columns, PreprocessingConfig config,
                                        boolean numericTarget) {
        Statistics s = new Statistics(new ColumnStatistics(columns, config), new Moments());
        for (long g = layout.offset(shard); rows.hasNext(); g++) {
            LabeledRow r = rows.next();
            if (layout.isHeld(g)) continue;
            s.columns().add(r.features(), g);
            if (numericTarget) s.target().add(r.label());
        }
        return s;
    }

    /** The co-moments of shard {@code shard}'s training rows transformed by {@code columnsOnly} (what whitening is fitted from). */
    public static CoMoments coMoments(ShardedRows layout, int shard, Iterator<LabeledRow> rows, Preprocessor columnsOnly) {
        CoMoments s = new CoMoments(columnsOnly.outputWidth());
        float[] z = new float[columnsOnly.outputWidth()];
        for (long g = layout.offset(shard); rows.hasNext(); g++) {
            LabeledRow r = rows.next();
            if (layout.isHeld(g)) continue;
            columnsOnly.transformRow(r.features(), g, z, 0);
            s.add(z, 0);
        }
        return s;
    }

    /**
     * Shard {@code shard}'s rows preprocessed: its training block (rows indexed from the shard's first
     * index among the training rows), then its held-out block; {@code weighted}: with their weights.
     */
    public static List<ShardBlock> blocks(ShardedRows layout, int shard, Iterator<LabeledRow> rows, Preprocessor pre, Task task, boolean weighted) {
        List<LabeledRow> train = new ArrayList<>(), held = new ArrayList<>();
        for (long g = layout.offset(shard); rows.hasNext(); g++) (layout.isHeld(g) ? held : train).add(rows.next());
        return List.of(block(shard, false, layout.trainOffset(shard), train, pre, task, weighted), block(shard, true, 0, held, pre, task, weighted));
    }

    private static ShardBlock block(int shard, boolean heldOut, long offset, List<LabeledRow> rows, Preprocessor pre, Task task, boolean weighted) {
        int n = rows.size(), width = pre.outputWidth();
        pre.checkFits(n);
        float[] f = new float[n * width], y = new float[n], w = weighted ? new float[n] : null;
        for (int i = 0; i < n; i++) {
            LabeledRow r = rows.get(i);
            pre.transformRow(r.features(), offset + i, f, i * width);
            y[i] = task.scaledTarget(r.label(), offset + i);
            if (w != null) w[i] = (float) r.weight();
        }
        return new ShardBlock(shard, heldOut, offset, n, width, f, y, w);
    }

    /** A growable int array (a shard's labels without boxing each). */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
