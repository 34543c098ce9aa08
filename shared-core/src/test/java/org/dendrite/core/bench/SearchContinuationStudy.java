package org.dendrite.core.bench;

import java.util.Locale;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.ValidationSplit;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.search.Continuation;
import org.dendrite.core.search.Hyperband;
import org.dendrite.core.search.Search;
import org.dendrite.core.search.SearchConfig;
import org.dendrite.core.search.SearchResult;
import org.dendrite.core.testutil.TestData;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.TrainingConfig;

/**
 * Continue or restart a promoted trial under the default whole-run cosine? For each bundled dataset
 * and outer seed: 25% of the rows held out as a test set (stratified), Hyperband (rungs 2, 7, 20, 60
 * epochs, eta 3, the default space, random sampling, 20% validation holdout) on the rest once with
 * promoted trials continuing from their checkpoints (the cosine stretched) and once restarting from
 * scratch, the same trials drawn in both; prints the search's wall time and epochs, the best trial's
 * validation score, and the refitted model's test score (log loss / accuracy, or RMSE). Run through
 * {@code bench/search-continuation}; the numbers are in docs/design.md ("Hyperparameter search").
 */
public final class SearchContinuationStudy {
    private SearchContinuationStudy() {}

    public static void main(String[] args) throws Exception {
        String[] datasets = args.length > 0 ? args[0].split(",") : new String[] {"diabetes.arff", "credit-g.arff", "breast-cancer.arff",
            "wisconsin-breast-cancer.arff", "diabetes-regression.arff"};
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        if (args.length > 3 && args[3].equals("pairs")) {
            for (String name : datasets) pairs(TestData.arff(name).labeled(), name, seeds);
            return;
        }
        System.out.println("# dataset seed arm seconds epochs best_validation test_score test_accuracy cpu_seconds");
        // warm-up: JIT and data paths
        run(TestData.arff("iris.arff").labeled(), 99, Continuation.CONTINUE, threads);
        for (String name : datasets) {
            LabeledTable all = TestData.arff(name).labeled();
            double[][] sums = new double[2][6];
            for (int seed = 1; seed <= seeds; seed++) {
                for (Continuation arm : new Continuation[] {Continuation.CONTINUE, Continuation.RESTART}) {
                    double[] r = run(all, seed, arm, threads);
                    System.out.printf(Locale.ROOT, "%s %d %s %.2f %.0f %.4f %.4f %.4f %.2f%n", name, seed, arm, r[0], r[1], r[2], r[3], r[4], r[5]);
                    for (int k = 0; k < 6; k++) sums[arm.ordinal() - 1][k] += r[k] / seeds;
                }
            }
            for (Continuation arm : new Continuation[] {Continuation.CONTINUE, Continuation.RESTART}) {
                double[] m = sums[arm.ordinal() - 1];
                System.out.printf(Locale.ROOT, "MEAN %s %s seconds %.2f cpu %.2f epochs %.0f best_validation %.4f test %.4f test_accuracy %.4f%n",
                        name, arm, m[0], m[5], m[1], m[2], m[3], m[4]);
            }
        }
    }

