package org.dendrite.core.data;

import java.util.List;

/**
 * Raw rows as the wrappers hand them over: one double per column (a category index for nominal
 * columns) with {@code NaN} meaning missing. {@code numbers} are the rows' numbers as messages name
 * them (Weka's instance numbers, from 1, counting every instance of the data given), or null for
 * their positions from 0; a subset keeps them, so a row refused after a validation split is named as
 * the user numbers it, not by its place in the split.
 */
public record Table(List<Column> columns, double[][] rows, long[] numbers) implements java.io.Serializable {
    /** Rows named by their positions, from 0. */
    public Table(List<Column> columns, double[][] rows) {
        this(columns, rows, null);
    }

    public Table {
        if (columns == null || rows == null) {
            throw new IllegalArgumentException("A table needs columns and rows");
        }
        if (numbers != null && numbers.length != rows.length) {
            throw new IllegalArgumentException("There are " + rows.length + " rows but " + numbers.length + " row numbers");
        }
        columns = List.copyOf(columns);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != columns.size()) {
                throw new IllegalArgumentException("Row " + (numbers == null ? r : numbers[r]) + " has " + (rows[r] == null ? 0 : rows[r].length) + " values; the table has "
                        + columns.size() + " columns");
            }
        }
    }

    public int size() { return rows.length; }

    /** Row {@code r}'s number, as messages name it. */
    public long number(int r) {
        return numbers == null ? r : numbers[r];
    }

    /**
     * Refuses {@code rows} rows of {@code columns} values before they are read into a table, when as
     * doubles they would take more than a training's {@link HeapBudget}:
     * rows are held dense, so a sparse source (a few megabytes of sparse ARFF declaring 100,000
     * attributes, or Spark's HashingTF vectors of 2^18) would otherwise fill the heap with its zeros
     * before any other check; {@code what} names the data, {@code remedy} says what to do.
     */
    public static void checkFits(long rows, long columns, String what, String remedy) {
        checkFits(rows, columns, what, remedy, HeapBudget.bytes());
    }

    /** {@link #checkFits(long, long, String, String)} against a budget of {@code budgetBytes}. */
    public static void checkFits(long rows, long columns, String what, String remedy, double budgetBytes) {
        double bytes = (double) rows * columns * Double.BYTES;
        if (bytes <= budgetBytes) return;
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: %d rows of %d input columns are held dense as doubles, "
                + "%.0f MB (a sparse source's zeros too), more than the %.0f MB allowed (%s). %s", what, rows,
                columns, bytes / (1 << 20), budgetBytes / (1 << 20), HeapBudget.describe(), remedy));
    }

    /** The rows at {@code indices}, in that order, with their numbers (the row arrays are shared, not copied). */
    public Table subset(int[] indices) {
        double[][] r = new double[indices.length][];
        long[] n = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            r[i] = rows[indices[i]];
            n[i] = number(indices[i]);
        }
        return new Table(columns, r, n);
    }
}
