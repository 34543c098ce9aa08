package org.dendrite.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledRow;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.RowCheck;
import org.dendrite.core.data.ShardBlock;
import org.dendrite.core.data.ShardPass;
import org.dendrite.core.data.ShardedRows;
import org.dendrite.core.data.Task;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.OuterOptimizer;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.RoundLength;
import org.dendrite.core.train.TrainingRun;
import org.dendrite.core.train.WarmStart;

/**
 * Training on a Spark DataFrame through the core's one loop ({@link TrainingRun}). The passes over
 * the rows are the core's ({@link ShardPass}), run once per partition, their results joined on the
 * driver; this class only orders them, caches the blocks and chooses the gradient source:
 *
 * <ol>
 *   <li>one pass checks every row ({@link RowCheck}: messages name the column and the row) and
 *       summarizes each partition; the core's {@link ShardedRows} lays them out and, with a validation
 *       fraction, holds rows out (stratified, seeded) exactly as on one machine;</li>
 *   <li>one pass collects the training rows' column statistics (and the target's moments), merged
 *       across partitions, from which the core fits the preprocessing and the task; with whitening,
 *       one more pass collects the transformed rows' co-moments;</li>
 *   <li>the rows are turned once into cached float32 {@link ShardBlock}s per partition, and the job
 *       that fills the cache checks that the training and held-out rows weigh something;</li>
 *   <li>the loop trains with {@link SyncSource} ({@code localSteps} = 1) or {@link RoundSource}.</li>
 * </ol>
 */
final class SparkTraining {
    private SparkTraining() {}

    /** The description of the job that fills the cached blocks (the Spark UI's name for it). */
    static final String BLOCKS_JOB = "Dendrite: preprocessing the rows into cached float32 blocks";

    /** A fit's result: the core model and how it was trained on the cluster (for the model's summary). */
    record Fitted(Model model, String plan) {}

    /** The description (Spark UI) of the job Spark may run to learn the input's partitions. */
    static final String INPUT_JOB = "Dendrite: reading the input's partitions";

    /**
     * {@code rows} as an RDD: an input after a shuffle (repartition) runs that shuffle when the RDD is
     * taken, under adaptive query execution, in a job named as the fit's others ({@link #INPUT_JOB}).
     */
    static JavaRDD<Row> input(Dataset<Row> rows) {
        SparkJobs.describe(rows.sparkSession().sparkContext(), INPUT_JOB);
        return rows.javaRDD();
    }

