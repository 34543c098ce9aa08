package org.dendrite.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exact stratified sample: quotas as derived by hand, and the same rows whatever the parts' merge order. */
class StratifiedSampleTest {
    @Test
    void quotasAreEachClassesRoundedShareAtLeastOneAtMostItsCount() {
        // 10 of 1,000 rows: 700 / 250 / 50 give 7, 2.5 -> 3, 0.5 -> 1; a class of 2 rows asked for 5 gives its 2
        assertEquals(Map.of(0, 7, 1, 3, 2, 1), StratifiedSample.quotas(Map.of(0, 700L, 1, 250L, 2, 50L), 10));
        assertEquals(Map.of(0, 2, 1, 1), StratifiedSample.quotas(Map.of(0, 2L, 1, 1L), 5));
        // a class whose share rounds to 0 still gets one row
        assertEquals(Map.of(0, 10, 1, 1), StratifiedSample.quotas(Map.of(0, 1000L, 1, 1L), 10));
    }

    private record Row(int id, int label, long key) implements java.io.Serializable {}

    @Test
    void mergedPartsKeepEachClassesSmallestKeysWhateverTheOrder() {
        SplittableRandom r = new SplittableRandom(3);
        List<List<Row>> parts = new ArrayList<>();
        int id = 0;
        for (int p = 0; p < 4; p++) {
            List<Row> part = new ArrayList<>();
            for (int i = 0; i < 60 + 17 * p; i++) part.add(new Row(id++, r.nextInt(10) < 7 ? 0 : r.nextInt(2) + 1, r.nextLong()));
            parts.add(part);
        }
        Map<Integer, Integer> quota = Map.of(0, 12, 1, 4, 2, 3);
        // expected, independently: per class, the rows of the smallest keys by a full sort, then all of them in key order
        List<Row> all = new ArrayList<>();
        parts.forEach(all::addAll);
        all.sort(Comparator.comparingLong(Row::key));
        List<Row> expected = new ArrayList<>();
        int[] taken = new int[3];
        for (Row row : all) if (taken[row.label()]++ < quota.get(row.label())) expected.add(row);
        expected.sort(Comparator.comparingLong(Row::key));
        List<StratifiedSample<Row>> samples = new ArrayList<>();
        for (List<Row> part : parts) {
            StratifiedSample<Row> s = new StratifiedSample<>(quota);
            for (Row row : part) s.offer(row.label(), row.key(), row);
            samples.add(s);
        }
        StratifiedSample<Row> forward = new StratifiedSample<>(quota);
        for (StratifiedSample<Row> s : samples) forward.merge(s);
        // a tree in the other order
        StratifiedSample<Row> tree = samples.get(3).merge(samples.get(2)).merge(samples.get(1).merge(samples.get(0)));
        assertEquals(expected, forward.rows());
        assertEquals(expected, tree.rows());
        assertEquals(19, expected.size());
    }
}
