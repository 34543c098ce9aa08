package org.dendrite.core.data;

import java.util.List;

/**
 * Raw rows as the wrappers hand them over: one double per column (a category index for nominal
 * columns) with {@code NaN} meaning missing.
 */
public record Table(List<Column> columns, double[][] rows) implements java.io.Serializable {
    public Table {
        if (columns == null || rows == null) {
            throw new IllegalArgumentException("A table needs columns and rows");
        }
        columns = List.copyOf(columns);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != columns.size()) {
                throw new IllegalArgumentException("Row " + r + " has " + (rows[r] == null ? 0 : rows[r].length) + " values; the table has "
                        + columns.size() + " columns");
            }
        }
    }

    public int size() { return rows.length; }

    /** The rows at {@code indices}, in that order (the row arrays are shared, not copied). */
    public Table subset(int[] indices) {
        double[][] r = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) r[i] = rows[indices[i]];
        return new Table(columns, r);
    }
}