    /**
     * Trains on {@code rows} (features, label, weight, checked by {@code check}): {@code localSteps} 1
     * is synchronous, k > 1 rounds of k local steps, 0 rounds of adaptive length; {@code outer}
     * applies a round's weight change; an input of more than {@code maxPartitions} partitions (0: the
     * cluster's default parallelism) is coalesced to that many; {@code checkClasses} checks the settings
     * that depend on the number of classes as soon as the first pass has found them.
     */
    static Fitted fit(Dataset<Row> rows, RowCheck check, TrainingConfig config, int localSteps, OuterOptimizer outer, WarmStart warm,
                      int maxPartitions, java.util.function.IntConsumer checkClasses) {
        TrainingConfig c = warm.apply(config);
        JavaRDD<Row> input = input(rows);
        int limit = partitionLimit(maxPartitions, input.context().defaultParallelism(),
                input.context().getConf().getBoolean("spark.dynamicAllocation.enabled", false));
        JavaRDD<Row> partitioned = input.getNumPartitions() > limit ? input.coalesce(limit) : input;
        String plan = partitioned == input ? "" : "; the input's " + input.getNumPartitions() + " partitions coalesced to " + limit
                + (maxPartitions > 0 ? " (trainingPartitions)" : " (the cluster's default parallelism)");
        boolean classification = check.classification();
        double fraction = c.effectiveValidationFraction();
        List<ShardPass.Summary> summaries = summarize(partitioned, check, fraction);
        long trainRows = Math.round(summaries.stream().mapToLong(ShardPass.Summary::rows).sum() * (1 - fraction));
        int batch = c.resolve(Math.max(trainRows, 1)).batchSize();
        // advice to repartition only where more partitions would train: adaptive rounds coalesce rows too few for a few
        // local steps per partition (below), so 3 rows were told to repartition and, in the same summary, coalesced to 1
        if (maxPartitions == 0 && limit < Integer.MAX_VALUE && input.getNumPartitions() < limit
                && (localSteps != 0 || RoundLength.partitions(trainRows, batch, limit) > input.getNumPartitions())) {
            // a spark.default.parallelism the user set is not the tasks the cluster runs at once (500 on local[2] read "where the cluster
            // runs 500 tasks at once: repartition it", and 500 partitions made every synchronous step a job of 500 tasks on 2 cores)
            boolean set = input.context().getConf().contains("spark.default.parallelism");
            plan += "; the input has " + BlockSource.partitions(input.getNumPartitions()) + " where "
                    + (set ? "spark.default.parallelism is " + limit + " (the tasks the cluster runs at once, where it is set to the cores)"
                    : "the cluster runs " + limit + " tasks at once") + ": repartition it to train on more cores";
            SparkJobs.note("Dendrite: " + plan.substring(2));
        }
        if (localSteps == 0 && partitioned.getNumPartitions() > 1) {
            // rows too few for every partition to take a few local steps per epoch: fewer partitions (RoundLength.MIN_LOCAL_STEPS)
            int fewer = RoundLength.partitions(trainRows, batch, partitioned.getNumPartitions());
            if (fewer < partitioned.getNumPartitions()) {
                plan += "; the " + partitioned.getNumPartitions() + " partitions coalesced to " + fewer + " so that each takes at least "
                        + RoundLength.MIN_LOCAL_STEPS + " local steps per epoch (rounds of single steps undertrain)";
                partitioned = partitioned.coalesce(fewer);
                summaries = summarize(partitioned, check, fraction);
            }
        }
        // after the coalescing for rows too few: 3 rows were shuffled across 2 partitions (the summary: skew 0.78, skew after
        // 0.78), then coalesced to 1, where no skew is left to correct
        double skew = ShardPass.skew(summaries, classification);
        if (localSteps != 1 && partitioned.getNumPartitions() > 1 && skew > ShardPass.MAX_SKEW) {
            // rounds average what each partition learned from its own rows: partitions holding their own classes (or target
            // range) are shuffled first
            partitioned = shuffle(partitioned, c.seed());
            summaries = summarize(partitioned, check, fraction);
            plan += String.format(java.util.Locale.ROOT, "; the partitions held the labels unevenly (skew %.2f, above %.2f), so the rows "
                    + "were shuffled across them (skew after: %.2f)", skew, ShardPass.MAX_SKEW, ShardPass.skew(summaries, classification));
        }
        final JavaRDD<Row> rdd = partitioned;
        final String coalesced = plan;
        List<ShardPass.Summary> counted = summaries;
        ShardPass.Layout layout = c.holdingOut(() -> ShardPass.layout(counted, fraction, c.seed(), check));
        int width = layout.width();
        List<String> classNames = layout.classes();
        if (classification) checkClasses.accept(classNames.size());
        RowCheck later = check.afterFirstPass(classNames, layout.weightDivisor());
        ShardPass.requireHeldOutFits(layout.rows().total() - layout.rows().trainRows(), Math.max(classNames.size(), 1), fraction,
                rdd.context().getConf().getSizeAsBytes("spark.driver.maxResultSize", "1g"));
        warm.check(classNames, width);
        // each partition's part of the layout travels with it (zipped), not the layout of all rows to every executor
        JavaRDD<Boxed<ShardedRows.Slice>> slices = JavaSparkContext.fromSparkContext(rdd.context()).parallelize(layout.rows().slices().stream()
                .map(Boxed::of).toList(), rdd.getNumPartitions());
        JavaRDD<Boxed<ShardBlock>> persisted = null;
        try {
            // a warm start keeps the initial model's input scaling and target scaling (its weights expect them)
            List<Column> columns = ColumnMetadata.features(rows.schema().fields()[0], width).columns();
            long bytes = statisticsBytes(columns, c.preprocessing().robust(), !classification);
            // a numeric target's scaling is these rows' (the network predicts the standardized target): fitted as without one
            ShardPass.Fitted fit = warm.enabled() && classification ? new ShardPass.Fitted(warm.initial().preprocessor(), warm.task(check.label(), classNames))
                    : ShardPass.fit(new ShardPass.Shards() {
                        @Override
                        public <T extends java.io.Serializable> T reduce(ShardPass.Pass<T> pass, ShardPass.Merge<T> merge) {
                            SparkJobs.describe(rdd.context(), "Dendrite: column statistics for the preprocessing");
                            return run(() -> SparkJobs.mergeInOrder(perPartition(rdd, slices, later, width, (slice, r) -> List.of(pass.apply(slice, r))
                                    .iterator()), merge::apply, bytes));
                        }
                    }, layout, columns, c.preprocessing(), c.robustTarget(), check.label());
            if (warm.enabled()) fit = new ShardPass.Fitted(warm.initial().preprocessor(), fit.task());
            final Preprocessor pre = fit.preprocessor();
            final Task task = fit.task();
            // the values chosen from the data (units, epochs, batch size; a category embedding's blocks)
            final TrainingConfig rc = c.resolve(layout.rows().trainRows(), pre);
            // a network too large for the memory is refused now, not after the pass that fills the blocks
            TrainingRun.requireNetworkFits(rc, pre, task, rc.lossFor(task), layout.rows().trainRows());
            // and what each partition holds as it trains (L-BFGS: all its rows at each step)
            requirePartitionsFit(rc, pre, task, layout.rows(), rdd.getNumPartitions(), localSteps, rdd.context());
            // an executor fills its partitions' blocks side by side: each checked against its share of the memory budget
            // boxed: a block written to disk (memory short) goes through Spark's serializer, which may be Kryo (Boxed)
            persisted = perPartition(rdd, slices, later, width, (slice, r) -> SparkJobs.besideOtherTasks(() -> ShardPass.blocks(slice, r, pre,
                    task, check.weight() != null)).stream().map(Boxed::of).iterator()).persist(StorageLevel.MEMORY_AND_DISK());
            // the job that fills the cache
            final JavaRDD<Boxed<ShardBlock>> cached = persisted;
            SparkJobs.describe(rdd.context(), BLOCKS_JOB);
            run(cached::count);
            JavaRDD<ShardBlock> blocks = cached.map(Boxed::get);
            Loss loss = rc.lossFor(task);
            long n = layout.rows().trainRows();
            boolean hasValidation = layout.rows().hasValidation();
            BlockSource source = localSteps != 1 ? new RoundSource(blocks, n, hasValidation, rc, task, loss, localSteps, outer)
                    : new SyncSource(blocks, n, hasValidation, rc, task, loss);
            try {
                // the run is given the options' own network: it warns when the warm start's replaces another
                Model model = run(() -> new TrainingRun(config, pre, task, loss, source, new SparkJobs(task.scalesTarget()), warm).run());
                return new Fitted(model, source.plan() + coalesced);
            } finally {
                if (source instanceof RoundSource r) r.close();
            }
        } finally {
            if (persisted != null) persisted.unpersist(false);
        }
    }

