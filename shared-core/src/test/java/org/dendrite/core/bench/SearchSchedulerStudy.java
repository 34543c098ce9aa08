package org.dendrite.core.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.ValidationSplit;
import org.dendrite.core.search.Asha;
import org.dendrite.core.search.FullBudget;
import org.dendrite.core.search.Hyperband;
import org.dendrite.core.search.Scheduler;
import org.dendrite.core.search.Search;
import org.dendrite.core.search.SearchConfig;
import org.dendrite.core.search.SearchResult;
import org.dendrite.core.search.SuccessiveHalving;
import org.dendrite.core.testutil.TestData;
import org.dendrite.core.train.TrainingConfig;

/**
 * Issue 15's question for the early-stopping schedulers: do successive halving, Hyperband and ASHA
 * reach the validation score of full random search in a third of its time? For each dataset and
 * outer seed, 25% of the rows are held out (stratified) as a test set and every scheduler searches
 * the rest with the same base configuration (the defaults), the default space, random sampling (the
 * same draws in every arm: draw i is trial i), a 20% validation holdout and two threads:
 * random search with 27 trials each trained to its end (full budget), successive halving with the
 * same 27 trials, Hyperband and ASHA with their defaults. Prints per run the search's wall time (the
 * exploration, without the refit), the epochs trained, the best trial's validation score (log loss,
 * or RMSE) and, after refitting the chosen configuration on all the outer training rows, the test
 * score and accuracy; then per scheduler the means, the ratio of its time to random search's, and
 * its refitted models' test scores against random search's (how many within 1% or better, the
 * geometric mean of the ratios, the paired t statistic of their logarithms).
 * Arguments: {@code [datasets [seeds [threads [arms]]]]}, arms after random27 by default
 * sh27,hyperband,asha40; an arm may end in /continue or /restart (its promoted trials so; the default
 * is auto).
 * Run through {@code bench/search-schedulers}; the numbers are in docs/benchmarks.md.
 */
public final class SearchSchedulerStudy {
    private SearchSchedulerStudy() {}

    static final String[] SMALL_STUDY = {"iris.arff", "diabetes.arff", "breast-cancer.arff", "credit-g.arff", "wisconsin-breast-cancer.arff",
        "sonar.arff", "vehicle.arff", "vowel.arff", "zoo.arff", "diabetes-regression.arff", "boston-housing.arff", "servo.arff", "ozone.arff"};

