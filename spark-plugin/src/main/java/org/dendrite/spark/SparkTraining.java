package org.dendrite.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.dendrite.core.data.CoMoments;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.ColumnStatistics;
import org.dendrite.core.data.Moments;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.ShardedRows;
import org.dendrite.core.data.Task;
import org.dendrite.core.data.Whitening;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.OuterOptimizer;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingRun;
import org.dendrite.core.train.WarmStart;

/**
 * Training on a Spark DataFrame through the core's one loop ({@link TrainingRun}). This class only
 * checks rows, fits the core's preprocessing from merged partition statistics, caches the rows and
 * chooses the gradient source:
 *
 * <ol>
 *   <li>one pass checks every row (messages name the column) and counts each partition's rows; the
 *       core's {@link ShardedRows} lays them out and, with a validation fraction, holds rows out
 *       (stratified, seeded) exactly as on one machine;</li>
 *   <li>one pass collects the training rows' {@link ColumnStatistics} (and the target's
 *       {@link Moments}), merged across partitions, from which the core fits the preprocessing and the
 *       task; with whitening, one more pass collects the transformed rows' {@link CoMoments};</li>
 *   <li>the rows are turned once into cached dense float32 blocks per partition (with a weight column,
 *       the job that fills the cache checks that the training and held-out rows weigh something);</li>
 *   <li>the loop trains with {@link SyncSource} ({@code localSteps} = 1) or {@link RoundSource}.</li>
 * </ol>
 */
final class SparkTraining {
    private SparkTraining() {}

    /** The columns a fit reads: features (a Vector), label, weight (null: none). */
    record Columns(String features, String label, String weight) implements Serializable {}

    /** Pass 1's result for one partition: its row count, feature width (-1 when empty), largest label, and class labels when stratifying. */
    private record PartitionInfo(long rows, int width, double maxLabel, int[] classes) implements Serializable {}

    /** Pass 2's result: the training rows' column statistics and target moments. */
    private record Statistics(ColumnStatistics columns, Moments target) implements Serializable {
        Statistics merge(Statistics o) {
            return new Statistics(columns.merge(o.columns), target.merge(o.target));
        }
    }

    /** A fit's result: the core model and how it was trained on the cluster (for the model's summary). */
    record Fitted(Model model, String plan) {}

