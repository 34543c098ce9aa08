package org.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.dendrite.core.data.RowCheck;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.io.SearchFormat;
import org.dendrite.core.search.Search;
import org.dendrite.core.search.SearchConfig;
import org.dendrite.core.search.SearchResult;
import org.dendrite.core.search.TrialRecord;
import org.dendrite.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The hyperparameter search on Spark (local[2]): trials as Spark tasks on a sample, the best configuration trained on all rows. */
@Timeout(600)
class SparkSearchTest {
    private static final String SEARCH = "{\"space\": {\"parameters\": {\"units\": [4, 12], \"learningRate\": "
            + "{\"distribution\": \"log_uniform\", \"min\": 0.005, \"max\": 0.05}}},"
            + " \"scheduler\": {\"type\": \"successive_halving\", \"trials\": 4, \"minEpochs\": 2, \"maxEpochs\": 8, \"eta\": 2}}";

    private static List<String> describe(SearchResult r) {
        return r.trials().stream().map((TrialRecord t) -> t.id() + ":" + t.candidate() + ":" + t.epochs() + ":" + t.score() + ":" + t.complete())
                .toList();
    }

    private static double[] probabilities(Dataset<Row> out) {
        return out.select("probability").collectAsList().stream().mapToDouble(r -> ((Vector) r.get(0)).apply(1)).toArray();
    }

    /**
     * A search fit whose thread is interrupted stops with a CancellationException (it was an
     * IllegalStateException or, where the interrupt met the search's sample, a raw InterruptedException)
     * and cancels its jobs still running: the trials' jobs ran on for 5-10 s after the fit had thrown
     * (Spark does not cancel a job when the thread waiting for it is interrupted). No job is left
     * 3 s after the fit stopped; the search's first job (48 trials of 300 epochs of two layers of 256
     * units, two at a time) runs for longer than that, so this part fails without the cancel.
     */
    @Test
    void anInterruptedSearchFitStopsAndCancelsItsJobs() throws Exception {
        Dataset<Row> raw = SparkTestSupport.irisRaw();
        Dataset<Row> iris = new VectorAssembler().setInputCols(new String[] {"sl", "sw", "pl", "pw"}).setOutputCol("features")
                .transform(new StringIndexer().setInputCol("species").setOutputCol("label").fit(raw).transform(raw));
        // a search of many seconds (two layers of 256 units, 48 trials of 300 to 2,700 epochs, no early stopping), interrupted while
        // its first jobs run: a fixed wait of 4 s let a warm JVM finish a smaller search before the interrupt
        String big = "{\"scheduler\": {\"type\": \"successive_halving\", \"trials\": 48, \"minEpochs\": 300, \"maxEpochs\": 2700, "
                + "\"eta\": 3}}";
        DendriteClassifier c = new DendriteClassifier().setEpochs(2700).setHiddenLayers("256,256").setPatience(0).setSearchJson(big);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                c.fit(iris);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        org.apache.spark.SparkStatusTracker tracker = SparkTestSupport.spark().sparkContext().statusTracker();
        t.start();
        long started = System.nanoTime();
        while (tracker.getActiveJobIds().length == 0 && t.isAlive() && System.nanoTime() - started < 60_000_000_000L) Thread.sleep(10);
        Thread.sleep(1000);
        assertTrue(t.isAlive(), "the search ended before it could be interrupted: " + thrown.get());
        t.interrupt();
        t.join(60_000);
        assertFalse(t.isAlive(), "still fitting a minute after the interrupt");
        assertTrue(thrown.get() instanceof java.util.concurrent.CancellationException, String.valueOf(thrown.get()));
        long until = System.nanoTime() + 3_000_000_000L;
        while (tracker.getActiveJobIds().length > 0 && System.nanoTime() < until) Thread.sleep(50);
        assertEquals(0, tracker.getActiveJobIds().length, "jobs still running 3 s after the fit stopped");
    }