    public static void main(String[] args) throws Exception {
        String[] datasets = args.length > 0 && !args[0].isEmpty() ? args[0].split(",") : SMALL_STUDY;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Map<String, String> arms = new LinkedHashMap<>();
        arms.put("random27", "random27");
        for (String arm : (args.length > 3 ? args[3] : "sh27,hyperband,asha40").split(",")) arms.put(arm, arm);
        System.out.println("# dataset seed arm seconds epochs best_validation test_score test_accuracy refit_seconds");
        SearchContinuationStudy.run(TestData.arff("iris.arff").labeled(), 99, org.dendrite.core.search.Continuation.CONTINUE, threads); // warm-up
        Map<String, double[]> totals = new LinkedHashMap<>();
        Map<String, java.util.List<Double>> testLogRatios = new LinkedHashMap<>();
        int runs = 0;
        for (String name : datasets) {
            LabeledTable all = TestData.arff(name).labeled();
            for (int seed = 1; seed <= seeds; seed++) {
                double randomSeconds = Double.NaN, randomValidation = Double.NaN, randomTest = Double.NaN;
                runs++;
                for (Map.Entry<String, String> arm : arms.entrySet()) {
                    String[] parts = arm.getValue().split("/");
                    double[] r = run(all, seed, scheduler(parts[0]), threads,
                            parts.length > 1 ? org.dendrite.core.search.Continuation.valueOf(parts[1].toUpperCase(Locale.ROOT)) : org.dendrite.core.search.Continuation.AUTO);
                    if (arm.getKey().equals("random27")) {
                        randomSeconds = r[0];
                        randomValidation = r[2];
                        randomTest = r[3];
                    }
                    System.out.printf(Locale.ROOT, "%s %d %s %.2f %.0f %.4f %.4f %.4f %.2f%n", name, seed, arm.getKey(), r[0], r[1], r[2], r[3], r[4], r[5]);
                    double[] t = totals.computeIfAbsent(arm.getKey(), k -> new double[5]);
                    t[0] += r[0];
                    t[1] += r[0] / randomSeconds;
                    // reached random search's validation score (lower is better for log loss and RMSE), within 1%
                    t[2] += r[2] <= randomValidation * 1.01 ? 1 : 0;
                    t[3] += r[2] / randomValidation;
                    t[4] += r[3] <= randomTest * 1.01 ? 1 : 0;
                    testLogRatios.computeIfAbsent(arm.getKey(), k -> new java.util.ArrayList<>()).add(Math.log(r[3] / randomTest));
                }
            }
        }
        for (Map.Entry<String, double[]> e : totals.entrySet()) {
            double[] t = e.getValue();
            // the refitted models' test scores against random search's: geometric mean of the ratios, and the paired t statistic of their logarithms
            java.util.List<Double> lr = testLogRatios.get(e.getKey());
            double mean = lr.stream().mapToDouble(Double::doubleValue).average().orElse(0), ss = 0;
            for (double v : lr) ss += (v - mean) * (v - mean);
            double se = lr.size() > 1 ? Math.sqrt(ss / (lr.size() - 1) / lr.size()) : Double.NaN;
            System.out.printf(Locale.ROOT, "SUMMARY %s seconds %.1f mean_time_ratio_to_random27 %.3f reached_random27_validation_within_1pct %d/%d "
                    + "mean_validation_ratio %.4f test_within_1pct_or_better %d/%d geometric_mean_test_ratio %.4f t_of_log_test_ratio %.2f%n",
                    e.getKey(), t[0], t[1] / runs, (int) t[2], runs, t[3] / runs, (int) t[4], runs, Math.exp(mean), se > 0 ? mean / se : 0.0);
        }
    }

    /** An arm by name: random{n}, sh{n}, asha{n} (n trials, the schedulers' other defaults), hyperband, or hb{m} (Hyperband with minEpochs m). */
    static Scheduler scheduler(String arm) {
        if (arm.equals("hyperband")) return Hyperband.DEFAULT;
        if (arm.startsWith("hb")) return new Hyperband(Integer.parseInt(arm.substring(2)), 0, Hyperband.DEFAULT.eta());
        int n = Integer.parseInt(arm.replaceAll("^[a-z]+", ""));
        if (arm.startsWith("random")) return new FullBudget(n);
        Asha a = Asha.DEFAULT;
        if (arm.startsWith("asha")) return new Asha(n, a.minEpochs(), a.maxEpochs(), a.eta(), a.workers());
        SuccessiveHalving h = SuccessiveHalving.DEFAULT;
        if (arm.startsWith("sh")) return new SuccessiveHalving(n, h.minEpochs(), h.maxEpochs(), h.eta());
        throw new IllegalArgumentException("Unknown arm " + arm + "; allowed: random<n>, sh<n>, asha<n>, hyperband, hb<minEpochs>");
    }

    /** {search seconds, epochs trained, best validation score, test score, test accuracy (NaN for regression), refit seconds}. */
    static double[] run(LabeledTable all, long seed, Scheduler scheduler, int threads, org.dendrite.core.search.Continuation continuation) {
        ValidationSplit outer = ValidationSplit.of(all.size(), 0.25, all.isClassification() ? all.classIndices() : null, 1000 + seed);
        LabeledTable train = all.subset(outer.train()), test = all.subset(outer.validation());
        TrainingConfig base = TrainingConfig.DEFAULT.withSeed(seed);
        SearchResult r = new Search(SearchConfig.DEFAULT.withScheduler(scheduler).withThreads(threads).withContinuation(continuation)).explore(train, base, null);
        long t0 = System.nanoTime();
        double[] test2 = SearchContinuationStudy.testScore(r, train, test);
        return new double[] {r.seconds(), r.epochsTrained(), r.best().score(), test2[0], test2[1], (System.nanoTime() - t0) / 1e9};
    }
}
