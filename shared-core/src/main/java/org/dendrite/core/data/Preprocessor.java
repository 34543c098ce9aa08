package org.dendrite.core.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.tensor.Matrix;

/**
 * The fitted input transformation, learned from training rows only and saved with the model:
 * per numeric column mean and standard deviation (a zero-variance column is centred, never divided
 * by zero), per nominal column its mode and a one-hot block, and the imputation values.
 */
public final class Preprocessor implements Serializable {
    private static final long serialVersionUID = 2L;

    private final List<Column> columns;
    private final PreprocessingConfig config;
    private final double[] center;
    private final double[] scale;
    private final boolean[] indicator;
    private final int width;
    private final Whitening whitening;
    /** Robust scaling's smooth clipping applies (cached from the config: read per value). */
    private final boolean robust;
    /** Per column, the indices of the categories without training rows (empty: none, and for a numeric column). */
    private final int[][] unseen;
    /** {@link #unseen} as flags, per nominal column (null: every category was seen). */
    private final boolean[][] unseenFlags;
    /** What the fit found worth saying about the training rows ({@link #fitWarnings}); not saved with a model. */
    private transient List<String> fitWarnings;

    /**
     * Below this range of a numeric column's (or target's) other values, in standard deviations, its
     * far values are said to squeeze it ({@link Moments#squeeze}).
     */
    public static final double SQUEEZED_RANGE = 0.1;

    /**
     * A numeric column whose smallest or largest value holds at least this share of the training
     * weight is sparse ({@link Moments#endShare}): standard scaling puts its other values at
     * sqrt(share / (1 - share)) standard deviations or more (4.4 at this share, 50 for a word in 1 of
     * 2,500 documents).
     */
    public static final double SPARSE_SHARE = 0.95;

    /** At least this share of the numeric columns sparse, and at least two, is warned of under standard scaling. */
    public static final double SPARSE_COLUMNS_SHARE = 0.1;

    public Preprocessor(List<Column> columns, PreprocessingConfig config, double[] center, double[] scale, boolean[] indicator) {
        this(columns, config, center, scale, indicator, null);
    }

    /** {@code whitening} may be null (none). */
    public Preprocessor(List<Column> columns, PreprocessingConfig config, double[] center, double[] scale, boolean[] indicator,
                        Whitening whitening) {
        this(columns, config, center, scale, indicator, whitening, null);
    }

    /**
     * {@code unseen}: per column, the categories without training rows (null: none); a row holding one
     * is read as holding the column's mode, as a missing value is (the network learned nothing for it).
     */
    public Preprocessor(List<Column> columns, PreprocessingConfig config, double[] center, double[] scale, boolean[] indicator,
                        Whitening whitening, int[][] unseen) {
        this.unseen = new int[columns.size()][];
        this.unseenFlags = new boolean[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            int[] u = unseen == null || unseen[c] == null ? new int[0] : unseen[c].clone();
            int k = columns.get(c).categories().size();
            for (int i : u) {
                if (i < 0 || i >= k) {
                    throw new IllegalArgumentException("Unseen category " + i + " of column '" + columns.get(c).name() + "': allowed 0.." + (k - 1));
                }
                if (unseenFlags[c] == null) unseenFlags[c] = new boolean[k];
                unseenFlags[c][i] = true;
            }
            this.unseen[c] = u;
        }
        this.whitening = whitening;
        this.robust = config.robust();
        this.columns = List.copyOf(columns);
        this.config = config;
        this.center = center.clone();
        this.scale = scale.clone();
        this.indicator = indicator.clone();
        int w = 0;
        for (int c = 0; c < columns.size(); c++) {
            w += columns.get(c).isNominal() ? columns.get(c).categories().size() : 1;
            if (indicator[c]) w++;
        }
        this.width = w;
    }

    /**
     * The scale of a numeric column constant (or always missing) in the training rows: any finite
     * value divided by it is 0 to float precision, so the column's input stays at its training value,
     * 0. Finite, so the model format holds it as it holds any scale (files of earlier versions, with
     * scale 1 there, read as they were written).
     */
    public static final double CONSTANT_COLUMN_SCALE = Double.MAX_VALUE;

