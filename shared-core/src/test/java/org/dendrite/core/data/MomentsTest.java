package org.dendrite.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Moments at the ends of double's range. Expected values by hand: the values a, 2a, 3a, 4a have mean
 * 2.5a and population standard deviation sqrt(1.25) a whatever a is; only the arithmetic's range differs.
 */
class MomentsTest {
    private static Moments of(double... values) {
        Moments m = new Moments();
        for (double v : values) m.add(v);
        return m;
    }

    private static void assertMoments(double a, Moments m) {
        assertEquals(4, m.count());
        assertEquals(2.5 * a, m.mean(), 1e-14 * Math.abs(a));
        assertEquals(Math.sqrt(1.25) * Math.abs(a), m.standardDeviation(), 1e-14 * Math.abs(a));
    }

    @Test
    void valuesNearTheEndsOfDoublesRangeKeepTheirMeanAndSpread() {
        for (double a : new double[] {1, -3.5, 1e-300, -1e-300, 1e300, -1e300}) {
            assertMoments(a, of(a, 2 * a, 3 * a, 4 * a));
            // zeros first (a column whose first rows hold 0), and shards merged as Spark merges them
            Moments withZeros = of(0, a, 2 * a, 3 * a, 4 * a, 0);
            assertEquals(2.5 * a * 4 / 6, withZeros.mean(), 1e-14 * Math.abs(a));
            assertMoments(a, of(a, 2 * a).merge(of(3 * a, 4 * a)));
            assertMoments(a, of().merge(of(a, 2 * a)).merge(of(3 * a)).merge(of(4 * a)));
        }
        // a partition of zeros merged with one of tiny values, in both orders: sum of squared deviations by hand
        double a = 1e-300;
        Moments zerosFirst = of(0, 0).merge(of(a, 3 * a));
        Moments tinyFirst = of(a, 3 * a).merge(of(0, 0));
        for (Moments m : List.of(zerosFirst, tinyFirst)) {
            assertEquals(a, m.mean(), 1e-14 * a);
            // deviations -a, -a, 0, 2a: M2 = 6a^2 over 4 rows
            assertEquals(Math.sqrt(1.5) * a, m.standardDeviation(), 1e-14 * a);
        }
    }

    @Test
    void aConstantColumnHasNoSpreadAtAnyMagnitude() {
        for (double v : new double[] {0, 1e-300, 0.1, 1e16, 1e300}) {
            assertEquals(0, of(v, v, v).standardDeviation());
            assertEquals(0, of(v, v).merge(of(v)).standardDeviation());
        }
    }

    /**
     * A numeric column is ignored only when it is constant in the training rows: a spread tiny in
     * absolute terms (values near 1e-13 or 1e-300) or tiny beside its mean (1e12 + 0, 0.25, 0.5) is data, and
     * is standardized to the same inputs as the column 1, 2, 3 (they were ignored as constant); a
     * spread of rounding only (0.3 and 0.1 + 0.2) is not, and its input stays 0 whatever the value.
     */
    @Test
    void tinySpreadsAreStandardizedNotIgnored() {
        PreprocessingConfig pc = PreprocessingConfig.DEFAULT;
        List<Column> cols = List.of(Column.numeric("unit"), Column.numeric("pico"), Column.numeric("tiny"), Column.numeric("offset"));
        double[][] rows = {{1, 1e-13, 1e-300, 1e12}, {2, 2e-13, 2e-300, 1e12 + 0.25}, {3, 3e-13, 3e-300, 1e12 + 0.5}};
        Table t = new Table(cols, rows);
        Preprocessor p = Preprocessor.fit(t, pc);
        float[] z = p.transform(t).data();
        for (int r = 0; r < 3; r++) {
            for (int c = 1; c < 4; c++) assertEquals(z[r * 4], z[r * 4 + c], 1e-6, "row " + r + " column " + cols.get(c).name());
        }
        assertNotEquals(0, z[0]);
        // values that differ only by rounding (0.1 + 0.2 is one unit in the last place above 0.3) are one value: ignored
        double r = 0.1 + 0.2;
        assertNotEquals(0.3, r);
        Table rounding = new Table(List.of(Column.numeric("rate")), new double[][] {{0.3}, {r}, {0.3}, {r}});
        Preprocessor q = Preprocessor.fit(rounding, pc);
        assertEquals(Preprocessor.CONSTANT_COLUMN_SCALE, q.scale()[0]);
        assertEquals(0, q.transform(new Table(List.of(Column.numeric("rate")), new double[][] {{0.31}})).data()[0]);
    }

