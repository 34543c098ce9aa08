package org.dendrite.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
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
 * rows (about {@code sampleRows} of them; all rows when there are fewer) is collected once and
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
    static SearchResult run(Dataset<Row> rows, SparkTraining.Columns cols, boolean classification, int declaredClasses, TrainingConfig base,
                            SearchConfig search, long sampleRows) {
        LabeledTable sample = sample(rows, cols, classification, declaredClasses, base.seed(), sampleRows);
        // the values chosen from the data (units, epochs, batch size) are chosen from all training rows, not the sample's
        base = base.resolve(rows.count());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        SearchConfig config = search.threads() > 0 ? search : search.withThreads(Math.max(1, jsc.defaultParallelism()));
        Search s = new Search(config);
        s.check(sample, base);
        Broadcast<LabeledTable> shared = jsc.broadcast(sample);
        try {
            RemoteTrial remote = new RemoteTrial(shared, config.validation(), base.seed());
            TrialRunner runner = task -> {
                try {
                    return jsc.parallelize(List.of(task), 1).map(remote).collect().get(0);
                } catch (Exception e) {
                    throw SparkJobs.unwrap(e);
                }
            };
            return s.explore(sample, base, SparkJobs.searchProgress(), runner);
        } finally {
            shared.destroy();
        }
    }

    /** Runs a trial's job on an executor against this task's own split of the broadcast sample. */
    private record RemoteTrial(Broadcast<LabeledTable> sample, Validation validation, long seed) implements Function<TrialTask, TrialOutcome> {
        @Override
        public TrialOutcome call(TrialTask task) {
            return TrialJob.run(task, TrialData.of(sample.value(), validation, seed));
        }
    }

    /**
     * About {@code sampleRows} of the rows, drawn per class in proportion for a classifier (Spark's
     * {@code sampleBy}, seeded) or uniformly for a regressor, checked as a fit checks rows, collected
     * to the driver; every row when there are at most {@code sampleRows}.
     */
    static LabeledTable sample(Dataset<Row> rows, SparkTraining.Columns cols, boolean classification, int declaredClasses, long seed,
                               long sampleRows) {
        long n = rows.count();
        if (n == 0) {
            throw new IllegalArgumentException("The training DataFrame is empty: a search needs rows to train and validate on");
        }
        double fraction = Math.min(1.0, sampleRows / (double) n);
        // positional names: the label column is a cast of the user's column
        Dataset<Row> named = rows.toDF("features", "label", "weight");
        Dataset<Row> picked = named;
        if (fraction < 1) {
            if (classification) {
                Map<Double, Double> fractions = new HashMap<>();
                for (Row r : named.select("label").distinct().collectAsList()) {
                    if (!r.isNullAt(0)) fractions.put(((Number) r.get(0)).doubleValue(), fraction);
                }
                picked = named.stat().sampleBy("label", fractions, seed);
            } else {
                picked = named.sample(false, fraction, seed);
            }
        }
        List<Row> got = picked.collectAsList();
        int width = -1;
        double max = -1;
        double[][] x = new double[got.size()][];
        double[] y = new double[got.size()];
        float[] w = cols.weight() == null ? null : new float[got.size()];
        for (int i = 0; i < got.size(); i++) {
            Row r = got.get(i);
            x[i] = SparkTraining.features(r, cols.features(), width);
            width = x[i].length;
            y[i] = SparkTraining.label(r, cols.label(), classification, declaredClasses);
            max = Math.max(max, y[i]);
            if (w != null) w[i] = (float) SparkTraining.weight(r, cols.weight());
        }
        List<Column> columns = SparkTraining.featureColumns(rows.schema().fields()[0], Math.max(width, 0));
        List<String> classes = new ArrayList<>();
        if (classification) {
            int k = declaredClasses > 0 ? declaredClasses : (int) max + 1;
            for (int c = 0; c < k; c++) classes.add(Integer.toString(c));
        }
        return new LabeledTable(new Table(columns, x), cols.label(), classes, y, w);
    }
}
