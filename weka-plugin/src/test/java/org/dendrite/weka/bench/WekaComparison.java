package org.dendrite.weka.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.Dendrite;
import weka.classifiers.functions.LinearRegression;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.core.Instances;
import weka.core.Utils;
import weka.experiment.PairedStatsCorrected;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Weka 10-fold cross-validation of Dendrite (default options unless {@code -dendrite} gives others)
 * against Weka's MultilayerPerceptron and Logistic (LinearRegression for a numeric class) on the
 * bundled datasets. Run through {@code bench/weka-cv} (or {@code bench/run W4}); the table goes to
 * docs/benchmarks.md.
 *
 * <p>Accuracy, weighted ROC AUC (correlation and RMSE for regression) are the mean over the
 * cross-validation seeds 1..{@code -seeds} (default 10: Weka Experimenter's 10 x 10-fold), with the
 * seed-1 accuracy beside it. Wall time is the median of the seed-1..5 runs of one 10-fold
 * cross-validation in the steady state: after untimed runs of the same classifier on the same data
 * for 5 s (so that no time includes the JVM's compilation of the classifier's code; a first run
 * that took over 10 s, where compilation does not matter, counts as the seed-1 run). The first
 * run's time is reported beside it. After the table, one
 * {@code RESULT W4:<dataset> <system> <rows per second>} line per run: the dataset's rows divided
 * by that median time. Between the tables, Dendrite against each other classifier fold by fold:
 * the mean difference and Weka Experimenter's corrected resampled t-test
 * ({@code PairedStatsCorrected}, significance 0.05) on accuracy, or RMSE for a numeric class.
 *
 * <p>Arguments: {@code [-seeds N] [-only dendrite,mlp,linear] [-dendrite "<options>"] [-label <Dendrite's row label>]
 * [dataset.arff ...]}.
 */
public final class WekaComparison {
    private WekaComparison() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int seeds = Integer.parseInt(take(rest, "-seeds", "10"));
        List<String> only = Arrays.asList(take(rest, "-only", "dendrite,mlp,linear").split(","));
        String[] dendriteOptions = Utils.splitOptions(take(rest, "-dendrite", ""));
        String dendriteLabel = take(rest, "-label", "Dendrite");
        List<String> datasets = rest.isEmpty() ? List.of("iris.arff", "diabetes.arff", "breast-cancer.arff", "credit-g.arff",
                "wisconsin-breast-cancer.arff", "diabetes-regression.arff") : rest;

        System.out.println("| dataset | classifier | accuracy % (mean of " + seeds + " x 10-fold) | accuracy % (seed 1) "
                + "| weighted ROC AUC | correlation | RMSE | 10-fold CV seconds | first run seconds |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        StringBuilder results = new StringBuilder(), tests = new StringBuilder(), head = new StringBuilder(), rule = new StringBuilder();
        for (String name : datasets) {
            Instances data = read(name);
            boolean numeric = data.classAttribute().isNumeric();
            List<Classifier> cs = classifiers(data, only, dendriteOptions);
            double[][] foldScores = new double[cs.size()][];
            for (int ci = 0; ci < cs.size(); ci++) {
                Classifier c = cs.get(ci);
                double[] times = new double[Math.min(TIMED_SEEDS, seeds)];
                double accuracy = 0, auc = 0, correlation = 0, rmse = 0, seedOne = 0;
                foldScores[ci] = new double[seeds * FOLDS];
                // untimed runs until the JVM has compiled the classifier's code for this data (5 s of them); the
                // first is reported apart, and reused as seed 1 when it alone took long enough for compilation not to matter
                long warmStart = System.nanoTime();
                Run warm = crossValidate(c, data, 1);
                double firstSeconds = (System.nanoTime() - warmStart) / 1e9;
                while (System.nanoTime() - warmStart < WARM_UP_NANOS) crossValidate(c, data, 1);
                for (int seed = 1; seed <= seeds; seed++) {
                    long start = System.nanoTime();
                    Run run = seed == 1 && firstSeconds > 10 ? warm : crossValidate(c, data, seed);
                    if (seed <= times.length) times[seed - 1] = run == warm ? firstSeconds : (System.nanoTime() - start) / 1e9;
                    System.arraycopy(run.foldScores(), 0, foldScores[ci], (seed - 1) * FOLDS, FOLDS);
                    Evaluation ev = run.total();
                    if (numeric) {
                        correlation += ev.correlationCoefficient() / seeds;
                        rmse += ev.rootMeanSquaredError() / seeds;
                    } else {
                        accuracy += ev.pctCorrect() / seeds;
                        auc += ev.weightedAreaUnderROC() / seeds;
                        if (seed == 1) seedOne = ev.pctCorrect();
                    }
                }
                Arrays.sort(times);
                double seconds = times[times.length / 2];
                results.append(String.format(Locale.ROOT, "RESULT W4:%s %s %.1f%n", name.replace(".arff", ""),
                        c instanceof Dendrite ? "dendrite" : c instanceof MultilayerPerceptron ? "weka-mlp" : "weka-linear", data.numInstances() / seconds));
                if (numeric) {
                    System.out.printf(Locale.ROOT, "| %s | %s | | | | %.4f | %.3f | %.3f | %.3f |%n", name, label(c, dendriteLabel), correlation, rmse,
                            seconds, firstSeconds);
                } else {
                    System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.4f | | | %.3f | %.3f |%n", name, label(c, dendriteLabel), accuracy,
                            seedOne, auc, seconds, firstSeconds);
                }
            }
            if (cs.size() > 1 && cs.get(0) instanceof Dendrite) {
                if (head.length() == 0) {
                    head.append("| dataset | measure |");
                    rule.append("|---|---|");
                    for (Classifier c : cs.subList(1, cs.size())) {
                        head.append(" Dendrite minus ").append(c instanceof MultilayerPerceptron ? "MultilayerPerceptron" : "Logistic / LinearRegression")
                                .append(" | p | verdict |");
                        rule.append("---|---|---|");
                    }
                }
                tests.append(String.format(Locale.ROOT, "| %s | %s |", name, numeric ? "RMSE" : "accuracy %"));
                for (int ci = 1; ci < cs.size(); ci++) tests.append(pairedTest(foldScores[0], foldScores[ci], !numeric));
                tests.append('\n');
            }
        }
        if (tests.length() > 0) {
            System.out.println();
            System.out.println("Dendrite against each other classifier over the same " + seeds + " x 10 folds: the mean difference "
                    + "per fold (Dendrite minus the other) and the corrected resampled t-test of Weka's Experimenter "
                    + "(weka.experiment.PairedStatsCorrected, test/train ratio 1/9, significance 0.05).");
            System.out.println();
            System.out.println(head);
            System.out.println(rule);
            System.out.print(tests);
        }
        System.out.print(results);
    }

    private static final int FOLDS = 10;
    /**
     * Untimed runs before the timed ones: 5 s. Measured: Dendrite's 10-fold run of iris took 0.032 s
     * on average in the third second of a JVM and settled at 0.021 s from the fifth on (the JIT
     * compiles its many small methods over several seconds); MultilayerPerceptron's settled after 2 s.
     */
    private static final long WARM_UP_NANOS = 5_000_000_000L;
    /** The time reported is the median over this many seeds' runs. */
    private static final int TIMED_SEEDS = 5;

    /** One 10-fold cross-validation: Weka's aggregate evaluation and each fold's score (accuracy %, or RMSE). */
    private record Run(Evaluation total, double[] foldScores) {}

    private static String label(Classifier c, String dendriteLabel) {
        return c instanceof Dendrite ? dendriteLabel : c.getClass().getSimpleName();
    }

    /** " difference | p | verdict |" of the corrected resampled t-test on paired fold scores. */
    private static String pairedTest(double[] dendrite, double[] other, boolean higherIsBetter) {
        PairedStatsCorrected stats = new PairedStatsCorrected(0.05, 1.0 / (FOLDS - 1));
        for (int i = 0; i < dendrite.length; i++) stats.add(dendrite[i], other[i]);
        stats.calculateDerived();
        double diff = stats.differencesStats.mean;
        String verdict = stats.differencesSignificance == 0 ? "no significant difference"
                : (stats.differencesSignificance > 0) == higherIsBetter ? "Dendrite better" : "Dendrite worse";
        return String.format(Locale.ROOT, " %+.3f | %.3f | %s |", diff, stats.differencesProbability, verdict);
    }

    /**
     * Weka's {@code Evaluation.crossValidateModel} written out (randomize with {@code Random(seed)},
     * stratify a nominal class, train on {@code trainCV}, evaluate on {@code testCV} with the training
     * priors), so the same aggregate evaluation also yields each fold's score.
     */
    private static Run crossValidate(Classifier c, Instances data, int seed) throws Exception {
        Instances d = new Instances(data);
        Random random = new Random(seed);
        d.randomize(random);
        boolean nominal = d.classAttribute().isNominal();
        if (nominal) d.stratify(FOLDS);
        Evaluation total = new Evaluation(d);
        double[] scores = new double[FOLDS];
        for (int f = 0; f < FOLDS; f++) {
            Instances train = d.trainCV(FOLDS, f, random);
            total.setPriors(train);
            Classifier copy = AbstractClassifier.makeCopy(c);
            copy.buildClassifier(train);
            double n0 = total.numInstances() - total.unclassified(), correct0 = total.correct();
            double sse0 = nominal || n0 == 0 ? 0 : Math.pow(total.rootMeanSquaredError(), 2) * n0;
            total.evaluateModel(copy, d.testCV(FOLDS, f));
            double n = total.numInstances() - total.unclassified() - n0;
            scores[f] = nominal ? 100 * (total.correct() - correct0) / n
                    : Math.sqrt((Math.pow(total.rootMeanSquaredError(), 2) * (n0 + n) - sse0) / n);
        }
        return new Run(total, scores);
    }

    private static String take(List<String> args, String flag, String otherwise) {
        int i = args.indexOf(flag);
        if (i < 0) return otherwise;
        if (i + 1 >= args.size()) throw new IllegalArgumentException(flag + " needs a value");
        String value = args.remove(i + 1);
        args.remove(i);
        return value;
    }

    private static Instances read(String name) throws Exception {
        Instances data = DataSource.read(Path.of(System.getProperty("dendrite.testData", "test-data"), "datasets", name).toString());
        data.setClassIndex(data.numAttributes() - 1);
        return data;
    }

    private static List<Classifier> classifiers(Instances data, List<String> only, String[] dendriteOptions) throws Exception {
        List<Classifier> cs = new ArrayList<>();
        if (only.contains("dendrite")) {
            Dendrite dendrite = new Dendrite();
            dendrite.setOptions(dendriteOptions.clone());
            cs.add(dendrite);
        }
        if (only.contains("mlp")) cs.add(new MultilayerPerceptron());
        if (only.contains("linear")) cs.add(data.classAttribute().isNumeric() ? new LinearRegression() : new Logistic());
        return cs;
    }
}
