package org.dendrite.spark.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ArffLoader;

/**
 * One benchmark dataset: a training and a test DataFrame ({@code features} vector, {@code label}
 * double), split with a fixed seed, each in a fixed number of partitions and materialized with
 * {@code localCheckpoint} before any timing (a DataFrame built from a driver-side list would ship
 * its rows with every task; the checkpoint also cuts the lineage each task would carry).
 *
 * @param ceiling the Bayes-optimal accuracy on the test rows when the generating model is known, else NaN
 */
record BenchData(String name, String description, Dataset<Row> train, Dataset<Row> test, long trainRows, long testRows, int features,
                 int classes, double majorityShare, double ceiling) {

    static final List<String> NAMES = List.of("teacher", "teacher8", "clusters", "letter", "shuttle");

    private static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false)});

    /** Raw rows on the driver before they become DataFrames. */
    private record Rows(List<double[]> x, List<Integer> y) {
        Rows(int n) {
            this(new ArrayList<>(n), new ArrayList<>(n));
        }
    }

    /**
     * The dataset {@code name}: {@code trainRows} (0 = its default) applies to the synthetic sets;
     * the ARFF sets are read from {@code dataDir} (skipped with an exception naming the file when absent).
     */
    static BenchData load(SparkSession spark, String name, long trainRows, int partitions, Path dataDir) throws IOException {
        return switch (name) {
            case "teacher" -> teacher(spark, trainRows > 0 ? trainRows : 200_000, partitions);
            case "teacher8" -> teacher8(spark, trainRows > 0 ? trainRows : 120_000, partitions);
            case "clusters" -> clusters(spark, trainRows > 0 ? trainRows : 150_000, partitions);
            case "letter" -> arff(spark, "letter", dataDir.resolve("letter-recognition.arff.gz"), partitions);
            case "shuttle" -> arff(spark, "shuttle", dataDir.resolve("shuttle.arff.gz"), partitions);
            default -> throw new IllegalArgumentException("Unknown dataset " + name + " (allowed: " + String.join(", ", NAMES) + ")");
        };
    }

    /** A random tanh network (weights N(0, (2/sqrt(fan-in))^2), no biases) whose argmax labels standard-normal inputs. */
    private record Teacher(double[][][] weights) {
        static Teacher random(SplittableRandom r, int... sizes) {
            double[][][] w = new double[sizes.length - 1][][];
            for (int l = 0; l + 1 < sizes.length; l++) {
                w[l] = new double[sizes[l + 1]][sizes[l]];
                for (double[] row : w[l]) for (int j = 0; j < row.length; j++) row[j] = r.nextGaussian() * 2 / Math.sqrt(sizes[l]);
            }
            return new Teacher(w);
        }

        int label(double[] x) {
            double[] a = x;
            for (int l = 0; l < weights.length; l++) {
                double[] z = new double[weights[l].length];
                for (int k = 0; k < z.length; k++) {
                    double s = 0;
                    for (int j = 0; j < a.length; j++) s += weights[l][k][j] * a[j];
                    z[k] = l + 1 < weights.length ? Math.tanh(s) : s;
                }
                a = z;
            }
            return argmax(a);
        }
    }

    private static int argmax(double[] a) {
        int best = 0;
        for (int k = 1; k < a.length; k++) if (a[k] > a[best]) best = k;
        return best;
    }

    private static Rows teacherRows(Teacher t, SplittableRandom r, long n, int d) {
        Rows rows = new Rows((int) n);
        for (long i = 0; i < n; i++) {
            double[] x = new double[d];
            for (int j = 0; j < d; j++) x[j] = r.nextGaussian();
            rows.x().add(x);
            rows.y().add(t.label(x));
        }
        return rows;
    }

    /** N training + N/5 test rows, 24 standard-normal features, 5 classes: argmax of a random 24-32-5 tanh teacher (100% reachable). */
    static BenchData teacher(SparkSession spark, long n, int partitions) {
        SplittableRandom r = new SplittableRandom(17);
        Teacher t = Teacher.random(r, 24, 32, 5);
        return build(spark, "teacher", f("%,d + %,d rows x 24 N(0,1) features, 5 classes from a random 24-32-5 tanh teacher", n, n / 5),
                teacherRows(t, r, n, 24), teacherRows(t, r, n / 5, 24), 24, 5, partitions, Double.NaN);
    }

    /** N training + 40,000 test rows (N/3 when N is smaller), 40 features, 8 classes from a deeper random teacher 40-48-32-8. */
    static BenchData teacher8(SparkSession spark, long n, int partitions) {
        SplittableRandom r = new SplittableRandom(23);
        Teacher t = Teacher.random(r, 40, 48, 32, 8);
        long test = Math.min(40_000, n / 3);
        return build(spark, "teacher8", f("%,d + %,d rows x 40 N(0,1) features, 8 classes from a random 40-48-32-8 tanh teacher", n, test),
                teacherRows(t, r, n, 40), teacherRows(t, r, test, 40), 40, 8, partitions, Double.NaN);
    }

    private static final int CLUSTER_CLASSES = 6, CLUSTERS_PER_CLASS = 3, INFORMATIVE = 10, NOISE = 30;
    private static final double CENTER_SCALE = 1.2;

    /**
     * N training + N/5 test rows, 6 classes (equal priors), each a mixture of 3 unit-variance Gaussian
     * clusters in 10 informative features (centers N(0, 1.2^2)), plus 30 standard-normal noise features,
     * the columns shuffled. The ceiling is the Bayes-optimal classifier's accuracy on the test rows
     * (the generating densities are known).
     */
    static BenchData clusters(SparkSession spark, long n, int partitions) {
        SplittableRandom r = new SplittableRandom(29);
        double[][][] centers = new double[CLUSTER_CLASSES][CLUSTERS_PER_CLASS][INFORMATIVE];
        for (double[][] c : centers) for (double[] m : c) for (int j = 0; j < INFORMATIVE; j++) m[j] = r.nextGaussian() * CENTER_SCALE;
        int d = INFORMATIVE + NOISE;
        int[] column = new int[d]; // column[j] = where feature j (informative first) lands
        for (int j = 0; j < d; j++) column[j] = j;
        for (int j = d - 1; j > 0; j--) {
            int k = r.nextInt(j + 1), tmp = column[j];
            column[j] = column[k];
            column[k] = tmp;
        }
        Rows train = clusterRows(centers, column, r, n), test = clusterRows(centers, column, r, n / 5);
        int bayes = 0;
        for (int i = 0; i < test.x().size(); i++) {
            double[] x = test.x().get(i), logp = new double[CLUSTER_CLASSES];
            for (int c = 0; c < CLUSTER_CLASSES; c++) {
                double s = 0;
                for (double[] m : centers[c]) {
                    double q = 0;
                    for (int j = 0; j < INFORMATIVE; j++) q += (x[column[j]] - m[j]) * (x[column[j]] - m[j]);
                    s += Math.exp(-q / 2);
                }
                logp[c] = s;
            }
            if (argmax(logp) == test.y().get(i)) bayes++;
        }
        return build(spark, "clusters", f("%,d + %,d rows x (%d informative + %d noise) features, %d classes of %d Gaussian clusters each", n,
                n / 5, INFORMATIVE, NOISE, CLUSTER_CLASSES, CLUSTERS_PER_CLASS), train, test, d, CLUSTER_CLASSES, partitions,
                bayes / (double) test.x().size());
    }

    private static Rows clusterRows(double[][][] centers, int[] column, SplittableRandom r, long n) {
        Rows rows = new Rows((int) n);
        for (long i = 0; i < n; i++) {
            int c = r.nextInt(CLUSTER_CLASSES);
            double[] m = centers[c][r.nextInt(CLUSTERS_PER_CLASS)], x = new double[column.length];
            for (int j = 0; j < column.length; j++) x[column[j]] = r.nextGaussian() + (j < INFORMATIVE ? m[j] : 0);
            rows.x().add(x);
            rows.y().add(c);
        }
        return rows;
    }

    /**
     * An ARFF file (gzip when the name ends in .gz) of numeric attributes and one nominal class (the
     * last nominal attribute), read with Weka's ArffLoader; rows shuffled with a fixed seed and split
     * 80/20; the label is the class name through a StringIndexer fitted on the training rows, as a
     * Spark user would index it (so the label column carries the class count as metadata).
     */
    static BenchData arff(SparkSession spark, String name, Path file, int partitions) throws IOException {
        if (!Files.exists(file)) throw new IOException("dataset file " + file + " not found (pass --data-dir)");
        Instances data;
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            ArffLoader loader = new ArffLoader();
            loader.setSource(in);
            data = loader.getDataSet();
        }
        int classIndex = -1;
        for (int a = 0; a < data.numAttributes(); a++) if (data.attribute(a).isNominal()) classIndex = a;
        if (classIndex < 0) throw new IllegalArgumentException(file + " has no nominal attribute to use as the class");
        List<Integer> inputs = new ArrayList<>();
        for (int a = 0; a < data.numAttributes(); a++) {
            if (a == classIndex) continue;
            Attribute at = data.attribute(a);
            if (!at.isNumeric()) throw new IllegalArgumentException(file + ": attribute " + at.name() + " is not numeric");
            inputs.add(a);
        }
        List<Row> rows = new ArrayList<>(data.numInstances());
        for (Instance in : data) {
            if (in.isMissing(classIndex)) continue;
            double[] x = new double[inputs.size()];
            for (int j = 0; j < x.length; j++) x[j] = in.isMissing(inputs.get(j)) ? Double.NaN : in.value(inputs.get(j));
            rows.add(RowFactory.create(Vectors.dense(x), in.stringValue(classIndex)));
        }
        java.util.Collections.shuffle(rows, new java.util.Random(31));
        int cut = (int) Math.round(rows.size() * 0.8);
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
            DataTypes.createStructField("class", DataTypes.StringType, false)});
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> train = spark.createDataFrame(jsc.parallelize(rows.subList(0, cut), partitions), schema);
        Dataset<Row> test = spark.createDataFrame(jsc.parallelize(rows.subList(cut, rows.size()), partitions), schema);
        var indexer = new StringIndexer().setInputCol("class").setOutputCol("label").setHandleInvalid("error").fit(train);
        train = materialize(indexer.transform(train).select("features", "label"));
        test = materialize(indexer.transform(test).select("features", "label"));
        int classes = indexer.labelsArray()[0].length;
        long trainRows = train.count(), testRows = test.count();
        long majority = train.filter("label = 0").count(); // StringIndexer orders by frequency
        return new BenchData(name, f("%s: %,d + %,d rows x %d numeric features, %d classes (80/20 split, seed 31)", file.getFileName(), trainRows,
                testRows, inputs.size(), classes), train, test, trainRows, testRows, inputs.size(), classes, majority / (double) trainRows,
                Double.NaN);
    }

    private static BenchData build(SparkSession spark, String name, String description, Rows train, Rows test, int d, int classes, int partitions,
                                   double ceiling) {
        int[] counts = new int[classes];
        for (int y : train.y()) counts[y]++;
        int max = 0;
        for (int c : counts) max = Math.max(max, c);
        Dataset<Row> tr = materialize(frame(spark, train, partitions, SORTED)), te = materialize(frame(spark, test, partitions, false));
        return new BenchData(name, description, tr, te, train.x().size(), test.x().size(), d, classes, max / (double) train.x().size(), ceiling);
    }

    /**
     * With -Dbench.sortByLabel=true the synthetic training rows are sorted by label before they are split into
     * partitions, as data written class by class arrives: each partition then holds one class or a few.
     */
    static final boolean SORTED = Boolean.getBoolean("bench.sortByLabel");

    private static Dataset<Row> frame(SparkSession spark, Rows rows, int partitions, boolean sorted) {
        List<Row> list = new ArrayList<>(rows.x().size());
        for (int i = 0; i < rows.x().size(); i++) list.add(RowFactory.create(Vectors.dense(rows.x().get(i)), (double) rows.y().get(i)));
        if (sorted) list.sort(java.util.Comparator.comparingDouble(r -> r.getDouble(1)));
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(list, partitions), SCHEMA);
    }

    /** Stored in the executors' block managers now, its lineage cut: later jobs read the blocks, tasks do not carry the rows. */
    private static Dataset<Row> materialize(Dataset<Row> d) {
        return d.localCheckpoint(true);
    }

    /** Drops the checkpointed blocks of both DataFrames (best effort: the plan of a local checkpoint is a LogicalRDD over them). */
    void release() {
        for (Dataset<Row> d : List.of(train, test)) {
            if (d.queryExecution().logical() instanceof org.apache.spark.sql.execution.LogicalRDD l) l.rdd().unpersist(false);
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
