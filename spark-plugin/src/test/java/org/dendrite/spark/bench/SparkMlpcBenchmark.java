package org.dendrite.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.train.EpochRecord;
import org.dendrite.core.train.History;
import org.dendrite.spark.DendriteClassificationModel;
import org.dendrite.spark.DendriteClassifier;
import org.dendrite.spark.LocalCluster;

/**
 * Dendrite on Spark against Spark ML's MultilayerPerceptronClassifier (MLPC) on the same data, in
 * local[2] and on a 2-worker standalone cluster on 127.0.0.1 (one core per worker): training rows
 * per second per epoch, time to reach a target held-out accuracy, and the coordination overhead of
 * one synchronous step with a tiny model. Prints Markdown tables.
 *
 * <p>Usage: {@code SparkMlpcBenchmark [--rows N] [--envs local,cluster]}. The data: the bundled
 * Wisconsin breast-cancer CSV and a synthetic set (N rows, 20 standard-normal features, 3 classes
 * from a random teacher network with 16 tanh units, so a network can reach 100%).
 */
public final class SparkMlpcBenchmark {
    private static final int FEATURES = 20;
    private static final int CLASSES = 3;

    private SparkMlpcBenchmark() {}

    private record Data(String name, Dataset<Row> all, Dataset<Row> train, Dataset<Row> test, long rows, int features, int classes,
                        double target, int batch) {}

    private static final List<String> LINES = new ArrayList<>();

    private static void out(String s) {
        System.out.println(s);
        System.out.flush();
        LINES.add(s);
    }

