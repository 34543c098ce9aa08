package org.dendrite.weka.bench;

import java.util.List;

/**
 * One classifier configuration's cross-validation of one dataset: a row of the results file
 * ({@link ResultsFile}). Measures that do not apply to the task are NaN (accuracy and AUC for a
 * numeric class, correlation and RMSE for a nominal one).
 *
 * @param dataset file name under test-data/datasets
 * @param datasetSha256 SHA-256 of that file's bytes: results are compared only on the same data
 * @param task "classification" (nominal class) or "regression" (numeric class)
 * @param rows rows with a class value
 * @param inputs attributes besides the class
 * @param classes class values (0 for regression)
 * @param repetitions cross-validation seeds 1..repetitions of 10-fold
 * @param classifier "Dendrite" or the Weka classifier's simple class name
 * @param configuration "defaults", or the label of a Dendrite candidate configuration
 * @param options the options the classifier ran with, every one of them ({@code getOptions()})
 * @param accuracy accuracy % pooled over each run's 10 folds, mean over the runs
 * @param accuracySeed1 accuracy % of the seed-1 run
 * @param weightedAuc {@code Evaluation.weightedAreaUnderROC()} of each run, mean over the runs
 * @param correlation correlation coefficient of each run, mean over the runs
 * @param rmse root mean squared error of each run, mean over the runs
 * @param cvSeconds wall time of one 10-fold run in the steady state ({@code cvTiming} says how measured)
 * @param firstRunSeconds wall time of the first 10-fold run ({@code firstRunTiming} says where)
 * @param firstRunInProcessSeconds wall time of the first run of this classifier on this dataset in the
 *     harness's JVM (after the classifiers and datasets before it)
 * @param firstRunProcessSeconds the fresh JVM's whole life (start-up, reading the data, the run), NaN without one
 * @param foldScores each fold's accuracy % (or RMSE), run after run: repetitions x 10 values
 * @param source "this run", or the results file the row was read from
 * @param tests this configuration against each reference on the same folds (Dendrite rows only)
 */
record Result(String dataset, String datasetSha256, String task, int rows, int inputs, int classes, int repetitions,
              String classifier, String configuration, String options,
              double accuracy, double accuracySeed1, double weightedAuc, double correlation, double rmse,
              double cvSeconds, String cvTiming, double firstRunSeconds, String firstRunTiming,
              double firstRunInProcessSeconds, double firstRunProcessSeconds,
              double[] foldScores, String source, List<PairedTest> tests) {

    static final String DENDRITE = "Dendrite";
    static final String DEFAULTS = "defaults";
    static final String THIS_RUN = "this run";

    boolean regression() {
        return task.equals("regression");
    }

    boolean isDendrite() {
        return classifier.equals(DENDRITE);
    }

    /** How the row is named in the tables: the classifier, and a Dendrite candidate's label. */
    String displayName() {
        return isDendrite() && !configuration.equals(DEFAULTS) ? DENDRITE + " [" + configuration + "]"
                : isDendrite() ? DENDRITE + " (defaults)" : classifier;
    }

    /** The score the paired test compares: accuracy % per fold, or RMSE per fold. */
    String measure() {
        return regression() ? "RMSE" : "accuracy %";
    }

    Result withTests(List<PairedTest> t) {
        return new Result(dataset, datasetSha256, task, rows, inputs, classes, repetitions, classifier, configuration, options,
                accuracy, accuracySeed1, weightedAuc, correlation, rmse, cvSeconds, cvTiming, firstRunSeconds, firstRunTiming,
                firstRunInProcessSeconds, firstRunProcessSeconds, foldScores, source, t);
    }

    Result withSource(String s) {
        return new Result(dataset, datasetSha256, task, rows, inputs, classes, repetitions, classifier, configuration, options,
                accuracy, accuracySeed1, weightedAuc, correlation, rmse, cvSeconds, cvTiming, firstRunSeconds, firstRunTiming,
                firstRunInProcessSeconds, firstRunProcessSeconds, foldScores, s, List.of());
    }
}
