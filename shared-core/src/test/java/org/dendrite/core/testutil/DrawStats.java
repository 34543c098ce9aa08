package org.dendrite.core.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sample statistics of n random draws, checked against a distribution within 5 standard errors (a
 * false failure has probability below 1e-6 per check). Standard errors, for a distribution of
 * variance s^2: the mean s / sqrt(n); the sample variance s^2 sqrt((k - 1) / n) with k the kurtosis
 * (3 for a normal, 9/5 for a uniform); the sample kurtosis sqrt(24 / n) for a normal and, by the delta
 * method on (m2, m4) with the uniform's moments mu2 = 1/3, mu4 = 1/5, mu6 = 1/7, mu8 = 1/9 (on [-1, 1]),
 * sqrt(1.3166 / n) for a uniform. The kurtosis tells the two shapes apart (3 against 1.8, dozens of
 * standard errors at n = 10 000), so a normal drawn where a uniform is promised fails even at the right
 * variance.
 */
public record DrawStats(long n, double mean, double variance, double kurtosis, double min, double max) {
    public static DrawStats of(float[] w) {
        return of(w, 0, w.length);
    }

    /** The statistics of {@code w[from, to)}. */
    public static DrawStats of(float[] w, int from, int to) {
        int n = to - from;
        double s = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            s += w[i];
            min = Math.min(min, w[i]);
            max = Math.max(max, w[i]);
        }
        double mean = s / n, m2 = 0, m4 = 0;
        for (int i = from; i < to; i++) {
            double d = w[i] - mean, d2 = d * d;
            m2 += d2;
            m4 += d2 * d2;
        }
        double variance = m2 / (n - 1);
        m2 /= n;
        m4 /= n;
        return new DrawStats(n, mean, variance, m4 / (m2 * m2), min, max);
    }

    /** Draws of N(mean, variance). */
    public void assertNormal(double mean, double variance, String what) {
        assertEquals(mean, this.mean, 5 * Math.sqrt(variance / n), what + ": mean");
        assertEquals(variance, this.variance, 5 * variance * Math.sqrt(2.0 / n), what + ": variance");
        assertEquals(3.0, kurtosis, 5 * Math.sqrt(24.0 / n), what + ": kurtosis (a normal's is 3)");
    }

    /** Draws of U(lo, hi): the moments, no value outside [lo, hi], and the ends reached. */
    public void assertUniform(double lo, double hi, String what) {
        double variance = (hi - lo) * (hi - lo) / 12;
        assertEquals((lo + hi) / 2, mean, 5 * Math.sqrt(variance / n), what + ": mean");
        assertEquals(variance, this.variance, 5 * variance * Math.sqrt(0.8 / n), what + ": variance");
        assertEquals(1.8, kurtosis, 5 * Math.sqrt(1.3166 / n), what + ": kurtosis (a uniform's is 9/5)");
        // float rounding of a value drawn in double may land on the bound itself, not beyond it
        double slack = 1e-6 * Math.max(Math.abs(lo), Math.abs(hi));
        assertTrue(min >= lo - slack && max <= hi + slack, what + ": a value outside [" + lo + ", " + hi + "]: " + min + ".." + max);
        // P(no draw within 20 / n of the range of an end) = (1 - 20 / n)^n < e^-20
        double near = 20 * (hi - lo) / n;
        assertTrue(min < lo + near && max > hi - near, what + ": the ends of [" + lo + ", " + hi + "] are not reached: " + min + ".." + max);
    }
}
