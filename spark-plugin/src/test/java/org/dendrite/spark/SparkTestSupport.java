package org.dendrite.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** One local Spark session on loopback for the module's tests, and the bundled datasets as DataFrames. */
final class SparkTestSupport {
    private static SparkSession spark;

    private SparkTestSupport() {}

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("dendrite-tests").config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    // a default parallelism of 4 on 2 cores: the tests' inputs of up to 3 partitions train on as many (trainingPartitions 0)
                    .config("spark.sql.shuffle.partitions", "4").config("spark.default.parallelism", "4").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
        }
        return spark;
    }

    /**
     * {@code work} in a local[2] session of this configuration beside the tests' own ({@code kv}: keys
     * and values, such as a spark.serializer, which a running SparkContext cannot change): the shared
     * session is stopped first, and this one after; the next {@link #spark()} starts the shared one again.
     */
    static synchronized void inSession(Runnable work, String... kv) {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
        SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("dendrite-tests-configured").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4").config("spark.default.parallelism", "4");
        for (int i = 0; i < kv.length; i += 2) b = b.config(kv[i], kv[i + 1]);
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        try {
            work.run();
        } finally {
            s.stop();
        }
    }

    static Path data(String name) {
        return Path.of(System.getProperty("dendrite.testData"), "datasets", name);
    }

    /** A CSV with a header, all columns but the last assembled into "features", the last indexed or cast into "label". */
    static Dataset<Row> csv(String name, boolean classification) {
        Dataset<Row> raw = spark().read().option("header", true).option("inferSchema", true).csv(data(name).toString());
        String[] cols = raw.columns();
        String target = cols[cols.length - 1];
        String[] inputs = java.util.Arrays.copyOf(cols, cols.length - 1);
        Dataset<Row> withFeatures = new VectorAssembler().setInputCols(inputs).setOutputCol("features").transform(raw);
        if (classification) {
            return new StringIndexer().setInputCol(target).setOutputCol("label").fit(withFeatures).transform(withFeatures);
        }
        return withFeatures.withColumn("label", withFeatures.col(target).cast(DataTypes.DoubleType));
    }

    /**
     * A bundled ARFF of numeric attributes and a nominal class (the last attribute) as "features" and
     * "label" (the class's index in the declared order), in the file's row order.
     */
    static Dataset<Row> numericArff(String name) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> classes = null;
        boolean data = false;
        for (String line : Files.readAllLines(data(name))) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("%")) continue;
            String lower = l.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("@attribute") && l.endsWith("}")) {
                classes = List.of(l.substring(l.indexOf('{') + 1, l.length() - 1).split("\\s*,\\s*"));
            } else if (lower.startsWith("@data")) {
                data = true;
            } else if (data) {
                String[] p = l.split(",");
                double[] x = new double[p.length - 1];
                for (int j = 0; j < x.length; j++) x[j] = Double.parseDouble(p[j]);
                int y = classes.indexOf(p[p.length - 1].trim());
                if (y < 0) throw new IllegalStateException(name + ": unknown class in " + l);
                rows.add(RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(x), (double) y));
            }
        }
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("features", new org.apache.spark.ml.linalg.VectorUDT(), false),
            DataTypes.createStructField("label", DataTypes.DoubleType, false)});
        return spark().createDataFrame(rows, schema);
    }

    /** Iris from the bundled ARFF as raw columns sl, sw, pl, pw, species. */
    static Dataset<Row> irisRaw() throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean data = false;
        for (String line : Files.readAllLines(data("iris.arff"))) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("%")) continue;
            if (l.toLowerCase().startsWith("@data")) {
                data = true;
                continue;
            }
            if (!data) continue;
            String[] p = l.split(",");
            rows.add(RowFactory.create(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3]), p[4]));
        }
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("sl", DataTypes.DoubleType, false), DataTypes.createStructField("sw", DataTypes.DoubleType, false),
            DataTypes.createStructField("pl", DataTypes.DoubleType, false), DataTypes.createStructField("pw", DataTypes.DoubleType, false),
            DataTypes.createStructField("species", DataTypes.StringType, false)});
        // two partitions of 75 rows, as with the default parallelism of 2 (the rows are sorted by species: four partitions
        // would each hold one or two species, and rounds average partitions that never saw the others)
        return spark().createDataFrame(rows, schema).coalesce(2);
    }
}