    public static void main(String[] args) throws Exception {
        int rows = 100_000;
        List<String> envs = List.of("local", "cluster");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rows")) rows = Integer.parseInt(args[++i]);
            else if (args[i].equals("--envs")) envs = List.of(args[++i].split(","));
            else throw new IllegalArgumentException("Unknown argument " + args[i] + " (allowed: --rows N, --envs local,cluster)");
        }
        out("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", load average before: " + load());
        for (String env : envs) {
            LocalCluster cluster = env.equals("cluster") ? LocalCluster.start(2, "2g") : null;
            try {
                SparkSession spark = cluster != null ? cluster.session("dendrite-bench", 2, "1536m")
                        : SparkSession.builder().master("local[2]").appName("dendrite-bench").config("spark.ui.enabled", "false")
                                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
                spark.sparkContext().setLogLevel("ERROR");
                String where = (cluster != null ? "standalone, 2 workers x 1 core" : "local[2]") + ", Spark " + spark.version();
                List<Data> data = List.of(wisconsin(spark), synthetic(spark, rows));
                throughput(where, data);
                timeToTarget(where, data);
                stepOverhead(where, spark);
                spark.stop();
            } finally {
                if (cluster != null) cluster.close();
            }
        }
        out("load average after: " + load());
        Path file = Path.of("target", "spark-mlpc-benchmark.md");
        Files.createDirectories(file.getParent());
        Files.write(file, LINES);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static Data split(String name, Dataset<Row> all, int features, int classes, double target, int batch) {
        all = all.repartition(4).cache();
        long n = all.count();
        Dataset<Row>[] parts = all.randomSplit(new double[] {0.8, 0.2}, 1);
        return new Data(name, all, parts[0].cache(), parts[1].cache(), n, features, classes, target, batch);
    }

    private static Data wisconsin(SparkSession spark) {
        Dataset<Row> raw = spark.read().option("header", true).option("inferSchema", true)
                .csv(Path.of(System.getProperty("dendrite.testData", "test-data"), "datasets", "wisconsin-breast-cancer.csv").toString());
        String[] cols = raw.columns();
        Dataset<Row> f = new VectorAssembler().setInputCols(java.util.Arrays.copyOf(cols, cols.length - 1)).setOutputCol("features").transform(raw);
        Dataset<Row> d = new StringIndexer().setInputCol(cols[cols.length - 1]).setOutputCol("label").fit(f).transform(f).select("features", "label");
        return split("wisconsin-breast-cancer (569 x 30, 2 classes)", d, cols.length - 1, 2, 0.95, 32);
    }

    /** N rows of 20 N(0,1) features; the label is the argmax of a random 20-16-3 tanh teacher network. */
    private static Data synthetic(SparkSession spark, int n) {
        SplittableRandom r = new SplittableRandom(7);
        int hidden = 16;
        double[][] w1 = new double[hidden][FEATURES], w2 = new double[CLASSES][hidden];
        for (double[] row : w1) for (int j = 0; j < FEATURES; j++) row[j] = r.nextGaussian() * 2 / Math.sqrt(FEATURES);
        for (double[] row : w2) for (int j = 0; j < hidden; j++) row[j] = r.nextGaussian() * 2 / Math.sqrt(hidden);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] x = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) x[j] = r.nextGaussian();
            double[] h = new double[hidden];
            for (int k = 0; k < hidden; k++) {
                double s = 0;
                for (int j = 0; j < FEATURES; j++) s += w1[k][j] * x[j];
                h[k] = Math.tanh(s);
            }
            int best = 0;
            double bestLogit = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                double s = 0;
                for (int k = 0; k < hidden; k++) s += w2[c][k] * h[k];
                if (s > bestLogit) {
                    bestLogit = s;
                    best = c;
                }
            }
            rows.add(RowFactory.create(Vectors.dense(x), (double) best));
        }
        StructType schema = new StructType(new StructField[] {DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
            DataTypes.createStructField("label", DataTypes.DoubleType, false)});
        return split("synthetic (" + n + " x 20, 3 classes)", spark.createDataFrame(rows, schema), FEATURES, CLASSES, 0.9, 1024);
    }

    private static DendriteClassifier dendrite(Data d) {
        return (DendriteClassifier) new DendriteClassifier().setHiddenLayers("64").setBatchSize(d.batch()).setSeed(1);
    }

    /**
     * MLPC behind a StandardScaler (MLPC does not scale its inputs; Dendrite standardizes by default),
     * one hidden layer of 64 sigmoid units (MLPC's only hidden activation), L-BFGS (its default).
     */
    private static Pipeline mlpc(Data d, int iterations) {
        // tol 0: every iteration runs, so the time per iteration is measured, not the convergence test
        return new Pipeline().setStages(new PipelineStage[] {
            new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true),
            new MultilayerPerceptronClassifier().setFeaturesCol("scaled").setLayers(new int[] {d.features(), 64, d.classes()})
                    .setMaxIter(iterations).setTol(0).setSeed(1)});
    }

    private static double accuracy(Dataset<Row> predictions) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Training rows per second of epoch time (Dendrite: from the model's history; MLPC: fit time / iterations, each a full pass). */
    private static void throughput(String where, List<Data> data) {
        out("");
        out("### Throughput, " + where);
        out("");
        out("| dataset | trainer | epochs | training rows/s per epoch | fit wall s |");
        out("|---|---|---|---|---|");
        for (Data d : data) {
            long trainRows = d.train().count();
            int epochs = d.rows() > 10_000 ? 3 : 10;
            for (int localSteps : new int[] {1, 8}) {
                long start = System.nanoTime();
                DendriteClassificationModel m = (DendriteClassificationModel) dendrite(d).setEpochs(epochs).setLocalSteps(localSteps).fit(d.train());
                double wall = seconds(start), epochSeconds = 0;
                for (EpochRecord r : m.coreModel().history().epochs()) epochSeconds += r.seconds();
                out(f("| %s | Dendrite, %s, batch %d | %d | %.0f | %.1f |", d.name(), localSteps == 1 ? "synchronous" : "local SGD k=" + localSteps,
                        d.batch(), epochs, trainRows * epochs / epochSeconds, wall));
            }
            int iterations = epochs;
            mlpc(d, 1).fit(d.train()); // JIT and Spark warm-up of the MLPC code path
            long start = System.nanoTime();
            mlpc(d, iterations).fit(d.train());
            double wall = seconds(start);
            out(f("| %s | MLPC, l-bfgs (+ StandardScaler) | %d iterations | %.0f | %.1f |", d.name(), iterations, trainRows * iterations / wall, wall));
        }
    }

    /**
     * Wall time until the held-out accuracy reaches the target. Dendrite: one fit with a 20%
     * validation split, setup (fit time outside the epochs) plus the epochs until the recorded
     * validation accuracy first reaches the target. MLPC: fits with a growing iteration budget on
     * the 80% training part, scored on the other 20%; the first budget that reaches the target.
     */
    private static void timeToTarget(String where, List<Data> data) {
        out("");
        out("### Time to target held-out accuracy, " + where);
        out("");
        out("| dataset | target | trainer | reached at | seconds | best held-out accuracy |");
        out("|---|---|---|---|---|---|");
        for (Data d : data) {
            int maxEpochs = d.rows() > 10_000 ? 30 : 40;
            // the default L2 (1e-2, tuned on small datasets) and none, as MLPC has none
            for (double l2 : d.rows() > 10_000 ? new double[] {-1, 0} : new double[] {-1}) {
                DendriteClassifier c = (DendriteClassifier) dendrite(d).setEpochs(maxEpochs).setValidationFraction(0.2);
                if (l2 >= 0) c.setL2(l2);
                long start = System.nanoTime();
                DendriteClassificationModel m = c.fit(d.all());
                double wall = seconds(start);
                History h = m.coreModel().history();
                double epochTotal = 0, best = 0;
                for (EpochRecord r : h.epochs()) epochTotal += r.seconds();
                double elapsed = wall - epochTotal;
                String reached = "not within " + maxEpochs + " epochs";
                double at = Double.NaN;
                for (EpochRecord r : h.epochs()) {
                    elapsed += r.seconds();
                    best = Math.max(best, r.validationAccuracy());
                    if (Double.isNaN(at) && r.validationAccuracy() >= d.target()) {
                        at = elapsed;
                        reached = "epoch " + r.epoch();
                    }
                }
                out(f("| %s | %.2f | Dendrite, synchronous, batch %d, L2 %s | %s | %s | %.4f |", d.name(), d.target(), d.batch(),
                        l2 < 0 ? "default " + c.getOrDefault(c.l2()) : "0", reached, Double.isNaN(at) ? "-" : f("%.1f", at), best));
            }
            double best = 0, at = Double.NaN;
            String reached = "not within the budgets";
            for (int iterations : new int[] {5, 10, 20, 40, 80, 160}) {
                long s = System.nanoTime();
                PipelineModel mm = mlpc(d, iterations).fit(d.train());
                double t = seconds(s), acc = accuracy(mm.transform(d.test()));
                best = Math.max(best, acc);
                if (acc >= d.target()) {
                    at = t;
                    reached = iterations + " iterations";
                    break;
                }
            }
            out(f("| %s | %.2f | MLPC, l-bfgs (+ StandardScaler) | %s | %s | %.4f |", d.name(), d.target(), reached, Double.isNaN(at) ? "-" : f("%.1f", at), best));
        }
    }

    /** Time per optimizer step with a model so small that the step is all coordination: 2,000 rows, batch 32. */
    private static void stepOverhead(String where, SparkSession spark) {
        Data tiny = split("tiny", synthetic(spark, 2_000).all(), FEATURES, CLASSES, 0, 32);
        long trainRows = tiny.all().count();
        long steps = (trainRows + 31) / 32;
        out("");
        out("### Per-step coordination overhead, " + where + " (2,000 rows, batch 32, " + steps + " steps per epoch)");
        out("");
        out("| trainer | Spark jobs per step | ms per step |");
        out("|---|---|---|");
        record Case(String name, String hidden, String batchNorm, int localSteps, int jobs) {}
        for (Case c : List.of(new Case("Dendrite synchronous, no hidden layer (softmax regression)", "", "none", 1, 1),
                new Case("Dendrite synchronous, 4 hidden units", "4", "none", 1, 1),
                new Case("Dendrite synchronous, 4 hidden units + batch norm (global statistics)", "4", "before_activation", 1, 3),
                new Case("Dendrite local SGD k=8, 4 hidden units (per local step)", "4", "none", 8, 0))) {
            DendriteClassifier dc = (DendriteClassifier) new DendriteClassifier().setHiddenLayers(c.hidden()).setBatchNorm(c.batchNorm())
                    .setBatchSize(32).setLocalSteps(c.localSteps()).setEpochs(1);
            dc.fit(tiny.all()); // warm-up
            DendriteClassificationModel m = (DendriteClassificationModel) dc.setEpochs(3).fit(tiny.all());
            double s = 0;
            for (EpochRecord r : m.coreModel().history().epochs()) s += r.seconds();
            // local SGD: one job per round of k local steps on each partition
            long stepCount = c.localSteps() == 1 ? steps * 3 : m.coreModel().history().stepLearningRates().length * (long) c.localSteps();
            out(f("| %s | %s | %.2f |", c.name(), c.jobs() == 0 ? "1 per " + c.localSteps() + " steps" : Integer.toString(c.jobs()),
                    1000 * s / stepCount));
        }
        MultilayerPerceptronClassifier mlpc = new MultilayerPerceptronClassifier().setLayers(new int[] {FEATURES, 4, CLASSES}).setTol(0).setSeed(1);
        mlpc.setMaxIter(2).fit(tiny.all());
        long s = System.nanoTime();
        mlpc.setMaxIter(30).fit(tiny.all());
        double t = seconds(s);
        long s0 = System.nanoTime();
        mlpc.setMaxIter(1).fit(tiny.all());
        double t0 = seconds(s0);
        out(f("| MLPC l-bfgs, 4 hidden units (per iteration, full batch; fit setup subtracted) | 1 or more | %.2f |", 1000 * (t - t0) / 29));
    }
}