    /**
     * Refuses, before the blocks are filled, a training whose partitions would not fit an executor's memory budget (the
     * core's check, {@link TrainingRun#requirePartitionsFit}): a synchronous step takes a partition's share of the global
     * batch (all its training rows for a full-batch optimizer, L-BFGS), as many partitions at once as an executor has
     * cores; in rounds each partition takes its own batch (all its rows for L-BFGS) through its own network and optimizer
     * (L-BFGS's history too), which it keeps between rounds on its executor: every partition in local mode. The check on
     * the driver counted one batch of at most 1,024 rows and one optimizer state, and such fits ran the JVM out of memory
     * in their first step (an executor's OutOfMemoryError, which in local mode ends the application).
     */
    static void requirePartitionsFit(TrainingConfig rc, Preprocessor pre, Task task, ShardedRows rows, int partitions, int localSteps,
                                     org.apache.spark.SparkContext sc) {
        long most = 0;
        for (int p = 0; p < partitions; p++) most = Math.max(most, rows.trainRows(p));
        boolean full = rc.optimizer().requiresFullBatch();
        int atOnce = Math.max(1, Math.min(partitions, SparkJobs.executorCores(sc.getConf())));
        String name = rc.optimizer().name();
        Loss loss = rc.lossFor(task);
        if (localSteps == 1) {
            // a minibatch's shares, as many at once, add up to at most the global batch, which the driver's check counted
            if (!full) return;
            TrainingRun.requirePartitionsFit(rc, pre, task, loss, most, false, atOnce, "partitions an executor trains at once (its cores)",
                    String.format(java.util.Locale.ROOT, ", more partitions (repartition the input and set trainingPartitions to as many: "
                            + "each step takes all of a partition's training rows, up to %,d here, through the network), fewer training rows or "
                            + "another optimizer than %s", most, name));
            return;
        }
        // an executor keeps the inner state of every partition it trains; with executors coming and going, those running at once
        int executors = sc.isLocal() ? 1 : sc.getConf().getBoolean("spark.dynamicAllocation.enabled", false) ? partitions
                : Math.max(1, sc.statusTracker().getExecutorInfos().length - 1);
        int held = Math.max(atOnce, (partitions + executors - 1) / executors);
        TrainingRun.requirePartitionsFit(rc, pre, task, loss, full ? most : Math.min(rc.batchSize(), most), true, held,
                "partitions whose inner state (network, optimizer and batch) " + (sc.isLocal() ? "this JVM keeps between rounds (every "
                        + "partition, in local mode)" : "an executor keeps between rounds"),
                full ? String.format(java.util.Locale.ROOT, ", localSteps 1 (in rounds each partition keeps its batch of all its training "
                        + "rows, up to %,d here, from round to round; a synchronous step holds only the partitions running at once), fewer "
                        + "training rows or another optimizer than %s", most, name) : ", a smaller batch");
    }

