package org.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A real Spark standalone cluster on 127.0.0.1: a Master and two Workers as separate JVMs (Spark's
 * own deploy classes, a SPARK_HOME whose jars/ holds this build's classpath), a driver on
 * spark://127.0.0.1:port searching hyperparameters and training Dendrite on the executors, and a Worker
 * killed in the middle of a fit, which still completes. Every process started here is stopped here.
 */
@Timeout(900)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(2, "1g");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) cluster.close();
    }

    private static Dataset<Row> wbc(SparkSession spark) {
        Dataset<Row> raw = spark.read().option("header", true).option("inferSchema", true)
                .csv(Path.of(System.getProperty("dendrite.testData"), "datasets", "wisconsin-breast-cancer.csv").toString());
        String[] cols = raw.columns();
        Dataset<Row> f = new VectorAssembler().setInputCols(java.util.Arrays.copyOf(cols, cols.length - 1)).setOutputCol("features").transform(raw);
        return new StringIndexer().setInputCol("diagnosis").setOutputCol("label").fit(f).transform(f).repartition(4).cache();
    }

    /** The hyperparameter search's trials as tasks on the cluster's executors, then the distributed fit of the choice. */
    @Test
    @Order(1)
    void searchesOnTheCluster() {
        SparkSession spark = cluster.session("dendrite-cluster-search", 2, "768m");
        Dataset<Row> data = wbc(spark);
        String search = "{\"space\": {\"parameters\": {\"units\": [4, 16], \"l2\": [0.001, 0.01]}}, \"scheduler\": {\"type\": \"asha\", "
                + "\"trials\": 6, \"minEpochs\": 2, \"maxEpochs\": 8, \"eta\": 2, \"workers\": 2}}";
        DendriteClassificationModel m = new DendriteClassifier().setEpochs(8).setSearchJson(search).fit(data);
        org.dendrite.core.search.SearchResult r = m.searchResult();
        assertTrue(r.trials().size() == 6 && r.best().complete(), r.summary(6));
        double auc = new BinaryClassificationEvaluator().evaluate(m.transform(data));
        assertTrue(auc > 0.98, "ROC AUC of the chosen configuration " + auc);
    }

    @Test
    @Order(2)
    void trainsOnTheClusterAndSurvivesALostWorker() throws Exception {
        SparkSession spark = cluster.session("dendrite-cluster-test", 2, "768m");
        Dataset<Row> data = wbc(spark);
        data.count();
        assertTrue(spark.sparkContext().statusTracker().getExecutorInfos().length >= 3, "a driver and two executors");
        // batch norm over the global batch (several aggregations per step) and a validation split held on the executors
        DendriteClassifier c = new DendriteClassifier().setEpochs(5).setBatchSize(64).setBatchNorm("before_activation")
                .setValidationFraction(0.2);
        DendriteClassificationModel m = c.fit(data);
        double auc = new BinaryClassificationEvaluator().evaluate(m.transform(data));
        assertTrue(auc > 0.98, "cluster-trained ROC AUC " + auc);
        for (org.dendrite.core.train.EpochRecord r : m.coreModel().history().epochs()) {
            assertTrue(r.validationAuc() > 0.95, "validation AUC recorded per epoch: " + r);
        }

        // rows sorted by label (one class per partition, cached: the same input twice): shuffled by a seeded key before the rounds,
        // the same rows in the same order on every pass although the executors fetch each other's shuffle blocks: the same model twice
        // (with Spark's repartition in its place, one of two runs of this test gave two different models)
        Dataset<Row> sorted = data.repartitionByRange(2, org.apache.spark.sql.functions.col("label")).cache();
        sorted.count();
        DendriteClassifier r = new DendriteClassifier().setEpochs(4).setValidationFraction(0.2);
        DendriteClassificationModel first = r.fit(sorted), second = r.fit(sorted);
        assertTrue(first.summary().contains("the partitions held the labels unevenly"), first.summary());
        org.junit.jupiter.api.Assertions.assertArrayEquals(first.coreModel().network().parameters().get(0).value(),
                second.coreModel().network().parameters().get(0).value(), "the same shuffled rows, the same model");
        assertTrue(new BinaryClassificationEvaluator().evaluate(first.transform(data)) > 0.98, "ROC AUC from sorted rows");

        // kill worker 2 (and its executor) while a fit runs, when the fit's third Spark job starts: Spark reruns
        // the lost tasks on worker 1 and the later rounds run there
        AtomicInteger jobs = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        SparkListener killer = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                if (jobs.incrementAndGet() == 3) {
                    Process w2 = cluster.worker(2);
                    w2.descendants().forEach(ProcessHandle::destroyForcibly);
                    w2.destroyForcibly();
                    killed.set(true);
                }
            }
        };
        spark.sparkContext().addSparkListener(killer);
        DendriteClassificationModel survived = new DendriteClassifier().setEpochs(12).setBatchSize(64).fit(data);
        spark.sparkContext().removeSparkListener(killer);
        assertTrue(killed.get() && jobs.get() > 3, "worker 2 was killed during the fit (jobs started: " + jobs.get() + ")");
        cluster.worker(2).onExit().get(60, TimeUnit.SECONDS);
        double auc2 = new BinaryClassificationEvaluator().evaluate(survived.transform(data));
        assertTrue(auc2 > 0.98, "ROC AUC after losing a worker " + auc2);
    }
}
