package org.dendrite.spark;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dendrite.core.data.LabeledRow;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.RowCheck;
import org.dendrite.core.data.Seeds;
import org.dendrite.core.data.ShardPass;
import org.dendrite.core.data.StratifiedSample;
import org.dendrite.core.data.Table;
import org.dendrite.core.search.Search;
import org.dendrite.core.search.SearchConfig;
import org.dendrite.core.search.SearchResult;
import org.dendrite.core.search.TrialData;
import org.dendrite.core.search.TrialJob;
import org.dendrite.core.search.TrialOutcome;
import org.dendrite.core.search.TrialRunner;
import org.dendrite.core.search.TrialTask;
import org.dendrite.core.search.Validation;
import org.dendrite.core.train.TrainingConfig;

/**
 * The core's hyperparameter search ({@link Search}) on Spark: a stratified sample of the training
 * rows ({@code sampleRows} of them; all rows when there are fewer) is collected once and
 * broadcast, and every training job of the search runs as a one-task Spark job on an executor,
 * against that task's own copy of the sample split as the search splits it ({@link TrialData}, the
 * same seed). The driver's scheduler submits as many jobs at once as the search has threads (the
 * cluster's default parallelism unless the search names a number), so trials run concurrently on
 * the executors. Only the rows' transport is Spark's: sampling, splitting, training, scoring and the
 * scheduler's decisions are the core's, so the trials are the same as a local search on the same
 * sample (on the same GEMM backend).
 */
final class SparkSearch {
    private SparkSearch() {}

    /** The search's trials on a sample of {@code rows}; the caller trains the best configuration on all rows. */
    static SearchResult run(Dataset<Row> rows, RowCheck check, TrainingConfig base, SearchConfig search, long sampleRows) {
        Sample drawn = sample(rows, check, base.seed(), sampleRows);
        LabeledTable sample = drawn.table();
        // the values chosen from the data (units, epochs, batch size) are chosen from all training rows, not the sample's
        base = base.resolve(drawn.rows());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        SearchConfig config = search.threads() > 0 ? search : search.withThreads(Math.max(1, jsc.defaultParallelism()));
        Search s = new Search(config);
        s.check(sample, base);
        // boxed: the sample, the trials and their outcomes pass Spark's serializer, which may be Kryo (Boxed)
        Broadcast<Boxed<LabeledTable>> shared = jsc.broadcast(Boxed.of(sample));
        try {
            RemoteTrial remote = new RemoteTrial(shared, config.validation(), base.seed(), 1);
            // a trial's own failure comes back as its outcome; a job that fails is the cluster's (cancelled, executors lost): the
            // search stops, and trials side by side launch no more jobs (after a cancelled job group they went on for 10-16 s)
            java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
            TrialRunner runner = task -> {
                if (stopped.get()) throw new java.util.concurrent.CancellationException("The search stopped: a trial's Spark job failed");
                try {
                    // this search thread's share of the memory (its trials side by side) goes with the trial to its executor
                    Function<TrialTask, TrialOutcome> trial = remote.sharedBy(org.dendrite.core.data.HeapBudget.trainings());
                    return jsc.parallelize(List.of(Boxed.of(task)), 1).map(t -> Boxed.of(trial.call(t.get()))).collect().get(0).get();
                } catch (Exception e) {
                    stopped.set(true);
                    throw SparkJobs.unwrap(e);
                }
            };
            return s.explore(sample, base, SparkJobs.searchProgress(), runner);
        } finally {
            try {
                shared.destroy();
            } catch (Exception e) {
                // an interrupted search: the interrupt is kept for the caller and the search's own exception is the one thrown
                if (!(e instanceof InterruptedException)) throw SparkJobs.unwrap(e);
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs a trial's job on an executor against this task's own split of the broadcast sample, as one
     * of {@code trainings} trials side by side: at most as many run at once on one executor as it has
     * cores, so a trial takes that share of the executor's memory budget ({@code HeapBudget}; each was
     * checked against all of it, as a Weka search's threads were).
     */
    record RemoteTrial(Broadcast<Boxed<LabeledTable>> sample, Validation validation, long seed, int trainings) implements Function<TrialTask, TrialOutcome> {
        RemoteTrial sharedBy(int k) {
            return new RemoteTrial(sample, validation, seed, k);
        }

        @Override
        public TrialOutcome call(TrialTask task) {
            return org.dendrite.core.data.HeapBudget.sharedBy(sideBySide(trainings, org.apache.spark.SparkEnv.get().conf()),
                    () -> TrialJob.run(task, TrialData.of(sample.value().get(), validation, seed)));
        }

        /** The trials that can train at once in this executor: the search's, at most its cores (in local mode, the JVM's). */
        static int sideBySide(int trainings, org.apache.spark.SparkConf conf) {
            return Math.max(1, Math.min(trainings, SparkJobs.executorCores(conf)));
        }
    }

    /** A sample of the rows, and how many rows it was drawn from. */
    record Sample(LabeledTable table, long rows) {}

    /**
     * {@code sampleRows} of the rows (all of them when there are no more), stratified for a classifier:
     * the core's exact {@link StratifiedSample}, its keys drawn from each partition's seeded generator
     * (reproducible for the same seed and partitioning). One pass checks the rows as a fit checks them
     * and counts them per class (the width and the classes come out as a fit finds them: from all
     * rows, not the sample's); one more keeps at most a class's quota of rows per partition, merged
     * on the way to the driver.
     */
    static Sample sample(Dataset<Row> rows, RowCheck check, long seed, long sampleRows) {
        JavaRDD<Row> input = SparkTraining.input(rows);
        boolean classification = check.classification();
        List<ShardPass.Summary> summaries = SparkTraining.summarize(input, check, 0);
        ShardPass.Layout layout = ShardPass.layout(summaries, 0, seed, check);
        long n = layout.rows().total();
        int width = layout.width();
        // the sample reaches the driver dense: its size is checked before it is collected
        Table.checkFits(Math.min(n, sampleRows), width, "The search's sample", "Lower searchSampleRows, use fewer features, or give the "
                + "driver more memory (spark.driver.memory).");
        RowCheck later = check.afterFirstPass(layout.classes(), layout.weightDivisor());
        JavaRDD<LabeledRow> checked = input.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> SparkTraining.rows(it, later, p, width), true);
        List<LabeledRow> got;
        if (n <= sampleRows) {
            got = Boxed.collect(checked);
        } else {
            // a classifier's labels are within its classes (RowCheck), at most 65,536: every summary counted them
            Map<Integer, Long> counts = classification ? ShardPass.classCounts(summaries) : Map.of(0, n);
            Map<Integer, Integer> quota = StratifiedSample.quotas(counts, sampleRows);
            got = Boxed.treeReduce(checked.mapPartitionsWithIndex((Integer p, Iterator<LabeledRow> it) -> {
                SplittableRandom keys = new SplittableRandom(Seeds.shard(seed, p));
                StratifiedSample<LabeledRow> k = new StratifiedSample<>(quota);
                while (it.hasNext()) {
                    LabeledRow r = it.next();
                    k.offer(classification ? (int) r.label() : 0, keys.nextLong(), r);
                }
                return List.of(k).iterator();
            }, true), StratifiedSample::merge).rows();
        }
        return new Sample(LabeledTable.of(got, ColumnMetadata.features(rows.schema().fields()[0], width).columns(), check.label(), layout.classes(),
                check.weight() != null), n);
    }
}
