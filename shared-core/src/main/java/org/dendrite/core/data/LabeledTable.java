package org.dendrite.core.data;

import java.util.List;

/**
 * Raw training rows with their target, as a wrapper hands them to the core: the input columns
 * ({@code features}), the target's name, its classes (empty for a numeric target), one target value
 * per row (a class index 0..k-1, or a number) and optional instance weights (null = all 1); a numeric
 * target of dates (Weka's date class: milliseconds since 1970-01-01 UTC) names its {@code targetDatePattern},
 * in which messages show its values ({@link #showTarget}; null otherwise).
 * Validated on construction: lengths agree, class indices are valid, numeric targets are finite.
 */
public record LabeledTable(Table features, String targetName, List<String> classes, double[] target, float[] weights, String targetDatePattern)
        implements java.io.Serializable {
    public LabeledTable {
        if (features == null || target == null) {
            throw new IllegalArgumentException("Labeled rows need features and target values");
        }
        targetName = targetName == null || targetName.isEmpty() ? "target" : targetName;
        classes = classes == null ? List.of() : List.copyOf(classes);
        if (target.length != features.size()) {
            throw new IllegalArgumentException("There are " + features.size() + " rows but " + target.length + " target values");
        }
        if (weights != null && weights.length != features.size()) {
            throw new IllegalArgumentException("There are " + features.size() + " rows but " + weights.length + " instance weights");
        }
        for (int i = 0; i < target.length; i++) checkTarget(targetName, classes, features.number(i), target[i]);
        if (targetDatePattern != null && !classes.isEmpty()) {
            throw new IllegalArgumentException("Target '" + targetName + "' is nominal and cannot hold dates");
        }
        if (targetDatePattern != null) Column.date(targetName, targetDatePattern); // an invalid pattern refused here, not in a message
    }

    /** Rows whose target is not dates. */
    public LabeledTable(Table features, String targetName, List<String> classes, double[] target, float[] weights) {
        this(features, targetName, classes, target, weights, null);
    }

    /** Target value {@code v} as the data gives it: a date in {@link #targetDatePattern}, otherwise as Java writes a double ({@link Column#show}). */
    public String showTarget(double v) {
        return targetDatePattern == null ? Double.toString(v) : Column.date(targetName, targetDatePattern).show(v);
    }

    /** Rows without instance weights. */
    public LabeledTable(Table features, String targetName, List<String> classes, double[] target) {
        this(features, targetName, classes, target, null);
    }

    /**
     * The table of {@code rows} (as a distributed trainer reads them, already checked), their
     * features the {@code columns}; their weights kept when {@code weighted}.
     */
    public static LabeledTable of(List<LabeledRow> rows, List<Column> columns, String targetName, List<String> classes, boolean weighted) {
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        float[] w = weighted ? new float[rows.size()] : null;
        for (int i = 0; i < rows.size(); i++) {
            LabeledRow r = rows.get(i);
            x[i] = r.features();
            y[i] = r.label();
            if (w != null) w[i] = (float) r.weight();
        }
        return new LabeledTable(new Table(columns, x), targetName, classes, y, w);
    }

    /**
     * Checks one target value ({@code row} names it): a whole class index 0..k-1 for a nominal
     * target, a finite number for a numeric one.
     */
    public static void checkTarget(String targetName, List<String> classes, long row, double v) {
        int k = classes.size();
        if (k > 0) {
            if (!(v >= 0 && v < k) || v != Math.rint(v)) {
                throw new IllegalArgumentException("Target '" + targetName + "' of row " + row + " is " + v + "; allowed: a class index 0.."
                        + (k - 1) + " " + classes);
            }
        } else if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("Target '" + targetName + "' of row " + row + " is " + v + "; a numeric target must be finite");
        }
    }

    /**
     * An instance weight as training holds it (float32), checked ({@code row} names it): finite, >= 0
     * and within float32's range (a larger weight would become infinite).
     */
    public static float weight(double w, long row) {
        if (!isWeight(w)) throw new IllegalArgumentException("Instance weight of row " + row + " is " + w + "; " + WEIGHT_RULE);
        return (float) w;
    }

    /**
     * True when {@code w} is a weight training can hold: 0, or within float32's normal range (beyond
     * it a weight becomes infinite; below it, 0 or a subnormal of a few bits, so tiny weights would
     * silently count as 0 and all-tiny weights would be refused as "all zero").
     */
    public static boolean isWeight(double w) {
        return w == 0 || (w >= Float.MIN_NORMAL && w <= Float.MAX_VALUE);
    }

    /**
     * What instance weights are divided by, given the smallest and the largest positive finite one
     * ({@code max} 0: none): 1, or where one lies outside float32's normal range, which training holds
     * them in, and every weight over the largest fits it, the largest (only their ratios matter: Weka's
     * and Spark's own classifiers take weights of 1e-40). Weights whose ratios float32 cannot hold are
     * taken as given, and the one out of its range refused by its row. Weka and Spark alike.
     */
    public static double weightDivisor(double min, double max) {
        // min / max is the smallest ratio a weight over the divisor makes: it fits float32 exactly when this holds
        return max == 0 || (min >= Float.MIN_NORMAL && max <= Float.MAX_VALUE) || !(min / max >= Float.MIN_NORMAL) ? 1 : max;
    }

    /** Weight {@code w} as training holds it under {@code divisor} ({@link #weightDivisor}): over it where positive and finite; 0, NaN, negative or infinite as given. */
    public static double held(double w, double divisor) {
        return divisor == 1 || !(w > 0) || Double.isInfinite(w) ? w : w / divisor;
    }

    /** What an instance weight must be, as error messages say it. */
    public static final String WEIGHT_RULE = "weights must be 0 or between " + Float.MIN_NORMAL + " and " + Float.MAX_VALUE
            + " (training holds them as float32; only their ratios matter, so they can be rescaled)";

    public boolean isClassification() {
        return !classes.isEmpty();
    }

    public int size() {
        return target.length;
    }

    /**
     * These rows without those of instance weight 0, which training removes before anything else
     * sees them: a row of weight 0 is a row that is not there, for the loss, the validation split,
     * the scaling, the sizes chosen from the number of rows, batch normalization and the
     * data-dependent initialization alike (extreme values in rows of weight 0 had wrecked the scaling
     * of the others; such rows had changed the chosen width and the initialization).
     */
    public LabeledTable withoutZeroWeights() {
        if (weights == null) return this;
        int[] keep = java.util.stream.IntStream.range(0, weights.length).filter(i -> weights[i] != 0).toArray();
        return keep.length == weights.length ? this : subset(keep);
    }

    /** The rows at {@code rows}, in that order (row arrays shared). */
    public LabeledTable subset(int[] rows) {
        double[] t = new double[rows.length];
        float[] w = weights == null ? null : new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            t[i] = target[rows[i]];
            if (w != null) w[i] = weights[rows[i]];
        }
        return new LabeledTable(features.subset(rows), targetName, classes, t, w, targetDatePattern);
    }

    /**
     * A 64-bit fingerprint of the rows (their number, every feature value, target and weight, in
     * order): whether a run meets the rows it was trained on, or others ({@code train.Checkpoint.Rows}).
     */
    public long fingerprint() {
        long h = mix(0x9E3779B97F4A7C15L ^ size());
        double[][] x = features.rows();
        for (int i = 0; i < x.length; i++) {
            for (double v : x[i]) h = mix(h ^ Double.doubleToLongBits(v));
            h = mix(h ^ Double.doubleToLongBits(target[i]));
            h = mix(h ^ Float.floatToIntBits(weights == null ? 1 : weights[i]));
        }
        return h;
    }

    /**
     * SplitMix64's finalizer (Steele, Lea and Flood 2014): every bit of {@code z} moves every bit of
     * the result (an XOR then a multiplication alone left a sign bit in bit 63, so two sign flips
     * cancelled).
     */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Each row's class index (a nominal target), the strata of a stratified split. */
    public int[] classIndices() {
        int[] c = new int[target.length];
        for (int i = 0; i < c.length; i++) c[i] = (int) target[i];
        return c;
    }
}
