package org.dendrite.weka.bench;

import java.nio.file.Path;
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
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Weka 10-fold cross-validation (seed 1) of Dendrite with default options against Weka's
 * MultilayerPerceptron and Logistic (LinearRegression for a numeric class) on the bundled datasets:
 * accuracy, weighted ROC AUC (correlation and RMSE for regression) and wall time. Run through
 * {@code bench/weka-cv} (or {@code bench/run W4}); the table goes to docs/benchmarks.md. After the
 * table, one {@code RESULT W4:<dataset> <system> <rows per second>} line per run: the dataset's rows
 * divided by the cross-validation's wall time (each row is predicted once and trained on 9 times).
 */
public final class WekaComparison {
    private WekaComparison() {}

    public static void main(String[] args) throws Exception {
        String[] datasets = args.length > 0 ? args : new String[] {"iris.arff", "diabetes.arff", "breast-cancer.arff", "credit-g.arff",
            "wisconsin-breast-cancer.arff", "diabetes-regression.arff"};
        System.out.println("| dataset | classifier | accuracy % | weighted ROC AUC | correlation | RMSE | 10-fold CV seconds |");
        System.out.println("|---|---|---|---|---|---|---|");
        StringBuilder results = new StringBuilder();
        for (String name : datasets) {
            Instances data = DataSource.read(Path.of(System.getProperty("dendrite.testData", "test-data"), "datasets", name).toString());
            data.setClassIndex(data.numAttributes() - 1);
            boolean numeric = data.classAttribute().isNumeric();
            Classifier[] cs = {new Dendrite(), new MultilayerPerceptron(), numeric ? new LinearRegression() : new Logistic()};
            for (Classifier c : cs) {
                long start = System.nanoTime();
                Evaluation ev = new Evaluation(data);
                ev.crossValidateModel(AbstractClassifier.makeCopy(c), data, 10, new Random(1));
                double seconds = (System.nanoTime() - start) / 1e9;
                String label = c.getClass().getSimpleName();
                results.append(String.format(Locale.ROOT, "RESULT W4:%s %s %.1f%n", name.replace(".arff", ""),
                        c instanceof Dendrite ? "dendrite" : c instanceof MultilayerPerceptron ? "weka-mlp" : "weka-linear", data.numInstances() / seconds));
                if (numeric) {
                    System.out.printf(Locale.ROOT, "| %s | %s | | | %.4f | %.3f | %.2f |%n", name, label, ev.correlationCoefficient(),
                            ev.rootMeanSquaredError(), seconds);
                } else {
                    System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.4f | | | %.2f |%n", name, label, ev.pctCorrect(), ev.weightedAreaUnderROC(),
                            seconds);
                }
            }
        }
        System.out.print(results);
    }
}
