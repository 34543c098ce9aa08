package org.dendrite.spark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dendrite.core.train.EpochRecord;
import org.dendrite.spark.DendriteClassificationModel;
import org.dendrite.spark.DendriteClassifier;
import org.dendrite.spark.LocalCluster;

/**
 * Time to accuracy of Dendrite on Spark against Spark ML's MultilayerPerceptronClassifier (MLPC, L-BFGS
 * behind a StandardScaler), per dataset and environment ({@code local[2]}, standalone clusters of one
 * and two 1-core workers on 127.0.0.1), with a per-job breakdown of every fit from a SparkListener.
 *
 * <p>MLPC is fitted at each maxIter budget; its best test accuracy is the maximum over the budgets,
 * its time the fit time of the cheapest budget within 0.1 points of it. The target is that best
 * minus 0.5 points. Each Dendrite configuration is fitted with growing epoch budgets (each a whole
 * run, so a schedule spans the budget), validationFraction 0 unless set; its time to target is the
 * fit time of the first budget whose test accuracy reaches the target. A fit longer than the cap is
 * cancelled (its Spark jobs) and larger budgets are skipped; a budget whose predicted time (setup
 * plus epoch time scaled from the previous budget) exceeds the cap is skipped too. Every fit starts
 * from the raw, already materialized DataFrame; test accuracy is computed outside the timing.
 *
 * <p>Usage: see {@link #USAGE}. Writes Markdown to {@code target/spark-mlpc-benchmark.md} (after each
 * dataset) and, with {@code --write-docs}, between the markers of docs/benchmarks.md.
 */
public final class SparkMlpcBenchmark {
    static final String USAGE = """
            SparkMlpcBenchmark [options]
              --datasets a,b        teacher,teacher8,clusters,letter,shuttle (default: all)
              --envs e,e            local | cluster2 | cluster1, each optionally restricted to some datasets and trainers:
                                    env[:dataset+dataset][/trainer+trainer], a trainer being "mlpc" or a Dendrite configuration's
                                    name, e.g. cluster1:teacher/tuned (no MLPC there: the target comes from an earlier env)
                                    (default: local,cluster2,cluster1 with every dataset, MLPC and every configuration)
              --dendrite SPEC       repeatable; name:param=value,... over DendriteClassifier's params; epochs=1|2|4 sets the
                                    budgets (default: "defaults:" and "tuned:localSteps=8,batchSize=512,l2=0,learningRate=0.003,epochs=32")
              --rows N | name=N     training rows of the synthetic sets (all, or one; default teacher 200000, teacher8 120000,
                                    clusters 150000; test rows N/5, teacher8 min(40000, N/3))
              --mlpc-budgets a,b    MLPC maxIter budgets (default 25,50,100,200,400; "none" skips MLPC, then give --targets)
              --mlpc-hidden name=h  MLPC hidden layers for a dataset, e.g. teacher8=64,32 (defaults in MLPC_HIDDEN)
              --targets name=acc    fixed target test accuracy for a dataset (default: MLPC's best minus 0.005 in the first env)
              --max-epochs N        largest Dendrite epoch budget (default: each configuration's own epochs)
              --all-budgets         keep fitting larger budgets after the target is reached
              --cap-seconds S       cap per fit (default 300)
              --partitions P        partitions of every DataFrame (default 4)
              --data-dir DIR        where letter-recognition.arff.gz and shuttle.arff.gz are (default: <testData>/datasets)
              --out FILE            Markdown output (default target/spark-mlpc-benchmark.md)
              --write-docs [FILE]   also replace the text between the markers in docs/benchmarks.md (default ../docs/benchmarks.md)
              --docs-from F,F       no benchmark: write the concatenation of earlier --out files between the markers
            """;

    /** MLPC's hidden layers per dataset (sigmoid, its only hidden activation). */
    static final Map<String, int[]> MLPC_HIDDEN = new LinkedHashMap<>(Map.of("teacher", new int[] {64}, "teacher8", new int[] {64, 32},
            "clusters", new int[] {64}, "letter", new int[] {128}, "shuttle", new int[] {32}));

