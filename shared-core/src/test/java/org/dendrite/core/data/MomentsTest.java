package org.dendrite.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
}