    /** The population standard deviation of {@code v} by the two-pass formula (an independent computation). */
    private static double twoPassStd(double[] v) {
        double mean = java.util.Arrays.stream(v).average().orElseThrow(), ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return Math.sqrt(ss / v.length);
    }

    /**
     * One far value squeezes the others: 1..99 and 1e6 (rows in any order, any shards). Set aside the
     * farther first, up to Moments.FAR (8) a side, by hand: 1e6, then 1..8 (farther from the mean,
     * 10,049.5, than 99), leaving 9..99, a range of 90, in standard deviations of all 100 values
     * (two-pass, computed here); one far value, the farthest named. Ordinary data and a rare value in an
     * otherwise constant column (nothing squeezed) give a wide range or none.
     */
    @Test
    void oneFarValueSqueezesTheOthers() {
        double[] v = new double[100];
        for (int i = 0; i < 99; i++) v[i] = i + 1;
        v[99] = 1e6;
        double expected = 90 / twoPassStd(v);
        assertEquals(expected, of(v).othersRangeInDeviations(), 1e-12 * expected);
        assertEquals(1e6, of(v).farthest());
        assertEquals(1, of(v).squeeze().far());
        double[] reversed = new double[100];
        for (int i = 0; i < 100; i++) reversed[i] = v[99 - i];
        assertEquals(expected, of(reversed).othersRangeInDeviations(), 1e-12 * expected);
        Moments merged = of(java.util.Arrays.copyOfRange(v, 0, 50)).merge(of(java.util.Arrays.copyOfRange(v, 50, 100)));
        assertEquals(expected, merged.othersRangeInDeviations(), 1e-12 * expected, "shards merged as Spark merges them");
        // the far value below the others, at double's end: set aside with 92..99 (farther from the mean than 1), leaving 1..91
        v[99] = -1e300;
        assertEquals(90 / twoPassStd(java.util.Arrays.stream(v).map(x -> x / 1e290).toArray()) / 1e290,
                of(v).othersRangeInDeviations(), 1e-3 * 90 / (1e300 / 10));
        assertEquals(-1e300, of(v).farthest());

        // ordinary data: 1..100, set aside 100, 1, 99, 2, ... until eight a side (93..100 and 1..8), leaves 9..92: about 2.9
        // deviations, nothing far
        double[] plain = new double[100];
        for (int i = 0; i < 100; i++) plain[i] = i + 1;
        assertEquals(83 / twoPassStd(plain), of(plain).othersRangeInDeviations(), 1e-12);
        assertEquals(0, of(plain).squeeze().far());
        // a rare value in a column otherwise 0: the others are all equal, nothing to squeeze
        double[] rare = new double[100];
        rare[7] = 1;
        assertEquals(Double.POSITIVE_INFINITY, of(rare).othersRangeInDeviations());
        // fewer than three values
        assertEquals(Double.POSITIVE_INFINITY, of(1, 1e6).othersRangeInDeviations());
        // five copies of 1e6 beside 1 and 2: the far value is the 1, and the others span 1e6
        Moments heavy = of(1, 2);
        heavy.add(1e6, 5);
        assertEquals(1, heavy.farthest());
        assertTrue(heavy.othersRangeInDeviations() > 1, "" + heavy.othersRangeInDeviations());
        // a weight of 2 counts as two copies: the same range as the copies give
        Moments weighted = of(1, 2, 3, 4, 5, 6, 7, 8, 9);
        weighted.add(1e4, 2);
        double copies = of(1, 2, 3, 4, 5, 6, 7, 8, 9, 1e4, 1e4).othersRangeInDeviations();
        assertTrue(copies < 0.01, "" + copies);
        assertEquals(copies, weighted.othersRangeInDeviations(), 1e-12);
        // a far value held by a quarter of the rows or more is a cluster (robust scaling's quartiles take it in too): not an outlier
        Moments cluster = new Moments();
        for (int i = 0; i < 60; i++) cluster.add(i / 60.0);
        cluster.add(1e6, 40);
        assertEquals(Double.POSITIVE_INFINITY, cluster.othersRangeInDeviations());
        Moments fewer = new Moments();
        for (int i = 0; i < 60; i++) fewer.add(i / 60.0);
        fewer.add(1e6, 19);
        assertTrue(fewer.othersRangeInDeviations() < 1e-5, "" + fewer.othersRangeInDeviations());
    }

