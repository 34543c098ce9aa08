package org.dendrite.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

class BatchesTest {
    /** The batch sizes of one epoch over {@code rows} rows by the rule of {@link Batches#end}. */
    private static List<Long> sizes(long rows, long batch) {
        List<Long> out = new ArrayList<>();
        for (long from = 0; from < rows; ) {
            long end = Batches.end(from, rows, batch);
            out.add(end - from);
            from = end;
        }
        return out;
    }

    @Test
    void aRemainderBelowHalfABatchJoinsTheLastFullBatch() {
        // a 10-fold training set of iris: 4 x 32 + 7 rows
        assertEquals(List.of(32L, 32L, 32L, 39L), sizes(135, 32));
        assertEquals(4, Batches.count(135, 32));
        // half a batch or more is a batch of its own
        assertEquals(List.of(32L, 32L, 32L, 32L, 22L), sizes(150, 32));
        assertEquals(List.of(32L, 16L), sizes(48, 32));
        assertEquals(List.of(47L), sizes(47, 32));
        // fewer rows than a batch: one batch of all of them; exact multiples unchanged
        assertEquals(List.of(10L), sizes(10, 32));
        assertEquals(List.of(32L, 32L), sizes(64, 32));
        assertEquals(List.of(1L, 1L, 1L), sizes(3, 1));
        assertEquals(0, Batches.count(0, 32));
        for (long rows = 1; rows < 300; rows++) {
            for (long batch = 1; batch < 70; batch++) {
                List<Long> s = sizes(rows, batch);
                assertEquals(s.size(), Batches.count(rows, batch), rows + " rows, batch " + batch);
                assertEquals(rows, s.stream().mapToLong(Long::longValue).sum());
                for (long n : s) assertTrue(n <= Math.max(batch, 1) + (batch - 1) / 2 && (n >= (batch + 1) / 2 || s.size() == 1),
                        rows + " rows, batch " + batch + ": " + s);
            }
        }
    }

    @Test
    void everyRowOncePerEpochWithItsWeight() {
        int n = 135, d = 2;
        Matrix x = new Matrix(n, d), y = new Matrix(n, 1);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            x.set(i, 0, i);
            x.set(i, 1, -i);
            y.set(i, 0, 2 * i);
            w[i] = i + 0.5f;
        }
        Batches b = new Batches(new Dataset(x, y, w), 32);
        assertEquals(4, b.batchesPerEpoch());
        for (int epoch = 0; epoch < 3; epoch++) {
            b.shuffle(new SplittableRandom(epoch));
            int[] seen = new int[n];
            List<Integer> rows = new ArrayList<>();
            while (b.hasNext()) {
                int m = b.next();
                rows.add(m);
                assertEquals(m, b.features().rows());
                assertEquals(m, b.weights().length, "one weight per row");
                for (int r = 0; r < m; r++) {
                    int i = (int) b.features().get(r, 0);
                    seen[i]++;
                    assertEquals(-i, b.features().get(r, 1));
                    assertEquals(2 * i, b.targets().get(r, 0));
                    assertEquals(i + 0.5f, b.weights()[r]);
                }
            }
            assertEquals(List.of(32, 32, 32, 39), rows);
            int[] once = new int[n];
            Arrays.fill(once, 1);
            assertArrayEquals(once, seen);
        }
    }
}
