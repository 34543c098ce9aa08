package org.dendrite.core.data;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The checks every raw row of a sharded table (the rows of a Spark DataFrame) passes before the core
 * uses it, in training and prediction alike: a feature vector present, of one width, with finite
 * values or NaN, a missing value (as Spark's VectorAssembler and Imputer and XGBoost's Spark package
 * write it: the preprocessing imputes it as it imputes Weka's missing values, or refuses it when
 * imputation is off); a label present, a whole class index 0..k-1 for a classifier ({@code declaredClasses} > 0:
 * k as the label column's metadata declares it) or a finite number for a regressor; a weight present,
 * finite and >= 0. Messages name the column, the value, the vector's element and the row (its index
 * within its partition: the rows have no global order before they are counted).
 *
 * @param features the feature column's name
 * @param label the label column's name
 * @param weight the weight column's name, or null when every row weighs 1
 * @param found the classes were found by the first pass over the rows, not declared ({@link #afterFirstPass})
 * @param classNames the declared classes' names (a StringIndexer's labels, in index order), or null where
 *     the metadata gives only their number
 * @param weightDivisor what the weights are divided by ({@link LabeledTable#weightDivisor}), found by the
 *     first pass ({@link #afterFirstPass}); NaN on that pass, which takes any finite weight >= 0 as it is
 */
public record RowCheck(String features, String label, String weight, boolean classification, int declaredClasses, boolean found,
                       List<String> classNames, double weightDivisor) implements Serializable {
    public RowCheck(String features, String label, String weight, boolean classification, int declaredClasses) {
        this(features, label, weight, classification, declaredClasses, false);
    }

    public RowCheck(String features, String label, String weight, boolean classification, int declaredClasses, boolean found) {
        this(features, label, weight, classification, declaredClasses, found, null, Double.NaN);
    }

    /**
     * This check with the declared classes' {@code names} (null: none): the model's classes keep them,
     * so that Weka, a warm start and {@code IndexToString} read its prediction's index as the class it
     * is (they were "0".."k-1", and a model trained on a label indexed by frequency was read in Weka's
     * header order: 0 of 300 right).
     */
    public RowCheck withClassNames(List<String> names) {
        if (names != null && names.size() != declaredClasses) {
            throw new IllegalArgumentException("Column '" + label + "' declares " + declaredClasses + " classes but names " + names.size());
        }
        return new RowCheck(features, label, weight, classification, declaredClasses, found, names == null ? null : List.copyOf(names), weightDivisor);
    }

    /**
     * The check for the passes after the first, which found the {@code classes} (or read them from the
     * metadata) and the weights' {@code divisor}: a later pass meeting a label beyond them reads other
     * rows than the first did, and holds each weight over the divisor (weights all below float32's
     * range were refused on Spark, where Weka takes them by their ratios).
     */
    public RowCheck afterFirstPass(List<String> classes, double divisor) {
        return !classification || declaredClasses > 0 ? new RowCheck(features, label, weight, classification, declaredClasses, found, classNames, divisor)
                : new RowCheck(features, label, weight, true, classes.size(), true, classNames, divisor);
    }

    /** The width note of training rows, whose first rows set the width. */
    public static final String FIRST_ROWS = "expected size %d (as in the first rows)";

    /** A reader of shard {@code shard}'s rows in order; {@code width} < 0: the shard's first row sets it. */
    public Reader reader(int shard, int width) {
        return new Reader(shard, width);
    }

    /** Checks the rows of one shard in their order, counting them so that errors name the row. */
    public final class Reader {
        private final int shard;
        private int width;
        private long row;

        private Reader(int shard, int width) {
            this.shard = shard;
            this.width = width;
        }

        /**
         * Checks the size of the next row's feature vector before its values are made dense (a sparse
         * vector of a huge declared size would otherwise take the heap): the shard's width, or the
         * {@link #maxWidth()} when the first row sets it.
         */
        public void size(int size) {
            checkSize(size, features, width, FIRST_ROWS, shard, row);
        }

        /** The next row, checked; null arguments are missing values, refused. */
        public LabeledRow read(double[] x, Double y, Double w) {
            double[] f = checkFeatures(x, features, width, FIRST_ROWS, shard, row);
            width = f.length;
            LabeledRow r = new LabeledRow(f, checkLabel(y, shard, row), weight == null ? 1 : checkWeight(w, shard, row), row);
            row++;
            return r;
        }
    }

    /**
     * A feature vector, checked: not null, of {@code width} elements (any when negative), none
     * infinite (NaN is a missing value).
     * {@code widthNote} says where the width comes from (a format of it, {@code %d}); errors name row
     * {@code row} of partition {@code shard} ({@code row} < 0: a lone row, named by nothing).
     */
    public static double[] checkFeatures(double[] x, String col, int width, String widthNote, int shard, long row) {
        if (x == null) throw new IllegalArgumentException("Column '" + col + "' holds a null value" + place(shard, row) + "; every row needs a feature vector");
        checkSize(x.length, col, width, widthNote, shard, row);
        for (int j = 0; j < x.length; j++) {
            if (Double.isInfinite(x[j])) {
                throw new IllegalArgumentException("Column '" + col + "' holds " + x[j] + " at " + col + "[" + j + "]" + place(shard, row)
                        + "; feature values must be finite numbers (or NaN for a missing value)");
            }
        }
        return x;
    }

    /** One row's dense feature values (8 bytes each) may take 1/{@value} of this JVM's largest heap. */
    public static final int ROW_HEAP_FRACTION = 64;

    /** The widest feature vector a row may have here: its dense values take at most 1/{@link #ROW_HEAP_FRACTION} of the largest heap. */
    public static long maxWidth() {
        return Runtime.getRuntime().maxMemory() / ROW_HEAP_FRACTION / Double.BYTES;
    }

    /**
     * A feature vector's size, checked before its values are made dense: {@code width} when known
     * (non-negative), else at most {@link #maxWidth()}; the other arguments as for {@link #checkFeatures}.
     */
    public static void checkSize(int size, String col, int width, String widthNote, int shard, long row) {
        if (width >= 0 && size != width) {
            throw new IllegalArgumentException("Column '" + col + "' holds a vector of size " + size + place(shard, row) + "; "
                    + String.format(Locale.ROOT, widthNote, width));
        }
        if (width < 0 && size > maxWidth()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Column '%s' holds a vector of size %d%s; the rows are trained on as "
                    + "dense values, and one such row takes %.0f MB, more than the %.0f MB allowed (1/%d of this JVM's largest heap): use "
                    + "fewer features (for example a smaller numFeatures in FeatureHasher) or more memory (-Xmx)", col, size, place(shard, row),
                    size * (double) Double.BYTES / (1 << 20), maxWidth() * (double) Double.BYTES / (1 << 20), ROW_HEAP_FRACTION));
        }
    }

    private double checkLabel(Double value, int shard, long row) {
        if (value == null) throw new IllegalArgumentException("Column '" + label + "' holds a null label" + place(shard, row));
        double y = value;
        if (classification && !(y >= 0 && y == Math.rint(y))) {
            throw new IllegalArgumentException("Column '" + label + "' holds the label " + y + place(shard, row) + "; labels must be whole numbers 0..k-1 "
                    + "(class indices, as Spark's StringIndexer makes them)");
        }
        if (classification && declaredClasses > 0 && y >= declaredClasses) {
            throw new IllegalArgumentException("Column '" + label + "' holds the label " + y + place(shard, row) + ", but its " + (found
                    ? "labels were 0.." + (declaredClasses - 1) + " on the first pass over the rows: the input changed between passes (a "
                    + "nondeterministic source or expression; cache or checkpoint it before fitting)"
                    : "metadata declares " + declaredClasses + " classes (labels 0.." + (declaredClasses - 1) + ")"));
        }
        if (!Double.isFinite(y)) throw new IllegalArgumentException("Column '" + label + "' holds the label " + y + place(shard, row) + "; labels must be finite");
        return y;
    }

    /**
     * The most classes a label column's metadata may declare (the output layer has a unit per class,
     * and AUC sorts the rows once per class), and the most categories of a nominal feature.
     */
    public static final int MAX_DECLARED_CLASSES = 1 << 16;

    /** Spark's own classifiers infer at most this many classes from label values (its Classifier's maxNumClasses). */
    public static final int MAX_INFERRED_CLASSES = 100;

    /**
     * The class names "0".."k-1" of checked rows whose largest label is {@code maxLabel} (a class is
     * its label's value); none for a regressor. k is as the label column's metadata declares it,
     * else the largest label + 1, refused beyond {@link #MAX_INFERRED_CLASSES} as Spark's classifiers
     * refuse it (an identifier column taken for the label would make an output layer of millions of
     * units); a classifier needs two classes.
     */
    public java.util.List<String> classes(double maxLabel) {
        if (!classification) return java.util.List.of();
        if (declaredClasses == 0 && maxLabel + 1 > MAX_INFERRED_CLASSES) {
            throw new IllegalArgumentException("Column '" + label + "' holds the label " + maxLabel + " and no metadata declaring its classes, "
                    + "so they would be inferred as 0.." + (long) maxLabel + ": more than the " + MAX_INFERRED_CLASSES + " classes Spark's "
                    + "classifiers infer from label values. Index the label with StringIndexer (its metadata declares the classes), or check "
                    + "that this is the label column");
        }
        int k = declaredClasses > 0 ? declaredClasses : (int) maxLabel + 1;
        if (k < 2) throw new IllegalArgumentException("Column '" + label + "' has only one class (label 0); a classifier needs at least two");
        return classNames != null ? classNames : indexNames(k);
    }

    /**
     * Checks that each nominal column of {@code declared} (the input a model is to transform, as its
     * metadata describes it) names its categories in the order of the {@code trained} column at the
     * same place: a category is its index, so an indexer fitted anew on other rows (which orders by
     * frequency) would otherwise give silently wrong predictions. Categories known only by their
     * number (not {@code named[j]}: a nominal attribute of a number of values without their names, or
     * a numeric column) are not compared; named ones where the model read a number are refused. Names
     * that happen to be "0".."k-1" (an indexer's of the values 0 and 1) are names: they were taken for
     * numbers, and an indexer's other order of them went unchecked.
     */
    public static void checkCategories(java.util.List<Column> trained, java.util.List<Column> declared, boolean[] named) {
        for (int j = 0; j < trained.size(); j++) {
            java.util.List<String> had = trained.get(j).categories(), has = declared.get(j).categories();
            if (has.equals(had) || !named[j]) continue;
            if (had.isEmpty()) {
                // it said the metadata's categories "differ from index 0 on ('a' there, none in the model)"
                throw new IllegalArgumentException("Column '" + declared.get(j).name() + "' is nominal in the features' metadata (" + has.size()
                        + " categories), but the model was trained on it as a numeric input: assemble it as the training rows were (without "
                        + "its nominal metadata, its value read as a number), or train on it as nominal");
            }
            int k = 0;
            while (k < Math.min(had.size(), has.size()) && had.get(k).equals(has.get(k))) k++;
            throw new IllegalArgumentException("Column '" + declared.get(j).name() + "' names " + has.size() + " categories in the "
                    + "features' metadata where the model was trained on " + had.size() + ", and they differ from index " + k + " on ("
                    + (k < has.size() ? "'" + has.get(k) + "'" : "none") + " there, " + (k < had.size() ? "'" + had.get(k) + "'" : "none")
                    + " in the model); a category is its index, so index the column as the training rows were (the StringIndexer model "
                    + "fitted on them; for a model trained in Weka, its attribute's order of values)");
        }
    }

    /** The names "0".."k-1": classes or categories known only by their number. */
    public static java.util.List<String> indexNames(int k) {
        java.util.List<String> names = new java.util.ArrayList<>(k);
        for (int i = 0; i < k; i++) names.add(Integer.toString(i));
        return names;
    }

    private double checkWeight(Double value, int shard, long row) {
        if (value == null) throw new IllegalArgumentException("Column '" + weight + "' holds a null weight" + place(shard, row));
        double w = value;
        // the first pass (no divisor yet) takes any finite weight >= 0 as it is; the later ones hold it over the divisor
        boolean first = Double.isNaN(weightDivisor);
        double held = first ? w : LabeledTable.held(w, weightDivisor);
        if (first ? !(w == 0 || (w > 0 && w <= Double.MAX_VALUE)) : !LabeledTable.isWeight(held)) {
            throw new IllegalArgumentException("Column '" + weight + "' holds the weight " + w + place(shard, row) + "; " + LabeledTable.WEIGHT_RULE);
        }
        return held;
    }

    /** A row's place in a message: " (row r of partition p)", or nothing for a lone row. */
    static String place(int shard, long row) {
        return row < 0 ? "" : " (row " + row + " of partition " + shard + ")";
    }
}
