package org.dendrite.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark standalone cluster on 127.0.0.1: a Master and Workers as separate JVMs (Spark's own
 * deploy classes), with a temporary SPARK_HOME whose jars/ links this JVM's classpath. Every
 * process started here is stopped by {@link #close}. Used by the cluster test and the benchmark.
 */
public final class LocalCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final Path home;
    private final int port;

    private LocalCluster(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts a Master and {@code workers} Workers of one core each and waits until all registered. */
    public static LocalCluster start(int workers, String workerMemory) throws Exception {
        Path home = Files.createTempDirectory("dendrite-spark-home");
        Files.createDirectories(home.resolve("jars"));
        int dirs = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            String n = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                // classes not yet packaged (a build that stopped at test-compile): executors load only jars
                jar(p, home.resolve("jars").resolve("classes-" + dirs++ + ".jar"));
                continue;
            }
            if (!n.endsWith(".jar") || n.contains("junit") || n.contains("opentest4j") || n.contains("surefire") || n.contains("failsafe")) continue;
            Path link = home.resolve("jars").resolve(n);
            if (!Files.exists(link)) Files.createSymbolicLink(link, p.toAbsolutePath());
        }
        LocalCluster c = new LocalCluster(home, freePort());
        try {
            c.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(c.port), "--webui-port",
                    Integer.toString(freePort()));
            c.awaitLog("master", "Starting Spark master", 1, 60);
            for (int w = 1; w <= workers; w++) {
                Files.createDirectories(home.resolve("work" + w));
                c.launch("worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", workerMemory,
                        "--webui-port", Integer.toString(freePort()), "--work-dir", home.resolve("work" + w).toString(), c.masterUrl());
            }
            c.awaitLog("master", "Registering worker", workers, 90);
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static void jar(Path dir, Path jar) throws IOException {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar)); var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new java.util.jar.JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private void launch(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(flags());
        cmd.add("-cp");
        cmd.add(home.resolve("jars") + File.separator + "*");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(home.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", System.getProperty("scala.binary.version", "2.12"));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        processes.add(pb.start());
    }

    /** Spark's Java 17 flags, as the build passes them. */
    static List<String> flags() {
        List<String> f = new ArrayList<>();
        for (String s : System.getProperty("spark.flags", "").split(" ")) if (!s.isBlank()) f.add(s);
        return f;
    }

    private void awaitLog(String name, String text, int count, long seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Path log = home.resolve(name + ".log");
        while (System.nanoTime() < end) {
            if (Files.exists(log)) {
                String s = Files.readString(log);
                int n = 0, i = -1;
                while ((i = s.indexOf(text, i + 1)) >= 0) n++;
                if (n >= count) return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Timed out waiting for '" + text + "' in " + name + ".log:\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** Worker {@code w} (1-based): its JVM, to kill it in a fault-tolerance test. */
    public Process worker(int w) {
        return processes.get(w);
    }

    /** The benchmarks' embedded session: {@code local[2]}, the driver on loopback, no UI. */
    public static SparkSession localSession(String appName) {
        return SparkSession.builder().master("local[2]").appName(appName).config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    }

    /** A driver session on this cluster using every worker core, executors on loopback with one Dendrite and BLAS thread each. */
    public SparkSession session(String appName, int cores, String executorMemory) {
        SparkSession s = SparkSession.builder().master(masterUrl()).appName(appName)
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").config("spark.ui.enabled", "false")
                .config("spark.executor.memory", executorMemory).config("spark.cores.max", Integer.toString(cores))
                .config("spark.executor.extraJavaOptions", System.getProperty("spark.flags", "") + " -Ddendrite.threads=1")
                .config("spark.executorEnv.OPENBLAS_NUM_THREADS", "1").config("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1")
                .config("spark.task.maxFailures", "8").getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }

    /** Stops the active session, then every process started here, and deletes the temporary SPARK_HOME. */
    @Override
    public void close() throws Exception {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