    /** The markers around the generated text in docs/benchmarks.md (the same convention as bench/weka-cv's W4 tables). */
    static final String BEGIN = "<!-- Spark tables: written by bench/spark-mlpc --write-docs -->";
    static final String END = "<!-- end of Spark tables -->";

    private SparkMlpcBenchmark() {}

    /** An environment and what runs in it: datasets, whether MLPC, which Dendrite configurations. */
    private record Env(String name, List<String> datasets, boolean mlpc, List<DendriteConfig> dendrite) {}

    private record Options(List<String> datasets, List<Env> envs, List<DendriteConfig> dendrite, Map<String, Long> rows,
                           List<Integer> mlpcBudgets, Map<String, Double> targets, int maxEpochs, boolean allBudgets, double capSeconds,
                           int partitions, Path dataDir, Path out, Path docs, List<Path> docsFrom) {}

    /**
     * One fit. {@code budget}: maxIter or epochs; {@code iterations}: what MLPC ran (-1 for Dendrite);
     * {@code epochSeconds}: the sum of Dendrite's epoch times from the model's history (NaN for MLPC);
     * {@code status}: empty, or why the fit is not a complete measurement.
     */
    record Fit(int budget, double seconds, double accuracy, int iterations, double epochSeconds, double rowsPerSecond, String status,
               JobTimeline.Breakdown jobs) {
        boolean ok() {
            return status.isEmpty();
        }
    }

    /** The fits of one trainer over its budgets; {@code name}: the configuration's short name ("MLPC" for MLPC). */
    record Sweep(String name, String trainer, List<Fit> fits) {
        double best() {
            double b = Double.NaN;
            for (Fit f : fits) if (f.ok() && !(f.accuracy() <= b)) b = f.accuracy();
            return b;
        }

        /** The first (cheapest) budget whose accuracy reaches {@code target}, or null. */
        Fit first(double target) {
            for (Fit f : fits) if (f.ok() && f.accuracy() >= target) return f;
            return null;
        }

        Fit largest() {
            Fit l = null;
            for (Fit f : fits) if (f.ok()) l = f;
            return l;
        }
    }

    private record Result(String env, String dataset, String description, Sweep mlpc, double target, List<Sweep> dendrite) {}

    private static final List<String> LINES = new ArrayList<>();
    private static final List<Result> RESULTS = new ArrayList<>();
    private static Options options;

    private static void out(String s) {
        System.out.println(s);
        System.out.flush();
        LINES.add(s);
    }

