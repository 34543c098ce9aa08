package org.dendrite.core.data;

import java.util.List;

/**
 * Labeled rows made ready for training, the one data path of every single-machine run: a
 * seeded validation split (stratified for a nominal target), the preprocessing fitted on the
 * training rows, the task with the target's scaling, and the rows transformed into a training
 * {@link Dataset} and a validation one (null without a split). Spark fits the same pieces from
 * merged partition statistics ({@link ColumnStatistics}, {@link Moments}, {@link Task#fit}).
 */
public record TrainingData(Preprocessor preprocessor, Task task, Dataset train, Dataset validation) {

    /**
     * Prepares {@code table}. {@code validationFraction} 0 means no split. A warm start passes the
     * initial model's preprocessing and task ({@code warmPreprocessor}, {@code warmTask}), whose
     * scaling its weights expect; otherwise both are null and fitted here. {@code robustTarget}: a
     * numeric target scaled by its median and interquartile range (a robust loss's, {@link Task#fit}).
     */
    public static TrainingData prepare(LabeledTable table, PreprocessingConfig preprocessing, boolean robustTarget, double validationFraction,
                                       long seed, Preprocessor warmPreprocessor, Task warmTask) {
        table = weighed(table);
        LabeledTable train = table, valid = null;
        if (validationFraction > 0) {
            ValidationSplit split = ValidationSplit.of(table.size(), validationFraction, table.isClassification() ? table.classIndices() : null,
                    table.classes(), seed);
            train = table.subset(split.train());
            valid = table.subset(split.validation());
            if (table.isClassification()) {
                requireTwoClasses(train, " left after the validation split");
            }
        }
        return fit(table, train, valid, preprocessing, robustTarget, warmPreprocessor, warmTask);
    }

    /**
     * Prepares rows already split by the caller (a hyperparameter search's holdout or fold):
     * preprocessing and target scaling fitted on {@code train} only, {@code validation} (may be null)
     * transformed with them.
     */
    public static TrainingData prepare(LabeledTable train, LabeledTable validation, PreprocessingConfig preprocessing, boolean robustTarget) {
        train = weighed(train);
        return fit(train, train, validation == null ? null : validation.withoutZeroWeights(), preprocessing, robustTarget, null, null);
    }

    private static TrainingData fit(LabeledTable table, LabeledTable train, LabeledTable valid, PreprocessingConfig preprocessing,
                                    boolean robustTarget, Preprocessor warmPreprocessor, Task warmTask) {
        // fitted from the training rows, each counted by its weight (ShardPass.statistics does the same on Spark)
        LabeledTable weighed = train;
        Task task = warmTask;
        String squeezed = null;
        if (task == null) {
            Moments target = new Moments();
            Sample robust = robustTarget ? new Sample() : null;
            if (!table.isClassification()) {
                double[] y = weighed.target();
                for (int i = 0; i < y.length; i++) {
                    double w = weighed.weights() == null ? 1 : weighed.weights()[i];
                    target.add(y[i], w);
                    if (robust != null) robust.add(y[i], w);
                }
            }
            task = Task.fit(table.targetName(), table.classes(), target, robust, preprocessing.standardizeTarget());
            if (!table.isClassification() && preprocessing.standardizeTarget() && robust == null) squeezed = Task.squeezeWarning(table.targetName(), target, table::showTarget);
        }
        Preprocessor pre = (warmPreprocessor != null ? warmPreprocessor : Preprocessor.fit(weighed.features(), weighed.weights(), preprocessing))
                .withFitWarning(squeezed);
        return new TrainingData(pre, task, dataset(train, pre, task), valid == null ? null : dataset(valid, pre, task));
    }

    /** Other rows (a search's scoring rows) transformed by this preprocessing and task; rows of weight 0 removed, as everywhere. */
    public Dataset transform(LabeledTable rows) {
        return dataset(rows.withoutZeroWeights(), preprocessor, task);
    }

    private static Dataset dataset(LabeledTable rows, Preprocessor pre, Task task) {
        return new Dataset(pre.transform(rows.features()), scaledTargets(rows, task), rows.weights());
    }

    /** The target values as the network learns them: class indices, or numbers standardized by the task's scaling. */
    static org.dendrite.core.tensor.Matrix scaledTargets(LabeledTable rows, Task task) {
        double[] values = rows.target();
        org.dendrite.core.tensor.Matrix y = new org.dendrite.core.tensor.Matrix(values.length, 1);
        for (int i = 0; i < values.length; i++) y.data()[i] = task.scaledTarget(values[i], rows.features().number(i));
        return y;
    }

    /** The rows must weigh something: rows that all weigh 0 (removed) leave nothing to learn from. */
    private static void requireWeight(LabeledTable rows) {
        if (rows.weights() != null && !(org.dendrite.core.loss.Loss.weightSum(rows.weights(), rows.size()) > 0)) throw allWeighZero(null);
    }

    /** The error for training rows that all weigh 0, one machine's and Spark's; {@code column}: the weight column (null: unnamed). */
    public static IllegalArgumentException allWeighZero(String column) {
        return new IllegalArgumentException("Every training row has instance weight 0" + (column == null ? "" : " (column '" + column + "')")
                + ": nothing to learn from (a row of weight 0 is removed before training)");
    }

    /**
     * The training rows {@code t} as training takes them: refused when empty or weighing nothing, its rows
     * of weight 0 removed, and a classifier's refused with fewer than two classes among those left.
     */
    private static LabeledTable weighed(LabeledTable t) {
        if (t.size() == 0) {
            throw new IllegalArgumentException("The training data is empty: training needs at least one row");
        }
        requireWeight(t);
        LabeledTable weighed = t.withoutZeroWeights();
        if (weighed.isClassification()) {
            requireTwoClasses(weighed, weighed.size() < t.size() ? weighedRows(null) : "");
        }
        return weighed;
    }

    /**
     * What a one-class refusal adds when rows of weight 0 were removed (those of weight {@code column}'s,
     * where the weights have a name): the other classes may be in them (labels 0 and 1 whose 0s all
     * weighed 0 were reported as "only one class ('1')", the weights unnamed).
     */
    static String weighedRows(String column) {
        return " (its rows of weight above 0" + (column == null ? "" : " in column '" + column + "'") + ": a row of weight 0 is removed before "
                + "training)";
    }

    private static void requireTwoClasses(LabeledTable t, String where) {
        List<String> classes = t.classes();
        boolean[] seen = new boolean[classes.size()];
        int distinct = 0, only = 0;
        for (double v : t.target()) {
            if (!seen[(int) v]) {
                seen[(int) v] = true;
                distinct++;
                only = (int) v;
            }
        }
        if (distinct < 2) throw oneClass("Target '" + t.targetName() + "'", classes.get(only), where);
    }

    /**
     * The error for training rows of one class, one machine's and Spark's: {@code target} names the
     * target ("Target 'class'", "Column 'label'"), {@code className} the class, {@code where} qualifies the rows.
     */
    public static IllegalArgumentException oneClass(String target, String className, String where) {
        return new IllegalArgumentException(target + " has only one class ('" + className + "') in the training data" + where
                + "; a classifier needs rows of at least two classes");
    }
}