    /**
     * About the bytes of one partition's column statistics ({@link ShardPass}), as Java serializes them:
     * a nominal column's count and name per category, a numeric column's moments and with robust scaling its
     * quartile sample of up to {@link org.dendrite.core.data.Sample#CAPACITY} values, a numeric
     * target's sample; the driver merges them itself only while all partitions' fit in
     * {@link SparkJobs#ORDERED_MERGE_BYTES}.
     */
    static long statisticsBytes(List<Column> columns, boolean robust, boolean numericTarget) {
        long sample = 16L * org.dendrite.core.data.Sample.CAPACITY, bytes = 4096 + (numericTarget ? sample : 0);
        for (Column col : columns) {
            // a nominal column's count per category, and the column itself with its category names, which travel with the statistics
            if (col.isNominal()) for (String c : col.categories()) bytes += 16 + 2L * c.length();
            bytes += col.isNominal() ? 64 : 256 + (robust ? sample : 0);
        }
        return bytes;
    }

    /**
     * The rows dealt to as many partitions by a seeded random key each, and ordered by it within
     * each partition: the same rows in the same order on every pass over them and after a lost
     * partition is recomputed (Spark's own repartition leaves the order to the shuffle's fetches,
     * which the validation split, laid out by position, cannot take).
     */
    private static JavaRDD<Row> shuffle(JavaRDD<Row> rdd, long seed) {
        return rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
            java.util.SplittableRandom keys = new java.util.SplittableRandom(org.dendrite.core.data.Seeds.shard(seed, p));
            return new Iterator<scala.Tuple2<Long, Row>>() {
                @Override public boolean hasNext() { return it.hasNext(); }

                @Override public scala.Tuple2<Long, Row> next() { return new scala.Tuple2<>(keys.nextLong(), it.next()); }
            };
        }, false).mapToPair(t -> t).repartitionAndSortWithinPartitions(new org.apache.spark.HashPartitioner(rdd.getNumPartitions())).values();
    }

    /**
     * The most partitions training runs on: {@code trainingPartitions} when set (> 0); else the
     * cluster's default parallelism (its cores, or {@code spark.default.parallelism}), unless executors
     * come and go with the load (dynamic allocation: the cores at the fit's start say nothing of the
     * cores to come), when the input's partitions are kept.
     */
    static int partitionLimit(int trainingPartitions, int defaultParallelism, boolean dynamicAllocation) {
        if (trainingPartitions > 0) return trainingPartitions;
        return dynamicAllocation ? Integer.MAX_VALUE : Math.max(1, defaultParallelism);
    }

    /** The first pass: each partition's rows checked and summarized (with their labels to stratify a validation split). */
    static List<ShardPass.Summary> summarize(JavaRDD<Row> rdd, RowCheck check, double fraction) {
        boolean classification = check.classification();
        SparkJobs.describe(rdd.context(), "Dendrite: checking and counting the rows");
        return run(() -> Boxed.collect(rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) ->
                List.of(ShardPass.summarize(rows(it, check, p, -1, false), classification && fraction > 0, classification)).iterator(), true)));
    }

    /** A pass over one partition: its slice of the layout and its checked rows in, its results out. */
    interface Pass<T> extends java.io.Serializable {
        Iterator<T> apply(ShardedRows.Slice slice, Iterator<LabeledRow> rows);
    }

    /** {@code pass} over every partition of {@code rdd}, each with its slice of the layout (zipped) and its rows read by {@code check}. */
    private static <T> JavaRDD<T> perPartition(JavaRDD<Row> rdd, JavaRDD<Boxed<ShardedRows.Slice>> slices, RowCheck check, int width, Pass<T> pass) {
        return rdd.zipPartitions(slices, (Iterator<Row> it, Iterator<Boxed<ShardedRows.Slice>> s) -> {
            ShardedRows.Slice slice = s.next().get();
            return pass.apply(slice, rows(it, check, slice.shard(), width));
        });
    }

    /**
     * Partition {@code p}'s rows (features, label, weight) as the core reads them, checked (a vector's
     * size before it is made dense; errors number the input's rows), those of weight 0 removed as on
     * one machine; {@code width} < 0: any, as the first row sets it.
     */
    static Iterator<LabeledRow> rows(Iterator<Row> it, RowCheck check, int p, int width) {
        return rows(it, check, p, width, true);
    }

    /** {@link #rows(Iterator, RowCheck, int, int)}, with those of weight 0 when not {@code weighed} (the summaries count their labels). */
    static Iterator<LabeledRow> rows(Iterator<Row> it, RowCheck check, int p, int width, boolean weighed) {
        RowCheck.Reader reader = check.reader(p, width);
        Iterator<LabeledRow> all = new Iterator<>() {
            @Override public boolean hasNext() { return it.hasNext(); }

            @Override public LabeledRow next() {
                Row r = it.next();
                Vector v = r.isNullAt(0) ? null : (Vector) r.get(0);
                if (v != null) reader.size(v.size());
                return reader.read(v == null ? null : v.toArray(), r.isNullAt(1) ? null : ((Number) r.get(1)).doubleValue(),
                        r.isNullAt(2) ? null : ((Number) r.get(2)).doubleValue());
            }
        };
        return weighed ? LabeledRow.weighing(all) : all;
    }

    /** Runs Spark work, unwrapping a failed job to the error a task threw. */
    private static <T> T run(java.util.concurrent.Callable<T> work) {
        try {
            return work.call();
        } catch (Exception e) {
            throw SparkJobs.unwrap(e);
        }
    }
}
