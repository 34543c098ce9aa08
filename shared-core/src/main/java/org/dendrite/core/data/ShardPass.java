package org.dendrite.core.data;

import java.io.Serializable;
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

    /**
     * One shard's rows: count, feature width (-1 when empty), largest label, its labels in row order
     * when asked for, its labels' moments, and for a classifier its rows per class (null beyond
     * {@link #MAX_COUNTED_CLASSES} distinct labels, which no classifier takes).
     */
    public record Summary(long rows, int width, double maxLabel, int[] labels, Moments target, java.util.Map<Integer, Long> classes,
                          double minWeight, double maxWeight) implements Serializable {
        /** A summary without weights (every row weighs 1 as far as the weights' divisor is concerned). */
        public Summary(long rows, int width, double maxLabel, int[] labels, Moments target, java.util.Map<Integer, Long> classes) {
            this(rows, width, maxLabel, labels, target, classes, rows > 0 ? 1 : Double.POSITIVE_INFINITY, rows > 0 ? 1 : 0);
        }
    }

    /** The most distinct labels a shard's summary counts. */
    static final int MAX_COUNTED_CLASSES = 1 << 16;

    /**
     * {@code rows} summarized; {@code keepLabels}: with each row's class index (to stratify the
     * validation split); {@code classification}: with the rows per class.
     */
    public static Summary summarize(Iterator<LabeledRow> rows, boolean keepLabels, boolean classification) {
        long n = 0;
        int width = -1;
        double max = Double.NEGATIVE_INFINITY;
        IntList labels = keepLabels ? new IntList() : null;
        Moments target = new Moments();
        java.util.Map<Integer, Long> classes = classification ? new java.util.HashMap<>() : null;
        // the positive weights' extremes, for the divisor the later passes apply (LabeledTable.weightDivisor)
        double minWeight = Double.POSITIVE_INFINITY, maxWeight = 0;
        while (rows.hasNext()) {
            LabeledRow r = rows.next();
            width = r.features().length;
            max = Math.max(max, r.label());
            // a row of weight 0 is not there (LabeledRow.weighing; the later passes never see it), but its label counts towards
            // the classes, as Spark counts them from the largest label and Weka's header declares them
            if (r.weight() == 0) continue;
            minWeight = Math.min(minWeight, r.weight());
            maxWeight = Math.max(maxWeight, r.weight());
            if (labels != null) labels.add((int) r.label());
            target.add(r.label());
            if (classes != null) {
                classes.merge((int) r.label(), 1L, Long::sum);
                if (classes.size() > MAX_COUNTED_CLASSES) classes = null;
            }
            n++;
        }
        return new Summary(n, width, max, labels == null ? null : labels.toArray(), target, classes, minWeight, maxWeight);
    }

    /**
     * Shards whose labels are this uneven ({@link #skew}) train badly in rounds, each on its own share
     * of the classes or of the target's range, and are better shuffled. Shards of rows in random order
     * stay well below it: by chance a shard of n rows and k classes is about sqrt(k / n) / 2 from the
     * whole, 0.08 for 5 classes and 200 rows.
     */
    public static final double MAX_SKEW = 0.2;

    /**
     * How unevenly the shards hold the labels, the shards weighted by their rows: for a classifier
     * the total variation distance between a shard's class shares and all rows' (0: alike; 1: no
     * class shared); for a regressor the distance of a shard's target mean from all rows' mean, in
     * standard deviations of all rows. 0 without rows, or when a classifier's shard stopped counting.
     */
    public static double skew(List<Summary> shards, boolean classification) {
        long total = 0;
        Moments all = new Moments();
        for (Summary s : shards) {
            total += s.rows();
            all.merge(s.target());
        }
        java.util.Map<Integer, Long> counts = classification ? classCounts(shards) : java.util.Map.of();
        if (total == 0 || counts == null) return 0;
        double sd = all.standardDeviation(), skew = 0;
        for (Summary s : shards) {
            if (s.rows() == 0) continue;
            double d;
            if (classification) {
                d = 0;
                for (var e : counts.entrySet()) d += Math.abs(s.classes().getOrDefault(e.getKey(), 0L) / (double) s.rows() - e.getValue() / (double) total);
                d /= 2;
            } else {
                d = sd > 0 ? Math.abs(s.target().mean() - all.mean()) / sd : 0;
            }
            skew += d * s.rows() / total;
        }
        return skew;
    }

    /** A classifier's rows per class over all {@code shards}; null when a shard stopped counting (beyond {@link #MAX_COUNTED_CLASSES}). */
    public static java.util.Map<Integer, Long> classCounts(List<Summary> shards) {
        java.util.Map<Integer, Long> counts = new java.util.HashMap<>();
        for (Summary s : shards) {
            if (s.classes() == null) return null;
            s.classes().forEach((c, k) -> counts.merge(c, k, Long::sum));
        }
        return counts;
    }

    /** The shards' summaries joined: where every row is, the feature width and the class names (none for a regressor). */
    /** The rows' layout, their width and classes, and what their weights are divided by ({@link LabeledTable#weightDivisor}). */
    public record Layout(ShardedRows rows, int width, List<String> classes, double weightDivisor) {}

    /**
     * Joins the shards' summaries (in shard order): their widths must agree, some shard must have
     * rows, and a classifier's labels make at least two classes ({@link RowCheck#classes}) of which the
     * rows (of weight above 0) hold at least two; a
     * validation split of {@code validationFraction} holds rows out, stratified when the summaries
     * kept labels.
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
        if (java.util.Arrays.stream(counts).sum() == 0) throw TrainingData.allWeighZero(check.weight());
        List<String> classes = check.classes(maxLabel);
        java.util.Map<Integer, Long> perClass = classes.isEmpty() ? null : classCounts(shards);
        if (perClass != null && perClass.size() == 1) {
            // labels all 1 infer two classes (0 and 1), and metadata may declare more than the rows hold: as on one machine, one class is refused
            // with a weight column, the other classes may be in rows of weight 0, which are not there: said so (the column's
            // labels 0 and 1 were reported as "only one class ('1')", the weights unnamed)
            throw TrainingData.oneClass("Column '" + check.label() + "'", classes.get(perClass.keySet().iterator().next()), check.weight() == null ? ""
                    : TrainingData.weighedRows(check.weight()));
        }
        double minWeight = shards.stream().mapToDouble(Summary::minWeight).min().orElse(Double.POSITIVE_INFINITY);
        double maxWeight = shards.stream().mapToDouble(Summary::maxWeight).max().orElse(0);
        return new Layout(new ShardedRows(counts, labels, labels == null ? null : classes, validationFraction, seed, check.label()), width, classes,
                LabeledTable.weightDivisor(minWeight, maxWeight));
    }

    /** A pass over one shard: its slice of the layout and its checked rows in order, its result out. */
    public interface Pass<T> extends Serializable {
        T apply(ShardedRows.Slice slice, Iterator<LabeledRow> rows);
    }

    /** How a pass's results of two shards join (associative: the trainer merges them in any tree). */
    public interface Merge<T> extends Serializable {
        T apply(T a, T b);
    }

    /** Where the shards are: a pass runs over each of them, where its rows are (Spark: a task per partition), and the results join. */
    public interface Shards {
        <T extends Serializable> T reduce(Pass<T> pass, Merge<T> merge);
    }

    /** The input preprocessing and the task, fitted from the shards' training rows. */
    public record Fitted(Preprocessor preprocessor, Task task) {}

    /**
     * Fits the preprocessing {@code config} to the training rows' statistics, merged across the
     * {@code shards} of {@code layout}, and the task for the label column {@code label}; with
     * whitening, one more pass collects the transformed rows' co-moments. {@code columns} describe
     * the feature vector's elements; {@code robustTarget}: a numeric target scaled by its median and
     * interquartile range ({@link Task#fit}).
     */
    public static Fitted fit(Shards shards, Layout layout, List<Column> columns, PreprocessingConfig config, boolean robustTarget, String label) {
        boolean numericTarget = layout.classes().isEmpty();
        Statistics stats = shards.reduce((slice, r) -> statistics(slice, r, columns, config, numericTarget), Statistics::merge);
        Preprocessor pre = Preprocessor.fit(stats.columns(), config);
        if (config.whitening() != Whitening.Kind.NONE) {
            Preprocessor columnsOnly = pre;
            CoMoments m = shards.reduce((slice, r) -> coMoments(slice, r, columnsOnly), CoMoments::merge);
            pre = columnsOnly.withWhitening(Whitening.fit(config.whitening(), m, Whitening.DEFAULT_EPSILON));
        }
        // a numeric target's far values squeezing the others: said as on one machine (TrainingData)
        pre = pre.withFitWarning(numericTarget && config.standardizeTarget() && !robustTarget ? Task.squeezeWarning(label, stats.target()) : null);
        return new Fitted(pre, Task.fit(label, layout.classes(), stats.target(), robustTarget ? stats.sample() : null, config.standardizeTarget()));
    }

    /** A shard's training rows' statistics: its raw columns' and (for a numeric target) its target's moments and a sample of it. */
    public record Statistics(ColumnStatistics columns, Moments target, Sample sample) implements Serializable {
        public Statistics merge(Statistics o) {
            return new Statistics(columns.merge(o.columns), target.merge(o.target), sample.merge(o.sample));
        }
    }

    /**
     * The statistics of a shard's training rows, weighted (its held-out rows skipped; rows of weight 0
     * never reach a pass: {@link LabeledRow#weighing}); {@code slice} is its part of the layout.
     */
    public static Statistics statistics(ShardedRows.Slice slice, Iterator<LabeledRow> rows, List<Column> columns, PreprocessingConfig config,
                                        boolean numericTarget) {
        Statistics s = new Statistics(new ColumnStatistics(columns, config), new Moments(), new Sample());
        for (long g = slice.offset(); rows.hasNext(); g++) {
            LabeledRow r = rows.next();
            // held-out rows do not shape the scaling
            if (slice.isHeld(g)) continue;
            // each counted by its weight as training holds it (float32), as on one machine
            double w = (float) r.weight();
            try {
                s.columns().add(r.features(), -1, w);
            } catch (IllegalArgumentException e) {
                throw named(e, slice.shard(), r);
            }
            if (numericTarget) {
                s.target().add(r.label(), w);
                s.sample().add(r.label(), w);
            }
        }
        return s;
    }

    /** The co-moments of a shard's training rows transformed by {@code columnsOnly} (what whitening is fitted from). */
    public static CoMoments coMoments(ShardedRows.Slice slice, Iterator<LabeledRow> rows, Preprocessor columnsOnly) {
        CoMoments s = new CoMoments(columnsOnly.outputWidth());
        float[] z = new float[columnsOnly.outputWidth()];
        for (long g = slice.offset(); rows.hasNext(); g++) {
            LabeledRow r = rows.next();
            if (slice.isHeld(g)) continue;
            try {
                columnsOnly.transformRow(r.features(), -1, z, 0);
            } catch (IllegalArgumentException e) {
                throw named(e, slice.shard(), r);
            }
            s.add(z, 0, (float) r.weight());
        }
        return s;
    }

    /**
     * A shard's rows preprocessed ({@code slice}: its part of the layout): its training block (rows
     * indexed from the shard's first index among the training rows), then its held-out block;
     * {@code weighted}: with their weights. The rows go straight into the blocks' arrays, sized from
     * the layout; a shard that now gives another number of rows than when it was counted is refused
     * (a DataFrame must give the same rows on every pass, or the statistics and the split would
     * describe other rows).
     */
    public static List<ShardBlock> blocks(ShardedRows.Slice slice, Iterator<LabeledRow> rows, Preprocessor pre, Task task, boolean weighted) {
        int shard = slice.shard();
        long counted = slice.rows();
        Filler train = new Filler(shard, false, slice.trainOffset(), slice.trainRows(), pre, weighted);
        Filler held = new Filler(shard, true, 0, counted - slice.trainRows(), pre, weighted);
        long g = slice.offset();
        for (; rows.hasNext() && g < slice.offset() + counted; g++) (slice.isHeld(g) ? held : train).add(rows.next(), pre, task);
        long seen = g - slice.offset();
        while (rows.hasNext()) {
            rows.next();
            seen++;
        }
        if (seen != counted) {
            throw new IllegalArgumentException("Partition " + shard + " gave " + seen + " rows in this pass but " + counted + " when its rows were "
                    + "counted: the rows must be the same on every pass over them (persist or checkpoint a DataFrame whose rows are "
                    + "computed nondeterministically)");
        }
        return List.of(train.block(), held.block());
    }

    /**
     * {@code e}, thrown for row {@code r} of shard {@code shard}, naming the row as the row check names
     * it: its place in its shard counting every row (a global index among the rows of weight above 0,
     * which these passes see, pointed at another row).
     */
    private static IllegalArgumentException named(IllegalArgumentException e, int shard, LabeledRow r) {
        return new IllegalArgumentException(e.getMessage() + RowCheck.place(shard, r.row()), e);
    }

    /** A block's arrays, filled row by row. */
    private static final class Filler {
        private final int shard;
        private final boolean heldOut;
        private final long offset;
        private final int n;
        private final int width;
        private final float[] f;
        private final float[] y;
        private final float[] w;
        private int i;

        Filler(int shard, boolean heldOut, long offset, long rows, Preprocessor pre, boolean weighted) {
            pre.checkFits(rows);
            this.shard = shard;
            this.heldOut = heldOut;
            this.offset = offset;
            this.n = (int) rows;
            this.width = pre.outputWidth();
            this.f = new float[n * width];
            this.y = new float[n];
            this.w = weighted ? new float[n] : null;
        }

        /** Adds row {@code r}. */
        void add(LabeledRow r, Preprocessor pre, Task task) {
            try {
                pre.transformRow(r.features(), -1, f, i * width);
                y[i] = task.scaledTarget(r.label(), -1);
            } catch (IllegalArgumentException e) {
                throw named(e, shard, r);
            }
            if (w != null) w[i] = (float) r.weight();
            i++;
        }

        ShardBlock block() {
            return new ShardBlock(shard, heldOut, offset, n, width, f, y, w);
        }
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

    /**
     * The held-out rows' predictions reach the driver every epoch (AUC needs every score): {@code held}
     * rows of {@code width} predictions, a label and a weight, 4 bytes each, must take at most half of
     * Spark's {@code spark.driver.maxResultSize} ({@code limit}; 0 = none), or the fit would fail after
     * its first epoch's work; refused before training, with the largest validation fraction that fits.
     */
    public static void requireHeldOutFits(long held, int width, double fraction, long limit) {
        double bytes = held * (width + 2.0) * Float.BYTES;
        if (limit > 0 && bytes > limit / 2.0) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "validationFraction %s holds out %d rows, whose predictions "
                    + "the driver gathers every epoch to measure them (%.0f MB, more than half of spark.driver.maxResultSize, %.0f MB): use a "
                    + "validationFraction of at most %s, or raise spark.driver.maxResultSize", fraction, held, bytes / (1 << 20),
                    limit / (double) (1 << 20), Math.floor(fraction * limit / 2.0 / bytes * 1000) / 1000));
        }
    }
}
