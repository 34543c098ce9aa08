package org.dendrite.core.diagnostics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import org.dendrite.core.data.ValidationSplit;
import org.dendrite.core.metrics.Metrics;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.Trainer;
import org.dendrite.core.train.TrainingConfig;

/**
 * The learning curve: training and validation error against the training-set size. A fixed
 * (stratified, seeded) validation part is held out; the model is trained on growing prefixes of the
 * rest. Converging curves with high error mean high bias; a persistent gap means more data would help.
 * Error is 1 - accuracy for classifiers and RMSE for regression.
 */
public final class LearningCurve {
    private LearningCurve() {}

    public record Point(int trainingRows, double trainingError, double validationError) {}

    public static List<Point> compute(TrainingConfig config, LabeledTable labeled, double[] fractions, double validationFraction, long seed) {
        labeled = labeled.withoutZeroWeights(); // rows that are not there, as for a training run
        Table table = labeled.features();
        List<String> classes = labeled.classes();
        ValidationSplit split = ValidationSplit.of(table.size(), validationFraction, labeled.isClassification() ? labeled.classIndices() : null, seed);
        int[] pool = split.train();
        // a seeded shuffle of the pool so prefixes are random subsets
        org.dendrite.core.data.Seeds.shuffle(new java.util.SplittableRandom(seed), pool);
        LabeledTable valid = labeled.subset(split.validation());
        List<Point> points = new ArrayList<>();
        for (double f : fractions) {
            if (!(f > 0 && f <= 1)) throw new IllegalArgumentException("Invalid learning-curve fraction " + f + " (allowed: 0 < f <= 1)");
            int n = Math.max(2, (int) Math.round(f * pool.length));
            int[] rows = java.util.Arrays.copyOf(pool, n);
            LabeledTable tr = labeled.subset(rows); // with the rows' instance weights
            Model m;
            try {
                m = Trainer.fit(config.withValidationFraction(0).withEarlyStopping(org.dendrite.core.train.EarlyStopping.OFF), tr);
            } catch (IllegalArgumentException e) {
                continue; // e.g. a tiny prefix with a single class
            }
            points.add(new Point(n, error(m, tr, classes), error(m, valid, classes)));
        }
        return points;
    }

    /** The error of {@code m} on {@code rows}, weighted by their instance weights. */
    static double error(Model m, LabeledTable rows, List<String> classes) {
        double[][] p = m.predict(rows.features());
        double[] y = rows.target();
        double[] w = Metrics.weights(rows.weights());
        if (classes.isEmpty()) {
            double[] pred = new double[y.length];
            for (int i = 0; i < y.length; i++) pred[i] = p[i][0];
            return Metrics.rmse(pred, y, w);
        }
        int[] labels = new int[y.length];
        for (int i = 0; i < y.length; i++) labels[i] = (int) y[i];
        return 1 - Metrics.accuracy(p, labels, w);
    }

    public static void plot(List<Point> points, boolean classification, Path file) throws IOException {
        double[] x = new double[points.size()], tr = new double[points.size()], va = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).trainingRows();
            tr[i] = points.get(i).trainingError();
            va[i] = points.get(i).validationError();
        }
        String what = classification ? "error (1 - accuracy)" : "RMSE";
        new Chart("Learning curve", "training rows", what).integerX(true).line("training " + what, x, tr).line("validation " + what, x, va)
                .writePng(file, TrainingPlots.WIDTH, TrainingPlots.HEIGHT);
    }

}