    /**
     * The same question per configuration: {@code count} configurations drawn from the default space,
     * each trained 60 epochs from scratch and trained 7 (and 20) epochs then continued to 60 with the
     * cosine stretched; prints the validation score (20% holdout of the outer training rows) of each.
     */
    static void pairs(LabeledTable all, String name, int count) {
        ValidationSplit outer = ValidationSplit.of(all.size(), 0.25, all.isClassification() ? all.classIndices() : null, 1001);
        LabeledTable train = all.subset(outer.train());
        ValidationSplit inner = ValidationSplit.of(train.size(), 0.2, train.isClassification() ? train.classIndices() : null, 1);
        LabeledTable it = train.subset(inner.train()), iv = train.subset(inner.validation());
        org.dendrite.core.search.SearchSpace space = org.dendrite.core.search.SearchSpace.defaultFor(TrainingConfig.DEFAULT);
        org.dendrite.core.search.Metric metric = org.dendrite.core.search.Metric.AUTO.resolve(all.isClassification(), all.targetName());
        double[] sum = new double[3];
        for (int i = 0; i < count; i++) {
            TrainingConfig c = space.sample(org.dendrite.core.data.Seeds.searchDraw(7, i)).apply(TrainingConfig.DEFAULT).withSeed(100 + i);
            double[] s = new double[3];
            int[] from = {0, 7, 20};
            for (int k = 0; k < 3; k++) {
                org.dendrite.core.data.TrainingData d = org.dendrite.core.data.TrainingData.prepare(it, iv, c.preprocessing(), c.robustTarget());
                org.dendrite.core.loss.Loss loss = c.lossFor(d.task());
                TrainingConfig first = from[k] == 0 ? c : c.withEpochs(from[k]);
                org.dendrite.core.train.TrainingRun run = new org.dendrite.core.train.TrainingRun(first, d.preprocessor(), d.task(), loss,
                        new org.dendrite.core.train.MinibatchSource(first, d.task(), loss, d.train(), null), null,
                        org.dendrite.core.train.WarmStart.NONE);
                run.run();
                run.extendTo(60);
                run.run();
                s[k] = metric.score(Evaluation.Predictions.of(run.network(), loss, d.validation()), d.task());
                sum[k] += s[k] / count;
            }
            System.out.printf(Locale.ROOT, "PAIR %s config %d fresh60 %.4f from7 %.4f from20 %.4f  (%s)%n", name, i, s[0], s[1], s[2],
                    space.sample(org.dendrite.core.data.Seeds.searchDraw(7, i)));
        }
        System.out.printf(Locale.ROOT, "PAIRMEAN %s %s fresh60 %.4f from7 %.4f from20 %.4f%n", name, metric.label(), sum[0], sum[1], sum[2]);
    }

    /** {seconds, epochs trained, best validation score, test score, test accuracy (NaN for regression), process CPU seconds of the search}. */
    static double[] run(LabeledTable all, long seed, Continuation arm, int threads) {
        ValidationSplit outer = ValidationSplit.of(all.size(), 0.25, all.isClassification() ? all.classIndices() : null, 1000 + seed);
        LabeledTable train = all.subset(outer.train()), test = all.subset(outer.validation());
        TrainingConfig base = TrainingConfig.DEFAULT.withSeed(seed);
        SearchConfig c = SearchConfig.DEFAULT.withScheduler(Hyperband.DEFAULT).withContinuation(arm).withThreads(threads);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        SearchResult r = new Search(c).explore(train, base, null);
        double seconds = r.seconds(), cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double[] test2 = testScore(r, train, test);
        return new double[] {seconds, r.epochsTrained(), r.best().score(), test2[0], test2[1], cpu};
    }

    /** The search's best configuration refitted on {@code train}: {test score by the search's metric, test accuracy (NaN for regression)}. */
    static double[] testScore(SearchResult r, LabeledTable train, LabeledTable test) {
        Model m = Search.refit(r.bestConfig(), train, null);
        org.dendrite.core.data.Dataset d = new org.dendrite.core.data.Dataset(m.preprocessor().transform(test.features()),
                targets(test, m), null);
        Evaluation.Predictions p = Evaluation.Predictions.of(m.network(), m.loss(), d);
        return new double[] {r.metric().score(p, m.task()), m.task().isClassification() ? p.accuracy() : Double.NaN};
    }

    private static org.dendrite.core.tensor.Matrix targets(LabeledTable t, Model m) {
        org.dendrite.core.tensor.Matrix y = new org.dendrite.core.tensor.Matrix(t.size(), 1);
        for (int i = 0; i < t.size(); i++) y.data()[i] = m.task().scaledTarget(t.target()[i], i);
        return y;
    }
}