    /**
     * A numeric column is constant when its spread is within this many units in the last place of
     * its centre: values that differ only by rounding (0.3 and 0.1 + 0.2, one unit apart) are one
     * value, while any spread beyond rounding is data, however small its unit (values near 1e-13 or
     * 1e-300) or however large its offset (1e12 + 0.25).
     */
    static final double ROUNDING_ULPS = 64;

    /** Learns the transformation from {@code table} (training rows only, each of weight 1). */
    public static Preprocessor fit(Table table, PreprocessingConfig config) {
        return fit(table, null, config);
    }

    /**
     * Learns the transformation from {@code table} (training rows only), each row counted by its
     * instance weight in {@code weights} (null: all 1; every weight > 0), as k copies of it.
     */
    public static Preprocessor fit(Table table, float[] weights, PreprocessingConfig config) {
        Preprocessor columnsOnly = fit(ColumnStatistics.of(table, weights, config), config);
        if (config.whitening() == Whitening.Kind.NONE) {
            return columnsOnly;
        }
        Matrix z = columnsOnly.transform(table);
        CoMoments m = new CoMoments(z.cols());
        for (int r = 0; r < z.rows(); r++) m.add(z.data(), r * z.cols(), weights == null ? 1 : weights[r]);
        return columnsOnly.withWhitening(Whitening.fit(config.whitening(), m, Whitening.DEFAULT_EPSILON));
    }

    /**
     * The column transformation from training-row statistics (one machine's, or Spark partitions'
     * merged; rows counted by their instance weights): numeric columns centred on their mean (also the
     * imputation value) and divided by their standard deviation; a column constant (or always missing, or varying only by rounding:
     * {@link #ROUNDING_ULPS}) in the training rows gets
     * {@link #CONSTANT_COLUMN_SCALE}, so its input is 0 whatever the value (the network learned
     * nothing about it, and an unseen value must not reach it through untrained weights);
     * nominal columns one-hot, imputed with their mode, which also stands in for a category without
     * training rows (the column constant, or a declared value no row holds); a missing indicator per column that had
     * missing values, when asked for. Whitening, which needs the transformed rows' covariance, is
     * added by {@link #withWhitening}.
     */
    public static Preprocessor fit(ColumnStatistics stats, PreprocessingConfig config) {
        List<Column> cols = stats.columns();
        int k = cols.size();
        double[] center = new double[k], scale = new double[k];
        boolean[] indicator = new boolean[k];
        int[][] unseen = new int[k][];
        List<String> warnings = new ArrayList<>();
        List<String> sparse = new ArrayList<>();
        int numeric = 0;
        double sparseDeviations = 0;
        for (int c = 0; c < k; c++) {
            indicator[c] = config.missingIndicators() && stats.missing(c) > 0;
            if (cols.get(c).isNominal()) {
                double[] counts = stats.categoryCounts(c);
                int mode = 0;
                for (int i = 1; i < counts.length; i++) if (counts[i] > counts[mode]) mode = i;
                center[c] = mode;
                scale[c] = 1;
                unseen[c] = java.util.stream.IntStream.range(0, counts.length).filter(i -> counts[i] == 0).toArray();
            } else if (config.robust()) {
                // the median and interquartile range; half the range where the quartiles coincide; a constant column is ignored.
                // Quartiles more than double's range apart, whose difference overflows, are halved first: the scale is then half
                // the spread (the inputs twice as wide as usual, finite) where it was infinite (every input 0 or NaN, the model
                // file unreadable); the ends are halved before their difference, which then cannot overflow
                Sample q = stats.sample(c);
                double median = q.count() == 0 ? 0 : q.quantile(0.5);
                double q1 = q.count() == 0 ? 0 : q.quantile(0.25), q3 = q.count() == 0 ? 0 : q.quantile(0.75);
                double iqr = Double.isInfinite(q3 - q1) ? q3 / 2 - q1 / 2 : q3 - q1;
                double half = q.count() == 0 ? 0 : 0.5 * q.max() - 0.5 * q.min();
                double spread = iqr > 0 ? iqr : half;
                center[c] = median;
                scale[c] = spread > ROUNDING_ULPS * Math.ulp(median) ? spread : CONSTANT_COLUMN_SCALE;
            } else {
                Moments m = stats.moments(c);
                double mean = m.mean(), std = m.standardDeviation();
                center[c] = mean;
                scale[c] = std > ROUNDING_ULPS * Math.ulp(mean) ? std : CONSTANT_COLUMN_SCALE;
                numeric++;
                if (std > 0 && m.endShare() >= SPARSE_SHARE) {
                    sparse.add(cols.get(c).name());
                    sparseDeviations = Math.max(sparseDeviations, Math.abs(m.farthest() - mean) / std);
                }
                Moments.Squeeze squeeze = m.squeeze();
                if (config.standardize() && squeeze.othersRange() < SQUEEZED_RANGE) {
                    warnings.add("Column '" + cols.get(c).name() + "': " + squeezed(squeeze, "standard scaling", cols.get(c)::show) + ": use robust scaling (the "
                            + "scaling option: robust), or correct or remove " + (squeeze.far() == 1 ? "that value." : "those values."));
                }
            }
        }
        if (config.standardize() && !config.robust() && sparse.size() >= 2 && sparse.size() >= SPARSE_COLUMNS_SHARE * numeric) {
            warnings.add(String.format(java.util.Locale.ROOT, "%d of the %d numeric columns are sparse (%s%s: one value, such as 0, in at "
                    + "least %.0f%% of the training rows): standard scaling puts their other values up to %.0f standard deviations out, "
                    + "where they outweigh the other inputs and the network fits the rare values (expect overfitting): use robust scaling "
                    + "(the scaling option: robust), which bounds them.",
                    sparse.size(), numeric, String.join(", ", sparse.subList(0, Math.min(3, sparse.size()))), sparse.size() > 3 ? ", ..." : "",
                    100 * SPARSE_SHARE, sparseDeviations));
        }
        Preprocessor p = new Preprocessor(cols, config, center, scale, indicator, null, unseen);
        p.fitWarnings = List.copyOf(warnings);
        return p;
    }

