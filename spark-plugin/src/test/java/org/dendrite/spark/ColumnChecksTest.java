package org.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** DataFrames that lie about their labels or already hold the output columns: refused as Spark's own estimators and models refuse them. */
class ColumnChecksTest {
    private static final StructType SCHEMA = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);

    private static Dataset<Row> rows(double... labels) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < labels.length; i++) rows.add(RowFactory.create(Vectors.dense(i, -i, i % 3), labels[i]));
        return SparkTestSupport.spark().createDataFrame(rows, SCHEMA);
    }

    /** The label column as StringIndexer leaves it: nominal metadata declaring {@code classes} values. */
    private static Dataset<Row> declared(Dataset<Row> df, int classes) {
        return df.withColumn("label", functions.col("label").as("label",
                NominalAttribute.defaultAttr().withName("label").withNumValues(classes).toMetadata()));
    }

    @Test
    void aLabelBeyondTheDeclaredClassesIsRefusedNamingColumnLabelAndCount() {
        Dataset<Row> df = declared(rows(0, 1, 2, 0, 1, 5), 3);
        var e = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1).fit(df));
        assertTrue(e.getMessage().contains("'label'") && e.getMessage().contains("5.0") && e.getMessage().contains("declares 3 classes"),
                e.getMessage());
        // within the declared count, a class without rows still gets its output (the metadata, not the data, says how many)
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(1).fit(declared(rows(0, 1, 0, 1, 0, 1), 3));
        assertEquals(3, m.numClasses());
        // rows of one class are refused as on one machine: labels all 1 infer the classes 0 and 1 (class 0 without rows; the model
        // answered 1 whatever the features), and metadata may declare classes the rows do not hold
        assertEquals("Column 'label' has only one class ('1') in the training data; a classifier needs rows of at least two classes",
                assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1).fit(rows(1, 1, 1, 1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1).fit(declared(rows(2, 2, 2), 3)));
    }

    /**
     * What each partition holds as it trains is what the memory check counts before training. The check on the driver counted
     * one batch of at most 1,024 rows and one optimizer state, as for one machine's minibatches, while an L-BFGS step takes all of
     * a partition's training rows (synchronous: as many partitions at once as an executor has cores; in rounds every partition
     * keeps its own batch, network and optimizer between rounds, all of them in this JVM in local mode), and Adam's batch in rounds
     * is each partition's own. Under -Xmx512m (local[2]), 16,000 rows in 2 partitions through 2,000 units ran out of memory in the
     * first step, L-BFGS synchronous and in rounds and Adam in rounds with batchSize 8,000 (the executor's OutOfMemoryError shut
     * the SparkContext down and ended the JVM). Here in a sixteenth of the budget (the fit's thread sharing it 16 ways): each of the
     * 2 partitions takes 0.75 of that share (the core's count of activations, Network.activationSize), more than its half, while
     * the 1,024 rows the driver counted take less than a tenth of it; before this check all three fits trained. The refusal
     * names both sharings (it said "shared by the 32 partitions ...").
     */
    @Test
    void aPartitionsBatchBeyondItsShareOfTheMemoryIsRefusedBeforeTraining() {
        var spec = new org.dendrite.core.network.NetworkSpec(List.of(new org.dendrite.core.layer.DenseSpec(2000,
                new org.dendrite.core.activation.Relu())));
        double share = org.dendrite.core.data.HeapBudget.bytes() / 16;
        double perRow = (double) org.dendrite.core.network.Network.ACTIVATION_BYTES * org.dendrite.core.network.Network.activationSize(spec, 2, 2, 1);
        int perPartition = (int) (0.75 * share / perRow);
        List<Row> list = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * perPartition; i++) list.add(RowFactory.create(Vectors.dense(i % 13, i % 7), (double) (i % 2)));
        Dataset<Row> df = SparkTestSupport.spark().createDataFrame(list, SCHEMA).repartition(2);
        java.util.function.Function<DendriteClassifier, IllegalArgumentException> refused = c -> assertThrows(IllegalArgumentException.class,
                () -> org.dendrite.core.data.HeapBudget.sharedBy(16, () -> c.setHiddenLayers("2000").setActivation("relu").setEpochs(1)
                        .setValidationFraction(0).setPatience(0).setTrainingPartitions(2).fit(df)));
        var rounds = refused.apply(new DendriteClassifier().setOptimizer("lbfgs"));
        assertTrue(rounds.getMessage().startsWith("Param hiddenLayers: The network for 2 inputs and 2 outputs with hidden layers of 2000 units")
                && rounds.getMessage().contains(String.format(java.util.Locale.ROOT, "a batch of %,d rows through it", perPartition))
                // the sharers as they are: 16 trials (the thread's sharing), 2 partitions in each one's share (it said "shared by
                // the 32 partitions whose inner state ...", the two sharings multiplied into one)
                && rounds.getMessage().contains("50% of this JVM's largest heap, shared by the 16 trials a search trains at once (its threads), "
                        + "and each one's share by the 2 partitions whose inner state (network, optimizer and batch) this JVM keeps between "
                        + "rounds (every partition, in local mode)")
                && rounds.getMessage().contains(String.format(java.util.Locale.ROOT, "localSteps 1 (in rounds each partition keeps its batch of "
                        + "all its training rows, up to %,d here, from round to round", perPartition)), rounds.getMessage());
        var adam = refused.apply(new DendriteClassifier().setOptimizer("adam").setLocalSteps(2).setBatchSize(perPartition));
        assertTrue(adam.getMessage().contains(String.format(java.util.Locale.ROOT, "a batch of %,d rows through it", perPartition))
                && adam.getMessage().contains(", a smaller batch,"), adam.getMessage());
        if (SparkJobs.executorCores(SparkTestSupport.spark().sparkContext().getConf()) >= 2) {
            // synchronous steps: the partitions at once are the executor's cores (the JVM's processors in local mode)
            var sync = refused.apply(new DendriteClassifier().setOptimizer("lbfgs").setLocalSteps(1));
            assertTrue(sync.getMessage().contains(String.format(java.util.Locale.ROOT, "a batch of %,d rows through it", perPartition))
                    && sync.getMessage().contains("partitions an executor trains at once (its cores)")
                    && sync.getMessage().contains("more partitions (repartition the input and set trainingPartitions to as many"), sync.getMessage());
        }
    }

    /**
     * Without class metadata, a label beyond 99 (an identifier column taken for the label) is refused
     * as Spark's own classifiers refuse it, naming the column and StringIndexer; metadata declaring the
     * classes lets any number through.
     */
    @Test
    void labelsBeyondAHundredClassesNeedTheirMetadata() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1).fit(rows(0, 1, 0, 1, 0, 4_000_000_000.0)));
        assertTrue(e.getMessage().contains("Column 'label' holds the label 4.0E9") && e.getMessage().contains("StringIndexer"), e.getMessage());
        // the limit is Spark's: labels 0..99 are inferred as 100 classes, 100 is refused
        assertEquals(100, new DendriteClassifier().setEpochs(1).fit(rows(0, 1, 0, 1, 0, 99)).numClasses());
        assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1).fit(rows(0, 1, 0, 1, 0, 100)));
        assertEquals(150, new DendriteClassifier().setEpochs(1).fit(declared(rows(0, 1, 0, 1, 0, 120), 150)).numClasses());
        // metadata declaring 2^31 - 1 classes (one value per row of an identifier column, or damaged metadata) is refused before any
        // job, instead of making a name per class on the driver; 2^16 classes are the most a classifier takes
        var many = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1)
                .fit(declared(rows(0, 1, 0, 1, 0, 1), Integer.MAX_VALUE)));
        assertEquals("Column 'label' declares 2147483647 classes in its metadata, more than the 65536 a Dendrite classifier takes; check that "
                + "this is the label column (an identifier indexed by StringIndexer declares a class per distinct value)", many.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().fit(declared(rows(0, 1), 65_537)));
        // the same for a nominal feature's categories in the features' metadata (as VectorAssembler keeps StringIndexer's)
        var group = new org.apache.spark.ml.attribute.AttributeGroup("features", new org.apache.spark.ml.attribute.Attribute[] {
            org.apache.spark.ml.attribute.NumericAttribute.defaultAttr(), NominalAttribute.defaultAttr().withNumValues(Integer.MAX_VALUE),
            org.apache.spark.ml.attribute.NumericAttribute.defaultAttr()});
        var wide = rows(0, 1, 0, 1).withColumn("features", functions.col("features").as("features", group.toMetadata()));
        assertEquals("Column 'features[1]' declares 2147483647 categories in the features' metadata, more than the 65536 a nominal feature "
                + "may have (each is an input); index fewer values, or assemble it without its nominal metadata to read it as a number",
                assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1).fit(wide)).getMessage());
    }

    /**
     * A sparse vector declaring 2^31 - 1 elements (two values; a few bytes in a libsvm file) is refused
     * by its size before it is made dense, in training (the first pass) and in scoring, instead of
     * taking the executor's heap.
     */
    @Test
    void aHugeSparseVectorIsRefusedByItsSize() {
        var spark = SparkTestSupport.spark();
        var huge = Vectors.sparse(Integer.MAX_VALUE, new int[] {0, 5}, new double[] {1, 2});
        var train = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2, 3), 0.0), RowFactory.create(huge, 1.0)), SCHEMA).coalesce(1);
        var e = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1).fit(train));
        assertEquals("Column 'features' holds a vector of size 2147483647 (row 1 of partition 0); expected size 3 (as in the first rows)",
                e.getMessage());
        var first = spark.createDataFrame(List.of(RowFactory.create(huge, 1.0), RowFactory.create(Vectors.dense(1, 2, 3), 0.0)), SCHEMA).coalesce(1);
        e = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1).fit(first));
        assertTrue(e.getMessage().startsWith("Column 'features' holds a vector of size 2147483647 (row 0 of partition 0); the rows are trained on "
                + "as dense values"), e.getMessage());
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(1).fit(rows(0, 1, 0, 1, 0, 1));
        var score = spark.createDataFrame(List.of(RowFactory.create(huge, 0.0)), SCHEMA);
        Throwable t = rootCause(assertThrows(Exception.class, () -> m.transform(score).collectAsList()));
        assertEquals("Column 'features' holds a vector of size 2147483647; the model was trained on size 3", t.getMessage());
    }

    /**
     * A search's sample reaches the driver dense: 80 sparse rows of a width whose dense row is allowed
     * (1/128 of the heap, half the per-row limit of 1/64) would take 80/128 of the heap, 1.25x the half
     * the sample may take; refused before it is collected, naming the sample, its rows and width and
     * what to do (without the check the sample is collected and broadcast: 0.625 of the heap, twice).
     */
    @Test
    void aSearchSampleBeyondTheDriversHeapIsRefusedBeforeItIsCollected() {
        int width = (int) (Runtime.getRuntime().maxMemory() / 128 / Double.BYTES);
        List<Row> wide = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) wide.add(RowFactory.create(Vectors.sparse(width, new int[] {i}, new double[] {1}), (double) (i % 2)));
        var df = SparkTestSupport.spark().createDataFrame(wide, SCHEMA).coalesce(1);
        String search = "{\"space\": {\"parameters\": {\"l2\": [0.001, 0.01]}}}";
        var e = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(9).setSearchJson(search).fit(df));
        assertTrue(e.getMessage().startsWith("The search's sample: 80 rows of " + width + " input columns are held dense as doubles, ")
                && e.getMessage().endsWith("Lower searchSampleRows, use fewer features, or give the driver more memory (spark.driver.memory)."),
                e.getMessage());
    }

    /**
     * Held-out rows whose predictions (gathered on the driver every epoch) would take more than half of
     * spark.driver.maxResultSize are refused before training, with the fraction that fits: 40,000,000
     * held-out rows of 5 classes take 7 x 4 bytes each, 1,068 MB, against 512 MB of a 1 GB limit;
     * 0.1 x 512 / 1,068 = 0.0479, 0.047 rounded down.
     */
    @Test
    void heldOutRowsBeyondTheDriversResultLimitAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> org.dendrite.core.data.ShardPass.requireHeldOutFits(40_000_000, 5, 0.1, 1L << 30));
        assertEquals("validationFraction 0.1 holds out 40000000 rows, whose predictions the driver gathers every epoch to measure them (1068 MB, "
                + "more than half of spark.driver.maxResultSize, 1024 MB): use a validationFraction of at most 0.047, or raise "
                + "spark.driver.maxResultSize", e.getMessage());
        org.dendrite.core.data.ShardPass.requireHeldOutFits(19_000_000, 5, 0.1, 1L << 30);
        org.dendrite.core.data.ShardPass.requireHeldOutFits(40_000_000, 5, 0.1, 0);
    }

    /** Columns of the wrong type are refused naming the column, its type and what is expected, before any job. */
    @Test
    void columnsOfTheWrongTypeAreRefused() {
        var spark = SparkTestSupport.spark();
        StructType textLabel = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.StringType);
        var text = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), "yes")), textLabel);
        assertEquals("Column 'label' has type string; expected a numeric column",
                assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().fit(text)).getMessage());
        StructType plain = new StructType().add("features", DataTypes.DoubleType).add("label", DataTypes.DoubleType);
        var number = spark.createDataFrame(List.of(RowFactory.create(1.0, 0.0)), plain);
        assertEquals("Column 'features' has type double; expected a Vector (e.g. from VectorAssembler)",
                assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().fit(number)).getMessage());
        // the RDD-based API's vector, which prints as "vector" too: named, with the conversion
        StructType old = new StructType().add("features", new org.apache.spark.mllib.linalg.VectorUDT()).add("label", DataTypes.DoubleType);
        assertEquals("Column 'features' has type vector (org.apache.spark.mllib.linalg.VectorUDT, the RDD-based API's; convert it with "
                + "org.apache.spark.mllib.util.MLUtils.convertVectorColumnsToML); expected a Vector (e.g. from VectorAssembler)",
                assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().transformSchema(old)).getMessage());
        assertEquals("Column 'w' is missing; expected a numeric column. Columns present: features, label",
                assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setWeightCol("w").fit(rows(0, 1))).getMessage());
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(1).fit(rows(0, 1, 0, 1, 0, 1));
        assertEquals("Column 'features' has type double; expected a Vector of size 3",
                assertThrows(IllegalArgumentException.class, () -> m.transform(number)).getMessage());
        assertEquals("Column 'vec' is missing; expected a Vector of size 3. Columns present: features, label",
                assertThrows(IllegalArgumentException.class, () -> m.setFeaturesCol("vec").transform(rows(0, 1))).getMessage());
        assertEquals("The core model holds a classifier (2 classes); DendriteRegressionModel needs a regression model: use "
                + "DendriteClassificationModel.fromCoreModel", assertThrows(IllegalArgumentException.class,
                () -> DendriteRegressionModel.fromCoreModel(m.coreModel())).getMessage());
    }

    /** Rows to score are checked as training rows are: a vector of another size or a non-finite value is refused naming the column. */
    @Test
    void rowsToScoreAreCheckedAsTrainingRowsAre() {
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(1).fit(rows(0, 1, 0, 1, 0, 1));
        var spark = SparkTestSupport.spark();
        var wide = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2, 3, 4), 0.0)), SCHEMA);
        Throwable e = rootCause(assertThrows(Exception.class, () -> m.transform(wide).collectAsList()));
        assertTrue(e instanceof IllegalArgumentException && e.getMessage().contains("Column 'features' holds a vector of size 4; the model was "
                + "trained on size 3"), String.valueOf(e));
        var inf = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, Double.POSITIVE_INFINITY, 3), 0.0)), SCHEMA);
        e = rootCause(assertThrows(Exception.class, () -> m.transform(inf).collectAsList()));
        assertTrue(e instanceof IllegalArgumentException && e.getMessage().equals("Column 'features' holds Infinity at features[1]; feature values "
                + "must be finite numbers (or NaN for a missing value)"), String.valueOf(e));
        // NaN is a missing value: imputed with the column's training mean, the centre the preprocessing keeps
        var nan = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, Double.NaN, 3), 0.0)), SCHEMA);
        double mean = m.coreModel().preprocessor().center()[1];
        Row scored = m.transform(nan).select("probability").first();
        assertArrayEquals(m.coreModel().predictRow(new double[] {1, mean, 3}), ((org.apache.spark.ml.linalg.Vector) scored.get(0)).toArray(), 0);
    }

    /**
     * Instance weights all below (or above) float32's range are taken by their ratios, as Weka takes
     * them (they were refused on Spark): weights of 1e-40 / 3 x (1, 2 or 3), or 1e35 x, train the model
     * the weights 1/3, 2/3 and 1 train (each over the largest), to float32's rounding of the divided
     * weights, on two partitions laid out alike (a DataFrame's repartition orders rows by their
     * contents, weights included, so it is not used); weights whose ratios float32 cannot hold are
     * refused naming the weight.
     */
    @Test
    void weightsBeyondFloat32AreTakenByTheirRatios() {
        StructType schema = SCHEMA.add("w", DataTypes.DoubleType);
        var jsc = new org.apache.spark.api.java.JavaSparkContext(SparkTestSupport.spark().sparkContext());
        java.util.function.DoubleFunction<Dataset<Row>> scaled = k -> {
            List<Row> rows = new java.util.ArrayList<>();
            java.util.SplittableRandom r = new java.util.SplittableRandom(3);
            for (int i = 0; i < 120; i++) {
                double a = r.nextGaussian(), b = r.nextGaussian();
                rows.add(RowFactory.create(Vectors.dense(a, b), a + b > 0 ? 1.0 : 0.0, k * (1 + i % 3)));
            }
            return SparkTestSupport.spark().createDataFrame(jsc.parallelize(rows, 2), schema);
        };
        DendriteClassifier est = new DendriteClassifier().setWeightCol("w").setEpochs(2).setHiddenLayers("8");
        var plain = ((DendriteClassificationModel) est.fit(scaled.apply(1.0 / 3))).coreModel();
        for (double k : new double[] {1e-40 / 3, 1e35}) {
            var far = ((DendriteClassificationModel) est.fit(scaled.apply(k))).coreModel();
            for (int i = 0; i < plain.network().parameters().size(); i++) {
                assertArrayEquals(plain.network().parameters().get(i).value(), far.network().parameters().get(i).value(), 1e-5f, "weights x " + k);
            }
        }
        List<Row> apart = List.of(RowFactory.create(Vectors.dense(1, 2), 0.0, 1e-40), RowFactory.create(Vectors.dense(2, 1), 1.0, 1e10),
                RowFactory.create(Vectors.dense(0, 1), 1.0, 1.0));
        var e = assertThrows(IllegalArgumentException.class, () -> est.fit(SparkTestSupport.spark().createDataFrame(apart, schema).coalesce(1)));
        assertTrue(e.getMessage().startsWith("Column 'w' holds the weight 1.0E-40 (row 0 of partition 0); weights must be 0 or between"), e.getMessage());
    }

    /**
     * A partition whose rows all weigh 0 (rows a user excludes by weight, sorted together) trains as
     * any other: it adds nothing, in rounds and in synchronous mode alike, and the zero-weight rows'
     * labels (all flipped here) do not reach the model.
     */
    @Test
    void aPartitionOfZeroWeightsAddsNothing() {
        StructType schema = SCHEMA.add("w", DataTypes.DoubleType);
        List<Row> rows = new java.util.ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 400; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian();
            double y = a + b > 0 ? 1 : 0;
            // the first half (partition 0) weighs 0 and has every label flipped
            rows.add(RowFactory.create(Vectors.dense(a, b), i < 200 ? 1 - y : y, i < 200 ? 0.0 : 1.0));
        }
        Dataset<Row> df = SparkTestSupport.spark().createDataFrame(rows, schema).repartition(2, functions.col("w"));
        assertEquals(2, df.rdd().getNumPartitions());
        for (int steps : new int[] {0, 1}) {
            DendriteClassificationModel m = (DendriteClassificationModel) new DendriteClassifier().setWeightCol("w").setEpochs(5)
                    .setLocalSteps(steps).setHiddenLayers("8").fit(df);
            long right = m.transform(df.filter("w > 0")).filter("prediction = label").count();
            assertTrue(right >= 180, "localSteps " + steps + ": " + right + " of 200 weighted rows right");
        }
    }

    /**
     * Rows of one class among those of weight above 0 are refused saying so: the label column holds 0s
     * and 1s, but the 0s all weigh 0 (removed before training); the message said the column had "only
     * one class ('1')" and named no weight.
     */
    @Test
    void oneClassAmongTheWeighedRowsNamesTheWeightColumn() {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) rows.add(RowFactory.create(Vectors.dense(i, -i, i % 3), (double) (i % 2), (double) (i % 2)));
        var df = SparkTestSupport.spark().createDataFrame(rows, SCHEMA.add("w", DataTypes.DoubleType));
        assertEquals("Column 'label' has only one class ('1') in the training data (its rows of weight above 0 in column 'w': a row of "
                + "weight 0 is removed before training); a classifier needs rows of at least two classes",
                assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setWeightCol("w").setEpochs(1).fit(df)).getMessage());
    }

    /**
     * Rows of weight 0 are rows that are not there, on Spark as on one machine: 200 of them (labels
     * flipped, features x 100 + 500) among 200 weighted rows give, bit for bit, the model fitted on the
     * weighted rows alone (the same partitions, filtered), in rounds and in synchronous mode, with the
     * width chosen from the number of rows, a validation split and a data-dependent initialization
     * (the width had been chosen from all 400 rows, and the initialization's sample had drawn rows of
     * weight 0); rows that all weigh 0 are refused naming the weight column; their labels still count
     * as classes.
     */
    @Test
    void rowsOfWeightZeroAreRowsThatAreNotThere() {
        StructType schema = SCHEMA.add("w", DataTypes.DoubleType);
        List<Row> rows = new java.util.ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int i = 0; i < 400; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian();
            boolean absent = i % 2 == 0;
            double y = (a + b > 0) != absent ? 1 : 0;
            rows.add(RowFactory.create(absent ? Vectors.dense(a * 100 + 500, b * 100 + 500) : Vectors.dense(a, b), y, absent ? 0.0 : 1.0 + i % 3));
        }
        Dataset<Row> df = SparkTestSupport.spark().createDataFrame(rows, schema).repartition(2).cache();
        Dataset<Row> weighed = df.filter("w > 0");
        for (int steps : new int[] {0, 1}) {
            DendriteClassifier est = new DendriteClassifier().setWeightCol("w").setEpochs(3).setLocalSteps(steps).setHiddenLayers("0")
                    .setDataInit("biases").setValidationFraction(0.2);
            DendriteClassificationModel a = est.fit(df), b = est.fit(weighed);
            assertEquals(b.coreModel().provenance().config(), a.coreModel().provenance().config(), "localSteps " + steps);
            for (Row row : weighed.collectAsList()) {
                double[] x = ((org.apache.spark.ml.linalg.Vector) row.get(0)).toArray();
                assertArrayEquals(b.coreModel().predictRow(x), a.coreModel().predictRow(x), 0, "localSteps " + steps);
            }
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setWeightCol("w").setEpochs(1)
                .fit(df.withColumn("w", functions.lit(0.0))));
        assertEquals("Every training row has instance weight 0 (column 'w'): nothing to learn from (a row of weight 0 is removed before "
                + "training)", e.getMessage());
        // a label only rows of weight 0 hold is still a class, as Spark counts classes from the largest label (and Weka's header
        // declares them): 3 classes, not 2
        Dataset<Row> third = df.withColumn("label", functions.when(functions.col("w").equalTo(0.0), 2.0).otherwise(functions.col("label")));
        assertEquals(3, new DendriteClassifier().setWeightCol("w").setEpochs(1).fit(third).numClasses());
        df.unpersist();
        // a fraction that leaves no training rows is named as the param
        Dataset<Row> few = SparkTestSupport.spark().createDataFrame(rows.subList(0, 10), schema).coalesce(1);
        var f = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setValidationFraction(0.99).setEpochs(1).fit(few));
        assertEquals("Param validationFraction: A validation fraction of 0.99 leaves 0 training and 10 validation rows out of 10; both need at "
                + "least one", f.getMessage());
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    /**
     * The scalar params reach the core configuration as set (each expected value is the param's own),
     * survive a copy, and a value out of range is refused when set, naming the param.
     */
    @Test
    void scalarParamsReachTheCoreConfiguration() {
        DendriteClassifier c = new DendriteClassifier().setHiddenLayers("32,16").setActivation("gelu").setDropout(0.2)
                .setOptimizer("sgd").setLearningRate(0.05).setL2(0.02).setL2FullRows(500).setValidationFraction(0.25).setPatience(7)
                .setBatchSize(48).setEpochs(9).setSeed(11);
        var config = c.trainingConfig();
        assertEquals(new org.dendrite.core.network.NetworkSpec(List.of(new org.dendrite.core.layer.DenseSpec(32, new org.dendrite.core.activation.Gelu(),
                null, true, org.dendrite.core.layer.DenseSpec.BatchNorm.NONE, 0.2), new org.dendrite.core.layer.DenseSpec(16,
                new org.dendrite.core.activation.Gelu(), null, true, org.dendrite.core.layer.DenseSpec.BatchNorm.NONE, 0.2))), config.network());
        assertEquals(org.dendrite.core.optim.Sgd.class, config.optimizer().getClass());
        assertEquals(0.05, config.optimizer().learningRate());
        assertEquals(0.02, config.regularization().l2());
        assertEquals(500, config.regularization().l2FullRows());
        assertEquals(0.25, config.validationFraction());
        assertEquals(7, config.earlyStopping().patience());
        assertEquals(48, config.batchSize());
        assertEquals(9, config.epochs());
        assertEquals(11, config.seed());
        assertEquals(config, c.copy(org.apache.spark.ml.param.ParamMap.empty()).trainingConfig());
        var l2 = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setL2(-1));
        assertTrue(l2.getMessage().startsWith("Param l2 = -1.0: "), l2.getMessage());
        var rate = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setLearningRate(0));
        assertTrue(rate.getMessage().startsWith("Param learningRate = 0.0: "), rate.getMessage());
    }

    /** The recipe's pieces as Spark params translate to exactly the core configuration, and bad values are refused naming the param. */
    @Test
    void recipeParamsReachTheCoreConfiguration() {
        DendriteClassifier c = new DendriteClassifier().setInputLayers("scale,periodic_embedding").setHiddenLayers("16")
                .setMembers(4).setScaling("robust").setLabelSmoothing(0.1);
        var config = c.trainingConfig();
        assertEquals(new org.dendrite.core.network.NetworkSpec(List.of(org.dendrite.core.layer.ScaleSpec.DEFAULT,
                org.dendrite.core.layer.PeriodicEmbeddingSpec.DEFAULT, new org.dendrite.core.layer.DenseSpec(16, new org.dendrite.core.activation.Relu())), 4),
                config.network());
        assertEquals(org.dendrite.core.data.PreprocessingConfig.Scaling.ROBUST, config.preprocessing().scaling());
        assertEquals(new org.dendrite.core.loss.SoftmaxCrossEntropy(0.1), config.loss());
        var members = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setMembers(0));
        assertTrue(members.getMessage().contains("members") && members.getMessage().contains("Invalid members: 0"), members.getMessage());
        var outer = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setOuterOptimizer("adam"));
        assertTrue(outer.getMessage().contains("outerOptimizer = adam") && outer.getMessage().contains("allowed: average, nesterov"),
                outer.getMessage());
        var layers = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setInputLayers("scale,fourier"));
        assertTrue(layers.getMessage().contains("inputLayers") && layers.getMessage().contains("fourier"), layers.getMessage());
        var scaling = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setScaling("minmax"));
        assertTrue(scaling.getMessage().contains("standard, robust"), scaling.getMessage());
        DendriteClassificationModel m = c.setEpochs(2).fit(rows(0, 1, 0, 1, 0, 1, 1, 0));
        assertEquals(2, m.numClasses());
    }

    @Test
    void outputColumnsThatAlreadyExistAreRefusedInTransformSchemaAndTransform() {
        Dataset<Row> df = rows(0, 1, 0, 1, 0, 1);
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(1).fit(df);
        Dataset<Row> scored = m.transform(df);
        for (String col : List.of("prediction", "probability", "rawPrediction")) {
            var schema = assertThrows(IllegalArgumentException.class, () -> m.transformSchema(scored.schema()));
            assertTrue(schema.getMessage().contains("already exists"), schema.getMessage());
            Dataset<Row> only = df.withColumn(col, functions.lit(0.0));
            var t = assertThrows(IllegalArgumentException.class, () -> m.transform(only));
            assertTrue(t.getMessage().contains("Column " + col + " already exists"), t.getMessage());
            // and by the estimator before it trains, as Spark's own refuse it (its model could not score these rows)
            var fit = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1).fit(only));
            assertEquals(t.getMessage(), fit.getMessage());
        }
        // another name is fine, and the schema then holds each name once
        StructType out = m.setPredictionCol("p2").transformSchema(df.withColumn("prediction", functions.lit(0.0)).drop("prediction").schema());
        assertEquals(1, java.util.Arrays.stream(out.fieldNames()).filter("p2"::equals).count());

        DendriteRegressionModel r = new DendriteRegressor().setEpochs(1).fit(rows(0.5, 1.5, 2.5, 3.5, 4.5, 5.5));
        var reg = assertThrows(IllegalArgumentException.class, () -> r.transform(r.transform(rows(1, 2, 3, 4, 5, 6))));
        assertTrue(reg.getMessage().contains("Column prediction already exists"), reg.getMessage());
    }

    /**
     * A label constant in every training row, its moments merged across partitions: the prediction is
     * the constant (scaled by 1, as until 2026-12-06, 1e-6 came out about 0.05 away here; the core's
     * TrainingControlTest has the single-machine case).
     */
    @Test
    void aConstantLabelIsPredictedInItsOwnUnits() {
        double[] labels = new double[60];
        java.util.Arrays.fill(labels, 1e-6);
        DendriteRegressionModel m = new DendriteRegressor().setEpochs(30).fit(rows(labels).repartition(3));
        for (Row r : m.transform(rows(1, 2, 3, 4, 5, 6)).select("prediction").collectAsList()) {
            assertEquals(1e-6, r.getDouble(0), 0);
        }
    }

    /**
     * Two classifiers in one Pipeline: the second writes its own probability, rawPrediction and
     * prediction columns, set on its estimator as on Spark's classifiers (before, the model's column
     * names could not be set, so the second stage failed on the first's "probability"); its columns
     * hold its own model's probabilities and their most probable class.
     */
    @Test
    void twoClassifiersInOnePipelineWriteTheirOwnColumns() {
        Dataset<Row> df = rows(0, 1, 0, 1, 0, 1, 1, 0);
        var second = new DendriteClassifier().setProbabilityCol("p2").setRawPredictionCol("r2").setPredictionCol("y2").setSeed(7).setEpochs(2);
        var pipeline = new org.apache.spark.ml.Pipeline().setStages(new org.apache.spark.ml.PipelineStage[] {
            new DendriteClassifier().setEpochs(2), second});
        var pm = pipeline.fit(df);
        Dataset<Row> out = pm.transform(df);
        List<String> columns = List.of("features", "label", "rawPrediction", "probability", "prediction", "r2", "p2", "y2");
        assertEquals(columns, List.of(out.schema().fieldNames()));
        // the schema the estimators promise (which Pipeline.fit checks first) is the one their models make
        assertEquals(columns, List.of(pipeline.transformSchema(df.schema()).fieldNames()));
        assertEquals(columns, List.of(pm.transformSchema(df.schema()).fieldNames()));
        DendriteClassificationModel m2 = (DendriteClassificationModel) pm.stages()[1];
        // an input column needs a name, on the estimator and on the model
        for (Runnable empty : List.<Runnable>of(() -> m2.setFeaturesCol(""), () -> second.setFeaturesCol(""), () -> second.setLabelCol(""))) {
            var e = assertThrows(IllegalArgumentException.class, empty::run);
            assertTrue(e.getMessage().matches("Param \\w+ = : allowed: a column name \\(not empty\\)"), e.getMessage());
        }
        for (Row r : out.select("features", "p2", "r2", "y2").collectAsList()) {
            double[] p = m2.coreModel().predictRow(((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray());
            assertArrayEquals(p, ((org.apache.spark.ml.linalg.Vector) r.get(1)).toArray(), 0);
            assertArrayEquals(p, ((org.apache.spark.ml.linalg.Vector) r.get(2)).toArray(), 0);
            assertEquals(p[1] > p[0] ? 1.0 : 0.0, r.getDouble(3));
        }
    }

    /**
     * The output columns carry the ML attribute metadata Spark's own classification models write (the
     * reference is Spark's LogisticRegressionModel on the same rows): the vectors' size, the prediction
     * as a nominal of k values; so a VectorAssembler stacking the probabilities learns their size without
     * looking at the rows (with handleInvalid "keep" it failed, "Can not infer column lengths"). The
     * estimator's schema declares none, as Spark's estimators do before the classes are known.
     */
    @Test
    void outputColumnsCarrySparksMetadata() {
        Dataset<Row> df = rows(0, 1, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2);
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(2).setDropout(0.1).fit(df);
        org.apache.spark.ml.classification.LogisticRegressionModel lr = new org.apache.spark.ml.classification.LogisticRegression().setMaxIter(5).fit(df);
        StructType ours = m.transform(df).schema(), spark = lr.transform(df).schema();
        for (String c : new String[] {"rawPrediction", "probability", "prediction"}) {
            // the prediction names its classes too, the label's numbers here, where Spark's gives their count only: IndexToString
            // then reads it (it failed with "None.get" after Spark's model, and after ours on StringIndexer's names "0", "1")
            org.apache.spark.sql.types.Metadata expected = !c.equals("prediction") ? spark.apply(c).metadata()
                    : org.apache.spark.ml.attribute.NominalAttribute.defaultAttr().withValues(new String[] {"0", "1", "2"}).toMetadata();
            assertEquals(expected, ours.apply(c).metadata(), c + " after transform");
            assertEquals(expected, m.transformSchema(df.schema()).apply(c).metadata(), c + " in transformSchema");
            assertEquals(org.apache.spark.sql.types.Metadata.empty(), new DendriteClassifier().transformSchema(df.schema()).apply(c).metadata(), c);
        }
        for (Row r : new org.apache.spark.ml.feature.IndexToString().setInputCol("prediction").setOutputCol("named").transform(m.transform(df))
                .select("prediction", "named").collectAsList()) {
            assertEquals(Integer.toString((int) r.getDouble(0)), r.getString(1));
        }
        Dataset<Row> stacked = new org.apache.spark.ml.feature.VectorAssembler().setInputCols(new String[] {"probability", "label"})
                .setOutputCol("stacked").setHandleInvalid("keep").transform(m.transform(df));
        assertEquals(4, ((org.apache.spark.ml.linalg.Vector) stacked.first().getAs("stacked")).size());
        // with Monte-Carlo passes too
        assertEquals(spark.apply("probability").metadata(), m.copy(new org.apache.spark.ml.param.ParamMap()).setMonteCarloPasses(2)
                .transform(df).schema().apply("rawPrediction").metadata());
    }

    /**
     * Category names that happen to be "0".."k-1" are names: a feature of the values "0" and "1"
     * indexed "1" first trains the model, and the same rows indexed "0" first (by frequency, or
     * alphabetically) are refused, as any other names in another order are (the names "0", "1" were
     * taken for numbers and not compared: 294 of 300 predictions flipped).
     */
    @Test
    void categoriesNamedLikeTheirIndicesAreComparedByName() {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) rows.add(RowFactory.create(i % 3 == 0 ? "1" : "0", i % 3 == 0 ? 1.0 : 0.0));
        Dataset<Row> df = SparkTestSupport.spark().createDataFrame(rows, new StructType().add("flag", DataTypes.StringType).add("label",
                DataTypes.DoubleType));
        java.util.function.Function<String, Dataset<Row>> indexed = order -> new org.apache.spark.ml.Pipeline().setStages(
                new org.apache.spark.ml.PipelineStage[] {new org.apache.spark.ml.feature.StringIndexer().setInputCol("flag").setOutputCol("flagIndex")
                        .setStringOrderType(order), new org.apache.spark.ml.feature.VectorAssembler().setInputCols(new String[] {"flagIndex"})
                        .setOutputCol("features")}).fit(df).transform(df);
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(2).fit(indexed.apply("alphabetDesc"));
        assertEquals(List.of("1", "0"), m.coreModel().preprocessor().columns().get(0).categories());
        assertEquals(60, m.transform(indexed.apply("alphabetDesc")).count(), "the same order is accepted");
        for (String order : List.of("frequencyDesc", "alphabetAsc")) {
            var e = assertThrows(IllegalArgumentException.class, () -> m.transform(indexed.apply(order)), order);
            assertTrue(e.getMessage().startsWith("Column 'flagIndex' names 2 categories in the features' metadata where the model was trained "
                    + "on 2, and they differ from index 0 on ('0' there, '1' in the model)"), e.getMessage());
        }
    }

    /**
     * An empty output column name leaves that column out, as Spark's own models read it (they were
     * refused: a pipeline written for Spark's classifiers, setting probabilityCol "" to skip the
     * vector, failed); the columns written hold what they hold with every output on, in Spark's order;
     * with none, the rows come back as they are. On the estimator too, and with Monte-Carlo dropout.
     */
    @Test
    void emptyOutputColumnsAreLeftOutAsInSparksModels() {
        Dataset<Row> df = rows(0, 1, 0, 1, 0, 1, 1, 0, 1, 0);
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(2).setDropout(0.2).fit(df);
        List<Row> all = m.transform(df).collectAsList();
        String[] outputs = {"rawPrediction", "probability", "prediction"};
        for (int mask = 0; mask < 8; mask++) {
            DendriteClassificationModel c = m.copy(new org.apache.spark.ml.param.ParamMap());
            List<String> kept = new java.util.ArrayList<>(List.of("features", "label"));
            for (int k = 0; k < 3; k++) {
                boolean on = (mask & (1 << k)) != 0;
                c.set(c.getParam(outputs[k] + "Col"), on ? "out" + k : "");
                if (on) kept.add("out" + k);
            }
            Dataset<Row> out = c.transform(df);
            assertEquals(kept, List.of(out.columns()), "mask " + mask);
            assertEquals(kept, List.of(c.transformSchema(df.schema()).fieldNames()), "mask " + mask);
            List<Row> rows = out.collectAsList();
            for (int i = 0; i < rows.size(); i++) {
                for (int k = 0, j = 2; k < 3; k++) {
                    if ((mask & (1 << k)) != 0) assertEquals(all.get(i).get(2 + k), rows.get(i).get(j++), "mask " + mask + " row " + i);
                }
            }
        }
        // Monte-Carlo passes: the uncertainty column alone, or the prediction without it
        DendriteClassificationModel mc = m.copy(new org.apache.spark.ml.param.ParamMap()).setMonteCarloPasses(4);
        List<Row> withAll = mc.transform(df).collectAsList();
        mc.setRawPredictionCol("").setProbabilityCol("").setPredictionCol("");
        List<Row> uncertaintyOnly = mc.transform(df).collectAsList();
        assertEquals(List.of("features", "label", "uncertainty"), List.of(mc.transform(df).columns()));
        for (int i = 0; i < withAll.size(); i++) assertEquals(withAll.get(i).get(5), uncertaintyOnly.get(i).get(2));
        mc.setPredictionCol("prediction").setUncertaintyCol("");
        assertEquals(List.of("features", "label", "prediction"), List.of(mc.transform(df).columns()));
        // nothing to write: the rows as they are; the regressor's model likewise
        DendriteRegressionModel r = new DendriteRegressor().setEpochs(2).setPredictionCol("").fit(df);
        assertEquals("", r.getPredictionCol(), "the estimator's empty column goes to its model");
        assertEquals(List.of("features", "label"), List.of(r.transform(df).columns()));
        assertEquals(df.collectAsList(), r.transform(df).collectAsList());
        DendriteClassificationModel none = new DendriteClassifier().setEpochs(1).setRawPredictionCol("").setProbabilityCol("").setPredictionCol("").fit(df);
        assertEquals(List.of("features", "label"), List.of(none.transform(df).columns()));
        assertEquals(List.of("features", "label", "prediction"), List.of(r.setPredictionCol("prediction").transform(df).columns()));
    }

    /**
     * thresholds choose the class as Spark's probabilistic classifiers do: the largest probability /
     * threshold, a threshold of 0 winning (Spark's ProbabilisticClassificationModel, by hand from the
     * probability column); set on the estimator or the model, kept by save and load; values Spark
     * refuses are refused when set, and a count other than the classes' before training when the label's
     * metadata declares them, else when the model is made or transforms.
     */
    @Test
    void thresholdsChooseTheClassAsSparksProbabilisticClassifiersDo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Dataset<Row> df = rows(0, 1, 0, 1, 0, 1, 1, 0, 1, 0);
        double[] t = {0.3, 0.7};
        DendriteClassificationModel m = new DendriteClassifier().setThresholds(t).setEpochs(3).fit(df);
        assertArrayEquals(t, m.getThresholds());
        for (Row r : m.transform(df).select("probability", "prediction").collectAsList()) {
            double[] p = ((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray();
            assertEquals(p[1] / 0.7 > p[0] / 0.3 ? 1.0 : 0.0, r.getDouble(1));
        }
        // a threshold of 0 makes its class the prediction of every row: both cannot be the most probable class
        double[] zeroFirst = predictionsOf(m.copy(new org.apache.spark.ml.param.ParamMap()).setThresholds(new double[] {0, 1}), df);
        double[] zeroSecond = predictionsOf(m.copy(new org.apache.spark.ml.param.ParamMap()).setThresholds(new double[] {1, 0}), df);
        for (int i = 0; i < zeroFirst.length; i++) {
            assertEquals(0.0, zeroFirst[i]);
            assertEquals(1.0, zeroSecond[i]);
        }
        m.write().save(dir.resolve("m").toString());
        DendriteClassificationModel loaded = DendriteClassificationModel.load(dir.resolve("m").toString());
        assertArrayEquals(t, loaded.getThresholds());
        assertArrayEquals(predictionsOf(m, df), predictionsOf(loaded, df));
        DendriteClassifier estimator = new DendriteClassifier().setThresholds(t).setProbabilityCol("p");
        estimator.write().save(dir.resolve("estimator").toString());
        DendriteClassifier back = DendriteClassifier.load(dir.resolve("estimator").toString());
        assertArrayEquals(t, back.getThresholds());
        assertEquals("p", back.getOrDefault(back.probabilityCol()));
        assertTrue(back.explainParams().contains("thresholds: one threshold per class"), back.explainParams());

        for (double[] bad : new double[][] {{-1, 1}, {0, 0}, {Double.NaN, 1}, {1}}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setThresholds(bad));
            assertEquals("Param thresholds = " + java.util.Arrays.toString(bad) + ": allowed are one value per class (at least two), each >= 0, "
                    + "at most one of them 0", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.setThresholds(bad));
        }
        double[] three = {1, 1, 1};
        var before = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setThresholds(three).fit(declared(df, 2)));
        assertEquals("Param thresholds has 3 values, but the label column declares 2 classes (one threshold per class, in label order)",
                before.getMessage());
        // without metadata, as soon as the first pass has found the classes (it was after the whole training)
        var after = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setThresholds(three).setEpochs(1000).fit(df));
        assertEquals("Param thresholds has 3 values, but the training rows have 2 classes (one threshold per class, in label order)",
                after.getMessage());
        var transform = assertThrows(IllegalArgumentException.class, () -> m.copy(new org.apache.spark.ml.param.ParamMap()).setThresholds(three)
                .transform(df));
        assertEquals("Param thresholds has 3 values, but the model has 2 classes (one threshold per class, in label order)", transform.getMessage());
    }

    /**
     * One row scored without a DataFrame (Spark's predict, predictProbability and predictRaw, for
     * serving) gives what transform writes for it, thresholds included; numFeatures is the vector's size.
     */
    @Test
    void oneRowPredictionsEqualTransformsColumns() {
        Dataset<Row> df = rows(0, 1, 0, 1, 0, 1, 1, 0);
        DendriteClassificationModel c = new DendriteClassifier().setThresholds(new double[] {0.4, 0.6}).setEpochs(2).fit(df);
        assertEquals(3, c.numFeatures());
        for (Row r : c.transform(df).select("features", "probability", "rawPrediction", "prediction").collectAsList()) {
            org.apache.spark.ml.linalg.Vector x = (org.apache.spark.ml.linalg.Vector) r.get(0);
            assertEquals(r.get(1), c.predictProbability(x));
            assertEquals(r.get(2), c.predictRaw(x));
            assertEquals(r.getDouble(3), c.predict(x));
        }
        DendriteRegressionModel m = new DendriteRegressor().setEpochs(2).fit(rows(0.5, 1.5, 2.5, 3.5, 4.5, 5.5));
        for (Row r : m.transform(df).select("features", "prediction").collectAsList()) {
            assertEquals(r.getDouble(1), m.predict((org.apache.spark.ml.linalg.Vector) r.get(0)));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> c.predict(Vectors.dense(1, 2)));
        assertEquals("Column 'features' holds a vector of size 2; the model was trained on size 3", e.getMessage());
    }

    /**
     * What Spark's machinery meets: an unrelated input column whose name holds a dot (flattened JSON)
     * made the classification model's transform fail (Spark parsed the name as a struct's field); a
     * fit left its last job description ("Dendrite epoch ...") on the caller's thread, naming the
     * user's next jobs, and replaced the user's own; a param set by name with a value of another type
     * was a bare ClassCastException, or was taken and failed at fit.
     */
    @Test
    void dottedColumnsJobDescriptionsAndParamsSetByName() throws Exception {
        Dataset<Row> df = rows(0, 1, 0, 1, 0, 1, 1, 0, 1, 0).withColumn("user.id", functions.lit(7)).withColumn("`q`", functions.lit(1));
        var sc = SparkTestSupport.spark().sparkContext();
        sc.setJobDescription("the user's own");
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(2).fit(df);
        assertEquals("the user's own", sc.getLocalProperty("spark.job.description"));
        sc.setJobDescription(null);
        new DendriteRegressor().setEpochs(2).fit(df);
        assertEquals(null, sc.getLocalProperty("spark.job.description"));
        Dataset<Row> out = m.transform(df);
        // Spark's probabilistic classifiers' order of the outputs
        assertEquals(List.of("features", "label", "user.id", "`q`", "rawPrediction", "probability", "prediction"), List.of(out.columns()));
        assertEquals(10, out.count());
        // an input holding a name twice (a join's): the classifier's transform selected every column by name, and failed as ambiguous
        Dataset<Row> ids = df.withColumn("id", functions.lit(0L)), other = SparkTestSupport.spark().range(1).toDF("id");
        Dataset<Row> joined = ids.join(other, ids.col("id").equalTo(other.col("id")));
        DendriteClassificationModel withDropout = new DendriteClassifier().setEpochs(2).setDropout(0.2).fit(df);
        for (int passes : new int[] {0, 3}) {
            DendriteClassificationModel mc = withDropout.copy(new org.apache.spark.ml.param.ParamMap()).setMonteCarloPasses(passes);
            Dataset<Row> twice = mc.transform(joined);
            assertEquals(10, twice.count());
            assertEquals(2, java.util.Arrays.stream(twice.columns()).filter("id"::equals).count(), "both id columns kept");
            assertEquals(List.of(mc.transformSchema(joined.schema()).fieldNames()), List.of(twice.columns()),
                    "transform's columns are the ones transformSchema promises");
        }
        DendriteClassifier c = new DendriteClassifier();
        for (Object[] bad : new Object[][] {{"learningRate", "0.1", "is a String; allowed: a Double"}, {"epochs", 5L, "is a Long; allowed: an Integer"},
                {"seed", 3, "is an Integer; allowed: a Long"}, {"hiddenLayers", 16, "is an Integer; allowed: a String"}}) {
            var e = assertThrows(IllegalArgumentException.class, () -> c.set((String) bad[0], bad[1]));
            assertEquals("Param " + bad[0] + " = " + bad[1] + " " + bad[2], e.getMessage());
        }
        // thresholds by name as text: it was a bare ClassCastException; networkJson "null" was taken, then the fit failed with a NullPointerException
        var t = assertThrows(IllegalArgumentException.class, () -> c.set("thresholds", "0.5,0.5"));
        assertEquals("Param thresholds = 0.5,0.5 is a String; allowed: a double[]", t.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.set("thresholds", "0.5,0.5"));
        var n = assertThrows(IllegalArgumentException.class, () -> c.setNetworkJson("null"));
        assertTrue(n.getMessage().startsWith("Param networkJson = null: ") && n.getMessage().contains("$: null is not allowed here"), n.getMessage());
        // names in any case, as activation and scaling took them (optimizer "ADAM" was refused); an empty entry is refused in
        // inputLayers as in hiddenLayers (it was skipped there)
        assertEquals("adam", new DendriteClassifier().setOptimizer(" ADAM ").trainingConfig().optimizer().name());
        var empty = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setInputLayers("scale,,scale"));
        assertEquals("Param inputLayers = scale,,scale: Invalid inputLayers: '' (allowed: category_embedding, scale, periodic_embedding, "
                + "comma-separated, or empty)", empty.getMessage());
        assertEquals(2, new DendriteClassifier().setInputLayers(" scale, scale ").trainingConfig().network().layers().stream()
                .filter(l -> l instanceof org.dendrite.core.layer.ScaleSpec).count());
        // a network too large, refused at fit: named as the param that makes it (the core's setting is "units"), and before the job
        // that fills the cached blocks (on 2^18 hashed features that pass took a minute, then the refusal came)
        try (JobNames names = new JobNames(sc)) {
            List<String> jobs = names.jobs;
            var large = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setHiddenLayers("1500000000").fit(df));
            assertTrue(large.getMessage().startsWith("Param hiddenLayers: The network for 3 inputs and 2 outputs with hidden layers of 1500000000 "
                    + "units"), large.getMessage());
            waitForListeners(sc);
            assertTrue(jobs.contains("Dendrite: column statistics for the preprocessing") && !jobs.contains(SparkTraining.BLOCKS_JOB), jobs.toString());
            new DendriteClassifier().setEpochs(1).fit(df);
            waitForListeners(sc);
            assertTrue(jobs.contains(SparkTraining.BLOCKS_JOB), "a fit that trains runs it: " + jobs);
        }
    }

    /**
     * Every job a fit, lrRangeTest or overfitCheck runs carries a Dendrite description in the Spark UI: on an input after
     * repartition(2), Spark's adaptive execution ran the shuffle when the fit took the input's RDD, a job without a
     * description (found with a SparkListener reading spark.job.description, as Spark's UI shows it).
     */
    @Test
    void aShuffledInputsFirstJobIsNamedToo() throws Exception {
        org.apache.spark.SparkContext sc = SparkTestSupport.spark().sparkContext();
        Dataset<Row> df = SparkTestSupport.csv("diabetes-regression.csv", false).repartition(2);
        try (JobNames names = new JobNames(sc)) {
            List<String> jobs = names.jobs;
            DendriteRegressor r = new DendriteRegressor().setEpochs(1);
            r.fit(df);
            r.overfitCheck(df);
            waitForListeners(sc);
            assertTrue(jobs.contains(SparkTraining.INPUT_JOB), jobs.toString());
            assertTrue(jobs.stream().allMatch(j -> j.startsWith("Dendrite")), jobs.toString());
        }
    }

    /** The descriptions (as the Spark UI shows them) of the jobs started while it is open. */
    private static final class JobNames extends org.apache.spark.scheduler.SparkListener implements AutoCloseable {
        final List<String> jobs = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private final org.apache.spark.SparkContext sc;

        JobNames(org.apache.spark.SparkContext sc) {
            this.sc = sc;
            sc.addSparkListener(this);
        }

        @Override
        public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
            jobs.add(String.valueOf(start.properties().getProperty("spark.job.description")));
        }

        @Override
        public void close() {
            sc.removeSparkListener(this);
        }
    }

    /** Waits until the listener bus has delivered the events posted so far. */
    private static void waitForListeners(org.apache.spark.SparkContext sc) throws Exception {
        sc.listenerBus().waitUntilEmpty(10_000);
    }

    private static double[] predictionsOf(DendriteClassificationModel m, Dataset<Row> df) {
        return m.transform(df).select("prediction").collectAsList().stream().mapToDouble(r -> r.getDouble(0)).toArray();
    }

    /**
     * Spark's accessor convention, as its own estimators and models follow it: every param has a getter
     * get<Name> returning its value (the thresholds: null while unset); an estimator's params and a
     * model's output params (columns, thresholds, Monte-Carlo passes) a setter set<Name> returning the
     * concrete class, so that a chain of setters is still a DendriteClassifier (a chain on the base
     * class's setters needed a cast); the params a model was fitted with are its estimator's, read-only
     * on the model (as on Spark's: LogisticRegressionModel has getRegParam, no setRegParam).
     */
    /** The type {@code m} returns on {@code type}: a type variable of the generic base class resolved to its binding there. */
    private static java.lang.reflect.Type returned(Class<?> type, java.lang.reflect.Method m) {
        if (!(m.getGenericReturnType() instanceof java.lang.reflect.TypeVariable<?> v)) return m.getReturnType();
        return bound(type, m.getDeclaringClass(), v.getName(), java.util.Map.of());
    }

    /**
     * Type variable {@code v} of class or interface {@code declaring}, as {@code t} (a supertype of the
     * concrete class, its variables bound by {@code env}) binds it along its superclass and interfaces.
     */
    private static java.lang.reflect.Type bound(java.lang.reflect.Type t, Class<?> declaring, String v, java.util.Map<String, java.lang.reflect.Type> env) {
        Class<?> raw = t instanceof java.lang.reflect.ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
        java.util.Map<String, java.lang.reflect.Type> here = new java.util.HashMap<>();
        if (t instanceof java.lang.reflect.ParameterizedType p) {
            for (int i = 0; i < raw.getTypeParameters().length; i++) {
                java.lang.reflect.Type a = p.getActualTypeArguments()[i];
                here.put(raw.getTypeParameters()[i].getName(), a instanceof java.lang.reflect.TypeVariable<?> tv ? env.getOrDefault(tv.getName(), a) : a);
            }
        }
        if (raw == declaring) return here.get(v);
        java.util.List<java.lang.reflect.Type> supers = new java.util.ArrayList<>(java.util.List.of(raw.getGenericInterfaces()));
        if (raw.getGenericSuperclass() != null) supers.add(raw.getGenericSuperclass());
        for (var s : supers) {
            java.lang.reflect.Type r = bound(s, declaring, v, here);
            if (r != null) return r;
        }
        return null;
    }

    /** The params a fitted model may be given a new value of: the columns it writes, the thresholds and Monte-Carlo passes. */
    private static final java.util.Set<String> MODEL_SETTABLE = java.util.Set.of("featuresCol", "predictionCol", "probabilityCol",
            "rawPredictionCol", "thresholds", "monteCarloPasses", "uncertaintyCol");

    @Test
    void everyParamHasAGetterOfItsValueAndASetterReturningTheConcreteClass() throws Exception {
        var model = new DendriteClassifier().setEpochs(1).fit(rows(0, 1, 0, 1, 0, 1));
        List<org.apache.spark.ml.param.Params> all = List.of(new DendriteClassifier().setEpochs(3).setThresholds(new double[] {1, 2}),
                new DendriteRegressor().setL2(0.5), model, new DendriteRegressor().setEpochs(1).fit(rows(0, 1, 2, 3, 4, 5)));
        for (var owner : all) {
            assertTrue(owner.params().length >= 5, owner.getClass().getSimpleName());
            for (var p : owner.params()) {
                String name = Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1);
                Object got = owner.getClass().getMethod("get" + name).invoke(owner);
                if (owner.isDefined(p)) {
                    Object expected = owner.getOrDefault(p);
                    if (expected instanceof double[] d) assertArrayEquals(d, (double[]) got, p.name());
                    else assertEquals(expected, got, owner.getClass().getSimpleName() + "." + p.name());
                } else {
                    assertEquals(null, got, p.name());
                }
                var setter = java.util.Arrays.stream(owner.getClass().getMethods()).filter(m -> m.getName().equals("set" + name)
                        && m.getParameterCount() == 1 && !m.isBridge()).findFirst();
                boolean settable = owner instanceof org.apache.spark.ml.Estimator<?> || MODEL_SETTABLE.contains(p.name());
                assertEquals(settable, setter.isPresent(), owner.getClass().getSimpleName() + " has " + (settable ? "no " : "") + "set" + name);
                if (!settable) continue;
                assertEquals(owner.getClass(), returned(owner.getClass(), setter.get()), owner.getClass().getSimpleName() + ".set" + name);
            }
        }
        DendriteClassifier chained = new DendriteClassifier().setEpochs(7).setLabelCol("y").setThresholds(new double[] {1, 1});
        assertEquals(7, chained.getEpochs());
        assertEquals("y", chained.getLabelCol());
        assertEquals(0.5, ((DendriteRegressor) all.get(1)).getL2());
        // and the models print themselves as Spark's do (LogisticRegressionModel: uid=..., numClasses=2, numFeatures=4)
        assertEquals("DendriteClassificationModel: uid=" + model.uid() + ", numClasses=2, numFeatures=3", model.toString());
        assertEquals("DendriteRegressionModel: uid=" + all.get(3).uid() + ", numFeatures=3", all.get(3).toString());
    }
    /**
     * A networkJson's members and dataInit were silently replaced by the params' defaults, and
     * inputLayers silently dropped beside it: the JSON's values hold unless the params are set, a
     * conflict is refused, and so is inputLayers with networkJson.
     */
    @Test
    void networkJsonKeepsItsMembersAndDataInitAndRefusesConflicts() {
        String json = "{\"layers\":[{\"type\":\"dense\",\"units\":4}],\"members\":4,\"dataInit\":\"scaled\"}";
        org.dendrite.core.network.NetworkSpec net = new DendriteClassifier().setNetworkJson(json).trainingConfig().network();
        assertEquals(4, net.members());
        assertEquals(org.dendrite.core.network.DataInit.SCALED, net.dataInit());
        assertEquals(4, new DendriteClassifier().setNetworkJson(json).setMembers(4).trainingConfig().network().members());
        String plain = "{\"layers\":[{\"type\":\"dense\",\"units\":4}]}";
        assertEquals(3, new DendriteClassifier().setNetworkJson(plain).setMembers(3).trainingConfig().network().members());
        var conflict = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setNetworkJson(json).setMembers(2).trainingConfig());
        assertEquals("Param members = 2 and networkJson's members (4) differ; give it in one place", conflict.getMessage());
        var input = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setNetworkJson(plain).setInputLayers("scale")
                .trainingConfig());
        assertEquals("Params networkJson and inputLayers are both set; networkJson is the whole network, its input layers too: put them in "
                + "its layers, or leave inputLayers empty", input.getMessage());
        // the layers' params beside it were silently not used (a grid over dropout trained one model)
        for (DendriteClassifier c : List.of(new DendriteClassifier().setDropout(0.4), new DendriteClassifier().setHiddenLayers("128,128"),
                new DendriteClassifier().setActivation("relu"), new DendriteClassifier().setBatchNorm("none"))) {
            String name = setParam(c);
            var beside = assertThrows(IllegalArgumentException.class, () -> c.setNetworkJson(plain).trainingConfig());
            assertEquals("Params networkJson and " + name + " are both set; networkJson is the whole network, its layers' units, activation, "
                    + "dropout and batch norm too: give " + name + " in its layers, or clear " + name, beside.getMessage());
        }
    }

    /**
     * A model trained on VectorAssembler's features keeps their names, so the same columns assembled
     * in another order are refused naming the first element out of place; they were scored silently
     * (iris: 50 of 150 right, against 146), as Spark's own models score them.
     */
    @Test
    void featuresAssembledInAnotherOrderAreRefusedNamingTheElement(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Dataset<Row> raw = SparkTestSupport.spark().read().option("header", true).option("inferSchema", true)
                .csv(SparkTestSupport.data("wisconsin-breast-cancer.csv").toString());
        String[] cols = raw.columns(), inputs = java.util.Arrays.copyOf(cols, cols.length - 1), reversed = inputs.clone();
        java.util.Collections.reverse(java.util.Arrays.asList(reversed));
        Dataset<Row> labeled = new org.apache.spark.ml.feature.StringIndexer().setInputCol(cols[cols.length - 1]).setOutputCol("label").fit(raw)
                .transform(raw);
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(1)
                .fit(new org.apache.spark.ml.feature.VectorAssembler().setInputCols(inputs).setOutputCol("features").transform(labeled));
        assertEquals(java.util.Arrays.asList(inputs), m.coreModel().preprocessor().columns().stream().map(org.dendrite.core.data.Column::name).toList());
        Dataset<Row> other = new org.apache.spark.ml.feature.VectorAssembler().setInputCols(reversed).setOutputCol("features").transform(labeled);
        var e = assertThrows(IllegalArgumentException.class, () -> m.transform(other));
        assertTrue(e.getMessage().startsWith("Column 'features' element 0 is '" + reversed[0] + "' in its metadata, but the model's input 0 is '"
                + inputs[0] + "': assemble the model's inputs in its order ("), e.getMessage());
        // a warm start from the model on them is refused before any job: it trained in full, then the model refused them (here a
        // null label, which the first pass would name, shows that no pass ran)
        org.dendrite.core.io.ModelIO.write(m.coreModel(), dir.resolve("m.json"));
        Dataset<Row> unchecked = other.withColumn("label", functions.when(functions.monotonically_increasing_id().equalTo(0), functions.lit(null))
                .otherwise(functions.col("label")));
        var warm = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1).setInitialModel(dir.resolve("m.json")
                .toString()).fit(unchecked));
        assertTrue(warm.getMessage().startsWith("Column 'features' element 0 is '" + reversed[0] + "'"), warm.getMessage());
        // without names (a plain vector) every element is named by its place, as before
        DendriteClassificationModel plain = new DendriteClassifier().setEpochs(1).fit(rows(0, 1, 0, 1));
        assertEquals("features[0]", plain.coreModel().preprocessor().columns().get(0).name());
    }

    /** The name of the one param set on {@code c}. */
    private static String setParam(DendriteClassifier c) {
        return java.util.Arrays.stream(c.params()).filter(c::isSet).map(org.apache.spark.ml.param.Param::name).reduce((a, b) -> a + "," + b).orElseThrow();
    }

    /**
     * configJson is the whole configuration: a param set beside it to another value than the JSON's
     * was not used where it was set to its default (learningRate 0.01 beside a JSON of 0.05 trained at
     * 0.05), and otherwise refused naming the core's option ("optimizer", "network") instead of the
     * param. A param set to the JSON's own value (its own part of it) passes, the seed param set
     * overrides the JSON's, and a
     * file's path is read when fit runs (a saved CrossValidatorModel holding it could not load where
     * the file was not).
     */
    @Test
    void aParamSetBesideConfigJsonToAnotherValueIsRefusedNamingIt() {
        String json = "{\"epochs\": 3, \"optimizer\": {\"type\": \"adam\", \"learningRate\": 0.05}, \"network\": {\"layers\": "
                + "[{\"type\": \"dense\", \"units\": 8, \"dropout\": 0.2}]}}";
        for (DendriteClassifier c : List.of(new DendriteClassifier().setLearningRate(0.01), new DendriteClassifier().setEpochs(10),
                new DendriteClassifier().setDropout(0.3), new DendriteClassifier().setHiddenLayers("0"))) {
            String name = setParam(c);
            var e = assertThrows(IllegalArgumentException.class, () -> c.setConfigJson(json).trainingConfig(), name);
            assertEquals("Params configJson and " + name + " are both set, and configJson (the whole training configuration) gives " + name
                    + " another value: give it inside the JSON only, or clear " + name, e.getMessage());
        }
        org.dendrite.core.train.TrainingConfig same = new DendriteClassifier().setConfigJson(json).setLearningRate(0.05).setEpochs(3)
                .setHiddenLayers("8").setDropout(0.2).setSeed(7).trainingConfig();
        assertEquals(List.of(0.05, 3, 7L), List.of(same.optimizer().learningRate(), same.epochs(), same.seed()));
        // beside a JSON without hidden layers, a dropout has none to apply to: refused but at its default (it was silently not used)
        var linear = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setConfigJson("{\"network\": {\"layers\": []}}")
                .setDropout(0.3).trainingConfig());
        assertTrue(linear.getMessage().startsWith("Params configJson and dropout are both set"), linear.getMessage());
        new DendriteClassifier().setConfigJson("{\"network\": {\"layers\": []}}").setDropout(0).trainingConfig();
        // each param compared with its own part of the JSON: the JSON's dropout alone, the default activation, an SGD's rate
        new DendriteClassifier().setConfigJson(json).setDropout(0.2).setActivation("relu").trainingConfig();
        assertEquals(0.05, new DendriteClassifier().setConfigJson("{\"optimizer\": {\"type\": \"sgd\", \"learningRate\": 0.05}}")
                .setLearningRate(0.05).trainingConfig().optimizer().learningRate());
        // the seed param set, to its default too, overrides the JSON's (a grid over seeds holding 1 trained the JSON's 7)
        assertEquals(List.of(7L, 1L), List.of(new DendriteClassifier().setConfigJson("{\"seed\": 7}").trainingConfig().seed(),
                new DendriteClassifier().setConfigJson("{\"seed\": 7}").setSeed(1).trainingConfig().seed()));
        DendriteClassifier path = new DendriteClassifier().setConfigJson("/nowhere/best-config.json");
        var missing = assertThrows(org.dendrite.core.check.InvalidSettingException.class, path::trainingConfig);
        assertTrue(missing.getMessage().contains("'/nowhere/best-config.json' is neither JSON"), missing.getMessage());
    }

    /** Null for a param was a NullPointerException from Spark's own message (or accepted, and failing on save); a bound's message says what is allowed. */
    @Test
    void nullAndOutOfRangeParamsAreRefusedNamingTheParam() {
        DendriteClassifier c = new DendriteClassifier();
        for (String name : List.of("featuresCol", "weightCol", "hiddenLayers", "networkJson", "configJson", "inputLayers", "initialModel",
                "searchJson")) {
            var e = assertThrows(IllegalArgumentException.class, () -> c.set(c.getParam(name), null), name);
            assertEquals("Param " + name + " = null: a value is required (\"\" where the param allows none)", e.getMessage());
        }
        assertEquals("Param localSteps = -1: allowed: 0 (adaptive rounds), 1 (synchronous) or more (rounds of that many steps)",
                assertThrows(IllegalArgumentException.class, () -> c.setLocalSteps(-1)).getMessage());
        assertEquals("Param searchSampleRows = 5: allowed: >= 10", assertThrows(IllegalArgumentException.class, () -> c.setSearchSampleRows(5)).getMessage());
        assertEquals("Param labelCol = : allowed: a column name (not empty)", assertThrows(IllegalArgumentException.class, () -> c.setLabelCol(""))
                .getMessage());
        DendriteClassificationModel m = DendriteClassificationModel.fromCoreModel(org.dendrite.core.train.Trainer.fit(
                org.dendrite.core.train.TrainingConfig.DEFAULT.withEpochs(1), irisLike()));
        assertEquals("Param monteCarloPasses = -1: allowed: >= 0 (0 or 1: none)", assertThrows(IllegalArgumentException.class,
                () -> m.setMonteCarloPasses(-1)).getMessage());
        assertEquals("Param uncertaintyCol = null: a value is required (\"\" where the param allows none)", assertThrows(IllegalArgumentException.class,
                () -> m.setUncertaintyCol(null)).getMessage());
    }

    private static final java.util.concurrent.atomic.AtomicInteger CALLS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A label column from a nondeterministic expression that gives a label beyond the first pass's
     * classes on a later pass is refused with what happened (it trained silently on a target past its
     * row's slot, or failed with an ArrayIndexOutOfBoundsException).
     */
    @Test
    void labelsThatChangeBetweenPassesAreRefused() {
        CALLS.set(0);
        var shifting = functions.udf((org.apache.spark.sql.api.java.UDF1<Double, Double>) y -> CALLS.incrementAndGet() > 8 ? 2.0 : y,
                DataTypes.DoubleType).asNondeterministic();
        Dataset<Row> df = rows(0, 1, 0, 1, 0, 1, 1, 0).coalesce(1).withColumn("label", shifting.apply(functions.col("label")));
        var e = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(1).fit(df));
        assertTrue(e.getMessage().startsWith("Column 'label' holds the label 2.0 (row 0 of partition 0), but its labels were 0..1 on the first "
                + "pass over the rows: the input changed between passes"), e.getMessage());
    }

    private static org.dendrite.core.data.LabeledTable irisLike() {
        double[][] x = {{1, 2}, {2, 1}, {3, 3}, {4, 2}};
        return new org.dendrite.core.data.LabeledTable(new org.dendrite.core.data.Table(List.of(org.dendrite.core.data.Column.numeric("a"),
                org.dendrite.core.data.Column.numeric("b")), x), "y", List.of("p", "q"), new double[] {0, 1, 0, 1});
    }
}