    /**
     * Several far values squeeze the others as one does (only the single farthest was set aside, so
     * a second far value hid the squeeze): 1..97 with 1e9, 2e9 and -3e9 (on both sides; mean 47.53).
     * By hand, the farther first: -3e9, 2e9, 1e9, 97, 96, 95, 1, 94, 2, 93, 3, 92 (the high side's
     * eighth), 4 (farther than 91, which would be the high side's ninth: the end), leaving 5..91, a
     * range of 86 against a standard deviation of about 3.7e8; three of those set aside lie beyond the
     * others by more than 86: three far values, the farthest -3e9. Eight far values high and two low
     * are all set aside. Nine far values on one side are more than a side's eight: not all set aside, no
     * squeeze seen.
     */
    @Test
    void severalFarValuesSqueezeTheOthers() {
        double[] v = new double[100];
        for (int i = 0; i < 97; i++) v[i] = i + 1;
        v[97] = 1e9;
        v[98] = 2e9;
        v[99] = -3e9;
        Moments.Squeeze s = of(v).squeeze();
        assertEquals(3, s.far());
        assertEquals(-3e9, s.farthest());
        assertTrue(s.othersRange() < 1e-6, "" + s.othersRange());
        Moments merged = of(java.util.Arrays.copyOfRange(v, 0, 40)).merge(of(java.util.Arrays.copyOfRange(v, 40, 100)));
        assertEquals(s, merged.squeeze(), "shards merged as Spark merges them");
        // eight far values high and two low: all ten set aside (it stopped when the high side was full, the low pair kept)
        double[] both = new double[100];
        for (int i = 0; i < 90; i++) both[i] = i + 1;
        for (int i = 90; i < 98; i++) both[i] = 1e9 * (i - 89);
        both[98] = -2e8;
        both[99] = -3e8;
        Moments.Squeeze ten = of(both).squeeze();
        assertEquals(10, ten.far());
        assertTrue(ten.othersRange() < 1e-7, "" + ten);
        double[] nine = new double[100];
        for (int i = 0; i < 91; i++) nine[i] = i + 1;
        for (int i = 91; i < 100; i++) nine[i] = 1e9 * (i - 90);
        assertTrue(of(nine).squeeze().othersRange() > 0.1, "" + of(nine).squeeze());
    }

    /**
     * A far value held by several rows (a code such as 9999999 for "unknown" in 5 of 100 rows) was
     * named as one value of one row: the target's warning ended "correct or remove that row." while five
     * rows held it. Now the rows are counted (by hand: 1..95 and five copies of 9999999; the five set
     * aside are one distinct value, 5 rows, far beyond 1..95), also across shards that split the copies
     * and with instance weights that are not whole numbers (rows, not weights); two far values in five
     * rows (9999999 in four, -9999999 the farthest, mean about 3e5, in one) say so too. A far value
     * in one row reads as before.
     */
    @Test
    void aFarValueHeldBySeveralRowsIsCountedInRows() {
        double[] v = new double[100];
        for (int i = 0; i < 95; i++) v[i] = i + 1;
        for (int i = 95; i < 100; i++) v[i] = 9999999;
        String one = "The target 'y': one training value, 9999999.0 (in 5 rows), lies so far from the others";
        String said = Task.squeezeWarning("y", of(v));
        assertTrue(said.startsWith(one), said);
        assertTrue(said.endsWith("or correct or remove those rows."), said);
        Moments merged = of(java.util.Arrays.copyOfRange(v, 0, 97)).merge(of(java.util.Arrays.copyOfRange(v, 97, 100)));
        assertEquals(said, Task.squeezeWarning("y", merged), "shards merged as Spark merges them");
        Moments weighted = new Moments();
        for (double x : v) weighted.add(x, 2.5);
        assertEquals(said, Task.squeezeWarning("y", weighted), "instance weights of 2.5");
        v[95] = -9999999;
        String two = Task.squeezeWarning("y", of(v));
        assertTrue(two.startsWith("The target 'y': 2 training values in 5 rows (the farthest -9999999.0) lie so far"), two);
        double[] single = java.util.Arrays.copyOf(v, 96);
        single[95] = 9999999;
        String row = Task.squeezeWarning("y", of(single));
        assertTrue(row.startsWith("The target 'y': one training value, 9999999.0, lies so far"), row);
        assertTrue(row.endsWith("or correct or remove that row."), row);
    }
}
