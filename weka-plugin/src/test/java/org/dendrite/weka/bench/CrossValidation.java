package org.dendrite.weka.bench;

import java.util.Random;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.core.Instances;

/**
 * One run of Weka's 10-fold cross-validation: {@code Evaluation.crossValidateModel} written out
 * (randomize with {@code Random(seed)}, stratify a nominal class, train a copy of the classifier on
 * {@code trainCV(10, f, random)}, evaluate on {@code testCV(10, f)} with the training set's priors),
 * so that the same aggregate evaluation also yields each fold's score: accuracy % for a nominal
 * class, RMSE for a numeric one. Seeds 1..10 of it are the 10 x 10-fold runs of Weka's Experimenter.
 */
final class CrossValidation {
    static final int FOLDS = 10;

    private CrossValidation() {}

    /** Weka's aggregate evaluation over the 10 folds and each fold's score (accuracy %, or RMSE). */
    record Run(Evaluation total, double[] foldScores) {}

    static Run run(Classifier c, Instances data, int seed) throws Exception {
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
}