    /**
     * A Spark search's trials side by side share an executor's memory budget as a Weka search's
     * threads share the JVM's (each was checked against all of it): as many as run at once there, the
     * search's threads but at most the executor's cores.
     */
    @Test
    void trialsOnAnExecutorShareItsMemoryBudget() {
        var two = new org.apache.spark.SparkConf(false).set("spark.executor.cores", "2");
        assertEquals(2, SparkSearch.RemoteTrial.sideBySide(4, two));
        assertEquals(1, SparkSearch.RemoteTrial.sideBySide(1, two));
        assertEquals(Math.min(3, Runtime.getRuntime().availableProcessors()), SparkSearch.RemoteTrial.sideBySide(3, new org.apache.spark.SparkConf(false)));
    }

    /**
     * An ordinary fit's partitions fill their blocks side by side too, as many as the executor has
     * cores: each was checked against the whole budget, and two wide partitions of 2^18 hashed
     * features in local[2] together ran the JVM out of memory where one alone was refused clearly.
     * Inside the block-filling pass of a fit, the budget and its refusal say the share.
     */
    @Test
    void partitionsFilledSideBySideShareTheExecutorsMemoryBudget() {
        SparkTestSupport.spark(); // the test JVM's SparkEnv: local mode, no spark.executor.cores, the JVM's processors
        int cores = Runtime.getRuntime().availableProcessors();
        double whole = org.dendrite.core.data.HeapBudget.bytes();
        assertEquals(whole / cores, SparkJobs.besideOtherTasks(org.dendrite.core.data.HeapBudget::bytes));
        assertEquals("50% of this JVM's largest heap" + (cores == 1 ? "" : ", shared by the " + cores + " partitions an executor fills at once "
                + "(its cores)"), SparkJobs.besideOtherTasks(org.dendrite.core.data.HeapBudget::describe));
        assertEquals(whole, org.dendrite.core.data.HeapBudget.bytes(), "the thread's own budget afterwards");
        assertEquals(2, SparkJobs.executorCores(new org.apache.spark.SparkConf(false).set("spark.executor.cores", "2")));
    }