    public static void main(String[] args) throws Exception {
        options = parse(args);
        if (!options.docsFrom().isEmpty()) {
            for (Path p : options.docsFrom()) {
                if (!LINES.isEmpty()) LINES.add("");
                LINES.addAll(Files.readAllLines(p));
            }
            writeDocs(options.docs());
            return;
        }
        // Spark's INFO lines at session start would bury the tables
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        out("### Setup");
        out("");
        out(f("- %d cores, Java %s, Spark %s, %s; load average at start: %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), org.apache.spark.package$.MODULE$.SPARK_VERSION(), cpu(), load()));
        out(f("- %d partitions per DataFrame%s; cap %.0f s per fit; MLPC maxIter budgets %s; Dendrite epoch budgets up to %s%s.", options.partitions(),
                BenchData.SORTED ? " (the synthetic training rows sorted by label, -Dbench.sortByLabel)" : "",
                options.capSeconds(), options.mlpcBudgets(), options.maxEpochs() > 0 ? Integer.toString(options.maxEpochs()) : "each configuration's epochs",
                options.allBudgets() ? "" : ", stopping at the first that reaches the target"));
        for (DendriteConfig c : options.dendrite()) out("- Dendrite configuration " + c.label() + ": epoch budgets " + c.budgets(options.maxEpochs()));
        Map<String, Double> targets = new LinkedHashMap<>(options.targets());
        for (Env env : options.envs()) runEnv(env, targets);
        summary();
        scaling();
        out("");
        out("Load average at the end: " + load());
        write();
        if (options.docs() != null) writeDocs(options.docs());
    }

    private static void runEnv(Env env, Map<String, Double> targets) throws Exception {
        int workers = env.name().equals("cluster2") ? 2 : env.name().equals("cluster1") ? 1 : 0;
        LocalCluster cluster = workers > 0 ? LocalCluster.start(workers, "2g") : null;
        try {
            SparkSession spark = cluster != null ? cluster.session("dendrite-bench", workers, "1536m")
                    : LocalCluster.localSession("dendrite-bench");
            spark.sparkContext().setLogLevel("ERROR");
            JobTimeline timeline = JobTimeline.attach(spark.sparkContext());
            String where = envName(env.name());
            warmUp(spark, env);
            for (String name : env.datasets()) {
                String loadBefore = load();
                BenchData d;
                try {
                    d = BenchData.load(spark, name, options.rows().getOrDefault(name, options.rows().getOrDefault("*", 0L)), options.partitions(),
                            options.dataDir());
                } catch (IOException e) {
                    out("");
                    out("### " + name + ", " + where + ": skipped (" + e.getMessage() + ")");
                    continue;
                }
                runDataset(spark, timeline, env, d, targets, loadBefore);
                d.release();
                write();
            }
            spark.stop();
        } finally {
            if (cluster != null) cluster.close();
        }
    }

    static String envName(String env) {
        return switch (env) {
            case "local" -> "local[2]";
            case "cluster2" -> "standalone, 2 workers x 1 core";
            case "cluster1" -> "standalone, 1 worker x 1 core";
            default -> env;
        };
    }

    /** JIT and Spark warm-up of both code paths on a small set; not timed. */
    private static void warmUp(SparkSession spark, Env env) throws Exception {
        BenchData small = BenchData.teacher(spark, 4_000, options.partitions());
        if (env.mlpc()) mlpc(small, 5).fit(small.train());
        for (DendriteConfig c : env.dendrite()) c.estimator(1).fit(small.train());
        small.release();
    }

    private static void runDataset(SparkSession spark, JobTimeline timeline, Env env, BenchData d, Map<String, Double> targets, String loadBefore)
            throws Exception {
        out("");
        out("### " + d.name() + ", " + envName(env.name()));
        out("");
        out(d.description() + f("; %d partitions; largest class %.1f%% of the training rows", options.partitions(), 100 * d.majorityShare())
                + (Double.isNaN(d.ceiling()) ? "" : f("; Bayes-optimal test accuracy %.4f (the generating densities are known)", d.ceiling()))
                + ". Load average before: " + loadBefore + ".");
        List<Fit> mlpcFits = new ArrayList<>();
        int[] hidden = MLPC_HIDDEN.getOrDefault(d.name(), new int[] {64});
        String mlpcName = "MLPC, L-BFGS, " + d.features() + "-" + join(hidden) + "-" + d.classes() + " sigmoid (+ StandardScaler)";
        if (env.mlpc() && !options.mlpcBudgets().isEmpty()) {
            out("");
            out("MLPC: " + mlpcName + ", tol 1e-6 (its default), seed 1.");
            out("");
            out("| maxIter | iterations run | fit s | test accuracy | training rows/s (rows x iterations / fit s) |");
            out("|---|---|---|---|---|");
            for (int budget : options.mlpcBudgets()) {
                Fit fit = timed(spark, timeline, () -> mlpc(d, budget).fit(d.train()), model -> {
                    PipelineModel pm = (PipelineModel) model;
                    var m = (MultilayerPerceptronClassificationModel) pm.stages()[1];
                    return new double[] {accuracy(pm.transform(d.test())), m.summary().objectiveHistory().length - 1, Double.NaN};
                }, budget, d.trainRows());
                mlpcFits.add(fit);
                out(f("| %d | %s | %.1f | %s | %s |", budget, fit.iterations() < 0 ? "-" : Integer.toString(fit.iterations()), fit.seconds(),
                        acc(fit), fit.ok() ? f("%,.0f", fit.rowsPerSecond()) : fit.status()));
                if (fit.ok() && fit.iterations() < budget) {
                    out(f("| larger | | | | converged at %d iterations (tol): larger budgets give the same model |", fit.iterations()));
                    break;
                }
            }
        }
        Sweep mlpc = new Sweep("MLPC", mlpcName, mlpcFits);
        double best = mlpc.best();
        Fit atBest = Double.isNaN(best) ? null : mlpc.first(best - 0.001);
        double target = targets.getOrDefault(d.name(), Double.NaN);
        if (Double.isNaN(target) && !Double.isNaN(best)) {
            target = best - 0.005;
            targets.put(d.name(), target);
        }
        if (Double.isNaN(target)) throw new IllegalStateException("No target for " + d.name() + ": run MLPC or pass --targets " + d.name() + "=ACC");
        out("");
        out(atBest == null ? f("Target: %.4f (given).", target)
                : f("MLPC best: %.4f at maxIter %d (%.1f s). Target: %.4f%s.", best, atBest.budget(), atBest.seconds(), target,
                        Math.abs(target - (best - 0.005)) < 1e-12 ? " (MLPC's best - 0.5 points)" : " (from the first environment or given)"));
        List<Sweep> sweeps = new ArrayList<>();
        out("");
        out("Dendrite (validationFraction 0; each budget a separate fit):");
        out("");
        out("| configuration | epochs | fit s | test accuracy | training rows/s (epoch time) | note |");
        out("|---|---|---|---|---|---|");
        for (DendriteConfig c : env.dendrite()) {
            List<Fit> fits = new ArrayList<>();
            Fit prev = null;
            for (int epochs : c.budgets(options.maxEpochs())) {
                String skip = null;
                if (prev != null && !prev.ok()) skip = "skipped: a smaller budget did not finish";
                else if (prev != null && !options.allBudgets() && prev.accuracy() >= target) break;
                else if (prev != null) {
                    double setup = Double.isNaN(prev.epochSeconds()) ? 0 : prev.seconds() - prev.epochSeconds();
                    double predicted = setup + (prev.seconds() - setup) * epochs / prev.budget();
                    if (predicted > options.capSeconds()) skip = f("skipped: predicted %.0f s > cap", predicted);
                }
                if (skip != null) {
                    out(f("| %s | %d | | | | %s |", c.name(), epochs, skip));
                    break;
                }
                int[] trained = {epochs};
                Fit fit = timed(spark, timeline, () -> c.estimator(epochs).fit(d.train()), model -> {
                    DendriteClassificationModel m = (DendriteClassificationModel) model;
                    double epochSeconds = 0;
                    for (EpochRecord r : m.coreModel().history().epochs()) epochSeconds += r.seconds();
                    trained[0] = m.coreModel().history().size();
                    return new double[] {accuracy(m.transform(d.test())), -1, m.coreModel().history().epochs().isEmpty() ? Double.NaN : epochSeconds,
                        trained[0]};
                }, epochs, d.trainRows());
                fits.add(fit);
                prev = fit;
                out(f("| %s | %s | %.1f | %s | %s | %s |", c.name(), epochs == 0 ? "0 (" + trained[0] + " chosen)" : Integer.toString(epochs),
                        fit.seconds(), acc(fit),
                        Double.isNaN(fit.rowsPerSecond()) ? "-" : f("%,.0f", fit.rowsPerSecond()),
                        !fit.ok() ? fit.status() : fit.accuracy() >= target ? "reaches the target" : ""));
            }
            sweeps.add(new Sweep(c.name(), c.label(), fits));
        }
        out("");
        out(f("Time to target %.4f:", target));
        out("");
        out("| trainer | best test accuracy (budget) | time to target | ratio to MLPC's time to its best |");
        out("|---|---|---|---|");
        if (atBest != null) out(f("| %s | %.4f (maxIter %d) | %.1f s to its best (maxIter %d) | 1 |", mlpcName, best, mlpc.first(best).budget(),
                atBest.seconds(), atBest.budget()));
        for (Sweep s : sweeps) {
            Fit hit = s.first(target);
            Fit bestFit = null;
            for (Fit fit : s.fits()) if (fit.ok() && (bestFit == null || fit.accuracy() > bestFit.accuracy())) bestFit = fit;
            out(f("| Dendrite %s | %s | %s | %s |", s.trainer(), bestFit == null ? "-" : f("%.4f (epochs %d)", bestFit.accuracy(), bestFit.budget()),
                    hit == null ? "not reached" : f("%.1f s (epochs %d)", hit.seconds(), hit.budget()),
                    hit == null || atBest == null ? "-" : f("%.2f", hit.seconds() / atBest.seconds())));
        }
        out("");
        out("Per-job breakdown (SparkListener; medians over the fit's jobs and tasks, ms; shares of the fit's wall time: compute = each job's "
                + "slowest task's run time, in-job overhead = the rest of the job's time, driver = no job running):");
        out("");
        out("| trainer | budget | fit s | jobs | job | tasks/job | task deserialize | task run | result serialize | driver gap between jobs "
                + "| compute | in-job overhead | driver | call sites with the most job time |");
        out("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        if (atBest != null) breakdownRow("MLPC", "maxIter " + atBest.budget(), atBest);
        for (Sweep sw : sweeps) {
            // the largest budget that finished; else the last attempt (a cancelled fit's jobs show where its time went)
            Fit l = sw.largest();
            if (l == null && !sw.fits().isEmpty()) l = sw.fits().get(sw.fits().size() - 1);
            if (l != null) breakdownRow("Dendrite " + sw.name(), "epochs " + l.budget() + (l.ok() ? "" : " (" + l.status() + ")"), l);
        }
        out("");
        out("Load average after: " + load() + ".");
        RESULTS.add(new Result(env.name(), d.name(), d.description(), mlpc, target, sweeps));
    }

    private static void breakdownRow(String trainer, String budget, Fit fit) {
        JobTimeline.Breakdown b = fit.jobs();
        out(f("| %s | %s | %.1f | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %.0f%% | %.0f%% | %.0f%% | %s |", trainer, budget, fit.seconds(), b.jobs(),
                b.medianJob(), b.medianTasks(), b.medianDeser(), b.medianRun(), b.medianResult(), b.medianGap(), 100 * b.compute(),
                100 * b.inJobOverhead(), 100 * b.driver(), b.topSites().replace("|", "/")));
    }

    /**
     * Runs {@code fit} on its own thread in a job group, cancelling the group's jobs once the cap has
     * passed; {@code score} turns the model into {test accuracy, MLPC's iterations or -1, Dendrite's
     * summed epoch seconds or NaN}. Training rows/s: rows x iterations / fit time for MLPC, rows x
     * epochs / epoch time for Dendrite.
     */
    private static Fit timed(SparkSession spark, JobTimeline timeline, java.util.concurrent.Callable<Object> fit,
                             java.util.function.Function<Object, double[]> score, int budget, long trainRows) throws Exception {
        SparkContext sc = spark.sparkContext();
        String group = "bench-" + System.nanoTime();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            sc.setJobGroup(group, "benchmark fit", true);
            try {
                result.set(fit.call());
            } catch (Throwable e) {
                result.set(e);
            } finally {
                sc.clearJobGroup();
            }
        }, "bench-fit");
        long from = System.currentTimeMillis(), start = System.nanoTime();
        t.start();
        t.join((long) (options.capSeconds() * 1000));
        boolean capped = t.isAlive();
        // cancelling stops the running job only; a training loop may submit more, so cancel until the fit gives up
        for (long end = System.nanoTime() + 120_000_000_000L; t.isAlive() && System.nanoTime() < end; t.join(200)) sc.cancelJobGroup(group);
        if (t.isAlive()) throw new IllegalStateException("A fit did not stop within 120 s of cancelling its jobs");
        double seconds = (System.nanoTime() - start) / 1e9;
        long to = System.currentTimeMillis();
        timeline.drain();
        JobTimeline.Breakdown jobs = timeline.breakdown(from, to);
        timeline.clear();
        Object r = result.get();
        if (capped) {
            return new Fit(budget, seconds, Double.NaN, -1, Double.NaN, Double.NaN, f("cancelled at the %.0f s cap", options.capSeconds()), jobs);
        }
        if (r instanceof Throwable e) {
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return new Fit(budget, seconds, Double.NaN, -1, Double.NaN, Double.NaN, "failed: " + e.getClass().getSimpleName() + ": "
                    + msg.substring(0, Math.min(120, msg.length())), jobs);
        }
        double[] s = score.apply(r);
        int iterations = (int) s[1];
        // Dendrite's epochs: the budget, or the epochs it chose from the rows (budget 0), as trained
        double epochs = s.length > 3 ? s[3] : budget;
        double rowsPerSecond = iterations >= 0 ? trainRows * (double) iterations / seconds
                : !Double.isNaN(s[2]) && s[2] > 0 ? trainRows * epochs / s[2] : trainRows * epochs / seconds;
        return new Fit(budget, seconds, s[0], iterations, s[2], rowsPerSecond, "", jobs);
    }

    /** MLPC behind a StandardScaler (MLPC does not scale its inputs), L-BFGS (its default), its default tol, seed 1. */
    static Pipeline mlpc(BenchData d, int maxIter) {
        int[] hidden = MLPC_HIDDEN.getOrDefault(d.name(), new int[] {64});
        int[] layers = new int[hidden.length + 2];
        layers[0] = d.features();
        System.arraycopy(hidden, 0, layers, 1, hidden.length);
        layers[layers.length - 1] = d.classes();
        return new Pipeline().setStages(new PipelineStage[] {
            new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true),
            new MultilayerPerceptronClassifier().setFeaturesCol("scaled").setLayers(layers).setMaxIter(maxIter).setSeed(1)});
    }

