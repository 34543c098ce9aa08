package org.dendrite.core.data;

import java.io.Serializable;
import java.util.List;

/**
 * What a {@link Preprocessor} is fitted from: per raw column the present values' weighted
 * {@link Moments} (numeric; with robust scaling also a weighted {@link Sample} for the quartiles) or
 * weighted category counts (nominal), and how many values were missing; a row of instance weight k
 * counts as k copies of it (in the quartiles, nearly: {@link Sample#quantile}). Collected from rows on
 * one machine, or per Spark partition and {@link #merge merged}, so both fit the same preprocessing
 * in one place ({@link Preprocessor#fit(ColumnStatistics, PreprocessingConfig)}). Values are checked
 * as they are added, with messages naming the column and row.
 */
public final class ColumnStatistics implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Column> columns;
    private final boolean imputeMissing;
    private final Moments[] moments;
    /** Per numeric column, the sample robust scaling takes its quartiles from (null without robust scaling). */
    private final Sample[] samples;
    private final double[][] counts;
    private final long[] missing;
    private long rows;

    public ColumnStatistics(List<Column> columns, PreprocessingConfig config) {
        this.columns = List.copyOf(columns);
        this.imputeMissing = config.imputeMissing();
        int k = columns.size();
        moments = new Moments[k];
        samples = config.robust() ? new Sample[k] : null;
        counts = new double[k][];
        missing = new long[k];
        for (int c = 0; c < k; c++) {
            if (columns.get(c).isNominal()) {
                counts[c] = new double[columns.get(c).categories().size()];
            } else {
                moments[c] = new Moments();
                if (samples != null) samples[c] = new Sample();
            }
        }
    }

    /** The statistics of every row of {@code table}, weighted by {@code weights} (null: all 1). */
    public static ColumnStatistics of(Table table, float[] weights, PreprocessingConfig config) {
        ColumnStatistics s = new ColumnStatistics(table.columns(), config);
        for (int r = 0; r < table.size(); r++) s.add(table.rows()[r], table.number(r), weights == null ? 1 : weights[r]);
        return s;
    }

    /** Adds one raw row of weight {@code weight} (> 0; {@code rowIndex} names it in errors). */
    public void add(double[] row, long rowIndex, double weight) {
        for (int c = 0; c < moments.length; c++) {
            double v = row[c];
            check(columns.get(c), rowIndex, v, imputeMissing);
            if (Double.isNaN(v)) {
                missing[c]++;
            } else if (counts[c] != null) {
                counts[c][(int) v] += weight;
            } else {
                moments[c].add(v, weight);
                if (samples != null) samples[c].add(v, weight);
            }
        }
        rows++;
    }

    /**
     * Checks one raw value of {@code col}: missing (NaN) only with imputation, never infinite, a
     * nominal value a valid category index.
     */
    public static void check(Column col, long row, double v, boolean imputeMissing) {
        if (Double.isNaN(v)) {
            if (!imputeMissing) {
                throw new IllegalArgumentException(where(col, row) + " is missing (NaN); missing values are not allowed unless imputation is on (the preprocessing's imputeMissing; a "
                        + "model trained with it off takes no missing value to predict)");
            }
        } else if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(where(col, row) + " is " + v + "; values must be finite numbers");
        } else if (col.isNominal() && (v < 0 || v >= col.categories().size() || v != Math.rint(v))) {
            throw new IllegalArgumentException(where(col, row) + " has category index " + v + "; allowed 0.."
                    + (col.categories().size() - 1) + " (" + col.categories() + ")");
        }
    }

    /** "Column 'name' row r", or without the row when {@code row} is negative (one row to predict, whose place is unknown). */
    static String where(Column col, long row) {
        return "Column '" + col.name() + "'" + (row >= 0 ? " row " + row : "");
    }

    /** Adds {@code o} (the same columns) into this; returns this. */
    public ColumnStatistics merge(ColumnStatistics o) {
        for (int c = 0; c < moments.length; c++) {
            if (counts[c] != null) {
                for (int i = 0; i < counts[c].length; i++) counts[c][i] += o.counts[c][i];
            } else {
                moments[c].merge(o.moments[c]);
                if (samples != null) samples[c].merge(o.samples[c]);
            }
            missing[c] += o.missing[c];
        }
        rows += o.rows;
        return this;
    }

    public List<Column> columns() { return columns; }

    public long rows() { return rows; }

    /** Column {@code c}'s present values (numeric columns only). */
    public Moments moments(int c) { return moments[c]; }

    /** Column {@code c}'s sample of present values (numeric columns, with robust scaling only; else null). */
    public Sample sample(int c) { return samples == null ? null : samples[c]; }

    /** How often each category of nominal column {@code c} occurred, each row counted by its weight. */
    public double[] categoryCounts(int c) { return counts[c].clone(); }

    /** How many values of column {@code c} were missing. */
    public long missing(int c) { return missing[c]; }
}