    @Test
    void aSearchInAPipelineFitsSavesAndLoads(@TempDir Path dir) throws Exception {
        Dataset<Row> iris = SparkTestSupport.irisRaw().repartition(3);
        DendriteClassifier c = new DendriteClassifier().setEpochs(8).setSearchJson(SEARCH);
        Pipeline p = new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("species").setOutputCol("label"),
            new VectorAssembler().setInputCols(new String[] {"sl", "sw", "pl", "pw"}).setOutputCol("features"), c});
        PipelineModel m = p.fit(iris);
        DendriteClassificationModel model = (DendriteClassificationModel) m.stages()[2];
        SearchResult r = model.searchResult();
        assertEquals(4, r.trials().size());
        assertEquals(8, r.bestConfig().epochs());
        // the chosen configuration, trained on all rows by the distributed trainer
        assertEquals(8, model.coreModel().history().size());
        // the values left to the data (batch size 0) are chosen once from all 150 rows, before the trials
        assertEquals(r.best().candidate().apply(TrainingConfig.DEFAULT.withEpochs(8).resolve(150)), r.bestConfig());
        Dataset<Row> out = m.transform(iris);
        double acc = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(out);
        assertTrue(acc > 0.8, "training accuracy " + acc);

        m.write().overwrite().save(dir.resolve("pipeline").toString());
        PipelineModel back = PipelineModel.load(dir.resolve("pipeline").toString());
        assertArrayEquals(probabilities(out), probabilities(back.transform(iris)), 0);
        Path trials = Files.list(dir.resolve("pipeline").resolve("stages")).filter(s -> s.getFileName().toString().contains("dendrite"))
                .findFirst().orElseThrow().resolve("search-trials.json");
        assertTrue(Files.readString(trials).contains("\"format\" : \"dendrite-search-trials\""));
        // the trials come back with the model: every trial's values, configuration, epochs, score and curve, the best, the metric
        SearchResult loaded = ((DendriteClassificationModel) back.stages()[2]).searchResult();
        assertEquals(r.trials().size(), loaded.trials().size());
        for (int i = 0; i < r.trials().size(); i++) {
            TrialRecord a = r.trials().get(i), b = loaded.trials().get(i);
            assertEquals(List.of(a.id(), a.bracket(), a.candidate(), a.config(), a.epochs(), a.rungScores(), a.epochsTrained(), a.complete()),
                    List.of(b.id(), b.bracket(), b.candidate(), b.config(), b.epochs(), b.rungScores(), b.epochsTrained(), b.complete()), "trial " + i);
            assertEquals(a.score(), b.score(), 0);
            assertArrayEquals(a.curve(), b.curve(), 0);
        }
        assertEquals(List.of(r.best().id(), r.bestConfig(), r.metric(), r.space(), r.description()),
                List.of(loaded.best().id(), loaded.bestConfig(), loaded.metric(), loaded.space(), loaded.description()));
        assertEquals(r.toCsv(), loaded.toCsv());
        // a model without a search loads without one
        DendriteClassificationModel plain = new DendriteClassifier().setEpochs(1).fit(out.select("features", "label"));
        plain.write().overwrite().save(dir.resolve("plain").toString());
        assertNull(DendriteClassificationModel.load(dir.resolve("plain").toString()).searchResult());

        c.write().overwrite().save(dir.resolve("estimator").toString());
        DendriteClassifier c2 = DendriteClassifier.load(dir.resolve("estimator").toString());
        assertEquals(SEARCH, c2.getOrDefault(c2.searchJson()));
    }

    /** The Spark search runs the core's search on the sample: the same trials as a local search on the same rows. */
    @Test
    void trialsOnExecutorsEqualALocalSearchOnTheSameSample() {
        Dataset<Row> wbc = SparkTestSupport.csv("wisconsin-breast-cancer.csv", true).repartition(2);
        Dataset<Row> rows = wbc.select(functions.col("features"), functions.col("label").cast(DataTypes.DoubleType), functions.lit(1.0));
        RowCheck cols = new RowCheck("features", "label", null, true, 2);
        SearchConfig config = SearchFormat.readSearch(SEARCH).withThreads(2);
        TrainingConfig base = TrainingConfig.DEFAULT.withEpochs(8);
        SearchResult spark = SparkSearch.run(rows, cols, base, config, 1_000_000);
        LabeledTable sample = SparkSearch.sample(rows, cols, base.seed(), 1_000_000).table();
        assertEquals(wbc.count(), sample.size(), "fewer rows than the sample size: all of them");
        SearchResult local = new Search(config).explore(sample, base, null);
        assertEquals(describe(local), describe(spark));
    }

    @Test
    void aStratifiedSampleOfTheRequestedSize() {
        Dataset<Row> wbc = SparkTestSupport.csv("wisconsin-breast-cancer.csv", true);
        Dataset<Row> rows = wbc.select(functions.col("features"), functions.col("label").cast(DataTypes.DoubleType), functions.lit(1.0));
        LabeledTable s = SparkSearch.sample(rows, new RowCheck("features", "label", null, true, 2), 1, 300).table();
        long n = wbc.count(), positives = wbc.filter("label = 1").count();
        // each class its share of 300, rounded: exact
        long expectedPositives = Math.round(300.0 * positives / n), expectedNegatives = Math.round(300.0 * (n - positives) / n);
        assertEquals(expectedPositives + expectedNegatives, s.size());
        assertEquals(expectedPositives, java.util.Arrays.stream(s.target()).filter(y -> y == 1).count());
        // distinct rows of the data, the same for the same seed and partitioning, others for another seed
        // as a multiset: no row of the data is taken more often than the data hold it
        java.util.Map<String, Integer> data = new java.util.HashMap<>();
        for (Row r : wbc.select("features").collectAsList()) data.merge(r.get(0).toString(), 1, Integer::sum);
        for (double[] x : s.features().rows()) {
            String v = org.apache.spark.ml.linalg.Vectors.dense(x).toString();
            assertTrue(data.merge(v, -1, Integer::sum) >= 0, "a row of the data, taken at most as often as it occurs: " + v);
        }
        LabeledTable again = SparkSearch.sample(rows, new RowCheck("features", "label", null, true, 2), 1, 300).table();
        assertTrue(java.util.Arrays.deepEquals(s.features().rows(), again.features().rows()), "the same seed, the same sample");
        LabeledTable other = SparkSearch.sample(rows, new RowCheck("features", "label", null, true, 2), 2, 300).table();
        assertFalse(java.util.Arrays.deepEquals(s.features().rows(), other.features().rows()), "another seed, another sample");
    }

    /**
     * One counting pass gives the sample's quotas, the classes, the width and the number of rows the
     * sample was drawn from (no other job counts them): a class of one row in 200 keeps its row in a
     * 20-row sample (each class at least one), the two others their rounded shares, 10 each.
     */
    @Test
    void aSampleKeepsEveryClassAndKnowsTheRowsItCameFrom() {
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType).add("w", DataTypes.DoubleType);
        List<Row> data = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            data.add(org.apache.spark.sql.RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(i, i % 7), i == 77 ? 2.0 : i % 2, 1.0));
        }
        Dataset<Row> rows = SparkTestSupport.spark().createDataFrame(data, schema).repartition(3);
        SparkSearch.Sample s = SparkSearch.sample(rows, new RowCheck("features", "label", null, true, 0), 1, 20);
        assertEquals(200, s.rows());
        assertEquals(21, s.table().size());
        assertEquals(List.of(10L, 10L, 1L), java.util.stream.IntStream.range(0, 3)
                .mapToObj(c -> java.util.Arrays.stream(s.table().target()).filter(y -> y == c).count()).toList());
        assertEquals(List.of("0", "1", "2"), s.table().classes());
        assertEquals(2, s.table().features().columns().size());
    }

    @Test
    void aRegressorSearchesToo() {
        Dataset<Row> d = SparkTestSupport.csv("diabetes-regression.csv", false);
        String search = "{\"space\": {\"parameters\": {\"l2\": [0.001, 0.01]}}, \"scheduler\": {\"type\": \"hyperband\", \"minEpochs\": 3, "
                + "\"maxEpochs\": 6, \"eta\": 2}}";
        DendriteRegressionModel m = new DendriteRegressor().setEpochs(6).setSearchJson(search).fit(d);
        assertEquals("rmse", m.searchResult().metric().label());
        double rmse = new RegressionEvaluator().setMetricName("rmse").evaluate(m.transform(d));
        // predicting the mean gives the target's standard deviation, about 77 on these data
        assertTrue(rmse < 70, "training RMSE " + rmse);
    }

    @Test
    void badSearchesAreRefusedNamingTheParam() {
        DendriteClassifier c = new DendriteClassifier();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.setSearchJson("{\"scheduler\": \"bohb\"}"));
        assertTrue(e.getMessage().contains("Param searchJson = {\"scheduler\": \"bohb\"}: The search: $.scheduler: unknown scheduler 'bohb'"),
                e.getMessage());
        Dataset<Row> wbc = SparkTestSupport.csv("wisconsin-breast-cancer.csv", true);
        c.setEpochs(2).setSearchJson("{\"scheduler\": \"hyperband\"}");
        e = assertThrows(IllegalArgumentException.class, () -> c.fit(wbc));
        assertTrue(e.getMessage().startsWith("Param searchJson (its maxEpochs): Invalid hyperband budget: with maxEpochs 2"), e.getMessage());
        // the 2 is the epochs param's (the JSON gives no maxEpochs): said so
        assertTrue(e.getMessage().contains("maxEpochs 2 (0: the configuration's epochs)") && e.getMessage().endsWith("set maxEpochs, or more epochs"),
                e.getMessage());
    }
}