    /**
     * What {@code s} (a squeeze below {@link #SQUEEZED_RANGE}) says, with what squeezes the values
     * ({@code by}): "one training value, 1e9, lies so far from the others that standard scaling
     * squeezes them into 2e-9 standard deviations, where the network can hardly tell them apart (expect
     * underfitting)", or "3 training values (the farthest 1e9) lie ..."; values held by more rows
     * than one each say how many: "one training value, 9999999 (in 5 rows), lies ...", "3 training
     * values in 4 rows (the farthest 1e9) lie ...". Each value is written by {@code show}: a column's
     * {@link Column#show}, so that a date column's value reads as a date, not as its milliseconds.
     */
    static String squeezed(Moments.Squeeze s, String by, java.util.function.DoubleFunction<String> show) {
        return String.format(java.util.Locale.ROOT, "%s so far from the others that %s squeezes them into %.2g standard deviations, where "
                + "the network can hardly tell them apart (expect underfitting)", s.far() <= 1 ? "one training value, " + show.apply(s.farthest())
                + (s.rows() > 1 ? " (in " + s.rows() + " rows)" : "") + ", lies" : s.far() + " training values" + (s.rows() > s.far() ? " in "
                + s.rows() + " rows" : "") + " (the farthest " + show.apply(s.farthest()) + ") lie", by, s.othersRange());
    }

    /**
     * What the fit from training rows found worth a warning in the training history: a numeric column
     * whose far values squeeze the others under standard scaling ({@link #SQUEEZED_RANGE}), many sparse
     * columns, a numeric target squeezed likewise ({@link Task#squeezeWarning}, added by the data's
     * preparation). Empty for a preprocessor read from a model file.
     */
    public List<String> fitWarnings() {
        return fitWarnings == null ? List.of() : fitWarnings;
    }

    /** This preprocessing with {@code warning} (null: none) after its fit warnings. */
    Preprocessor withFitWarning(String warning) {
        if (warning == null) return this;
        Preprocessor p = new Preprocessor(columns, config, center, scale, indicator, whitening, unseen);
        List<String> all = new ArrayList<>(fitWarnings());
        all.add(warning);
        p.fitWarnings = List.copyOf(all);
        return p;
    }

    /** This transformation followed by {@code w}. */
    public Preprocessor withWhitening(Whitening w) {
        Preprocessor p = new Preprocessor(columns, config, center, scale, indicator, w, unseen);
        p.fitWarnings = fitWarnings;
        return p;
    }

