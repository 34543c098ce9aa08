package org.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import org.dendrite.core.data.ValidationSplit;
import org.dendrite.core.io.ModelIO;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.train.EpochRecord;
import org.dendrite.core.train.History;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingRun;
import org.dendrite.core.train.WarmStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(600)
class DendriteSparkTest {
    private static double[] predictions(Dataset<Row> out, String col) {
        return out.select(col).collectAsList().stream().mapToDouble(r -> r.get(0) instanceof Vector v ? v.apply(1) : r.getDouble(0)).toArray();
    }

    @Test
    void pipelineWithStringIndexerAndVectorAssemblerOnIris() throws Exception {
        Dataset<Row> iris = SparkTestSupport.irisRaw();
        var indexer = new StringIndexer().setInputCol("species").setOutputCol("label").fit(iris);
        // Spark's own example pipeline: the predicted index turned back into the class name by a stage after the classifier,
        // which Pipeline.fit validates from the classifier's output schema before anything trains
        Pipeline p = new Pipeline().setStages(new PipelineStage[] {
            indexer,
            new VectorAssembler().setInputCols(new String[] {"sl", "sw", "pl", "pw"}).setOutputCol("features"),
            new DendriteClassifier(),
            new org.apache.spark.ml.feature.IndexToString().setInputCol("prediction").setOutputCol("predictedSpecies")
                    .setLabels(indexer.labelsArray()[0])});
        PipelineModel m = p.fit(iris);
        Dataset<Row> out = m.transform(iris);
        double acc = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(out);
        assertTrue(acc > 0.93, "training accuracy " + acc);
        assertEquals(3, ((DendriteClassificationModel) m.stages()[2]).numClasses());
        for (Row r : out.select("prediction", "predictedSpecies").collectAsList()) {
            assertEquals(indexer.labelsArray()[0][(int) r.getDouble(0)], r.getString(1));
        }
    }

