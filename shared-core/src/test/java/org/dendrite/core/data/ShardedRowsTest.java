package org.dendrite.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShardedRowsTest {
    /** Three shards of 4, 0 and 6 rows hold out exactly the rows a split of the 10 rows in one piece holds out, and count the rest. */
    @Test
    void shardsHoldOutWhatOneMachineWouldAndKnowTheirTrainingOffsets() {
        int[][] labels = {{0, 1, 0, 1}, {}, {1, 1, 0, 0, 1, 0}};
        ShardedRows rows = new ShardedRows(new long[] {4, 0, 6}, labels, 0.3, 7, "label");
        int[] all = {0, 1, 0, 1, 1, 1, 0, 0, 1, 0};
        int[] held = ValidationSplit.of(10, 0.3, all, 7).validation();
        assertEquals(10, rows.total());
        assertEquals(10 - held.length, rows.trainRows());
        for (int i = 0; i < 10; i++) {
            final int row = i;
            assertEquals(Arrays.stream(held).anyMatch(h -> h == row), rows.isHeld(row), "row " + row);
        }
        assertEquals(0, rows.offset(0));
        assertEquals(4, rows.offset(1));
        assertEquals(4, rows.offset(2));
        long heldInFirst = Arrays.stream(held).filter(h -> h < 4).count();
        assertEquals(4 - heldInFirst, rows.trainOffset(2));
        assertTrue(rows.hasValidation());

        // each shard's slice answers for its own rows as the whole layout does, and holds only its rows' bits
        for (int p = 0; p < 3; p++) {
            ShardedRows.Slice slice = rows.slice(p);
            assertEquals(p, slice.shard());
            assertEquals(rows.offset(p), slice.offset());
            assertEquals(rows.trainOffset(p), slice.trainOffset());
            assertEquals(new long[] {4, 0, 6}[p], slice.rows());
            long train = 0;
            for (long g = slice.offset(); g < slice.offset() + slice.rows(); g++) {
                assertEquals(rows.isHeld(g), slice.isHeld(g), "shard " + p + ", row " + g);
                if (!rows.isHeld(g)) train++;
            }
            assertEquals(train, slice.trainRows());
            assertTrue(slice.held().length() <= slice.rows(), "only the shard's own rows");
        }
        assertEquals(3, rows.slices().size());

        ShardedRows none = new ShardedRows(new long[] {3L << 31, 5}, null, 0, 1, "label");
        assertEquals((3L << 31) + 5, none.trainRows(), "no split: row counts beyond 2^31 are fine");
        assertEquals(3L << 31, none.trainOffset(1));
        assertFalse(none.isHeld(3L << 31));
        assertFalse(none.slice(1).isHeld((3L << 31) + 2), "no split: a slice beyond 2^31 rows holds nothing out");
        assertEquals(5, none.slice(1).rows());
        var big = assertThrows(IllegalArgumentException.class, () -> new ShardedRows(new long[] {3L << 31}, null, 0.1, 1, "label"));
        assertTrue(big.getMessage().contains("at most 2147483647"), big.getMessage());
        // a split holding out every row of a class (class 1's two rows at 0.75: round(1.5) = 2) is refused naming the class, as on one machine
        var one = assertThrows(IllegalArgumentException.class, () -> new ShardedRows(new long[] {6}, new int[][] {{0, 0, 0, 0, 1, 1}},
                java.util.List.of("no", "yes"), 0.75, 1, "y"));
        assertTrue(one.getMessage().startsWith("A validation fraction of 0.75 holds out all 2 rows of class 'yes'"), one.getMessage());
    }
}