    /** Per column, the indices of its categories that had no training rows (copies; empty for none and for numeric columns). */
    public int[][] unseen() {
        int[][] out = new int[unseen.length][];
        for (int c = 0; c < out.length; c++) out[c] = unseen[c].clone();
        return out;
    }

    /** The fitted whitening, or null. */
    public Whitening whitening() {
        return whitening;
    }

    public List<Column> columns() { return columns; }
    public PreprocessingConfig config() { return config; }
    public int outputWidth() { return width; }
    public double[] center() { return center.clone(); }
    public double[] scale() { return scale.clone(); }
    public boolean[] indicator() { return indicator.clone(); }

    /**
     * True when every input is ignored: no columns, or only numeric columns constant in the training
     * rows (without missing indicators). A network on such inputs can learn only the target's
     * distribution (nominal columns are taken as varying: their training counts are not kept).
     */
    public boolean ignoresEveryInput() {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).isNominal() || scale[c] != CONSTANT_COLUMN_SCALE || indicator[c]) return false;
        }
        return true;
    }

    /**
     * Which outputs hold a numeric column's value (not a one-hot indicator, not a missing-value
     * indicator); with whitening every output, each a mixture of all.
     */
    public boolean[] numericOutputs() {
        boolean[] numeric = new boolean[width];
        int o = 0;
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            if (!col.isNominal()) numeric[o] = true;
            o += (col.isNominal() ? col.categories().size() : 1) + (indicator[c] ? 1 : 0);
        }
        if (whitening != null) java.util.Arrays.fill(numeric, true);
        return numeric;
    }

    /** Each nominal column's one-hot block in the output, as [start, size], in order. */
    public List<List<Integer>> nominalBlocks() {
        List<List<Integer>> blocks = new ArrayList<>();
        int o = 0;
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            int k = col.isNominal() ? col.categories().size() : 1;
            if (col.isNominal()) blocks.add(List.of(o, k));
            o += k + (indicator[c] ? 1 : 0);
        }
        return blocks;
    }

    /** The network input columns' names (one-hot blocks as {@code column=value}). */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>(width);
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            if (col.isNominal()) {
                for (String v : col.categories()) names.add(col.name() + "=" + v);
            } else {
                names.add(col.name());
            }
            if (indicator[c]) names.add(col.name() + "_missing");
        }
        return names;
    }

    /** The most values one Java array holds. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * Refuses to preprocess {@code rows} rows at once when their float32 values would not fit one
     * Java array or would take more than a training's {@link HeapBudget}, before
     * anything is allocated: wide one-hot blocks of nominal columns with many values are the usual
     * cause, and the message names the widest.
     */
    public void checkFits(long rows) {
        checkFits(rows, HeapBudget.bytes());
    }

    /** {@link #checkFits(long)} against a budget of {@code budgetBytes}. */
    public void checkFits(long rows, double budgetBytes) {
        long values = rows * (long) width;
        if (values <= MAX_ARRAY && 4.0 * values <= budgetBytes) return;
        List<Integer> nominal = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) if (columns.get(c).isNominal()) nominal.add(c);
        nominal.sort((a, b) -> Integer.compare(columns.get(b).categories().size(), columns.get(a).categories().size()));
        List<String> widest = new ArrayList<>();
        for (int c : nominal.subList(0, Math.min(3, nominal.size()))) {
            widest.add("'" + columns.get(c).name() + "' " + columns.get(c).categories().size() + " values");
        }
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%d rows preprocessed are %d values each (%s): %d float32 "
                + "values, %.0f MB, more than %s. %s, or give the JVM more memory (-Xmx).", rows, width,
                widest.isEmpty() ? "no nominal column" : "one-hot blocks of the nominal columns, widest " + String.join(", ", widest), values,
                values * 4.0 / (1 << 20), values > MAX_ARRAY ? "one Java array holds (" + MAX_ARRAY + " values)"
                        : String.format(java.util.Locale.ROOT, "the %.0f MB allowed (%s)", budgetBytes / (1 << 20),
                                HeapBudget.describe()), widest.isEmpty() ? "Use fewer input columns (select features, or hash them into fewer)"
                        : "Drop or regroup the widest nominal columns"));
    }

    /** Transforms all rows of {@code table}, which must have the training columns. */
    public Matrix transform(Table table) {
        checkFits(table.size());
        if (table.columns().size() != columns.size()) {
            throw new IllegalArgumentException("The model was trained on " + columns.size() + " input columns, got " + table.columns().size());
        }
        // inputs named otherwise throughout (a Spark model's, named by its assembler's columns, warm-started on an ARFF of other
        // attribute names: it was refused) are taken by their place; where some names are the model's, another name at a place is
        // refused, and a name the model holds at another place (inputs in another order) always is
        String[] names = table.columns().stream().map(Column::name).toArray(String[]::new);
        int misplaced = Column.misplaced(columns, names);
        boolean named = false;
        for (int c = 0; c < columns.size(); c++) named |= columns.get(c).name().equals(names[c]);
        for (int c = 0; c < columns.size(); c++) {
            Column a = columns.get(c), b = table.columns().get(c);
            if (c == misplaced || (named && !Column.sameInput(a.name(), b.name(), c)) || a.isNominal() != b.isNominal()
                    || (a.isNominal() && !a.categories().equals(b.categories()))) {
                throw new IllegalArgumentException("Input column " + c + " is " + describe(b) + " but the model was trained on " + describe(a)
                        + (c == misplaced ? " (the model's inputs in another order: give them in the model's order)" : ""));
            }
        }
        Matrix out = new Matrix(table.size(), width);
        for (int r = 0; r < table.size(); r++) {
            transformColumns(table.rows()[r], table.number(r), out.data(), r * width);
        }
        if (whitening != null) {
            whitening.apply(out);
        }
        return out;
    }

    private static String describe(Column c) {
        return "'" + c.name() + "' (" + (c.isNominal() ? "nominal " + c.categories() : "numeric") + ")";
    }

    /** Transforms one raw row into {@code out[offset .. offset+outputWidth)}; {@code rowIndex} names it in errors (negative: unknown). */
    public void transformRow(double[] row, long rowIndex, float[] out, int offset) {
        transformColumns(row, rowIndex, out, offset);
        if (whitening != null) {
            Matrix one = new Matrix(1, width);
            System.arraycopy(out, offset, one.data(), 0, width);
            whitening.apply(one);
            System.arraycopy(one.data(), 0, out, offset, width);
        }
    }

    /** (x - center) / scale, computed apart where the difference of two finite values overflows (near the double range's ends). */
    static double standardized(double x, double center, double scale) {
        double z = (x - center) / scale;
        return Double.isInfinite(z) && Double.isFinite(x) ? x / scale - center / scale : z;
    }

    private void transformColumns(double[] row, long rowIndex, float[] out, int offset) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("Row " + rowIndex + " has " + row.length + " values; the model takes " + columns.size());
        }
        int o = offset;
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            double v = row[c];
            ColumnStatistics.check(col, rowIndex, v, config.imputeMissing());
            boolean missing = Double.isNaN(v);
            if (col.isNominal()) {
                int k = col.categories().size();
                int idx = (int) (missing ? center[c] : v);
                // a category without training rows reaches no trained weight: read as the mode, as a missing value
                if (unseenFlags[c] != null && unseenFlags[c][idx]) idx = (int) center[c];
                for (int i = 0; i < k; i++) out[o + i] = i == idx ? 1f : 0f;
                o += k;
            } else {
                double x = missing ? center[c] : v;
                // a column constant in training is 0 whatever the value: divided by the largest double, a value beyond about 2.5e263
                // (1.7e308 gave 0.95) still reached the network through weights no row trained
                double z = !config.standardize() ? x : scale[c] == CONSTANT_COLUMN_SCALE ? 0 : standardized(x, center[c], scale[c]);
                if (robust) {
                    // smooth clipping to (-3, 3); z * z overflows beyond 1e154, where the limit is reached
                    z = Math.abs(z) < 1e150 ? z / Math.sqrt(1 + z * z / 9) : Math.copySign(3, z);
                }
                if (!Double.isFinite(z) || Math.abs(z) > Float.MAX_VALUE) {
                    throw new IllegalArgumentException(ColumnStatistics.where(col, rowIndex) + " is " + v
                            + ", too large to represent after scaling (allowed magnitude about " + Float.MAX_VALUE * scale[c] + ")");
                }
                out[o++] = (float) z;
            }
            if (indicator[c]) {
                out[o++] = missing ? 1f : 0f;
            }
        }
    }
}