    /**
     * A categorical feature from StringIndexer, assembled by VectorAssembler (which keeps its nominal
     * metadata): the model reads it as a category (12 values, one-hot in the core), not as a number,
     * so a class that depends on the category in no order is learned; with inputLayers
     * category_embedding the 12 values are embedded. A category index the metadata does not declare
     * is refused at prediction, naming the column.
     */
    @Test
    void aStringIndexedFeatureIsACategory() {
        SparkSession spark = SparkTestSupport.spark();
        List<Row> rows = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 600; i++) {
            int city = r.nextInt(12);
            // the class is the city's, in an order that no threshold on the index separates
            rows.add(RowFactory.create("c" + city, r.nextGaussian(), (city * 7) % 12 < 6 ? "yes" : "no"));
        }
        Dataset<Row> df = spark.createDataFrame(rows, new StructType(new StructField[] {
            new StructField("city", DataTypes.StringType, false, org.apache.spark.sql.types.Metadata.empty()),
            new StructField("x", DataTypes.DoubleType, false, org.apache.spark.sql.types.Metadata.empty()),
            new StructField("answer", DataTypes.StringType, false, org.apache.spark.sql.types.Metadata.empty())}));
        Dataset<Row> prepared = new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("city").setOutputCol("cityIndex"),
            new StringIndexer().setInputCol("answer").setOutputCol("label"),
            new VectorAssembler().setInputCols(new String[] {"cityIndex", "x"}).setOutputCol("features")}).fit(df).transform(df);
        for (String input : List.of("", "category_embedding")) {
            DendriteClassificationModel m = new DendriteClassifier().setInputLayers(input).setHiddenLayers("16").setEpochs(60).fit(prepared);
            org.dendrite.core.data.Column city = m.coreModel().preprocessor().columns().get(0);
            assertTrue(city.isNominal() && city.categories().size() == 12, city.toString());
            assertFalse(m.coreModel().preprocessor().columns().get(1).isNominal());
            double acc = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(m.transform(prepared));
            assertTrue(acc > 0.97, input + ": training accuracy " + acc);
            if (!input.isEmpty()) {
                assertEquals(List.of(List.of(0, 12)),
                        ((org.dendrite.core.layer.CategoryEmbeddingSpec) m.coreModel().network().spec().layers().get(0)).blocks());
            }
            Dataset<Row> unknown = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(15, 0.5))), new StructType(new StructField[] {
                new StructField("features", new org.apache.spark.ml.linalg.VectorUDT(), false, org.apache.spark.sql.types.Metadata.empty())}));
            var e = assertThrows(Exception.class, () -> m.transform(unknown).collectAsList());
            String message = rootMessage(e);
            // the features vector's element, by the name it had in training (VectorAssembler's input), without a row number (a row to
            // predict has none)
            assertTrue(message.contains("Column 'cityIndex' has category index 15.0; allowed 0..11"), message);
            // the same rows indexed by a StringIndexer fitted anew in another order (alphabetical: c0, c1, c10, ... instead of by
            // frequency): each index now means another city, so transform refuses them instead of predicting silently wrong classes
            Dataset<Row> reindexed = new Pipeline().setStages(new PipelineStage[] {
                new StringIndexer().setInputCol("city").setOutputCol("cityIndex").setStringOrderType("alphabetAsc"),
                new VectorAssembler().setInputCols(new String[] {"cityIndex", "x"}).setOutputCol("features")}).fit(df).transform(df);
            String[] trainedOrder = m.coreModel().preprocessor().columns().get(0).categories().toArray(new String[0]);
            int first = 0;
            while (trainedOrder[first].equals(java.util.stream.Stream.of(trainedOrder).sorted().toList().get(first))) first++;
            var reordered = assertThrows(IllegalArgumentException.class, () -> m.transform(reindexed));
            assertEquals("Column 'cityIndex' names 12 categories in the features' metadata where the model was trained on 12, and they "
                    + "differ from index " + first + " on ('" + java.util.stream.Stream.of(trainedOrder).sorted().toList().get(first) + "' there, '"
                    + trainedOrder[first] + "' in the model); a category is its index, so index the column as the training rows were "
                    + "(the StringIndexer model fitted on them; for a model trained in Weka, its attribute's order of values)",
                    reordered.getMessage());
        }
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) sb.append(c.getMessage()).append(" / ");
        return sb.toString();
    }

    /**
     * 3-fold CrossValidator (parallelism 2) over an L2 grid on the Wisconsin breast-cancer data,
     * evaluated by Spark's BinaryClassificationEvaluator. Bound: scikit-learn's logistic regression
     * reaches 0.979 accuracy on these data (test-data/reference/learning); ROC AUC of any reasonable
     * model is above 0.98 (Weka 10-fold: Dendrite 0.994, MultilayerPerceptron 0.993, docs/benchmarks.md).
     */
    @Test
    void crossValidatorWithParallelismAndBinaryEvaluator(@TempDir Path dir) throws Exception {
        Dataset<Row> wbc = SparkTestSupport.csv("wisconsin-breast-cancer.csv", true);
        DendriteClassifier c = new DendriteClassifier().setEpochs(8).setBatchSize(32);
        ParamMap[] grid = new ParamGridBuilder().addGrid(c.l2(), new double[] {1e-3, 1e-2}).build();
        CrossValidatorModel cv = new CrossValidator().setEstimator(c).setEstimatorParamMaps(grid).setNumFolds(3).setParallelism(2)
                .setEvaluator(new BinaryClassificationEvaluator()).setSeed(1).fit(wbc);
        for (double m : cv.avgMetrics()) assertTrue(m > 0.98, "cross-validated ROC AUC " + m);
        double pr = new BinaryClassificationEvaluator().setMetricName("areaUnderPR").evaluate(cv.transform(wbc));
        assertTrue(pr > 0.98, "area under PR " + pr);
        // the best model answers the params it was fitted with, as Spark's own models do (it held its column params only, so
        // bestModel.getL2() did not exist and getOrDefault("l2") failed), and keeps them through a save and a load
        double chosen = cv.avgMetrics()[0] >= cv.avgMetrics()[1] ? 1e-3 : 1e-2;
        DendriteClassificationModel best = (DendriteClassificationModel) cv.bestModel();
        assertEquals(chosen, best.getL2());
        assertEquals(chosen, best.getOrDefault(best.getParam("l2")));
        assertEquals(8, best.getEpochs());
        assertEquals(32, best.getBatchSize());
        assertEquals(c.getLearningRate(), best.getLearningRate()); // the estimator's default, which it was fitted with
        assertTrue(best.explainParams().contains("l2: "), best.explainParams());
        // a model not fitted here (made from a core model) has no training params to report, rather than defaults
        DendriteClassificationModel made = DendriteClassificationModel.fromCoreModel(best.coreModel());
        assertFalse(made.isDefined(made.l2()));
        assertThrows(java.util.NoSuchElementException.class, made::getEpochs);
        assertEquals("features", made.getFeaturesCol());
        best.write().save(dir.resolve("best").toString());
        DendriteClassificationModel back = DendriteClassificationModel.load(dir.resolve("best").toString());
        assertEquals(chosen, back.getL2());
        assertEquals(8, back.getEpochs());
        assertEquals(c.getLearningRate(), back.getLearningRate());
        // a saved training param that this version's check refuses (as a later version's stricter check might refuse what an
        // earlier one saved) does not make the model unloadable: the model does not read it to transform (Spark checked every
        // value it read back, so the load failed over it)
        Path metadata;
        try (var files = java.nio.file.Files.list(dir.resolve("best").resolve("metadata"))) {
            metadata = files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        String json = java.nio.file.Files.readString(metadata);
        java.nio.file.Files.writeString(metadata, json.replaceFirst("\"l2\":[^,}]+", "\"l2\":-1.0").replaceFirst("\"epochs\":[^,}]+", "\"epochs\":-5"));
        java.nio.file.Files.deleteIfExists(metadata.resolveSibling("." + metadata.getFileName() + ".crc"));
        DendriteClassificationModel later = DendriteClassificationModel.load(dir.resolve("best").toString());
        assertEquals(-1.0, later.getL2());
        assertEquals(-5, later.getEpochs());
        assertEquals(back.transform(wbc).select("prediction").collectAsList(), later.transform(wbc).select("prediction").collectAsList());
        assertThrows(IllegalArgumentException.class, () -> c.setL2(-1.0), "the estimator still checks what it is given");
        // the type is still checked: set by name, a Long for the Integer epochs is refused naming it
        assertTrue(assertThrows(IllegalArgumentException.class, () -> later.set("epochs", 5L)).getMessage().startsWith("Param epochs = 5 is a Long"));
    }

    /**
     * The core's checks before training reach Spark users (they were core-only): the LR range test and
     * the overfit check on a sample of the DataFrame, with the configuration the params describe (an
     * SGD rate of 1e-9 fails the overfit check), leaving the estimator as it was.
     */
    @Test
    void checksBeforeTrainingOnADataFrame() {
        Dataset<Row> wbc = SparkTestSupport.csv("wisconsin-breast-cancer.csv", true);
        DendriteClassifier c = new DendriteClassifier();
        var range = c.lrRangeTest(wbc);
        assertTrue(range.rates().length > 5 && range.rates().length <= 100, "steps " + range.rates().length);
        assertEquals(1e-7, range.rates()[0], 1e-12);
        assertTrue(range.suggestedRate() > 1e-8 && range.suggestedRate() < 1, "suggested " + range.suggestedRate());
        assertEquals(TrainingConfig.DEFAULT.optimizer().learningRate(), c.getLearningRate(), "the estimator is left as it was");
        assertTrue(c.overfitCheck(wbc).passed());
        var stuck = new DendriteClassifier().setOptimizer("sgd").setLearningRate(1e-9).overfitCheck(wbc);
        assertFalse(stuck.passed(), stuck.summary());
    }

    @Test
    void trainValidationSplitAndMonteCarloUncertainty() {
        Dataset<Row> wbc = SparkTestSupport.csv("wisconsin-breast-cancer.csv", true);
        DendriteClassifier c = new DendriteClassifier().setEpochs(8).setDropout(0.3);
        org.apache.spark.ml.tuning.TrainValidationSplitModel tvs = new org.apache.spark.ml.tuning.TrainValidationSplit().setEstimator(c)
                .setEstimatorParamMaps(new ParamGridBuilder().addGrid(c.learningRate(), new double[] {1e-3, 3e-3}).build())
                .setEvaluator(new BinaryClassificationEvaluator()).setTrainRatio(0.75).setSeed(1).setParallelism(2).fit(wbc);
        for (double m : tvs.validationMetrics()) assertTrue(m > 0.97, "validation ROC AUC " + m);
        DendriteClassificationModel best = ((DendriteClassificationModel) tvs.bestModel()).setMonteCarloPasses(20);
        List<Row> out = best.transform(wbc.limit(30)).select("probability", "uncertainty", "features").collectAsList();
        double maxVar = 0;
        for (Row r : out) {
            Vector p = (Vector) r.get(0), v = (Vector) r.get(1), x = (Vector) r.get(2);
            // the passes' mean and variance, from the training seed and the row (as Weka's -mc-dropout), and the one-row API agrees
            var mc = best.coreModel().predictRowMonteCarlo(x.toArray(), 20, best.coreModel().provenance().seed());
            assertArrayEquals(mc.mean()[0], p.toArray(), 0);
            assertArrayEquals(mc.variance()[0], v.toArray(), 0);
            assertEquals(p, best.predictProbability(x));
            assertEquals(2, v.size());
            for (int k = 0; k < 2; k++) {
                assertTrue(v.apply(k) >= 0 && v.apply(k) <= 0.25, "a probability's variance is within [0, 1/4]");
                maxVar = Math.max(maxVar, v.apply(k));
            }
            assertEquals(1, p.apply(0) + p.apply(1), 1e-5);
        }
        assertTrue(maxVar > 0, "dropout makes the passes differ");
    }

    /**
     * Monte-Carlo dropout for a regressor (before, only the classifier had it): the prediction is the
     * passes' mean in the label's units and the uncertainty column their variance, both as the core
     * computes them; without dropout the param is refused naming it.
     */
    @Test
    void regressorMonteCarloUncertainty() {
        Dataset<Row> d = SparkTestSupport.csv("diabetes-regression.csv", false);
        DendriteRegressionModel m = new DendriteRegressor().setDropout(0.2).setEpochs(10).fit(d).setMonteCarloPasses(16);
        List<Row> out = m.transform(d.limit(20)).select("features", "prediction", "uncertainty").collectAsList();
        double maxVar = 0;
        for (Row r : out) {
            var mc = m.coreModel().predictRowMonteCarlo(((Vector) r.get(0)).toArray(), 16, m.coreModel().provenance().seed());
            assertEquals(mc.mean()[0][0], r.getDouble(1));
            assertEquals(mc.variance()[0][0], r.getDouble(2));
            assertEquals(r.getDouble(1), m.predict((Vector) r.get(0)));
            maxVar = Math.max(maxVar, r.getDouble(2));
        }
        assertTrue(maxVar > 0, "dropout makes the passes differ");
        // an input column with the name the passes' struct takes in the plan is kept as it was
        Row kept = m.transform(d.limit(1).withColumn("_dendrite_monte_carlo", org.apache.spark.sql.functions.lit(7))).select("_dendrite_monte_carlo", "uncertainty").first();
        assertEquals(7, kept.getInt(0));
        assertTrue(kept.getDouble(1) >= 0);
        DendriteRegressionModel plain = new DendriteRegressor().setEpochs(1).fit(d).setMonteCarloPasses(4);
        var e = assertThrows(IllegalArgumentException.class, () -> plain.transform(d));
        assertEquals("monteCarloPasses = 4 needs a network with dropout; this one has none", e.getMessage());
    }

    /**
     * A model scores a streaming DataFrame (Structured Streaming, as Spark's own models do): rows read
     * as a stream from Parquet get exactly the columns a batch transform of the same rows gives, the
     * classifier's probabilities and prediction, and the regressor's Monte-Carlo mean and variance
     * (its other output path).
     */
    @Test
    void modelsScoreAStreamAsTheyScoreABatch(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTestSupport.spark();
        Dataset<Row> wbc = SparkTestSupport.csv("wisconsin-breast-cancer.csv", true).withColumn("id", org.apache.spark.sql.functions.monotonically_increasing_id());
        DendriteClassificationModel classifier = new DendriteClassifier().setEpochs(3).fit(wbc);
        DendriteRegressionModel regressor = new DendriteRegressor().setEpochs(3).setDropout(0.2).fit(wbc).setMonteCarloPasses(8);
        wbc.select("id", "features").write().parquet(dir.resolve("rows").toString());
        Dataset<Row> stream = spark.readStream().schema(wbc.select("id", "features").schema()).parquet(dir.resolve("rows").toString());
        String[][] outputs = {{"probability", "prediction"}, {"prediction", "uncertainty"}};
        List<DendriteModel<?>> models = List.of(classifier, regressor);
        for (int k = 0; k < 2; k++) {
            // (no option(...): the call compiled against Spark 3.5 is not in Spark 4's DataStreamWriter, which bin/test also runs)
            var q = models.get(k).transform(stream).select("id", outputs[k]).writeStream().format("memory").queryName("scored" + k).start();
            try {
                q.processAllAvailable();
            } finally {
                q.stop();
            }
            List<Row> streamed = spark.sql("select * from scored" + k + " order by id").collectAsList();
            List<Row> batch = models.get(k).transform(wbc).select("id", outputs[k]).orderBy("id").collectAsList();
            assertEquals(batch.size(), streamed.size(), "rows scored from the stream");
            assertEquals(batch, streamed, models.get(k).getClass().getSimpleName());
        }
    }

    @Test
    void regressorWorksWithRegressionEvaluator() {
        Dataset<Row> d = SparkTestSupport.csv("diabetes-regression.csv", false);
        DendriteRegressionModel m = new DendriteRegressor().setEpochs(50).setValidationFraction(0.2).fit(d);
        double rmse = new RegressionEvaluator().setMetricName("rmse").evaluate(m.transform(d));
        // the target's standard deviation is 77.0 (predicting the mean); a linear model reaches about 53
        assertTrue(rmse < 60, "training RMSE " + rmse);
        // a random (unstratified) split for a numeric target; RMSE in the target's units, no accuracy/AUC
        EpochRecord last = m.coreModel().history().last();
        assertTrue(last.validationRmse() > 30 && last.validationRmse() < 70, "validation RMSE " + last.validationRmse());
        assertTrue(Double.isNaN(last.validationAccuracy()) && Double.isNaN(last.validationAuc()), last.toString());
    }

    /**
     * Partitions too small for a few local steps per epoch are coalesced under the default adaptive
     * rounds: 2 rows in 2 partitions (y = x1) were fitted by rounds averaging the partitions' single Adam
     * steps to 0.187 and 0.763 (one machine: 0.003 and 0.997); now on one partition, one machine's
     * training, said so in the summary.
     */
    @Test
    void partitionsTooSmallForAFewLocalStepsAreCoalesced() {
        StructType schema = new StructType(new StructField[] {
                new StructField("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), false, org.apache.spark.sql.types.Metadata.empty()),
                new StructField("label", DataTypes.DoubleType, false, org.apache.spark.sql.types.Metadata.empty())});
        Rows two = new Rows(List.of(RowFactory.create(Vectors.dense(0, 1), 0.0), RowFactory.create(Vectors.dense(1, 1), 1.0)), schema);
        DendriteRegressionModel m = new DendriteRegressor().setSeed(1).fit(two.partitions(2));
        List<Row> p = m.transform(two.partitions(2)).select("prediction").collectAsList();
        assertEquals(0, p.get(0).getDouble(0), 0.05, "prediction for y = 0");
        assertEquals(1, p.get(1).getDouble(0), 0.05, "prediction for y = 1");
        assertTrue(m.summary().contains("rounds of local steps over 1 partition (")
                && m.summary().contains("the 2 partitions coalesced to 1 so that each takes at least 4 local steps per epoch"), m.summary());
        // rows too few for more partitions get no advice to repartition to more cores (the cluster runs 4 tasks at once in these
        // tests): the summary and driver log told 2 rows to 'repartition it to train on more cores' beside coalescing them to 1
        assertFalse(m.summary().contains("repartition it"), m.summary());
        // nor are they shuffled first for the skew of labels across partitions that the coalescing to 1 leaves none of: the
        // summary said 'the partitions held the labels unevenly (skew 1.00, above 0.20), so the rows were shuffled across them
        // (skew after: 1.00)' beside the coalescing
        assertFalse(m.summary().contains("shuffled"), m.summary());
        // the rule: each partition at least 4 batches of training rows, at least one partition, at most those given
        assertEquals(1, org.dendrite.core.train.RoundLength.partitions(2, 32, 2));
        assertEquals(3, org.dendrite.core.train.RoundLength.partitions(460, 32, 16), "16 partitions of 32 rows, 10% held out");
        assertEquals(2, org.dendrite.core.train.RoundLength.partitions(180_000, 128, 2));
    }

    /**
     * A fit whose thread is interrupted while it waits for a job stops as one machine's training stops:
     * a CancellationException with the interrupt left set (it was an IllegalStateException around the
     * InterruptedException, the interrupt cleared).
     */
    @Test
    void anInterruptedWaitForAJobIsACancellation() {
        try {
            RuntimeException e = SparkJobs.unwrap(new org.apache.spark.SparkException("job aborted", new InterruptedException()));
            assertTrue(e instanceof java.util.concurrent.CancellationException, e.toString());
            assertEquals("The fit was interrupted", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        IllegalArgumentException bad = new IllegalArgumentException("bad row");
        assertEquals(bad, SparkJobs.unwrap(new org.apache.spark.SparkException("job aborted", bad)), "a task's own error, as before");
        // a job group the user cancelled: Spark's own exception, as Spark's estimators pass it on (was an IllegalStateException around it)
        org.apache.spark.SparkException cancelled = new org.apache.spark.SparkException("Job 3 cancelled part of cancelled job group g");
        assertSame(cancelled, assertThrows(org.apache.spark.SparkException.class, () -> SparkJobs.unwrap(cancelled)));
    }

    /**
     * A fit in rounds stopped by an interrupt forgets its partitions' inner states on the executors, as a
     * finished or cancelled fit does: the job that forgets them ran on the interrupted thread and failed
     * at once, and each stopped fit's states (copies of the network and its optimizer's buffers, holding
     * the partition's rows) stayed in the executor for an hour (measured: one run more kept after each
     * interrupted fit, none after a fit stopped by cancelAllJobs). The fit still ends with the
     * CancellationException, its thread's interrupt set.
     */
    @Test
    void anInterruptedFitInRoundsForgetsItsInnerStates() throws Exception {
        Dataset<Row> df = SparkTestSupport.numericArff("vehicle.arff").repartition(2).cache();
        df.count();
        int before = org.dendrite.core.train.InnerStates.runs();
        var thrown = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                new DendriteClassifier().setHiddenLayers("64").setEpochs(100_000).setSeed(5).fit(df);
            } catch (Throwable e) {
                thrown.set(e);
            }
            interrupted.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        // its rounds have begun: the executor (this JVM, local mode) keeps its states
        while (org.dendrite.core.train.InnerStates.runs() == before && t.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(t.isAlive(), "the fit ended before its rounds could be interrupted: " + thrown.get());
        Thread.sleep(300);
        t.interrupt();
        t.join(60_000);
        assertFalse(t.isAlive());
        assertTrue(thrown.get() instanceof java.util.concurrent.CancellationException, String.valueOf(thrown.get()));
        assertTrue(interrupted.get(), "the interrupt is kept for the caller");
        assertEquals(before, org.dendrite.core.train.InnerStates.runs(), "the stopped fit's inner states are forgotten");
        df.unpersist();
    }

    /**
     * Partition results merge in partition order, whichever task finishes first: float sums came out
     * in the tasks' order (Spark's reduce and treeAggregate), so two fits of one seed and partitioning
     * saved preprocessing centres differing in their last digits. The first partition here finishes
     * last; a merge that is not commutative (joining text) shows the order. Beyond the bytes the
     * driver takes at once, Spark's tree merges them (in no fixed order).
     */
    @Test
    void partialsMergeInPartitionOrder() {
        var jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(SparkTestSupport.spark().sparkContext());
        org.apache.spark.api.java.JavaRDD<String> parts = jsc.parallelize(List.of("a", "b", "c", "d"), 4).map(x -> {
            if (x.equals("a")) Thread.sleep(500);
            return x;
        });
        for (int run = 0; run < 2; run++) assertEquals("abcd", SparkJobs.mergeInOrder(parts, (x, y) -> x + y, 16));
        char[] tree = SparkJobs.mergeInOrder(parts, (x, y) -> x + y, SparkJobs.ORDERED_MERGE_BYTES).toCharArray();
        java.util.Arrays.sort(tree);
        assertEquals("abcd", new String(tree));
    }

    /**
     * The size a partition's column statistics are taken to have (which decides whether the driver
     * merges them itself, in order, or Spark's tree does) is not below what Java serialization makes
     * of them: it left out the category counts (a nominal of 50,000 values: 840 KB taken for 4 KB) and
     * a numeric target's sample.
     */
    @Test
    void partitionStatisticsAreNotTakenSmallerThanTheyAre() throws Exception {
        List<Column> cols = List.of(Column.numeric("x"), Column.nominal("id", org.dendrite.core.data.RowCheck.indexNames(50_000)));
        for (boolean robust : new boolean[] {false, true}) {
            var config = org.dendrite.core.data.PreprocessingConfig.DEFAULT.withScaling(robust ? org.dendrite.core.data.PreprocessingConfig.Scaling.ROBUST
                    : org.dendrite.core.data.PreprocessingConfig.Scaling.STANDARD);
            var stats = new org.dendrite.core.data.ColumnStatistics(cols, config);
            var target = new org.dendrite.core.data.Sample();
            for (int i = 0; i < 20_000; i++) {
                stats.add(new double[] {i * 0.37, i % 50_000}, i, 1);
                target.add(i * 1.5);
            }
            long actual = serializedBytes(stats) + serializedBytes(target);
            long taken = SparkTraining.statisticsBytes(cols, robust, true);
            assertTrue(taken >= actual && taken < 4 * actual, "robust " + robust + ": taken " + taken + ", serialized " + actual);
        }
    }

    private static long serializedBytes(Object o) throws java.io.IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }

    /**
     * Two fits of one seed and partitioning save the same model, to the last digit (the fields that
     * hold a run's times aside), synchronous and in rounds: the partitions' sums were merged in the order
     * their tasks finished, and the saved centres differed in their last digits between two such fits
     * (a check that may pass on the old code when the tasks happen to finish in order; the order itself
     * is checked by partialsMergeInPartitionOrder).
     */
    @Test
    void twoFitsOfOneSeedAndPartitioningSaveTheSameModel() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        for (int localSteps : new int[] {1, 0}) {
            String[] json = new String[2];
            for (int k = 0; k < 2; k++) {
                DendriteClassificationModel m = new DendriteClassifier().setEpochs(2).setSeed(3).setLocalSteps(localSteps).setTrainingPartitions(4)
                        .fit(data.partitions(4));
                json[k] = org.dendrite.core.io.ModelIO.toJson(m.coreModel()).replaceAll("\"createdAt\" : \"[^\"]*\"", "")
                        .replaceAll("\"seconds\" : [^,\\n]*", "");
            }
            assertEquals(json[0], json[1], "localSteps " + localSteps);
        }
    }

    /** The rows of a CSV in a fixed order, as one DataFrame per partition count, and as a core Table. */
    private record Rows(List<Row> rows, StructType schema) {
        static Rows of(Dataset<Row> d) {
            return new Rows(d.select("features", "label").collectAsList(), d.select("features", "label").schema());
        }

        Dataset<Row> partitions(int n) {
            var jsc = new org.apache.spark.api.java.JavaSparkContext(SparkTestSupport.spark().sparkContext());
            Dataset<Row> df = SparkTestSupport.spark().createDataFrame(jsc.parallelize(rows, n), schema);
            assertEquals(n, df.rdd().getNumPartitions());
            return df;
        }

        Table table() {
            int d = ((Vector) rows.get(0).get(0)).size();
            List<Column> cols = new ArrayList<>();
            // named as the Spark fit names the vector's elements
            for (int j = 0; j < d; j++) cols.add(Column.numeric("features[" + j + "]"));
            double[][] x = new double[rows.size()][];
            for (int i = 0; i < x.length; i++) x[i] = ((Vector) rows.get(i).get(0)).toArray();
            return new Table(cols, x);
        }

        double[] labels() {
            return rows.stream().mapToDouble(r -> r.getDouble(1)).toArray();
        }
    }

    private static void assertSameWeights(org.dendrite.core.train.Model expected, org.dendrite.core.train.Model actual, String what) {
        List<Parameter> a = expected.network().parameters(), b = actual.network().parameters();
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i).value(), y = b.get(i).value();
            // the same global batches, gradients summed in another order: float32 rounding only
            for (int j = 0; j < x.length; j++) {
                assertEquals(x[j], y[j], 2e-4f * Math.max(1, Math.abs(x[j])), what + ": " + a.get(i).name() + "[" + j + "]");
            }
        }
        List<float[]> ba = new ArrayList<>(expected.network().buffers().values()), bb = new ArrayList<>(actual.network().buffers().values());
        for (int i = 0; i < ba.size(); i++) assertArrayEquals(ba.get(i), bb.get(i), 2e-4f, what + ": buffer " + i);
    }

    /**
     * NaN in the features vector is a missing value (as VectorAssembler's handleInvalid "keep" and
     * Imputer write it): synchronous training on 3 partitions equals the core's training on the same
     * rows with the same values missing (imputed with the training rows' means); with imputation off
     * the fit is refused naming the vector's element.
     */
    @Test
    void missingValuesAreImputedAsOnOneMachine() {
        Rows full = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        List<Row> holes = new ArrayList<>();
        for (int i = 0; i < full.rows().size(); i++) {
            double[] x = ((Vector) full.rows().get(i).get(0)).toArray();
            if (i % 5 == 0) x[i % x.length] = Double.NaN;
            holes.add(RowFactory.create(Vectors.dense(x), full.rows().get(i).get(1)));
        }
        Rows data = new Rows(holes, full.schema());
        DendriteClassifier c = new DendriteClassifier().setLocalSteps(1).setEpochs(2).setBatchSize(64).setHiddenLayers("16")
                .setValidationFraction(0.2);
        TrainingRun core = TrainingRun.local(c.trainingConfig(), new LabeledTable(data.table(), "label", List.of("0", "1"), data.labels(), null));
        while (core.hasNextEpoch()) core.nextEpoch();
        DendriteClassificationModel three = c.fit(data.partitions(3));
        assertArrayEquals(core.model().preprocessor().center(), three.coreModel().preprocessor().center(), 1e-9, "the imputed values");
        assertSameWeights(core.model(), three.coreModel(), "missing values, 3 partitions vs one machine");
        double[] row = ((Vector) holes.get(0).get(0)).toArray();
        assertTrue(Double.isNaN(row[0]));
        assertArrayEquals(core.model().predictRow(row), three.coreModel().predictRow(row), 1e-4);

        DendriteClassifier strict = c.copy(new org.apache.spark.ml.param.ParamMap());
        strict.setConfigJson(org.dendrite.core.io.SpecFormat.write(c.trainingConfig().withPreprocessing(
                new org.dendrite.core.data.PreprocessingConfig(true, false, false, true))));
        var e = assertThrows(IllegalArgumentException.class, () -> strict.fit(data.partitions(1)));
        // the element named as the CSV's column assembled into it
        assertTrue(e.getMessage().matches("Column '[a-z_]+' is missing \\(NaN\\); missing values are not allowed unless "
                + "imputation is on \\(the preprocessing's imputeMissing; a model trained with it off takes no missing value to predict\\) "
                + "\\(row \\d+ of partition 0\\)"), e.getMessage());

        // the row is named as the row check names it, every row of its partition counted: rows of weight 0 (removed before the
        // passes that find this) made it "row 3" for the partition's row 13, and a row of another partition had a global number
        List<Row> weighed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            weighed.add(RowFactory.create(Vectors.dense(i % 7, i == 13 || i == 35 ? Double.NaN : i % 3), (double) (i % 2), i < 10 ? 0.0 : 1.0));
        }
        StructType schema = new StructType().add("features", new org.apache.spark.ml.linalg.VectorUDT()).add("label", DataTypes.DoubleType)
                .add("w", DataTypes.DoubleType);
        var jsc = new org.apache.spark.api.java.JavaSparkContext(SparkTestSupport.spark().sparkContext());
        Dataset<Row> two = SparkTestSupport.spark().createDataFrame(jsc.parallelize(weighed, 2), schema);
        // no validation rows: in the configuration (a validationFraction param beside configJson is refused)
        DendriteClassifier weights = new DendriteClassifier().setLocalSteps(1).setWeightCol("w").setTrainingPartitions(2)
                .setConfigJson(org.dendrite.core.io.SpecFormat.write(c.trainingConfig().withPreprocessing(
                        new org.dendrite.core.data.PreprocessingConfig(true, false, false, true)).withValidationFraction(0)));
        var named = assertThrows(IllegalArgumentException.class, () -> weights.fit(two));
        String refusal = "Column 'features[1]' is missing (NaN); missing values are not allowed unless imputation is on (the preprocessing's "
                + "imputeMissing; a model trained with it off takes no missing value to predict) ";
        assertTrue(java.util.Set.of(refusal + "(row 13 of partition 0)", refusal + "(row 15 of partition 1)").contains(named.getMessage()),
                named.getMessage());
    }

    /**
     * ZCA whitening and robust scaling on Spark: their statistics (the whitening's co-moments in a
     * pass of their own, the robust scaling's quantiles) are merged across the partitions by the
     * core's {@code ShardPass.fit} run through Spark's tasks, and 3 partitions give the single
     * machine's preprocessing (centers, scales, the whitening's mean and transform) and, synchronously,
     * its weights.
     */
    @Test
    void whiteningAndRobustScalingOnSparkEqualOneMachine() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        for (var pc : List.of(new org.dendrite.core.data.PreprocessingConfig(true, true, false, true, org.dendrite.core.data.Whitening.Kind.ZCA),
                org.dendrite.core.data.PreprocessingConfig.DEFAULT.withScaling(org.dendrite.core.data.PreprocessingConfig.Scaling.ROBUST))) {
            DendriteClassifier c = new DendriteClassifier().setLocalSteps(1).setEpochs(2).setBatchSize(64).setHiddenLayers("16")
                    .setValidationFraction(0.2);
            c.setConfigJson(org.dendrite.core.io.SpecFormat.write(c.trainingConfig().withPreprocessing(pc)));
            TrainingRun core = TrainingRun.local(c.trainingConfig(), new LabeledTable(data.table(), "label", List.of("0", "1"), data.labels(), null));
            while (core.hasNextEpoch()) core.nextEpoch();
            DendriteClassificationModel three = c.fit(data.partitions(3));
            var expected = core.model().preprocessor();
            var actual = three.coreModel().preprocessor();
            assertArrayEquals(expected.center(), actual.center(), 1e-9, pc + ": centers");
            assertArrayEquals(expected.scale(), actual.scale(), 1e-9, pc + ": scales");
            if (pc.whitening() == org.dendrite.core.data.Whitening.Kind.ZCA) {
                assertEquals(org.dendrite.core.data.Whitening.Kind.ZCA, actual.whitening().kind());
                assertArrayEquals(expected.whitening().mean(), actual.whitening().mean(), 1e-9, "the whitening's mean");
                assertArrayEquals(expected.whitening().transform(), actual.whitening().transform(), 1e-6, "the whitening's transform");
            }
            assertSameWeights(core.model(), three.coreModel(), pc + ", 3 partitions vs one machine");
        }
    }

    /**
     * Synchronous mode is single-machine training with the same global batch: 1 and 3 partitions and
     * the core's TrainingRun on the same rows give the same weights, batch-norm running statistics and
     * validation history, with and without batch norm (whose statistics then span the partitions).
     */
    @Test
    void synchronousTrainingEqualsOneMachineForAnyPartitioning() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        for (String bn : List.of("none", "before_activation")) {
            DendriteClassifier c = new DendriteClassifier().setLocalSteps(1).setEpochs(3).setBatchSize(64).setHiddenLayers("16")
                    .setBatchNorm(bn).setValidationFraction(0.2);
            TrainingRun core = TrainingRun.local(c.trainingConfig(), new LabeledTable(data.table(), "label", List.of("0", "1"), data.labels(), null));
            while (core.hasNextEpoch()) core.nextEpoch();
            DendriteClassificationModel one = c.fit(data.partitions(1));
            DendriteClassificationModel three = c.fit(data.partitions(3));
            assertEquals(bn.equals("none") ? 0 : 2, three.coreModel().network().buffers().size(), "batch norm built: " + bn);
            assertSameWeights(core.model(), one.coreModel(), bn + ", 1 partition vs one machine");
            assertSameWeights(core.model(), three.coreModel(), bn + ", 3 partitions vs one machine");
            for (int e = 0; e < 3; e++) {
                EpochRecord x = core.history().epochs().get(e), y = three.coreModel().history().epochs().get(e);
                assertEquals(x.trainLoss(), y.trainLoss(), 1e-4 * x.trainLoss(), bn + ": training loss of epoch " + (e + 1));
                assertEquals(x.validationLoss(), y.validationLoss(), 1e-4 * x.validationLoss(), bn + ": validation loss of epoch " + (e + 1));
                assertEquals(x.validationAccuracy(), y.validationAccuracy(), 1e-9, bn + ": validation accuracy of epoch " + (e + 1));
                assertEquals(x.validationAuc(), y.validationAuc(), 1e-3, bn + ": validation AUC of epoch " + (e + 1));
            }
            // per-layer statistics (every 100 steps by default: step 0 here): weight and gradient figures as on one machine
            var sa = core.history().statistics();
            var sb = three.coreModel().history().statistics();
            assertEquals(sa.size(), sb.size(), bn + ": statistics records");
            assertTrue(sb.size() > 0);
            for (int i = 0; i < sa.size(); i++) {
                var x = sa.get(i);
                var y = sb.get(i);
                assertEquals(x.step(), y.step());
                assertEquals(x.name(), y.name());
                if (!Double.isNaN(x.gradientNorm())) {
                    assertEquals(x.gradientNorm(), y.gradientNorm(), 1e-3 * x.gradientNorm(), bn + ": gradient norm of " + x.name());
                    assertEquals(x.weightNorm(), y.weightNorm(), 1e-4 * x.weightNorm(), bn + ": weight norm of " + x.name());
                    assertEquals(x.updateRatio(), y.updateRatio(), 1e-2 * x.updateRatio(), bn + ": update ratio of " + x.name());
                }
                assertTrue(Double.isNaN(y.activationMean()), "activations stay on the executors");
            }
            if (bn.equals("none")) {
                DendriteClassificationModel again = c.fit(data.partitions(3));
                assertArrayEquals(three.coreModel().network().parameters().get(0).value(), again.coreModel().network().parameters().get(0).value(),
                        "same seed and partitioning: the same model");
            }
        }
    }

    /**
     * Data-dependent initialization samples the training rows on the executors: with every row in the
     * sample (fewer than its 2,048 rows) and synchronous steps, 3 partitions give one machine's
     * weights (the sample is the same rows in the same order, held-out rows excluded), and the
     * initialization did change the start (the weights differ from those without it).
     */
    @Test
    void dataDependentInitializationOnSparkEqualsOneMachine() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        DendriteClassifier c = new DendriteClassifier().setLocalSteps(1).setEpochs(2).setBatchSize(64)
                .setHiddenLayers("16,8").setValidationFraction(0.2).setDataInit("scaled");
        TrainingRun core = TrainingRun.local(c.trainingConfig(), new LabeledTable(data.table(), "label", List.of("0", "1"), data.labels(), null));
        while (core.hasNextEpoch()) core.nextEpoch();
        DendriteClassificationModel three = c.fit(data.partitions(3));
        assertEquals(org.dendrite.core.network.DataInit.SCALED, three.coreModel().network().spec().dataInit());
        assertSameWeights(core.model(), three.coreModel(), "scaled data init, 3 partitions vs one machine");
        DendriteClassificationModel plain = c.copy(new org.apache.spark.ml.param.ParamMap()).setDataInit("none")
                .fit(data.partitions(3));
        assertFalse(java.util.Arrays.equals(plain.coreModel().network().parameters().get(0).value(),
                three.coreModel().network().parameters().get(0).value()), "the initialization changed the weights");
        var e = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setDataInit("lsuv"));
        assertTrue(e.getMessage().contains("dataInit") && e.getMessage().contains("none, biases, scaled"), e.getMessage());
    }

    /**
     * The training rows' loss on Spark is summed on the executors (no prediction per row reaches the
     * driver) and equals the core's loss over the same rows in one piece, weights included.
     */
    @Test
    void theTrainingLossIsSummedWhereTheRowsAre() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        int[] sizes = {40, 0, 25};
        int n = 65;
        float[] x = new float[n * 2], y = new float[n], w = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) r.nextGaussian();
            x[2 * i + 1] = (float) r.nextGaussian();
            y[i] = r.nextInt(2);
            w[i] = 0.5f + r.nextInt(3);
        }
        List<org.dendrite.core.data.ShardBlock> blocks = new ArrayList<>();
        for (int p = 0, at = 0; p < 3; at += sizes[p], p++) {
            blocks.add(new org.dendrite.core.data.ShardBlock(p, false, at, sizes[p], 2, java.util.Arrays.copyOfRange(x, 2 * at, 2 * (at + sizes[p])),
                    java.util.Arrays.copyOfRange(y, at, at + sizes[p]), java.util.Arrays.copyOfRange(w, at, at + sizes[p])));
        }
        var rdd = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(SparkTestSupport.spark().sparkContext()).parallelize(blocks, 3);
        var loss = new org.dendrite.core.loss.SoftmaxCrossEntropy();
        SyncSource source = new SyncSource(rdd, n, false, TrainingConfig.DEFAULT, org.dendrite.core.data.Task.classification("y", List.of("a", "b")),
                loss);
        var network = org.dendrite.core.network.Network.build(new org.dendrite.core.network.NetworkSpec(List.of(
                new org.dendrite.core.layer.DenseSpec(4, new org.dendrite.core.activation.Relu()))), 2, 2, 9);
        double whole = org.dendrite.core.metrics.Evaluation.Predictions.of(network, loss, new org.dendrite.core.data.Dataset(new Matrix(n, 2, x),
                new Matrix(n, 1, y), w)).meanLoss();
        assertEquals(whole, source.trainingLoss(network), 1e-6 * whole);
        assertEquals(whole, source.training(network).meanLoss(), 1e-6 * whole);
    }

    /**
     * A round's partition results merged on the executors (treeReduce, the path for many partitions or
     * a large network, whose results would pass the driver's limits) give the pseudo-gradient and loss
     * of the results merged on the driver, up to summation order.
     */
    @Test
    void aRoundMergedOnTheExecutorsEqualsOneMergedOnTheDriver() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(6);
        List<org.dendrite.core.data.ShardBlock> blocks = new ArrayList<>();
        for (int p = 0, at = 0; p < 5; p++) {
            int rows = 20 + 3 * p;
            float[] x = new float[rows * 2], y = new float[rows];
            for (int i = 0; i < rows; i++) {
                x[2 * i] = (float) r.nextGaussian();
                x[2 * i + 1] = (float) r.nextGaussian();
                y[i] = x[2 * i] > 0 ? 1 : 0;
            }
            blocks.add(new org.dendrite.core.data.ShardBlock(p, false, at, rows, 2, x, y, null));
            at += rows;
        }
        long n = blocks.stream().mapToLong(org.dendrite.core.data.ShardBlock::rows).sum();
        var rdd = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(SparkTestSupport.spark().sparkContext()).parallelize(blocks, 5);
        var spec = new org.dendrite.core.network.NetworkSpec(List.of(new org.dendrite.core.layer.DenseSpec(4, new org.dendrite.core.activation.Relu())));
        TrainingConfig config = TrainingConfig.DEFAULT.withNetwork(spec).withEpochs(1).withBatchSize(8);
        var task = org.dendrite.core.data.Task.classification("y", List.of("a", "b"));
        var loss = new org.dendrite.core.loss.SoftmaxCrossEntropy();
        List<float[]> grads = new ArrayList<>();
        double[] losses = new double[2];
        for (int k = 0; k < 2; k++) {
            RoundSource source = new RoundSource(rdd, n, false, config, task, loss, 3, org.dendrite.core.train.OuterOptimizer.named("average"));
            if (k == 1) source.mergeOnExecutorsAbove(0);
            var network = org.dendrite.core.network.Network.build(spec, 2, 2, 9);
            source.beginEpoch(0);
            source.select(0, 0, 0.05);
            losses[k] = source.gradient(network);
            source.close();
            for (Parameter p : network.parameters()) grads.add(p.grad().clone());
        }
        assertEquals(losses[0], losses[1], 1e-9 * Math.abs(losses[0]));
        int half = grads.size() / 2;
        for (int i = 0; i < half; i++) assertArrayEquals(grads.get(i), grads.get(half + i), 1e-6f, "parameter " + i);
        double norm = 0;
        for (int i = 0; i < half; i++) for (float v : grads.get(i)) norm += v * v;
        assertTrue(norm > 0, "the round moved the weights: a pseudo-gradient to compare");
    }

    /**
     * An ensemble's per-member validation losses on Spark: each partition's held-out rows give each
     * member's loss sums, joined on the driver; synchronous steps on 3 partitions record what one
     * machine records, and the members' mean is the validation loss.
     */
    @Test
    void anEnsemblesMemberLossesOnSparkEqualOneMachines() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        DendriteClassifier c = new DendriteClassifier().setLocalSteps(1).setEpochs(2).setBatchSize(64)
                .setHiddenLayers("8").setMembers(3).setValidationFraction(0.2);
        TrainingRun core = TrainingRun.local(c.trainingConfig(), new LabeledTable(data.table(), "label", List.of("0", "1"), data.labels(), null));
        while (core.hasNextEpoch()) core.nextEpoch();
        DendriteClassificationModel three = c.fit(data.partitions(3));
        for (int e = 0; e < 2; e++) {
            EpochRecord x = core.history().epochs().get(e), y = three.coreModel().history().epochs().get(e);
            assertEquals(3, y.memberValidationLosses().size());
            double mean = 0;
            for (int m = 0; m < 3; m++) {
                assertEquals(x.memberValidationLosses().get(m), y.memberValidationLosses().get(m), 1e-4, "epoch " + (e + 1) + ", member " + (m + 1));
                mean += y.memberValidationLosses().get(m) / 3;
            }
            assertEquals(y.validationLoss(), mean, 1e-6, "the members' mean is the validation loss");
        }
    }

    /**
     * The sample for data-dependent initialization when there are more training rows than it takes:
     * each partition gives its share of n (rounded up) of its own training rows, never held-out
     * ones, without repeats, the same for the same seed. Each row's one feature is its identity here.
     */
    @Test
    void theInitializationSampleTakesEachPartitionsShareOfTrainingRows() {
        int[] sizes = {300, 100, 200};
        List<org.dendrite.core.data.ShardBlock> blocks = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            float[] ids = new float[sizes[p]], held = new float[10];
            for (int i = 0; i < sizes[p]; i++) ids[i] = 1000 * p + i;
            java.util.Arrays.fill(held, -1);
            blocks.add(new org.dendrite.core.data.ShardBlock(p, false, 0, sizes[p], 1, ids, new float[sizes[p]], null));
            blocks.add(new org.dendrite.core.data.ShardBlock(p, true, 0, 10, 1, held, new float[10], null));
        }
        var rdd = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(SparkTestSupport.spark().sparkContext()).parallelize(blocks, 3);
        TrainingConfig config = TrainingConfig.DEFAULT;
        SyncSource source = new SyncSource(rdd, 600, true, config, org.dendrite.core.data.Task.classification("y", List.of("a", "b")),
                new org.dendrite.core.loss.SoftmaxCrossEntropy());
        Matrix m = source.sample(60, 5);
        // shares of 60: 30 of 300, 10 of 100, 20 of 200
        assertEquals(60, m.rows());
        int[] per = new int[3];
        java.util.Set<Float> seen = new java.util.HashSet<>();
        for (int r = 0; r < m.rows(); r++) {
            float id = m.data()[r];
            assertTrue(id >= 0, "a held-out row in the sample");
            assertTrue(seen.add(id), "row " + id + " twice");
            int p = (int) (id / 1000);
            assertTrue(id - 1000 * p < sizes[p]);
            per[p]++;
        }
        assertArrayEquals(new int[] {30, 10, 20}, per);
        assertArrayEquals(m.data(), source.sample(60, 5).data(), "the same seed, the same sample");
        assertFalse(java.util.Arrays.equals(m.data(), source.sample(60, 6).data()), "another seed, another sample");
        assertEquals(31 + 11 + 21, source.sample(61, 5).rows(), "shares rounded up: 30.5, 10.2 and 20.3 of 61");
        assertEquals(600, source.sample(601, 5).rows(), "no partition gives more than its rows: all 600");
    }

    /**
     * Gradual pruning and rollback on divergence in synchronous mode: the same as one machine. Pruning
     * to 50% after epochs 1-2 gives TrainingRun's weights (pruned ones stay zero); a learning rate far
     * too high diverges, and both roll back to the epoch's start with the rate divided by 10, with the
     * same events and one step record per kept step.
     */
    @Test
    void pruningAndRollbackInSynchronousModeMatchOneMachine() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        DendriteClassifier base = new DendriteClassifier().setLocalSteps(1).setEpochs(3).setBatchSize(64).setHiddenLayers("16");
        org.dendrite.core.train.TrainingConfig pruned = base.trainingConfig()
                .withPruning(new org.dendrite.core.regularization.Pruning(0.5, 1, 2));
        org.dendrite.core.train.TrainingConfig exploding = base.trainingConfig().withRegularization(org.dendrite.core.regularization.Regularization.NONE)
                .withOptimizer(new org.dendrite.core.optim.Sgd(1e5)).withDiagnostics(new org.dendrite.core.diagnostics.DiagnosticsConfig(0, 6));
        for (org.dendrite.core.train.TrainingConfig config : List.of(pruned, exploding)) {
            TrainingRun core = TrainingRun.local(config, new LabeledTable(data.table(), "label", List.of("0", "1"), data.labels(), null));
            while (core.hasNextEpoch()) core.nextEpoch();
            DendriteClassifier c = base.copy(new org.apache.spark.ml.param.ParamMap());
            c.setConfigJson(org.dendrite.core.io.SpecFormat.write(config));
            DendriteClassificationModel three = c.fit(data.partitions(3));
            String what = config == pruned ? "pruning" : "rollback";
            assertSameWeights(core.model(), three.coreModel(), what + ", 3 partitions vs one machine");
            List<EpochRecord> a = core.history().epochs(), b = three.coreModel().history().epochs();
            // the same events (which epoch and step diverged, how often), losses equal up to float32 summation order
            String decimals = "\\d+\\.\\d+(E-?\\d+)?";
            for (int e = 0; e < a.size(); e++) {
                assertEquals(a.get(e).event().replaceAll(decimals, "x"), b.get(e).event().replaceAll(decimals, "x"), what + ": event of epoch " + (e + 1));
            }
            assertEquals(core.history().stepLearningRates().length, three.coreModel().history().stepLearningRates().length, what + ": step records");
            if (config == pruned) {
                double sparsity = org.dendrite.core.regularization.Pruning.sparsity(three.coreModel().network().parameters());
                assertTrue(sparsity >= 0.5 - 1e-9, "sparsity " + sparsity);
            } else {
                // several rollbacks in epoch 1 (the event names the last), then finite training at the reduced rate
                assertTrue(b.get(0).event().matches("rollback [2-6]: Training diverged at epoch 1, .*learning rate divided by 10"), b.get(0).event());
                assertTrue(Double.isFinite(b.get(b.size() - 1).trainLoss()), b.get(b.size() - 1).toString());
            }
        }
    }

    /**
     * Rollback on divergence in rounds of local steps: a local step whose gradient went NaN on a partition
     * (SGD at 1e8: the weights overflow within the round's 4 steps) failed the fit at once with the
     * TrainingDivergedException its task threw ("Training diverged at epoch 1, step 4: a gradient of
     * parameter 0.weight is NaN"), wrapped in Spark's job failure, although the diagnostics allow 10
     * rollbacks; as on one machine and in synchronous mode (pruningAndRollbackInSynchronousModeMatchOneMachine)
     * the fit now rolls back to the epoch's start with the rate divided by 10, until a rate trains to a finite loss.
     */
    @Test
    void aLocalStepThatDivergesRollsBackInRounds() {
        DendriteClassifier base = new DendriteClassifier().setLocalSteps(4).setEpochs(1).setBatchSize(64).setHiddenLayers("16");
        org.dendrite.core.train.TrainingConfig exploding = base.trainingConfig().withRegularization(org.dendrite.core.regularization.Regularization.NONE)
                .withOptimizer(new org.dendrite.core.optim.Sgd(1e8)).withDiagnostics(new org.dendrite.core.diagnostics.DiagnosticsConfig(0, 10));
        DendriteClassifier c = base.copy(new org.apache.spark.ml.param.ParamMap());
        c.setConfigJson(org.dendrite.core.io.SpecFormat.write(exploding));
        DendriteClassificationModel m = c.fit(Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true)).partitions(2));
        EpochRecord first = m.coreModel().history().epochs().get(0);
        assertTrue(first.event().matches("rollback ([2-9]|10): Training diverged at epoch 1, .*learning rate divided by 10"), first.toString());
        assertTrue(Double.isFinite(first.trainLoss()), first.toString());
    }

    /**
     * Augmentation in synchronous mode: each partition augments its rows of the global batch (Gaussian
     * noise, mixup within the partition's share), the same way in every pass of a step. The model
     * differs from the unaugmented one, is the same for the same seed, and still learns.
     */
    @Test
    void augmentationInSynchronousMode() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        DendriteClassifier plain = new DendriteClassifier().setLocalSteps(1).setEpochs(5).setBatchSize(32).setHiddenLayers("16");
        DendriteClassifier augmented = plain.copy(new org.apache.spark.ml.param.ParamMap());
        augmented.setConfigJson(org.dendrite.core.io.SpecFormat.write(plain.trainingConfig()
                .withAugmentation(new org.dendrite.core.augment.Augmentation(0.1, 0.2))));
        Dataset<Row> three = data.partitions(3);
        DendriteClassificationModel a = augmented.fit(three), again = augmented.fit(three), p = plain.fit(three);
        float[] wa = a.coreModel().network().parameters().get(0).value();
        assertArrayEquals(wa, again.coreModel().network().parameters().get(0).value(), "same seed and partitioning: the same model");
        assertFalse(java.util.Arrays.equals(wa, p.coreModel().network().parameters().get(0).value()), "augmentation changes training");
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(a.transform(three));
        assertTrue(accuracy > 0.93, "training accuracy with augmentation " + accuracy);
    }

    /**
     * Warm start from a saved model (any Dendrite model JSON: here a Spark model's) with the first
     * layer frozen: the same weights as the core's warm-started TrainingRun, the frozen layer
     * unchanged, the rest trained further; bad settings are refused naming the param.
     */
    @Test
    void warmStartWithFrozenLayersMatchesOneMachine(@TempDir Path dir) throws Exception {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        DendriteClassifier first = new DendriteClassifier().setLocalSteps(1).setEpochs(2).setBatchSize(64).setHiddenLayers("16");
        org.dendrite.core.train.Model start = first.fit(data.partitions(2)).coreModel();
        Path json = dir.resolve("initial.json");
        ModelIO.write(start, json);
        DendriteClassifier warm = first.copy(new org.apache.spark.ml.param.ParamMap());
        warm.setInitialModel(json.toString()).setFrozenLayers(1).setEpochs(2);
        org.dendrite.core.train.Model spark = warm.fit(data.partitions(3)).coreModel();
        TrainingRun core = TrainingRun.local(warm.trainingConfig(), new LabeledTable(data.table(), "label", List.of("0", "1"), data.labels(), null), org.dendrite.core.train.TrainingListener.NONE, new WarmStart(ModelIO.read(json), 1));
        while (core.hasNextEpoch()) core.nextEpoch();
        assertSameWeights(core.model(), spark, "warm start, 3 partitions vs one machine");
        // the initial training's params again are silent; another network's are named as not trained
        assertTrue(spark.history().warnings().stream().noneMatch(w -> w.startsWith("The initial model's network")), spark.history().warnings().toString());
        org.dendrite.core.train.Model other = warm.copy(new org.apache.spark.ml.param.ParamMap()).setHiddenLayers("8,8").setEpochs(1)
                .fit(data.partitions(1)).coreModel();
        assertTrue(other.history().warnings().stream().anyMatch(w -> w.startsWith("The initial model's network is trained")
                && w.contains("2 layers, the model's 1")), other.history().warnings().toString());
        assertArrayEquals(start.network().parameters().get(0).value(), spark.network().parameters().get(0).value(), "the frozen layer keeps its weights");
        assertFalse(java.util.Arrays.equals(start.network().parameters().get(2).value(), spark.network().parameters().get(2).value()),
                "the output layer trains on");
        var noModel = assertThrows(IllegalArgumentException.class,
                () -> first.copy(new org.apache.spark.ml.param.ParamMap()).setFrozenLayers(1).fit(data.partitions(1)));
        assertTrue(noModel.getMessage().contains("frozenLayers") && noModel.getMessage().contains("initialModel")
                && noModel.getMessage().contains("without an initial model"), noModel.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> first.copy(new org.apache.spark.ml.param.ParamMap())
                .setInitialModel(dir.resolve("nothing.json").toString()).fit(data.partitions(1)));
        assertTrue(missing.getMessage().contains("initialModel") && missing.getMessage().contains("nothing.json"), missing.getMessage());
        var tooMany = assertThrows(IllegalArgumentException.class, () -> warm.copy(new org.apache.spark.ml.param.ParamMap())
                .setFrozenLayers(5).fit(data.partitions(1)));
        assertTrue(tooMany.getMessage().startsWith("Param frozenLayers = 5: Invalid number of frozen layers: 5 (allowed: 0.."), tooMany.getMessage());
    }

    /**
     * Early stopping on a held-out split: an unregularized wide network with a high learning rate
     * overfits the Wisconsin data, so the validation loss turns up and training stops before the
     * maximum; the history has the validation columns, and the model holds the best epoch's weights.
     */
    @Test
    void earlyStoppingOnAHeldOutSplitRestoresTheBestEpoch() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        int patience = 4;
        DendriteClassifier c = new DendriteClassifier().setLocalSteps(1).setEpochs(200).setBatchSize(16).setHiddenLayers("256")
                .setL2(0).setLearningRate(1e-2).setPatience(patience).setValidationFraction(0.25);
        DendriteClassificationModel m = c.fit(data.partitions(3));
        History h = m.coreModel().history();
        assertTrue(h.size() < 200, "stopped after " + h.size() + " of 200 epochs");
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        for (EpochRecord r : h.epochs()) {
            assertTrue(Double.isFinite(r.validationLoss()) && r.validationAccuracy() > 0.8 && r.validationAuc() > 0.9,
                    "validation columns of epoch " + r.epoch() + ": " + r);
            if (r.validationLoss() < best) {
                best = r.validationLoss();
                bestEpoch = r.epoch();
            }
        }
        assertEquals(bestEpoch, h.bestEpoch());
        assertEquals(bestEpoch + patience, h.size(), "patience " + patience + " after the best epoch");
        // the held-out rows, recomputed with the core's split: the model's validation loss is the best epoch's
        int[] valid = ValidationSplit.of(data.rows().size(), 0.25, java.util.Arrays.stream(data.labels()).mapToInt(v -> (int) v).toArray(), 1)
                .validation();
        double[] labels = data.labels();
        Matrix y = new Matrix(valid.length, 1);
        for (int i = 0; i < valid.length; i++) y.set(i, 0, (float) labels[valid[i]]);
        org.dendrite.core.train.Model core = m.coreModel();
        Evaluation now = Evaluation.of(core.network(), core.loss(), core.task(),
                new org.dendrite.core.data.Dataset(core.preprocessor().transform(data.table().subset(valid)), y, null));
        assertEquals(best, now.loss(), 1e-5 * best, "validation loss of the returned model vs the best epoch's");
        assertTrue(h.epochs().get(h.size() - 1).validationLoss() > best, "the last epoch was worse than the best");
    }

    /**
     * The Spark estimator's defaults are the core's, and its default training (rounds of local steps
     * over two partitions) reaches one machine's accuracy on the same rows: vehicle (846 rows, 4
     * classes) split 70/30 with a fixed seed, both trained with default settings on the same training
     * rows and scored on the same held-out rows; the two accuracies may differ by noise only (4
     * points; a held-out accuracy's standard error here is about 2.3 points).
     */
    @Test
    @Timeout(300)
    void defaultsReachOneMachinesAccuracyOnHeldOutRows(@TempDir Path dir) throws Exception {
        Dataset<Row>[] split = SparkTestSupport.numericArff("vehicle.arff").randomSplit(new double[] {0.7, 0.3}, 7);
        Rows train = Rows.of(split[0]), test = Rows.of(split[1]);
        DendriteClassifier c = new DendriteClassifier();
        assertEquals(org.dendrite.core.train.TrainingConfig.DEFAULT, c.trainingConfig(), "the estimator's default configuration");
        DendriteClassificationModel spark = c.fit(train.partitions(2));
        double sparkAccuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(spark.transform(test.partitions(2)));
        org.dendrite.core.train.Model core = org.dendrite.core.train.Trainer.fit(org.dendrite.core.train.TrainingConfig.DEFAULT,
                new LabeledTable(train.table(), "label", List.of("0", "1", "2", "3"), train.labels()));
        double[][] p = core.predict(test.table());
        double[] y = test.labels();
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            int best = 0;
            for (int k = 1; k < p[i].length; k++) if (p[i][k] > p[i][best]) best = k;
            if (best == y[i]) right++;
        }
        double coreAccuracy = (double) right / y.length;
        // the model's summary shows what the size rule chose for these rows (hand-computed: 4 sqrt(n) to a multiple of 16)
        long n = train.labels().length;
        int units = (int) Math.max(48, Math.min(256, 16 * Math.round(4 * Math.sqrt(n) / 16)));
        String summary = spark.summary();
        assertTrue(summary.contains("\"units\":" + units + ",") && summary.contains("\"batchSize\":32") && summary.contains("\"epochs\":100")
                && summary.contains("Training: 100 epochs"), summary);
        // and how the cluster trained it: under 256 steps per partition and epoch, one round per epoch, so 100 rounds
        assertTrue(summary.contains("On Spark: rounds of local steps over 2 partitions (each partition's batch 32 rows; round length adaptive, "
                + "here one round per epoch (") && summary.contains("; rounds start from 256); the weight changes combined by average); 100 rounds "
                + "in all"), summary);
        spark.write().overwrite().save(dir.resolve("m").toString());
        assertEquals(summary, DendriteClassificationModel.load(dir.resolve("m").toString()).summary(), "the summary survives save and load");
        // the configuration it shows, given back as configJson, trains the same model on the same partitions
        String label = "Configuration (what differs from the defaults, as -config-json / configJson take it): ";
        String json = summary.substring(summary.indexOf(label) + label.length(), summary.indexOf('\n', summary.indexOf(label)));
        DendriteClassificationModel again = new DendriteClassifier().setConfigJson(json).fit(train.partitions(2));
        List<Row> first = spark.transform(test.partitions(2)).select("probability").limit(20).collectAsList();
        assertEquals(first, again.transform(test.partitions(2)).select("probability").limit(20).collectAsList(), json);
        // a configJson's seed is taken (it was replaced by the seed param's default, silently); a seed param set overrides it
        assertEquals(5, new DendriteClassifier().setConfigJson("{\"epochs\": 3, \"seed\": 5}").trainingConfig().seed());
        assertEquals(3, new DendriteClassifier().setConfigJson("{\"epochs\": 3, \"seed\": 5}").setSeed(3).trainingConfig().seed());
        assertTrue(coreAccuracy > 0.75, "one machine's held-out accuracy " + coreAccuracy);
        assertEquals(coreAccuracy, sparkAccuracy, 0.04, "held-out accuracy: Spark's defaults vs one machine's");
    }

    /**
     * Issue 17's memory bound: the training blocks the fit caches take at most 1.2 times the float32
     * size of the training features, as Spark's block manager reports them (every cached RDD block
     * the fit writes, from the SparkListenerBlockUpdated events).
     */
    @Test
    @Timeout(300)
    void cachedBlocksStayWithinOneFifthAboveTheFloat32Features() throws Exception {
        SparkSession spark = SparkTestSupport.spark();
        int n = 40000, d = 20;
        java.util.Random rng = new java.util.Random(3);
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[d];
            for (int j = 0; j < d; j++) x[j] = rng.nextGaussian();
            rows.add(RowFactory.create(Vectors.dense(x), x[0] + x[1] > 0 ? 1.0 : 0.0));
        }
        StructType schema = new StructType().add("features", new org.apache.spark.ml.linalg.VectorUDT()).add("label", DataTypes.DoubleType);
        Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(2);
        java.util.Map<String, Long> sizes = new java.util.concurrent.ConcurrentHashMap<>();
        org.apache.spark.scheduler.SparkListener sizesOf = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onBlockUpdated(org.apache.spark.scheduler.SparkListenerBlockUpdated e) {
                var b = e.blockUpdatedInfo();
                if (b.blockId().isRDD() && b.storageLevel().isValid()) sizes.merge(b.blockId().name(), b.memSize() + b.diskSize(), Math::max);
            }
        };
        spark.sparkContext().addSparkListener(sizesOf);
        try {
            new DendriteClassifier().setEpochs(1).fit(df);
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(sizesOf);
        }
        long cached = sizes.values().stream().mapToLong(Long::longValue).sum();
        long features = 4L * n * d;
        assertTrue(cached >= features, "the fit's cached blocks were seen: " + sizes);
        assertTrue(cached <= 1.2 * features, "cached " + cached + " bytes for " + features + " bytes of float32 features: " + sizes);
    }

    @Test
    void localSgdModeAveragesModelsAndStillLearns() {
        Dataset<Row> wbc = SparkTestSupport.csv("wisconsin-breast-cancer.csv", true).repartition(3);
        DendriteClassificationModel m = new DendriteClassifier().setLocalSteps(5).setEpochs(10).setBatchSize(16)
                .setBatchNorm("after_activation").setValidationFraction(0.2).fit(wbc);
        double auc = new BinaryClassificationEvaluator().evaluate(m.transform(wbc));
        assertTrue(auc > 0.98, "local SGD training ROC AUC " + auc);
        History h = m.coreModel().history();
        assertEquals(10, h.size());
        for (EpochRecord r : h.epochs()) assertTrue(r.validationAuc() > 0.95, "validation AUC in the history: " + r);
        // batch norm on each partition's batches; the averaged running statistics moved from their initial 0
        float[] runningMean = m.coreModel().network().buffers().values().iterator().next();
        double moved = 0;
        for (float v : runningMean) moved = Math.max(moved, Math.abs(v));
        assertTrue(moved > 1e-2, "running mean " + moved);
    }

    /** The core pieces prepared from all rows, as the Spark fit prepares them (column statistics over the training rows). */
    private static org.dendrite.core.data.TrainingData prepared(Rows data, org.dendrite.core.train.TrainingConfig config) {
        return org.dendrite.core.data.TrainingData.prepare(new LabeledTable(data.table(), "label", List.of("0", "1"), data.labels()),
                config.preprocessing(), config.robustTarget(), 0, config.seed(), null, null);
    }

    /** A run of {@code config} over {@code rows} (a subset of the prepared data, null = all) in the stream of shard {@code shard}. */
    private static TrainingRun shardRun(org.dendrite.core.data.TrainingData p, org.dendrite.core.train.TrainingConfig config, int[] rows, int shard) {
        org.dendrite.core.loss.Loss loss = config.lossFor(p.task());
        org.dendrite.core.data.Dataset d = rows == null ? p.train() : p.train().subset(rows);
        return new TrainingRun(config, p.preprocessor(), p.task(), loss, new org.dendrite.core.train.MinibatchSource(d, null, loss,
                config.augmentation(), 2, org.dendrite.core.data.Seeds.shard(config.seed(), shard), config.batchSize()),
                org.dendrite.core.train.TrainingListener.NONE, WarmStart.NONE);
    }

    /**
     * Rounds with one partition and stateless SGD: each round's local steps continue the partition's
     * own stream of shuffled epochs, and the outer step (SGD at rate 1 on the averaged weight change)
     * lands on the local weights, so the model equals single-machine training on that stream.
     */
    @Test
    void roundsOfOnePartitionEqualSingleMachineTrainingOnItsStream() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        // 569 rows in batches of 16: 36 steps an epoch (35 and one of 25 rows), 9 rounds of 4
        DendriteClassifier c = new DendriteClassifier().setLocalSteps(4).setEpochs(3).setBatchSize(16).setHiddenLayers("8")
                .setOptimizer("sgd").setLearningRate(0.05);
        DendriteClassificationModel spark = c.fit(data.partitions(1));
        TrainingRun core = shardRun(prepared(data, c.trainingConfig()), c.trainingConfig(), null, 0);
        core.run();
        assertEquals(3 * 36, core.steps());
        assertSameWeights(core.model(), spark.coreModel(), "one partition's rounds vs its stream on one machine");
        assertEquals(3 * 9, spark.coreModel().history().stepLearningRates().length, "one step record per round");
        // a schedule by steps (a warm-up over the first 30 steps, rounds of 4): each local step takes its own rate, as on one machine
        // (every local step of a round took the round's first rate)
        c.setConfigJson(org.dendrite.core.io.SpecFormat.write(c.trainingConfig().withSchedule(
                new org.dendrite.core.schedule.WarmUp(new org.dendrite.core.schedule.ConstantSchedule(), 0.1, 1, 30))));
        DendriteClassificationModel warm = c.fit(data.partitions(1));
        TrainingRun warmCore = shardRun(prepared(data, c.trainingConfig()), c.trainingConfig(), null, 0);
        warmCore.run();
        assertSameWeights(warmCore.model(), warm.coreModel(), "a warm-up by steps: one partition's rounds vs its stream on one machine");
    }

    /**
     * An input of more partitions than trainingPartitions is coalesced (no shuffle; partitions joined in
     * order): three partitions coalesced to one train exactly as one partition of the same rows, where
     * the three kept apart train another model. With the default (0) the cluster's default parallelism
     * bounds them (4 in these tests: six partitions train on four). The model's summary says so.
     */
    @Test
    void inputsOfMorePartitionsThanTrainingPartitionsAreCoalesced() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        DendriteClassifier c = new DendriteClassifier().setLocalSteps(4).setEpochs(2).setBatchSize(16).setHiddenLayers("8");
        DendriteClassificationModel single = c.fit(data.partitions(1));
        float[] one = single.coreModel().network().parameters().get(0).value();
        // fewer partitions than the cluster's parallelism (4 in these tests): said, not changed; the 4 is spark.default.parallelism, set by
        // these tests on local[2], and said to be that (it read "where the cluster runs 4 tasks at once", on 2 cores)
        assertTrue(single.summary().contains("the input has 1 partition where spark.default.parallelism is 4 (the tasks the cluster runs at "
                + "once, where it is set to the cores): repartition it to train on more cores"), single.summary());
        DendriteClassificationModel coalesced = c.copy(org.apache.spark.ml.param.ParamMap.empty()).setTrainingPartitions(1).fit(data.partitions(3));
        assertArrayEquals(one, coalesced.coreModel().network().parameters().get(0).value(), "three partitions coalesced to one vs one partition");
        assertTrue(coalesced.summary().contains("rounds of local steps over 1 partition (") && coalesced.summary()
                .contains("the input's 3 partitions coalesced to 1 (trainingPartitions)"), coalesced.summary());
        DendriteClassificationModel apart = c.copy(org.apache.spark.ml.param.ParamMap.empty()).setTrainingPartitions(3).fit(data.partitions(3));
        assertFalse(java.util.Arrays.equals(one, apart.coreModel().network().parameters().get(0).value()), "three partitions kept apart");
        assertFalse(apart.summary().contains("coalesced"), apart.summary());
        DendriteClassificationModel six = c.fit(data.partitions(6));
        assertTrue(six.summary().contains("rounds of local steps over 4 partitions")
                && six.summary().contains("the input's 6 partitions coalesced to 4 (the cluster's default parallelism)"), six.summary());
        // the rule: the param, else the default parallelism, except under dynamic allocation (the input's partitions are kept)
        assertEquals(3, SparkTraining.partitionLimit(3, 8, false));
        assertEquals(3, SparkTraining.partitionLimit(3, 8, true));
        assertEquals(8, SparkTraining.partitionLimit(0, 8, false));
        assertEquals(Integer.MAX_VALUE, SparkTraining.partitionLimit(0, 2, true));
    }

    /**
     * The driver's line per epoch says when its losses are on a scaled numeric target (they read as the
     * label's mean squared error: 0.002 for a label of scale 1e-9); a classifier's and an unscaled
     * target's line is as before. The time left is the elapsed time per epoch times the epochs left (by
     * hand: 6 s after 2 of 10 epochs, 24 s left).
     */
    @Test
    void theEpochLineSaysWhenItsLossesAreOnTheScaledTarget() {
        org.dendrite.core.train.EpochRecord r = new org.dendrite.core.train.EpochRecord(2, 0.25, 0.5, Double.NaN, Double.NaN, Double.NaN, 0.001, 3,
                null);
        assertEquals("Dendrite epoch 2/10: training loss 0.25, validation loss 0.5 (on the scaled target, as the model's summary says), 3.0 s, "
                + "about 24 s left", new SparkJobs(true).epochLine(r, 10, 6));
        assertEquals("Dendrite epoch 2/10: training loss 0.25, validation loss 0.5, 3.0 s, about 24 s left", new SparkJobs(false).epochLine(r, 10, 6));
        assertTrue(new org.dendrite.core.data.Task("y", List.of(), 0, 1e-9).scalesTarget());
        assertFalse(new org.dendrite.core.data.Task("y", List.of(), 0, 1).scalesTarget());
        assertFalse(new org.dendrite.core.data.Task("y", List.of("a", "b"), 0, 1).scalesTarget());
    }

    /**
     * Rows sorted by label (as data written class by class arrives): each of the two partitions holds
     * mostly one class, and averaging what each learned alone trains badly in rounds. They are shuffled
     * first (a seeded key per row, so the same model every time), and the summary says so; synchronous
     * training, the same mathematics for any partitioning, reads them as they are. Training accuracy
     * 96.1% here, 94.6% with the shuffle taken out (measured so; the bound 95% lies between).
     */
    @Test
    void partitionsHoldingTheirOwnClassesAreShuffledForRounds() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        List<Row> byLabel = new ArrayList<>(data.rows());
        byLabel.sort(java.util.Comparator.comparingDouble(r -> r.getDouble(1)));
        // 357 benign then 212 malignant rows in two partitions of 284 and 285: the first all benign, the second 73 benign
        Dataset<Row> sorted = new Rows(byLabel, data.schema()).partitions(2);
        DendriteClassifier c = new DendriteClassifier().setEpochs(4).setHiddenLayers("16");
        DendriteClassificationModel m = c.fit(sorted);
        assertTrue(m.summary().contains("the partitions held the labels unevenly (skew "), m.summary());
        double acc = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(m.transform(sorted));
        assertTrue(acc > 0.95, "training accuracy after the shuffle " + acc);
        assertArrayEquals(m.coreModel().network().parameters().get(0).value(), c.fit(sorted).coreModel().network().parameters().get(0).value(),
                "the shuffle is seeded: the same model");
        DendriteClassificationModel sync = c.copy(org.apache.spark.ml.param.ParamMap.empty()).setLocalSteps(1).fit(sorted);
        assertFalse(sync.summary().contains("unevenly"), sync.summary());
        // a numeric target sorted into two halves: the skew is each half's mean's distance from the whole's, in the whole's
        // (population) standard deviations, the halves weighted by their rows (computed here from the rows); unsorted, no shuffle
        Rows diabetes = Rows.of(SparkTestSupport.csv("diabetes-regression.csv", false));
        List<Row> byTarget = new ArrayList<>(diabetes.rows());
        byTarget.sort(java.util.Comparator.comparingDouble(r -> r.getDouble(1)));
        double[] y = byTarget.stream().mapToDouble(r -> r.getDouble(1)).toArray();
        int n = y.length, half = n / 2;
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / n);
        double low = java.util.Arrays.stream(y, 0, half).average().orElseThrow(), high = java.util.Arrays.stream(y, half, n).average().orElseThrow();
        double expected = (half * Math.abs(low - mean) + (n - half) * Math.abs(high - mean)) / n / sd;
        DendriteRegressor reg = new DendriteRegressor().setEpochs(2).setHiddenLayers("8");
        String sortedPlan = reg.fit(new Rows(byTarget, diabetes.schema()).partitions(2)).summary();
        assertTrue(sortedPlan.contains(String.format(java.util.Locale.ROOT, "the partitions held the labels unevenly (skew %.2f", expected)),
                expected + ": " + sortedPlan);
        String plainPlan = reg.fit(diabetes.partitions(2)).summary();
        assertFalse(plainPlan.contains("unevenly"), plainPlan);
    }

    /**
     * The weights and buffers (batch norm's running statistics) one round of {@code c} over {@code
     * data} in 3 partitions (Spark's slices: 189, 190 and 190 of 569 rows) should give: each
     * partition's local steps from the same start on its own rows, computed here independently with
     * the core on each partition's rows, and their mean, each partition weighted by the sum of its
     * rows' instance weights ({@code weights}; null: 1 each, so by its row count).
     */
    private static List<double[]> roundMean(DendriteClassifier c, Rows data, float[] weights) {
        int n = data.rows().size();
        assertEquals(569, n);
        org.dendrite.core.data.TrainingData p = org.dendrite.core.data.TrainingData.prepare(new LabeledTable(data.table(), "label",
                List.of("0", "1"), data.labels(), weights), c.trainingConfig().preprocessing(), false, 0, c.trainingConfig().seed(),
                null, null);
        List<double[]> mean = null;
        double total = 0;
        for (int k = 0; k < 3; k++) {
            int[] rows = java.util.stream.IntStream.range(k * n / 3, (k + 1) * n / 3).toArray();
            double share = 0;
            for (int r : rows) share += weights == null ? 1 : weights[r];
            total += share;
            TrainingRun local = shardRun(p, c.trainingConfig(), rows, k);
            local.run();
            List<float[]> values = new ArrayList<>();
            for (Parameter q : local.model().network().parameters()) values.add(q.value());
            values.addAll(local.model().network().buffers().values());
            if (mean == null) {
                mean = new ArrayList<>();
                for (float[] v : values) mean.add(new double[v.length]);
            }
            for (int i = 0; i < values.size(); i++) for (int j = 0; j < values.get(i).length; j++) mean.get(i)[j] += share * values.get(i)[j];
        }
        for (double[] m : mean) for (int j = 0; j < m.length; j++) m[j] /= total;
        return mean;
    }

    /** {@code model}'s weights, then its buffers, equal {@code expected} ({@link #roundMean}) up to float32 rounding. */
    private static void assertValues(List<double[]> expected, org.dendrite.core.train.Model model, String what) {
        List<float[]> actual = new ArrayList<>();
        for (Parameter q : model.network().parameters()) actual.add(q.value());
        actual.addAll(model.network().buffers().values());
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < actual.size(); i++) {
            for (int j = 0; j < actual.get(i).length; j++) {
                double e = expected.get(i)[j];
                assertEquals(e, actual.get(i)[j], 1e-5 * Math.max(1, Math.abs(e)), what + ": value " + i + "[" + j + "]");
            }
        }
    }

    /**
     * One round over three partitions: each partition takes its local steps (Adam from a fresh state)
     * from the same weights on its own rows, and the model is the rows-weighted mean of the three
     * results; with batch norm, its running statistics are averaged the same way; with the outer
     * Nesterov step, that mean's move from the start weights is taken 1.33 times.
     */
    @Test
    void aRoundIsTheMeanOfThePartitionsLocalSteps() {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        // batches of 16: 12 steps in each partition, one round of 12 per epoch
        DendriteClassifier c = new DendriteClassifier().setLocalSteps(12).setEpochs(1).setBatchSize(16).setHiddenLayers("8");
        DendriteClassificationModel spark = c.fit(data.partitions(3));
        List<double[]> mean = roundMean(c, data, null);
        assertValues(mean, spark.coreModel(), "the partitions' mean");

        DendriteClassifier bn = c.copy(org.apache.spark.ml.param.ParamMap.empty()).setBatchNorm("before_activation");
        org.dendrite.core.train.Model normalized = bn.fit(data.partitions(3)).coreModel();
        assertEquals(2, normalized.network().buffers().size(), "batch norm's running mean and variance");
        assertValues(roundMean(bn, data, null), normalized, "batch norm: the partitions' mean, running statistics included");

        // DiLoCo's outer step, as PyTorch's SGD (momentum 0.9, nesterov, rate 0.7) takes it from an empty momentum buffer: the
        // pseudo-gradient g = start - mean fills the buffer, the step is 0.7 (g + 0.9 g), so the weights are start - 1.33 g
        List<Parameter> start = shardRun(prepared(data, c.trainingConfig()), c.trainingConfig(), null, 0).model().network().parameters();
        List<double[]> stepped = new ArrayList<>();
        for (int i = 0; i < start.size(); i++) {
            float[] w0 = start.get(i).value();
            double[] e = new double[w0.length];
            for (int j = 0; j < e.length; j++) e[j] = w0[j] - 0.7 * 1.9 * (w0[j] - mean.get(i)[j]);
            stepped.add(e);
        }
        assertValues(stepped, c.copy(org.apache.spark.ml.param.ParamMap.empty()).setOuterOptimizer("nesterov")
                .fit(data.partitions(3)).coreModel(), "nesterov");
    }

    /** A round weighs each partition by the sum of its rows' instance weights (here 1, 3 and 0.5 a row), not by its row count. */
    @Test
    void aRoundWeighsEachPartitionByItsRowsWeights() {
        Rows plain = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        int n = plain.rows().size();
        float[] w = new float[n];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            w[i] = i < n / 3 ? 1f : i < 2 * n / 3 ? 3f : 0.5f;
            rows.add(RowFactory.create(plain.rows().get(i).get(0), plain.rows().get(i).get(1), (double) w[i]));
        }
        Rows data = new Rows(rows, plain.schema().add("w", DataTypes.DoubleType));
        DendriteClassifier c = new DendriteClassifier().setLocalSteps(12).setEpochs(1).setBatchSize(16).setHiddenLayers("8")
                .setWeightCol("w");
        assertValues(roundMean(c, data, w), c.fit(data.partitions(3)).coreModel(), "weighted rows: the partitions' weighted mean");
    }

    /** Rounds carry out what the loop asks of every step: pruned weights stay zero, augmentation runs, frozen layers keep their weights. */
    @Test
    void roundsPruneAugmentAndKeepFrozenLayers(@TempDir Path dir) throws Exception {
        Rows data = Rows.of(SparkTestSupport.csv("wisconsin-breast-cancer.csv", true));
        DendriteClassifier base = new DendriteClassifier().setEpochs(3).setBatchSize(32).setHiddenLayers("16").setLocalSteps(4);
        DendriteClassifier pruned = base.copy(new org.apache.spark.ml.param.ParamMap());
        pruned.setConfigJson(org.dendrite.core.io.SpecFormat.write(base.trainingConfig()
                .withPruning(new org.dendrite.core.regularization.Pruning(0.5, 1, 2)).withAugmentation(new org.dendrite.core.augment.Augmentation(0.1, 0.2))));
        org.dendrite.core.train.Model m = pruned.fit(data.partitions(2)).coreModel();
        assertTrue(org.dendrite.core.regularization.Pruning.sparsity(m.network().parameters()) >= 0.5 - 1e-9);
        assertTrue(Double.isFinite(m.history().last().trainLoss()));
        Path json = dir.resolve("start.json");
        ModelIO.write(base.fit(data.partitions(2)).coreModel(), json);
        DendriteClassifier warm = base.copy(new org.apache.spark.ml.param.ParamMap());
        warm.setInitialModel(json.toString()).setFrozenLayers(1);
        org.dendrite.core.train.Model w = warm.fit(data.partitions(2)).coreModel();
        assertArrayEquals(ModelIO.read(json).network().parameters().get(0).value(), w.network().parameters().get(0).value(), "frozen layer");
        assertFalse(java.util.Arrays.equals(ModelIO.read(json).network().parameters().get(2).value(), w.network().parameters().get(2).value()));
    }

    @Test
    void saveAndLoadEstimatorModelPipelineAndCrossValidatorModel(@TempDir Path dir) throws Exception {
        Dataset<Row> wbc = SparkTestSupport.csv("wisconsin-breast-cancer.csv", true);
        DendriteClassifier c = new DendriteClassifier().setEpochs(5).setHiddenLayers("8,4").setL2(0.003);
        c.write().overwrite().save(dir.resolve("estimator").toString());
        DendriteClassifier c2 = DendriteClassifier.load(dir.resolve("estimator").toString());
        assertEquals("8,4", c2.getOrDefault(c2.hiddenLayers()));
        assertEquals(0.003, (Double) c2.getOrDefault(c2.l2()));

        DendriteClassificationModel m = c.fit(wbc);
        m.write().overwrite().save(dir.resolve("model").toString());
        DendriteClassificationModel m2 = DendriteClassificationModel.load(dir.resolve("model").toString());
        assertArrayEquals(predictions(m.transform(wbc), "probability"), predictions(m2.transform(wbc), "probability"), 0);

        PipelineModel pm = new Pipeline().setStages(new PipelineStage[] {c}).fit(wbc);
        pm.write().overwrite().save(dir.resolve("pipeline").toString());
        PipelineModel pm2 = PipelineModel.load(dir.resolve("pipeline").toString());
        assertArrayEquals(predictions(pm.transform(wbc), "prediction"), predictions(pm2.transform(wbc), "prediction"), 0);

        CrossValidatorModel cv = new CrossValidator().setEstimator(c).setEstimatorParamMaps(new ParamGridBuilder().build()).setNumFolds(2)
                .setEvaluator(new BinaryClassificationEvaluator()).fit(wbc);
        cv.write().overwrite().save(dir.resolve("cv").toString());
        CrossValidatorModel cv2 = CrossValidatorModel.load(dir.resolve("cv").toString());
        assertArrayEquals(predictions(cv.transform(wbc), "probability"), predictions(cv2.transform(wbc), "probability"), 0);

        // the model inside is the core's versioned JSON: the core (and so the Weka plugin) reads it
        org.dendrite.core.train.Model core = ModelIO.read(dir.resolve("model").resolve("model.json"));
        double[] x = ((Vector) wbc.select("features").first().get(0)).toArray();
        assertArrayEquals(m.coreModel().predictRow(x), core.predictRow(x), 0);
    }

    @Test
    void badInputGetsClearErrorsNamingTheColumn() {
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), true),
            DataTypes.createStructField("label", DataTypes.DoubleType, true)});
        var spark = SparkTestSupport.spark();
        DendriteClassifier c = new DendriteClassifier().setEpochs(1);
        var nullRow = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), 0.0), RowFactory.create(null, 1.0)), schema);
        var e1 = assertThrows(IllegalArgumentException.class, () -> c.fit(nullRow.coalesce(1)));
        assertEquals("Column 'features' holds a null value (row 1 of partition 0); every row needs a feature vector", e1.getMessage());
        var nan = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, Double.NEGATIVE_INFINITY), 0.0),
                RowFactory.create(Vectors.dense(1, 2), 1.0)), schema);
        var e2 = assertThrows(IllegalArgumentException.class, () -> c.fit(nan.coalesce(1)));
        assertEquals("Column 'features' holds -Infinity at features[1] (row 0 of partition 0); feature values must be finite numbers (or NaN for "
                + "a missing value)", e2.getMessage());
        var size = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), 0.0), RowFactory.create(Vectors.dense(1, 2, 3), 1.0)), schema);
        var e3 = assertThrows(IllegalArgumentException.class, () -> c.fit(size.coalesce(1)));
        assertEquals("Column 'features' holds a vector of size 3 (row 1 of partition 0); expected size 2 (as in the first rows)", e3.getMessage());
        var label = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), 0.5), RowFactory.create(Vectors.dense(1, 2), 1.0)), schema);
        var e4 = assertThrows(IllegalArgumentException.class, () -> c.fit(label));
        assertTrue(e4.getMessage().contains("'label'") && e4.getMessage().contains("0.5") && e4.getMessage().contains("0..k-1"), e4.getMessage());
        var empty = spark.createDataFrame(List.<Row>of(), schema);
        var e5 = assertThrows(IllegalArgumentException.class, () -> c.fit(empty));
        assertTrue(e5.getMessage().contains("empty"), e5.getMessage());
        var e6 = assertThrows(IllegalArgumentException.class, () -> c.setFeaturesCol("vec").fit(nan));
        assertTrue(e6.getMessage().contains("'vec' is missing") && e6.getMessage().contains("features, label"), e6.getMessage());
        var e7 = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setEpochs(-1));
        assertTrue(e7.getMessage().contains("epochs"), e7.getMessage());
        var e8 = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setBatchNorm("sideways"));
        assertTrue(e8.getMessage().contains("batchNorm"), e8.getMessage());
        var e9 = assertThrows(IllegalArgumentException.class, () -> new DendriteClassifier().setValidationFraction(1));
        assertTrue(e9.getMessage().contains("validationFraction"), e9.getMessage());
    }
}
