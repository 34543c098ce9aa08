package org.dendrite.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.SparkSession;
import org.dendrite.core.search.SearchResult;
import org.dendrite.spark.DendriteClassificationModel;
import org.dendrite.spark.DendriteClassifier;
import org.dendrite.spark.LocalCluster;

/**
 * Issue 15 on Spark: Dendrite's own search ({@code searchJson}: trials as Spark tasks, then the best
 * configuration trained on all rows) against Spark ML's {@code CrossValidator} and
 * {@code TrainValidationSplit} with a {@code ParamGridBuilder} grid of the same size (learning rate x
 * hidden units, 3 x 3), on the study suite's letter and shuttle (80/20 split, {@link BenchData}), on
 * {@code local[2]} and on a standalone cluster of two one-core workers on 127.0.0.1. Reports each
 * procedure's wall time, the held-out accuracy of the model it returns and what it chose.
 *
 * <p>Arguments: {@code [--envs local,cluster2] [--datasets letter,shuttle] [--data-dir DIR] [--out FILE.md]}.
 */
public final class SparkSearchBenchmark {
    private SparkSearchBenchmark() {}

    private static final double[] RATES = {0.003, 0.01, 0.03};
    private static final String[] UNITS = {"64", "128", "256"};
    /** The same 3 x 3 grid as Dendrite search JSON: both choices, the grid sampler, each trial to its end. */
    private static final String GRID_SEARCH = "{\"space\": {\"parameters\": {\"learningRate\": [0.003, 0.01, 0.03], \"units\": [64, 128, 256]}},"
            + " \"sampler\": {\"type\": \"grid\"}, \"scheduler\": {\"type\": \"full_budget\", \"trials\": 9}}";
    private static final String RANDOM_SEARCH = "{\"scheduler\": {\"type\": \"full_budget\", \"trials\": 9}}";
    private static final String HYPERBAND = "{\"scheduler\": {\"type\": \"hyperband\"}}";
    private static final String ASHA = "{\"scheduler\": {\"type\": \"asha\", \"trials\": 13}}";
    private static final List<String> LINES = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        List<String> envs = List.of("local", "cluster2");
        List<String> datasets = List.of("letter", "shuttle");
        Path dataDir = Path.of(System.getProperty("dendrite.testData", "test-data"), "datasets");
        Path out = Path.of("target", "spark-search-benchmark.md");
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--envs" -> envs = List.of(v.split(","));
                case "--datasets" -> datasets = List.of(v.split(","));
                case "--data-dir" -> dataDir = Path.of(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; allowed: --envs, --datasets, --data-dir, --out");
            }
        }
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        line(f("- %d cores, Java %s, Spark %s; 4 partitions per DataFrame; grid: learningRate %s x hiddenLayers %s (9 points); "
                + "CrossValidator 3 folds and TrainValidationSplit 0.75, both with MulticlassClassificationEvaluator(accuracy) and parallelism 1; "
                + "Dendrite searches score on a stratified 20%% holdout by log loss, trials as Spark tasks on all training rows "
                + "(searchSampleRows 100,000).", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                org.apache.spark.package$.MODULE$.SPARK_VERSION(), java.util.Arrays.toString(RATES), String.join("/", UNITS)));
        for (String env : envs) {
            LocalCluster cluster = env.equals("cluster2") ? LocalCluster.start(2, "2g") : null;
            try {
                SparkSession spark = cluster != null ? cluster.session("dendrite-search-bench", 2, "1536m")
                        : LocalCluster.localSession("dendrite-search-bench");
                spark.sparkContext().setLogLevel("ERROR");
                BenchData small = BenchData.teacher(spark, 4_000, 4);
                new DendriteClassifier().setEpochs(2).fit(small.train()); // JIT and Spark warm-up, not timed
                new DendriteClassifier().setEpochs(4).setSearchJson("{\"scheduler\": {\"type\": \"full_budget\", \"trials\": 2}}").fit(small.train());
                small.release();
                for (String name : datasets) {
                    BenchData d = BenchData.load(spark, name, 0, 4, dataDir);
                    run(env.equals("local") ? "local[2]" : "standalone, 2 workers x 1 core", d);
                    d.release();
                    Files.createDirectories(out.toAbsolutePath().getParent());
                    Files.write(out, LINES);
                }
                spark.stop();
            } finally {
                if (cluster != null) cluster.close();
            }
        }
        Files.write(out, LINES);
        System.out.println(String.join("\n", LINES));
    }

    private static void run(String where, BenchData d) throws Exception {
        line("");
        line("#### " + d.name() + ", " + where);
        line("");
        line(d.description());
        line("");
        line("| procedure | models trained | fit s | test accuracy | chosen |");
        line("|---|---|---|---|---|");
        timed(d, "Dendrite defaults (no search)", "1", () -> new DendriteClassifier().fit(d.train()));
        timed(d, "Dendrite searchJson: the 3 x 3 grid, each trial to its end", "9 trials on 80% + 1 refit",
                () -> new DendriteClassifier().setSearchJson(GRID_SEARCH).fit(d.train()));
        timed(d, "Dendrite searchJson: random search, 9 trials (default space)", "9 trials on 80% + 1 refit",
                () -> new DendriteClassifier().setSearchJson(RANDOM_SEARCH).fit(d.train()));
        timed(d, "Dendrite searchJson: ASHA, 13 trials (default space)", "13 trials, stopped early + 1 refit",
                () -> new DendriteClassifier().setSearchJson(ASHA).fit(d.train()));
        timed(d, "Dendrite searchJson: Hyperband (default space)", "Hyperband's brackets + 1 refit",
                () -> new DendriteClassifier().setSearchJson(HYPERBAND).fit(d.train()));
        DendriteClassifier base = new DendriteClassifier();
        ParamMap[] grid = new ParamGridBuilder().addGrid(base.learningRate(), RATES)
                .addGrid(base.hiddenLayers(), scala.collection.JavaConverters.asScalaBuffer(List.of(UNITS))).build();
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        timed(d, "Spark CrossValidator over the 3 x 3 grid, 3 folds", "27 on 2/3 + 1 refit", () -> new CrossValidator().setEstimator(base)
                .setEstimatorParamMaps(grid).setEvaluator(accuracy).setNumFolds(3).setSeed(1).fit(d.train()));
        timed(d, "Spark TrainValidationSplit over the 3 x 3 grid, 75/25", "9 on 3/4 + 1 refit", () -> new TrainValidationSplit()
                .setEstimator(base).setEstimatorParamMaps(grid).setEvaluator(accuracy).setTrainRatio(0.75).setSeed(1).fit(d.train()));
    }

    private static void timed(BenchData d, String label, String models, Callable<Model<?>> fit) throws Exception {
        long t0 = System.nanoTime();
        Model<?> m = fit.call();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double acc = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(m.transform(d.test()));
        line(f("| %s | %s | %.1f | %.4f | %s |", label, models, seconds, acc, chosen(m)));
        System.err.println(LINES.get(LINES.size() - 1));
    }

    /** What the procedure chose: the best configuration's searched values (learning rate, units, ...). */
    private static String chosen(Model<?> m) {
        Model<?> best = m instanceof CrossValidatorModel cv ? cv.bestModel() : m instanceof TrainValidationSplitModel tv ? tv.bestModel() : m;
        DendriteClassificationModel dm = (DendriteClassificationModel) best;
        SearchResult s = dm.searchResult();
        if (s != null) return s.best().candidate() + ", " + s.best().epochs() + " epochs";
        if (best == m) return "";
        return "learningRate " + dm.parent().getOrDefault(((DendriteClassifier) dm.parent()).learningRate()) + ", hiddenLayers "
                + dm.parent().getOrDefault(((DendriteClassifier) dm.parent()).hiddenLayers());
    }

    private static void line(String s) {
        LINES.add(s);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