    private static double accuracy(Dataset<Row> predictions) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
    }

    /** One line per dataset and environment: MLPC's best and each Dendrite configuration's time to target as a ratio. */
    private static void summary() {
        if (RESULTS.isEmpty()) return;
        out("");
        out("### Summary: time to target (MLPC's best - 0.5 points), ratio to MLPC's time to its best (goal: <= 0.5)");
        out("");
        StringBuilder head = new StringBuilder("| environment | dataset | MLPC best (s) | target |"), rule = new StringBuilder("|---|---|---|---|");
        for (DendriteConfig c : options.dendrite()) {
            head.append(" Dendrite ").append(c.name()).append(" |");
            rule.append("---|");
        }
        out(head.toString());
        out(rule.toString());
        for (Result r : RESULTS) {
            double best = r.mlpc().best();
            Fit atBest = Double.isNaN(best) ? null : r.mlpc().first(best - 0.001);
            StringBuilder line = new StringBuilder(f("| %s | %s | %s | %.4f |", envName(r.env()), r.dataset(),
                    atBest == null ? "-" : f("%.4f (%.1f s)", best, atBest.seconds()), r.target()));
            for (DendriteConfig c : options.dendrite()) {
                Sweep s = r.dendrite().stream().filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
                if (s == null) {
                    line.append(" |");
                    continue;
                }
                Fit hit = s.first(r.target());
                double b = s.best();
                line.append(hit == null ? f(" not reached (best %s) |", Double.isNaN(b) ? "-" : f("%.4f", b))
                        : atBest == null ? f(" %.1f s |", hit.seconds()) // no MLPC run here: no ratio
                        : f(" %.1f s (%.2fx) |", hit.seconds(), hit.seconds() / atBest.seconds()));
            }
            out(line.toString());
        }
    }

    /**
     * The same fits on one and two workers: training rows/s at the largest budget both ran, and time
     * to the common target (when a run does not reach it: to the best accuracy both runs reached).
     */
    private static void scaling() {
        List<String[]> rows = new ArrayList<>();
        for (Result two : RESULTS) {
            if (!two.env().equals("cluster2")) continue;
            Result one = null;
            for (Result r : RESULTS) if (r.env().equals("cluster1") && r.dataset().equals(two.dataset())) one = r;
            if (one == null) continue;
            List<Sweep[]> pairs = new ArrayList<>();
            pairs.add(new Sweep[] {one.mlpc(), two.mlpc()});
            for (Sweep b : two.dendrite()) {
                for (Sweep a : one.dendrite()) if (a.name().equals(b.name())) pairs.add(new Sweep[] {a, b});
            }
            for (Sweep[] p : pairs) {
                if (p[0].fits().isEmpty() || p[1].fits().isEmpty()) continue; // not run in both environments
                Fit a = null, b = null;
                for (Fit x : p[0].fits()) {
                    for (Fit y : p[1].fits()) if (x.ok() && y.ok() && x.budget() == y.budget()) {
                        a = x;
                        b = y;
                    }
                }
                double target = two.target();
                String to = "";
                if (p[0].first(target) == null || p[1].first(target) == null) {
                    target = Math.min(p[0].best(), p[1].best());
                    to = f("to %.4f (the best both reached): ", target);
                }
                Fit ta = Double.isNaN(target) ? null : p[0].first(target), tb = Double.isNaN(target) ? null : p[1].first(target);
                rows.add(new String[] {two.dataset(), p[1].name().equals("MLPC") ? "MLPC" : "Dendrite " + p[1].name(),
                    a == null ? "-" : f("%d: %,.0f / %,.0f (%.2fx)", a.budget(), a.rowsPerSecond(), b.rowsPerSecond(), b.rowsPerSecond() / a.rowsPerSecond()),
                    ta == null || tb == null ? "-" : f("%s%.1f s / %.1f s (%.2fx)", to, ta.seconds(), tb.seconds(), ta.seconds() / tb.seconds())});
            }
        }
        if (rows.isEmpty()) return;
        out("");
        out("### Scaling: 1 worker vs 2 workers (1 core each; goal >= 1.6x)");
        out("");
        out("| dataset | trainer | training rows/s at budget: 1 worker / 2 workers (speed-up) | time to target: 1 worker / 2 workers (speed-up) |");
        out("|---|---|---|---|");
        for (String[] r : rows) out("| " + String.join(" | ", r) + " |");
    }

    private static Options parse(String[] args) {
        List<String> datasets = BenchData.NAMES;
        List<String> envSpecs = List.of("local", "cluster2", "cluster1");
        List<DendriteConfig> dendrite = new ArrayList<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        List<Integer> budgets = List.of(25, 50, 100, 200, 400);
        Map<String, Double> targets = new LinkedHashMap<>();
        int maxEpochs = 0, partitions = 4;
        boolean all = false;
        double cap = 300;
        Path dataDir = Path.of(System.getProperty("dendrite.testData", "test-data"), "datasets"), out = Path.of("target", "spark-mlpc-benchmark.md");
        Path docs = null;
        List<Path> docsFrom = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--all-budgets")) {
                all = true;
                continue;
            }
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (a.equals("--write-docs")) {
                if (i + 1 < args.length && !args[i + 1].startsWith("--")) docs = Path.of(args[++i]);
                else docs = Files.exists(Path.of("..", "docs", "benchmarks.md")) ? Path.of("..", "docs", "benchmarks.md") : Path.of("docs", "benchmarks.md");
                continue;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
            String v = args[++i];
            switch (a) {
                case "--datasets" -> datasets = List.of(v.split(","));
                case "--envs" -> envSpecs = List.of(v.split(","));
                case "--dendrite" -> dendrite.add(DendriteConfig.parse(v));
                case "--rows" -> {
                    int eq = v.indexOf('=');
                    rows.put(eq < 0 ? "*" : v.substring(0, eq), Long.parseLong(v.substring(eq + 1).replace("_", "")));
                }
                case "--mlpc-budgets" -> budgets = v.equals("none") ? List.of() : java.util.Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
                case "--mlpc-hidden" -> {
                    int eq = v.indexOf('=');
                    if (eq < 0) throw new IllegalArgumentException("--mlpc-hidden name=h,h: got " + v);
                    MLPC_HIDDEN.put(v.substring(0, eq), java.util.Arrays.stream(v.substring(eq + 1).split(",")).mapToInt(Integer::parseInt).toArray());
                }
                case "--targets" -> {
                    for (String t : v.split(",")) {
                        int eq = t.indexOf('=');
                        if (eq < 0) throw new IllegalArgumentException("--targets name=accuracy,...: got " + t);
                        targets.put(t.substring(0, eq), Double.valueOf(t.substring(eq + 1)));
                    }
                }
                case "--max-epochs" -> maxEpochs = Integer.parseInt(v);
                case "--cap-seconds" -> cap = Double.parseDouble(v);
                case "--partitions" -> partitions = Integer.parseInt(v);
                case "--data-dir" -> dataDir = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--docs-from" -> {
                    for (String f : v.split(",")) docsFrom.add(Path.of(f));
                }
                default -> throw new IllegalArgumentException("Unknown argument " + a + "\n" + USAGE);
            }
        }
        for (String d : datasets) {
            if (!BenchData.NAMES.contains(d)) throw new IllegalArgumentException("Unknown dataset " + d + " (allowed: " + BenchData.NAMES + ")");
        }
        if (dendrite.isEmpty()) {
            dendrite.add(DendriteConfig.parse("defaults:"));
            dendrite.add(DendriteConfig.parse("tuned:localSteps=8,batchSize=512,l2=0,learningRate=0.003,epochs=32"));
        }
        List<Env> envs = new ArrayList<>();
        for (String spec : envSpecs) {
            String[] byConfig = spec.split("/", 2), p = byConfig[0].split(":", 2);
            String env = p[0].equals("cluster") ? "cluster2" : p[0];
            if (!List.of("local", "cluster1", "cluster2").contains(env)) {
                throw new IllegalArgumentException("Unknown environment " + p[0] + " (allowed: local, cluster2, cluster1)");
            }
            List<String> ds = p.length == 1 ? datasets : List.of(p[1].split("\\+"));
            for (String d : ds) if (!BenchData.NAMES.contains(d)) throw new IllegalArgumentException("Unknown dataset " + d + " in " + spec);
            List<DendriteConfig> configs = dendrite;
            boolean mlpc = true;
            if (byConfig.length == 2) {
                configs = new ArrayList<>();
                mlpc = false;
                for (String name : byConfig[1].split("\\+")) {
                    if (name.equals("mlpc")) {
                        mlpc = true;
                        continue;
                    }
                    configs.add(dendrite.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "No Dendrite configuration named " + name + " (in --envs " + spec + "; trainers: mlpc and the --dendrite names)")));
                }
            }
            envs.add(new Env(env, ds, mlpc, configs));
        }
        if (cap <= 0 || partitions < 1) throw new IllegalArgumentException("--cap-seconds and --partitions must be positive");
        if (!docsFrom.isEmpty() && docs == null) throw new IllegalArgumentException("--docs-from needs --write-docs");
        return new Options(datasets, envs, dendrite, rows, budgets, targets, maxEpochs, all, cap, partitions, dataDir, out, docs, docsFrom);
    }

    private static void write() throws IOException {
        if (options.out().getParent() != null) Files.createDirectories(options.out().getParent());
        Files.write(options.out(), LINES);
    }

    /** Replaces the text between {@link #BEGIN} and {@link #END} in {@code doc} (appends a section with them when absent). */
    static void writeDocs(Path doc) throws IOException {
        String s = Files.readString(doc), body = String.join("\n", LINES) + "\n";
        int b = s.indexOf(BEGIN), e = s.indexOf(END);
        if (b < 0 || e < b) {
            s = s + (s.endsWith("\n") ? "" : "\n") + "\n## Spark: time to accuracy against MultilayerPerceptronClassifier\n\n" + BEGIN + "\n" + body + END + "\n";
        } else {
            s = s.substring(0, b + BEGIN.length()) + "\n" + body + s.substring(e);
        }
        Files.writeString(doc, s);
        System.out.println("Wrote the tables into " + doc);
    }

    private static String acc(Fit fit) {
        return fit.ok() ? f("%.4f", fit.accuracy()) : "-";
    }

    private static String join(int[] a) {
        StringBuilder b = new StringBuilder();
        for (int x : a) b.append(b.length() == 0 ? "" : "-").append(x);
        return b.toString();
    }

    private static String load() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return p[0] + " / " + p[1] + " / " + p[2] + " (1/5/15 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpu() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
