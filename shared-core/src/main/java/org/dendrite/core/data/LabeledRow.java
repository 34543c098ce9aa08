package org.dendrite.core.data;

import java.io.Serializable;
import java.util.Iterator;

/**
 * One raw row of a sharded table as a distributed trainer reads it, checked by {@link RowCheck}:
 * the feature values, the label (a class index, or a number), the instance weight (1 without a
 * weight column) and its place in its shard as the row check counted it ({@code row}: every row, those
 * of weight 0 too; -1: unknown), which later passes' errors name.
 */
public record LabeledRow(double[] features, double label, double weight, long row) implements Serializable {

    /** A row of unknown place. */
    public LabeledRow(double[] features, double label, double weight) {
        this(features, label, weight, -1);
    }

    /**
     * {@code rows} without those of instance weight 0: such a row is removed before anything sees it
     * (the layout, the validation split, the scaling, the sizes chosen from the rows), as on one
     * machine ({@link LabeledTable#withoutZeroWeights}).
     */
    public static Iterator<LabeledRow> weighing(Iterator<LabeledRow> rows) {
        return new Iterator<>() {
            private LabeledRow next;

            @Override public boolean hasNext() {
                while (next == null && rows.hasNext()) {
                    LabeledRow r = rows.next();
                    if (r.weight() != 0) next = r;
                }
                return next != null;
            }

            @Override public LabeledRow next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                LabeledRow r = next;
                next = null;
                return r;
            }
        };
    }
}
