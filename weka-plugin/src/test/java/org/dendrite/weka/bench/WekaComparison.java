package org.dendrite.weka.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Weka 10-fold cross-validation of Dendrite (its defaults, or candidate configurations) against
 * Weka's own classifiers with their default options, in one of two protocols:
 * <ul>
 *   <li>{@code -protocol w4} (the default; {@code bench/weka-cv}, docs/benchmarks.md W4): the six
 *       bundled datasets; MultilayerPerceptron and Logistic, or MultilayerPerceptron and
 *       LinearRegression for a numeric class; first run in the harness's JVM.</li>
 *   <li>{@code -protocol study} ({@code bench/study}, issue 19's study suite): the six bundled
 *       datasets and eleven from mlbench (test-data/README.md); RandomForest, Logistic and
 *       MultilayerPerceptron, or LinearRegression, M5P and RandomForest for a numeric class;
 *       first run in a fresh JVM.</li>
 * </ul>
 * Both: 10 x 10-fold (seeds 1-10, as Weka's Experimenter runs it) on a dataset of under 2,000 rows,
 * 1 x 10-fold (seed 1) on a larger one. Accuracy, weighted ROC AUC (correlation and RMSE for a
 * numeric class) are those of each run's pooled 10 folds ({@link CrossValidation}), averaged over the
 * runs. Dendrite against each reference: Weka Experimenter's corrected resampled t-test on the
 * 10 x 10 fold scores ({@link PairedTest}); a 1 x 10-fold dataset is not tested.
 *
 * <p><b>Times.</b> The 10-fold time is the steady state: the median of the seed-1..5 runs (the
 * seed-1 run on a 1 x 10-fold dataset) after 5 s of untimed runs of the same classifier on the same
 * data, so that no time includes the JVM's compilation of the classifier's code. A first run that
 * took over 10 s, where compilation does not matter, is not repeated: it counts as the seed-1 run
 * (and is the whole measurement on a 1 x 10-fold dataset). The first run is reported apart: in the
 * harness's JVM (after the classifiers and datasets before it), or with {@code -first-run fresh-jvm}
 * in a new JVM per dataset and classifier ({@link FirstRun}: making the classifier and one 10-fold
 * run, data read beforehand) whenever the harness's first run took 10 s or less.
 *
 * <p><b>Saved results.</b> {@code -out results.json} writes every row ({@link ResultsFile}; also
 * {@code results.md}, the tables), after each classifier so a long run can be followed.
 * {@code -saved results.json} reads the rows of an earlier run for the datasets of this one: a
 * candidate configuration is then tested against references measured once ({@code -references none}).
 *
 * <p>Arguments: {@code [-protocol w4|study] [-seeds N] [-references "<nominal>/<numeric>"|none]
 * [-dendrite "<options>" [-label <name>]]... [-candidates <file>] [-no-dendrite] [-saved <file>]...
 * [-out <file.json>] [-first-run in-process|fresh-jvm] [-note <text>] [dataset file ...]}. Reference
 * lists are Weka classifiers (simple names of the usual ones, or full class names) separated by
 * commas, e.g. {@code "RandomForest,Logistic/M5P"}. A candidates file has one {@code label|options}
 * line per configuration ({@code #} starts a comment); options that begin with a class name instead of a
 * dash run that Weka classifier (one that wraps Dendrite) as the configuration.
 */
public final class WekaComparison {
    private WekaComparison() {}

    static final List<String> BUNDLED = List.of("iris.arff", "diabetes.arff", "breast-cancer.arff", "credit-g.arff",
            "wisconsin-breast-cancer.arff", "diabetes-regression.arff");
    /** Issue 19's study suite, in the order it runs: the small datasets first, the four large ones last. */
    static final List<String> STUDY = List.of("iris.arff", "diabetes.arff", "breast-cancer.arff", "credit-g.arff",
            "wisconsin-breast-cancer.arff", "sonar.arff", "vehicle.arff", "vowel.arff", "zoo.arff",
            "diabetes-regression.arff", "boston-housing.arff", "servo.arff", "ozone.arff",
            "satellite.arff.gz", "dna.arff.gz", "letter-recognition.arff.gz", "shuttle.arff.gz");
    static final String W4_REFERENCES = "MultilayerPerceptron,Logistic/MultilayerPerceptron,LinearRegression";
    static final String STUDY_REFERENCES = "RandomForest,Logistic,MultilayerPerceptron/LinearRegression,M5P,RandomForest";
    private static final Map<String, String> WEKA_CLASSES = Map.of(
            "MultilayerPerceptron", "weka.classifiers.functions.MultilayerPerceptron",
            "Logistic", "weka.classifiers.functions.Logistic",
            "LinearRegression", "weka.classifiers.functions.LinearRegression",
            "RandomForest", "weka.classifiers.trees.RandomForest",
            "M5P", "weka.classifiers.trees.M5P",
            "J48", "weka.classifiers.trees.J48",
            "SMO", "weka.classifiers.functions.SMO");
    private static final String DENDRITE_CLASS = "weka.classifiers.functions.Dendrite";

    /** Datasets of at least this many rows get 1 x 10-fold instead of 10 x 10-fold. */
    static final int LARGE_ROWS = 2000;
    /**
     * Untimed runs before the timed ones: 5 s. Measured: Dendrite's 10-fold run of iris took 0.032 s
     * on average in the third second of a JVM and settled at 0.021 s from the fifth on (the JIT
     * compiles its many small methods over several seconds); MultilayerPerceptron's settled after 2 s.
     */
    private static final long WARM_UP_NANOS = 5_000_000_000L;
    /** A first run longer than this is not repeated for the timing: the JVM's compilation is lost in it. */
    private static final double LONG_RUN_SECONDS = 10;
    /** The time reported is the median over this many seeds' runs. */
    private static final int TIMED_SEEDS = 5;

    /** A classifier to cross-validate: the Weka class and options, named for the tables. */
    private record Contender(String classifier, String className, String configuration, String options) {
        Classifier make() throws Exception {
            return AbstractClassifier.forName(className, Utils.splitOptions(options));
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String protocol = take(rest, "-protocol", "w4");
        if (!protocol.equals("w4") && !protocol.equals("study")) throw new IllegalArgumentException("-protocol is w4 or study, not " + protocol);
        boolean study = protocol.equals("study");
        int seeds = Integer.parseInt(take(rest, "-seeds", "0"));
        String references = take(rest, "-references", study ? STUDY_REFERENCES : W4_REFERENCES);
        String firstRun = take(rest, "-first-run", study ? "fresh-jvm" : "in-process");
        if (!firstRun.equals("in-process") && !firstRun.equals("fresh-jvm")) {
            throw new IllegalArgumentException("-first-run is in-process or fresh-jvm, not " + firstRun);
        }
        String out = take(rest, "-out", null);
        String note = take(rest, "-note", "");
        List<String> savedFiles = takeAll(rest, "-saved");
        List<String[]> dendriteOptions = takeCandidates(rest);
        String candidatesFile = take(rest, "-candidates", null);
        boolean noDendrite = rest.remove("-no-dendrite");
        for (String a : rest) if (a.startsWith("-")) throw new IllegalArgumentException("Unknown option " + a);
        List<String> datasets = rest.isEmpty() ? (study ? STUDY : BUNDLED) : rest;

        List<Contender> candidates = noDendrite ? List.of() : candidates(dendriteOptions, candidatesFile);
        String[] refs = references.equals("none") ? new String[] {"", ""} : references.split("/", -1);
        if (refs.length != 2) throw new IllegalArgumentException("-references is \"<nominal list>/<numeric list>\" or none, not " + references);

        List<Result> saved = new ArrayList<>();
        for (String f : savedFiles) saved.addAll(ResultsFile.read(Path.of(f)));
        Map<String, String> meta = meta(args, protocol, firstRun, note);
        Path outFile = out == null ? null : Path.of(out);
        List<Result> measured = new ArrayList<>();
        for (String name : datasets) {
            Path file = datasetPath(name);
            Instances data = read(file.toString());
            String sha = sha256(file);
            int repetitions = seeds > 0 ? seeds : data.numInstances() < LARGE_ROWS ? 10 : 1;
            for (Result r : saved) {
                if (r.dataset().equals(name) && (!r.datasetSha256().equals(sha) || r.repetitions() != repetitions)) {
                    throw new IllegalArgumentException(r.source() + ": " + r.classifier() + " ran " + r.repetitions() + " x 10-fold on "
                            + name + " with SHA-256 " + r.datasetSha256() + ", this run would run " + repetitions + " x 10-fold on "
                            + sha + ": not comparable");
                }
            }
            List<Contender> contenders = new ArrayList<>(candidates);
            contenders.addAll(references(refs[data.classAttribute().isNumeric() ? 1 : 0]));
            for (Contender c : contenders) {
                Result r = measure(c, name, file, sha, data, repetitions, firstRun.equals("fresh-jvm"));
                measured.add(r);
                progress(r);
                if (outFile != null) ResultsFile.write(outFile, withStatus(meta, "incomplete"), measured);
            }
        }

        List<Result> all = combine(measured, saved, datasets);
        String tables = Report.markdown(all, datasets);
        System.out.print(tables);
        for (Result r : measured) {
            System.out.printf(Locale.ROOT, "RESULT W4:%s %s %.1f%n", name(r.dataset()), system(r), r.rows() / r.cvSeconds());
        }
        if (outFile != null) {
            ResultsFile.write(outFile, withStatus(meta, "complete"), all);
            String md = outFile.getFileName().toString().replaceFirst("\\.json$", "") + ".md";
            Files.writeString(outFile.resolveSibling(md), Report.preamble(meta, all) + tables, StandardCharsets.UTF_8);
        }
    }

    /** Measured rows, and the saved rows for the same datasets that this run did not measure again, with their paired tests. */
    private static List<Result> combine(List<Result> measured, List<Result> saved, List<String> datasets) {
        Set<String> keys = measured.stream().map(WekaComparison::key).collect(Collectors.toSet());
        List<Result> rows = new ArrayList<>(measured);
        for (Result r : saved) {
            if (datasets.contains(r.dataset()) && keys.add(key(r))) rows.add(r);
        }
        List<Result> ordered = new ArrayList<>();
        for (String d : datasets) {
            List<Result> ofDataset = rows.stream().filter(r -> r.dataset().equals(d)).toList();
            ofDataset.stream().filter(Result::isDendrite).forEach(ordered::add);
            ofDataset.stream().filter(r -> !r.isDendrite()).forEach(ordered::add);
        }
        List<Result> tested = new ArrayList<>();
        for (Result r : ordered) tested.add(r.isDendrite() ? r.withTests(tests(r, ordered)) : r);
        return tested;
    }

    /** The candidate against each reference on the same dataset, when both ran the same 10 x 10 folds of the same data. */
    private static List<PairedTest> tests(Result candidate, List<Result> rows) {
        List<PairedTest> tests = new ArrayList<>();
        if (candidate.repetitions() < 2) return tests;
        for (Result ref : rows) {
            if (ref.isDendrite() || !ref.dataset().equals(candidate.dataset())) continue;
            if (!ref.datasetSha256().equals(candidate.datasetSha256()) || ref.repetitions() != candidate.repetitions()) {
                throw new IllegalStateException(ref.classifier() + " on " + ref.dataset() + " (" + ref.source() + ") ran "
                        + ref.repetitions() + " x 10-fold on data " + ref.datasetSha256() + ", " + candidate.displayName() + " "
                        + candidate.repetitions() + " x 10-fold on data " + candidate.datasetSha256() + ": not comparable");
            }
            tests.add(PairedTest.of(ref.classifier(), candidate.measure(), candidate.foldScores(), ref.foldScores()));
        }
        return tests;
    }

    private static Result measure(Contender contender, String name, Path file, String sha, Instances data, int repetitions,
                                  boolean freshJvm) throws Exception {
        Classifier c = contender.make();
        boolean numeric = data.classAttribute().isNumeric();
        double[] times = new double[Math.min(TIMED_SEEDS, repetitions)];
        double accuracy = 0, auc = 0, correlation = 0, rmse = 0, seedOne = Double.NaN;
        double[] folds = new double[repetitions * CrossValidation.FOLDS];
        // untimed runs until the JVM has compiled the classifier's code for this data (5 s of them); the
        // first is reported apart, and reused as seed 1 when it alone took long enough for compilation not to matter
        long warmStart = System.nanoTime();
        CrossValidation.Run warm = CrossValidation.run(c, data, 1);
        double firstSeconds = (System.nanoTime() - warmStart) / 1e9;
        boolean reuse = firstSeconds > LONG_RUN_SECONDS;
        while (System.nanoTime() - warmStart < WARM_UP_NANOS) CrossValidation.run(c, data, 1);
        for (int seed = 1; seed <= repetitions; seed++) {
            long start = System.nanoTime();
            CrossValidation.Run run = seed == 1 && reuse ? warm : CrossValidation.run(c, data, seed);
            if (seed <= times.length) times[seed - 1] = run == warm ? firstSeconds : (System.nanoTime() - start) / 1e9;
            System.arraycopy(run.foldScores(), 0, folds, (seed - 1) * CrossValidation.FOLDS, CrossValidation.FOLDS);
            Evaluation ev = run.total();
            if (numeric) {
                correlation += ev.correlationCoefficient() / repetitions;
                rmse += ev.rootMeanSquaredError() / repetitions;
            } else {
                accuracy += ev.pctCorrect() / repetitions;
                auc += ev.weightedAreaUnderROC() / repetitions;
                if (seed == 1) seedOne = ev.pctCorrect();
            }
        }
        Arrays.sort(times);
        String cvTiming = reuse ? (times.length == 1 ? "the first run alone (over 10 s)"
                : "median of seeds 1-" + times.length + " (seed 1: the first run, over 10 s)")
                : times.length == 1 ? "seed 1 after 5 s of warm-up" : "median of seeds 1-" + times.length + " after 5 s of warm-up";

        double first = firstSeconds, process = Double.NaN;
        String firstTiming = "harness JVM";
        if (freshJvm && !reuse) {
            double[] child = firstRunInFreshJvm(contender, file);
            first = child[0];
            process = child[2];
            firstTiming = "fresh JVM";
            double own = numeric ? warm.total().rootMeanSquaredError() : warm.total().pctCorrect();
            if (child[1] != own) {
                System.err.printf(Locale.ROOT, "warning: %s on %s scored %.17g in a fresh JVM, %.17g here%n", contender.classifier(), name, child[1], own);
            }
        } else if (freshJvm) {
            firstTiming = "harness JVM (first run over 10 s)";
        }
        return new Result(name, sha, numeric ? "regression" : "classification", data.numInstances(), data.numAttributes() - 1,
                numeric ? 0 : data.numClasses(), repetitions, contender.classifier(), contender.configuration(),
                Utils.joinOptions(((weka.core.OptionHandler) c).getOptions()),
                numeric ? Double.NaN : accuracy, seedOne, numeric ? Double.NaN : auc, numeric ? correlation : Double.NaN,
                numeric ? rmse : Double.NaN, times[times.length / 2], cvTiming, first, firstTiming, firstSeconds, process, folds,
                Result.THIS_RUN, List.of());
    }

    /** {seconds of the first run, its score, seconds of the whole child JVM} from {@link FirstRun} in a new JVM. */
    private static double[] firstRunInFreshJvm(Contender c, Path file) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstRun.class.getName(), file.toString(), c.className(), c.options()));
        File err = File.createTempFile("first-run", ".err");
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectError(err).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            String line = output.lines().filter(l -> l.startsWith("FIRST_RUN ")).findFirst().orElse(null);
            if (status != 0 || line == null) {
                throw new IllegalStateException("First run of " + c.classifier() + " on " + file + " in a fresh JVM failed (exit " + status + "):\n"
                        + output + Files.readString(err.toPath()));
            }
            String[] f = line.split(" ");
            return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), wall};
        } finally {
            Files.deleteIfExists(err.toPath());
        }
    }

    /** {options, label or null} of each {@code -dendrite "<options>"}, with the {@code -label} that follows it if any. */
    private static List<String[]> takeCandidates(List<String> args) {
        List<String[]> candidates = new ArrayList<>();
        for (int i = 0; i < args.size(); ) {
            String a = args.get(i);
            if (!a.equals("-dendrite") && !a.equals("-label")) {
                i++;
                continue;
            }
            if (i + 1 >= args.size()) throw new IllegalArgumentException(a + " needs a value");
            String value = args.remove(i + 1);
            args.remove(i);
            if (a.equals("-dendrite")) {
                candidates.add(new String[] {value.strip(), null});
            } else if (candidates.isEmpty() || candidates.get(candidates.size() - 1)[1] != null) {
                throw new IllegalArgumentException("-label " + value + " does not follow a -dendrite of its own");
            } else {
                candidates.get(candidates.size() - 1)[1] = value;
            }
        }
        return candidates;
    }

    private static List<Contender> candidates(List<String[]> options, String file) throws Exception {
        List<Contender> cs = new ArrayList<>();
        for (String[] o : options) {
            String label = o[1] != null ? o[1] : o[0].isEmpty() ? Result.DEFAULTS : o[0];
            cs.add(new Contender(Result.DENDRITE, DENDRITE_CLASS, label, o[0]));
        }
        if (file != null) {
            for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                int bar = l.indexOf('|');
                if (bar < 0) throw new IllegalArgumentException(file + ": a candidate line is \"label|options\", not: " + l);
                cs.add(candidate(l.substring(0, bar).strip(), l.substring(bar + 1).strip()));
            }
        }
        if (cs.isEmpty()) cs.add(new Contender(Result.DENDRITE, DENDRITE_CLASS, Result.DEFAULTS, ""));
        Set<String> seen = new java.util.HashSet<>();
        for (Contender c : cs) {
            if (!seen.add(c.configuration())) throw new IllegalArgumentException("Two Dendrite configurations are labelled " + c.configuration());
            c.make(); // options checked before any long run
        }
        return cs;
    }

    /**
     * A Dendrite configuration: Dendrite's options, or a Weka classifier's class name and options that
     * wrap Dendrite (e.g. {@code weka.classifiers.meta.CVParameterSelection ... -W org.dendrite.weka.bench.FlatDendrite}),
     * reported as a Dendrite configuration.
     */
    private static Contender candidate(String label, String options) {
        if (options.isEmpty() || options.startsWith("-")) return new Contender(Result.DENDRITE, DENDRITE_CLASS, label, options);
        int space = options.indexOf(' ');
        return space < 0 ? new Contender(Result.DENDRITE, options, label, "")
                : new Contender(Result.DENDRITE, options.substring(0, space), label, options.substring(space + 1).strip());
    }

    private static List<Contender> references(String list) {
        List<Contender> cs = new ArrayList<>();
        for (String n : list.split(",")) {
            String name = n.strip();
            if (name.isEmpty()) continue;
            String className = name.contains(".") ? name : WEKA_CLASSES.get(name);
            if (className == null) throw new IllegalArgumentException("Unknown reference " + name + "; give a full class name or one of " + WEKA_CLASSES.keySet());
            cs.add(new Contender(className.substring(className.lastIndexOf('.') + 1), className, Result.DEFAULTS, ""));
        }
        return cs;
    }

    private static String key(Result r) {
        return r.dataset() + "\u0000" + r.classifier() + "\u0000" + r.configuration();
    }

    private static void progress(Result r) {
        System.err.printf(Locale.ROOT, "[%s] %s %s: %s, 10-fold %.3f s (%s), first run %.3f s (%s)%n",
                LocalTime.now().truncatedTo(ChronoUnit.SECONDS), r.dataset(), r.displayName(),
                r.regression() ? String.format(Locale.ROOT, "correlation %.4f RMSE %.4f", r.correlation(), r.rmse())
                        : String.format(Locale.ROOT, "accuracy %.2f%% AUC %.4f", r.accuracy(), r.weightedAuc()),
                r.cvSeconds(), r.cvTiming(), r.firstRunSeconds(), r.firstRunTiming());
    }

    private static String name(String dataset) {
        return dataset.replaceFirst("\\.arff(\\.gz)?$", "");
    }

    /** The system names of bench/run's RESULT lines. */
    private static String system(Result r) {
        return switch (r.classifier()) {
            case Result.DENDRITE -> r.configuration().equals(Result.DEFAULTS) ? "dendrite" : "dendrite[" + r.configuration().replace(' ', '_') + "]";
            case "MultilayerPerceptron" -> "weka-mlp";
            case "Logistic", "LinearRegression" -> "weka-linear";
            default -> "weka-" + r.classifier().toLowerCase(Locale.ROOT);
        };
    }

    private static Map<String, String> meta(String[] args, String protocol, String firstRun, String note) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("started", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("protocol", protocol);
        m.put("arguments", String.join(" ", Arrays.stream(args).map(a -> a.contains(" ") || a.isEmpty() ? "'" + a + "'" : a).toList()));
        m.put("first_run", firstRun);
        m.put("dendrite_commit", System.getProperty("bench.commit", "unknown"));
        m.put("weka", weka.core.Version.VERSION);
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("cpu", cpuModel());
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("note", note);
        return m;
    }

    private static Map<String, String> withStatus(Map<String, String> meta, String status) {
        Map<String, String> m = new LinkedHashMap<>(meta);
        m.put("status", status);
        if (status.equals("complete")) m.put("finished", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return m;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String take(List<String> args, String flag, String otherwise) {
        int i = args.indexOf(flag);
        if (i < 0) return otherwise;
        if (i + 1 >= args.size()) throw new IllegalArgumentException(flag + " needs a value");
        String value = args.remove(i + 1);
        args.remove(i);
        if (args.contains(flag)) throw new IllegalArgumentException(flag + " given twice");
        return value;
    }

    private static List<String> takeAll(List<String> args, String flag) {
        List<String> values = new ArrayList<>();
        for (int i = args.indexOf(flag); i >= 0; i = args.indexOf(flag)) {
            if (i + 1 >= args.size()) throw new IllegalArgumentException(flag + " needs a value");
            values.add(args.remove(i + 1));
            args.remove(i);
        }
        return values;
    }

    /** A file name under test-data/datasets, or a path (with a directory) as given. */
    static Path datasetPath(String name) {
        return name.contains("/") ? Path.of(name) : Path.of(System.getProperty("dendrite.testData", "test-data"), "datasets", name);
    }

    /** A dataset with its last attribute as the class. */
    static Instances read(String file) throws Exception {
        Instances data = DataSource.read(file);
        data.setClassIndex(data.numAttributes() - 1);
        return data;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