    /**
     * Trains on {@code rows}: {@code localSteps} 1 is synchronous, k > 1 rounds of k local steps, 0
     * rounds of adaptive length; {@code outer} applies a round's weight change.
     */
    static Fitted fit(Dataset<Row> rows, Columns cols, boolean classification, int declaredClasses, TrainingConfig config, int localSteps,
                     OuterOptimizer outer, WarmStart warm) {
        TrainingConfig c = warm.apply(config);
        JavaRDD<Row> rdd = rows.javaRDD();
        double fraction = c.effectiveValidationFraction();
        boolean stratify = classification && fraction > 0;
        List<PartitionInfo> infos = run(() -> rdd.mapPartitions((Iterator<Row> it) -> {
            long n = 0;
            int width = -1;
            double max = Double.NEGATIVE_INFINITY;
            List<Integer> labels = new ArrayList<>();
            while (it.hasNext()) {
                Row r = it.next();
                width = features(r, cols.features(), width).length;
                double y = label(r, cols.label(), classification, declaredClasses);
                weight(r, cols.weight());
                max = Math.max(max, y);
                if (stratify) labels.add((int) y);
                n++;
            }
            int[] classes = stratify ? labels.stream().mapToInt(Integer::intValue).toArray() : null;
            return Collections.singletonList(new PartitionInfo(n, width, max, classes)).iterator();
        }).collect());
        int partitions = infos.size();
        int width = -1;
        double maxLabel = Double.NEGATIVE_INFINITY;
        long[] counts = new long[partitions];
        int[][] labels = stratify ? new int[partitions][] : null;
        for (int p = 0; p < partitions; p++) {
            PartitionInfo info = infos.get(p);
            counts[p] = info.rows();
            if (stratify) labels[p] = info.classes();
            maxLabel = Math.max(maxLabel, info.maxLabel());
            if (info.width() >= 0 && width >= 0 && info.width() != width) throw sizeError(cols.features(), info.width(), FIRST_ROWS, width);
            if (info.width() >= 0 && width < 0) width = info.width();
        }
        if (width < 0) {
            throw new IllegalArgumentException("The training DataFrame is empty: training needs at least one row");
        }
        int classes = classification ? classCount(declaredClasses, maxLabel, cols.label()) : 0;
        if (classification && classes < 2) {
            throw new IllegalArgumentException("Column '" + cols.label() + "' has only one class (label 0); a classifier needs at least two");
        }
        List<String> classNames = new ArrayList<>();
        for (int k = 0; k < classes; k++) classNames.add(Integer.toString(k));
        warm.check(classNames, width);
        ShardedRows layout = new ShardedRows(counts, labels, fraction, c.seed(), cols.label());
        Broadcast<ShardedRows> shards = JavaSparkContext.fromSparkContext(rdd.context()).broadcast(layout);
        JavaRDD<Block> blocks = null;
        try {
            Preprocessor pre;
            Task task;
            if (warm.enabled()) {
                // a warm start keeps the initial model's input scaling and target scaling (its weights expect them)
                pre = warm.initial().preprocessor();
                Task t = warm.initial().task();
                task = classification ? Task.classification(cols.label(), classNames) : new Task(cols.label(), List.of(), t.targetMean(), t.targetScale());
            } else {
                List<Column> columns = featureColumns(rows.schema().fields()[0], width);
                PreprocessingConfig pc = c.preprocessing();
                final int d = width;
                Statistics stats = run(() -> rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
                    Statistics s = new Statistics(new ColumnStatistics(columns, pc), new Moments());
                    ShardedRows h = shards.value();
                    for (long g = h.offset(p); it.hasNext(); g++) {
                        Row r = it.next();
                        if (h.isHeld(g)) continue;
                        s.columns().add(features(r, cols.features(), d), g);
                        if (!classification) s.target().add(label(r, cols.label(), false, 0));
                    }
                    return Collections.singletonList(s).iterator();
                }, true).treeReduce(Statistics::merge));
                pre = Preprocessor.fit(stats.columns(), pc);
                task = Task.fit(cols.label(), classes == 0 ? List.of() : classNames, stats.target(), pc.standardizeTarget());
                if (pc.whitening() != Whitening.Kind.NONE) {
                    final Preprocessor columnsOnly = pre;
                    CoMoments m = run(() -> rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
                        CoMoments s = new CoMoments(columnsOnly.outputWidth());
                        ShardedRows h = shards.value();
                        float[] z = new float[columnsOnly.outputWidth()];
                        for (long g = h.offset(p); it.hasNext(); g++) {
                            Row r = it.next();
                            if (h.isHeld(g)) continue;
                            columnsOnly.transformRow(features(r, cols.features(), d), g, z, 0);
                            s.add(z, 0);
                        }
                        return Collections.singletonList(s).iterator();
                    }, true).treeReduce(CoMoments::merge));
                    pre = columnsOnly.withWhitening(Whitening.fit(pc.whitening(), m, Whitening.DEFAULT_EPSILON));
                }
            }
            final Preprocessor preprocessor = pre;
            // the values chosen from the data (units, epochs, batch size; a category embedding's blocks)
            final TrainingConfig rc = c.resolve(layout.trainRows(), preprocessor);
            final Task fitted = task;
            final int d = width;
            blocks = rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
                ShardedRows h = shards.value();
                List<Row> train = new ArrayList<>(), valid = new ArrayList<>();
                for (long g = h.offset(p); it.hasNext(); g++) (h.isHeld(g) ? valid : train).add(it.next());
                return List.of(block(p, false, h.trainOffset(p), train, preprocessor, cols, classification, d, fitted),
                        block(p, true, 0, valid, preprocessor, cols, classification, d, fitted)).iterator();
            }, true).persist(StorageLevel.MEMORY_AND_DISK());
            final JavaRDD<Block> cached = blocks;
            if (cols.weight() != null) requireWeights(cached, cols.weight(), layout.hasValidation());
            else run(cached::count);
            Loss loss = rc.lossFor(task);
            BlockSource source = localSteps != 1
                    ? new RoundSource(blocks, layout.trainRows(), layout.hasValidation(), rc, task, loss, localSteps, outer)
                    : new SyncSource(blocks, layout.trainRows(), layout.hasValidation(), rc, task, loss);
            try {
                Model model = run(() -> new TrainingRun(rc, preprocessor, task, loss, source, new SparkJobs(), warm).run());
                return new Fitted(model, source.plan());
            } finally {
                if (source instanceof RoundSource r) r.close();
            }
        } finally {
            if (blocks != null) blocks.unpersist(false);
            shards.destroy();
        }
    }

    /**
     * The training rows must weigh something, and the held-out rows too when there are any (as one
     * machine requires of its prepared rows); one small job over the cached blocks (which it fills).
     */
    private static void requireWeights(JavaRDD<Block> blocks, String col, boolean hasValidation) {
        double[] sums = run(() -> blocks.map(b -> {
            double s = Loss.weightSum(b.weights(), b.rows());
            return b.heldOut() ? new double[] {0, s} : new double[] {s, 0};
        }).reduce((a, b) -> new double[] {a[0] + b[0], a[1] + b[1]}));
        if (!(sums[0] > 0)) {
            throw new IllegalArgumentException("All weights in column '" + col + "' of the training rows are zero: nothing to learn");
        }
        if (hasValidation && !(sums[1] > 0)) {
            throw new IllegalArgumentException("All weights in column '" + col + "' of the validation rows (held out by validationFraction) "
                    + "are zero: nothing to measure on; use another validationFraction or seed");
        }
    }

    /** Spark's own classifiers infer at most this many classes from label values (its Classifier's maxNumClasses). */
    static final int MAX_INFERRED_CLASSES = 100;

    /**
     * The number of classes: as the label column's metadata declares it ({@code declared} > 0), else
     * the largest label + 1, refused beyond {@link #MAX_INFERRED_CLASSES} as Spark's classifiers refuse
     * it (an identifier column taken for the label would otherwise make an output layer of millions of units).
     */
    static int classCount(int declared, double maxLabel, String col) {
        if (declared > 0) return declared;
        if (maxLabel + 1 > MAX_INFERRED_CLASSES) {
            throw new IllegalArgumentException("Column '" + col + "' holds the label " + maxLabel + " and no metadata declaring its classes, "
                    + "so they would be inferred as 0.." + (long) maxLabel + ": more than the " + MAX_INFERRED_CLASSES + " classes Spark's "
                    + "classifiers infer from label values. Index the label with StringIndexer (its metadata declares the classes), or check "
                    + "that this is the label column");
        }
        return (int) maxLabel + 1;
    }

    /** Runs Spark work, unwrapping a failed job to the error a task threw. */
    private static <T> T run(java.util.concurrent.Callable<T> work) {
        try {
            return work.call();
        } catch (Exception e) {
            throw SparkJobs.unwrap(e);
        }
    }


    private static Block block(int partition, boolean heldOut, long offset, List<Row> rows, Preprocessor pre, Columns cols, boolean classification,
                               int d, Task task) {
        // the network's inputs: the features vector's numbers, with a warm start's one-hot blocks for category indices
        int n = rows.size(), width = pre.outputWidth();
        pre.checkFits(n);
        float[] f = new float[n * width], y = new float[n], w = cols.weight() == null ? null : new float[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            pre.transformRow(features(r, cols.features(), d), offset + i, f, i * width);
            y[i] = task.scaledTarget(label(r, cols.label(), classification, 0), offset + i);
            if (w != null) w[i] = (float) weight(r, cols.weight());
        }
        return new Block(partition, heldOut, offset, n, width, f, y, w);
    }

    /** A row's feature vector, checked (messages name the column). */
    static double[] features(Row r, String col, int expectedWidth) {
        return features((Vector) r.get(0), col, expectedWidth, FIRST_ROWS);
    }

    /**
     * The feature vector's {@code width} columns, named as its elements (features[0], features[1], ...,
     * so errors point at them): numeric, except where the
     * vector's ML attribute metadata declares a nominal attribute of at least 2 values (VectorAssembler
     * keeps StringIndexer's): the core then reads its value as a category index (checked, one-hot,
     * embeddable by a category embedding) instead of as a number. Metadata that does not describe
     * {@code width} attributes is ignored.
     */
    static List<Column> featureColumns(org.apache.spark.sql.types.StructField field, int width) {
        org.apache.spark.ml.attribute.Attribute[] attributes = null;
        try {
            org.apache.spark.ml.attribute.AttributeGroup g = org.apache.spark.ml.attribute.AttributeGroup.fromStructField(field);
            if (g.attributes().isDefined() && g.attributes().get().length == width) attributes = g.attributes().get();
        } catch (RuntimeException e) {
            // metadata that is not an attribute group: every feature is numeric
        }
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            List<String> values = attributes != null && attributes[j] instanceof org.apache.spark.ml.attribute.NominalAttribute n ? categories(n) : null;
            String name = field.name() + "[" + j + "]";
            columns.add(values != null && values.size() >= 2 ? Column.nominal(name, values) : Column.numeric(name));
        }
        return columns;
    }

    /** A nominal attribute's values, or "0".."k-1" when only their number is known; null when neither is. */
    private static List<String> categories(org.apache.spark.ml.attribute.NominalAttribute n) {
        if (n.values().isDefined()) return List.of(n.values().get());
        if (!n.getNumValues().isDefined()) return null;
        List<String> v = new ArrayList<>();
        for (int k = 0; k < (Integer) n.getNumValues().get(); k++) v.add(Integer.toString(k));
        return v;
    }

    /** A training row's width note: the first rows set the width. */
    private static final String FIRST_ROWS = "expected size %d (as in the first rows)";

    /**
     * A feature vector, checked for training and prediction alike: not null, of {@code expectedWidth}
     * elements (any when negative), all finite. {@code widthNote} is a format of the expected width
     * ({@code %d}) saying where it comes from; it is rendered only for an error.
     */
    static double[] features(Vector v, String col, int expectedWidth, String widthNote) {
        if (v == null) throw new IllegalArgumentException("Column '" + col + "' holds a null value; every row needs a feature vector");
        double[] x = v.toArray();
        if (expectedWidth >= 0 && x.length != expectedWidth) throw sizeError(col, x.length, widthNote, expectedWidth);
        for (double d : x) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("Column '" + col + "' holds " + d + "; feature values must be finite numbers");
            }
        }
        return x;
    }

    private static IllegalArgumentException sizeError(String col, int size, String widthNote, int expectedWidth) {
        return new IllegalArgumentException("Column '" + col + "' holds a vector of size " + size + "; "
                + String.format(java.util.Locale.ROOT, widthNote, expectedWidth));
    }

    /**
     * A row's label, checked: a whole number 0..k-1 for a classifier ({@code declared} > 0: k is the
     * number of classes the column's metadata declares, as StringIndexer writes it), finite for a regressor.
     */
    static double label(Row r, String col, boolean classification, int declared) {
        if (r.isNullAt(1)) throw new IllegalArgumentException("Column '" + col + "' holds a null label");
        double y = ((Number) r.get(1)).doubleValue();
        if (classification && !(y >= 0 && y == Math.rint(y))) {
            throw new IllegalArgumentException("Column '" + col + "' holds the label " + y + "; labels must be whole numbers 0..k-1 "
                    + "(as StringIndexer makes)");
        }
        if (classification && declared > 0 && y >= declared) {
            throw new IllegalArgumentException("Column '" + col + "' holds the label " + y + ", but its metadata declares " + declared
                    + " classes (labels 0.." + (declared - 1) + ")");
        }
        if (!Double.isFinite(y)) throw new IllegalArgumentException("Column '" + col + "' holds the label " + y + "; labels must be finite");
        return y;
    }

    static double weight(Row r, String col) {
        if (col == null) return 1;
        if (r.isNullAt(2)) throw new IllegalArgumentException("Column '" + col + "' holds a null weight");
        double w = ((Number) r.get(2)).doubleValue();
        if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("Column '" + col + "' holds the weight " + w + "; weights must be >= 0");
        return w;
    }
}
