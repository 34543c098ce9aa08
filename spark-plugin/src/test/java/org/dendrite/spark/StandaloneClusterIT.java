package org.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real Spark standalone cluster on 127.0.0.1: a Master and two Workers as separate JVMs (Spark's
 * own deploy classes, a SPARK_HOME whose jars/ holds this build's classpath), a driver on
 * spark://127.0.0.1:port training Dendrite on the executors, and a Worker killed in the middle of a
 * fit, which still completes. Every process started here is stopped here.
 */
@Timeout(900)
class StandaloneClusterIT {
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static Path home;
    private static int port;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Process start(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        for (String f : System.getProperty("spark.flags", "").split(" ")) if (!f.isBlank()) cmd.add(f);
        cmd.add("-cp");
        cmd.add(home.resolve("jars") + File.separator + "*");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(home.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", System.getProperty("scala.binary.version", "2.12"));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        PROCESSES.add(p);
        return p;
    }

    private static void awaitLog(String name, String text, int count, long seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            Path log = home.resolve(name + ".log");
            if (Files.exists(log)) {
                String s = Files.readString(log);
                int n = 0, i = -1;
                while ((i = s.indexOf(text, i + 1)) >= 0) n++;
                if (n >= count) return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Timed out waiting for '" + text + "' in " + name + ".log:\n" + Files.readString(home.resolve(name + ".log")));
    }

    @BeforeAll
    static void startCluster() throws Exception {
        home = Files.createTempDirectory("dendrite-spark-home");
        Files.createDirectories(home.resolve("jars"));
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            String n = p.getFileName().toString();
            if (!n.endsWith(".jar") || n.contains("junit") || n.contains("opentest4j") || n.contains("surefire") || n.contains("failsafe")) continue;
            Path link = home.resolve("jars").resolve(n);
            if (!Files.exists(link)) Files.createSymbolicLink(link, p.toAbsolutePath());
        }
        port = freePort();
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port",
                Integer.toString(freePort()));
        awaitLog("master", "Starting Spark master", 1, 60);
        for (int w = 1; w <= 2; w++) {
            Files.createDirectories(home.resolve("work" + w));
            start("worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port",
                    Integer.toString(freePort()), "--work-dir", home.resolve("work" + w).toString(), "spark://127.0.0.1:" + port);
        }
        awaitLog("master", "Registering worker", 2, 90);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        for (Process p : PROCESSES) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroy();
        }
        for (Process p : PROCESSES) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static SparkSession session() {
        SparkSession s = SparkSession.builder().master("spark://127.0.0.1:" + port).appName("dendrite-cluster-test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").config("spark.ui.enabled", "false")
                .config("spark.executor.memory", "768m").config("spark.cores.max", "2")
                .config("spark.executor.extraJavaOptions", System.getProperty("spark.flags", "") + " -Ddendrite.threads=1")
                .config("spark.executorEnv.OPENBLAS_NUM_THREADS", "1").config("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1")
                .config("spark.task.maxFailures", "8").getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }

    private static Dataset<Row> wbc(SparkSession spark) {
        Dataset<Row> raw = spark.read().option("header", true).option("inferSchema", true)
                .csv(Path.of(System.getProperty("dendrite.testData"), "datasets", "wisconsin-breast-cancer.csv").toString());
        String[] cols = raw.columns();
        Dataset<Row> f = new VectorAssembler().setInputCols(java.util.Arrays.copyOf(cols, cols.length - 1)).setOutputCol("features").transform(raw);
        return new StringIndexer().setInputCol("diagnosis").setOutputCol("label").fit(f).transform(f).repartition(4).cache();
    }

    @Test
    void trainsOnTheClusterAndSurvivesALostWorker() throws Exception {
        SparkSession spark = session();
        Dataset<Row> data = wbc(spark);
        data.count();
        assertTrue(spark.sparkContext().statusTracker().getExecutorInfos().length >= 3, "a driver and two executors");
        DendriteClassifier c = (DendriteClassifier) new DendriteClassifier().setEpochs(5).setBatchSize(64);
        DendriteClassificationModel m = c.fit(data);
        double auc = new BinaryClassificationEvaluator().evaluate(m.transform(data));
        assertTrue(auc > 0.98, "cluster-trained ROC AUC " + auc);

        // kill worker 2 (and its executor) while a fit runs: Spark reruns the lost tasks on worker 1
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(4000);
                Process w2 = PROCESSES.get(2);
                w2.descendants().forEach(ProcessHandle::destroyForcibly);
                w2.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        DendriteClassificationModel survived = ((DendriteClassifier) new DendriteClassifier().setEpochs(12).setBatchSize(64)).fit(data);
        killer.join();
        assertTrue(!PROCESSES.get(2).isAlive(), "worker 2 was killed during the fit");
        double auc2 = new BinaryClassificationEvaluator().evaluate(survived.transform(data));
        assertTrue(auc2 > 0.98, "ROC AUC after losing a worker " + auc2);
    }
}
