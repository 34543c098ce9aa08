package org.dendrite.weka.bench;

import java.util.Locale;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The first run of a classifier in a fresh JVM, started by {@link WekaComparison} as a child process:
 * reads the dataset (untimed), then times making the classifier from its class name and options
 * (so loading its classes counts) and one 10-fold cross-validation with seed 1. Prints
 * {@code FIRST_RUN <seconds> <pooled accuracy % or RMSE>}; the parent checks the score against its
 * own seed-1 run.
 *
 * <p>Arguments: {@code <dataset file> <classifier class name> "<options>"}.
 */
public final class FirstRun {
    private FirstRun() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) throw new IllegalArgumentException("Usage: FirstRun <dataset file> <classifier class> \"<options>\"");
        Instances data = WekaComparison.read(args[0]);
        long start = System.nanoTime();
        Classifier c = AbstractClassifier.forName(args[1], Utils.splitOptions(args[2]));
        CrossValidation.Run run = CrossValidation.run(c, data, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        double score = data.classAttribute().isNominal() ? run.total().pctCorrect() : run.total().rootMeanSquaredError();
        System.out.printf(Locale.ROOT, "FIRST_RUN %.6f %.17g%n", seconds, score);
    }
}
