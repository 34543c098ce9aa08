package org.dendrite.core.data;

import java.io.Serializable;

/**
 * Count, weight, weighted mean and weighted sum of squared deviations (M2) of a stream of numbers,
 * by West's weighted form of Welford's update ("Updating mean and variance estimates: an improved
 * method", 1979) and merged across shards by Chan et al.'s formula ("Updating formulae and a pairwise
 * algorithm for computing sample variances", 1979), so one machine and Spark partitions fit the same
 * statistics. A value of weight k counts as k copies of it (instance weights); with every weight 1
 * the arithmetic is plain Welford's, bit for bit.
 *
 * <p>Values beyond 2^300 in magnitude could overflow M2 (their squared deviations, times a weight of
 * up to float32's 2^128 and a count of up to 2^63), and values below 2^-300 could underflow it (their
 * squared deviations, times a weight of down to 2^-126, below double's range: a column of values near
 * 1e-300 would look constant); the moments are then kept in units of a power of two (rescaling by a
 * power of two is exact), so a column or target with a 1e300 outlier, or one whose values are all near
 * 1e-300, still gets its mean and standard deviation. A unit below 1 is taken only while every value
 * so far is 0 (and so exactly 0 in any unit). Between 2^-300 and 2^300 the unit stays 1 and the
 * arithmetic is plain (weighted) Welford.
 */
public final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double LIMIT = 0x1p300;

    private long count;
    /** The sum of the values' weights. */
    private double weight;
    private double mean;
    private double m2;
    /** The unit the mean and M2 are kept in: a power of two, 1 unless a value exceeded {@link #LIMIT}. */
    private double unit = 1;
    /** How many far values on each side {@link #squeeze} can set aside. */
    public static final int FAR = 8;
    /** The {@link #FAR} + 1 largest distinct values, largest first (-Infinity: none yet), and their weights (the sums of their copies'). */
    private final double[] top = filled(Double.NEGATIVE_INFINITY), topWeight = new double[FAR + 1];
    /** The {@link #FAR} + 1 smallest distinct values, smallest first (+Infinity: none yet), and their weights. */
    private final double[] bottom = filled(Double.POSITIVE_INFINITY), bottomWeight = new double[FAR + 1];
    /** How many rows hold each of {@link #top}'s and {@link #bottom}'s values (their weights need not be whole numbers). */
    private final long[] topRows = new long[FAR + 1], bottomRows = new long[FAR + 1];

    private static double[] filled(double v) {
        double[] a = new double[FAR + 1];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** Adds {@code v} with weight 1. */
    public void add(double v) {
        add(v, 1);
    }

    /** Adds {@code v} with weight {@code w} (> 0: as {@code w} copies of it). */
    public void add(double v, double w) {
        double a = Math.abs(v);
        if (a > LIMIT * unit) {
            rescale(a);
        } else if (a != 0 && mean == 0 && m2 == 0) {
            while (a < unit / LIMIT) unit *= 0x1p-100;
        }
        offer(top, topWeight, topRows, v, w, 1, 1);
        offer(bottom, bottomWeight, bottomRows, v, w, 1, -1);
        double x = v / unit;
        count++;
        weight += w;
        double delta = x - mean;
        mean += delta * w / weight;
        m2 += w * delta * (x - mean);
    }

    private void rescale(double magnitude) {
        double u = unit;
        while (magnitude > LIMIT * u) u *= 0x1p100;
        double f = unit / u;
        mean *= f;
        m2 = m2 * f * f;
        unit = u;
    }

    /**
     * Takes {@code v} of weight {@code w}, held by {@code rows} rows, into the extreme distinct values
     * {@code x} (in order) with their weights {@code xw} and rows {@code xr}: the largest for
     * {@code sign} 1, the smallest for -1.
     */
    private static void offer(double[] x, double[] xw, long[] xr, double v, double w, long rows, int sign) {
        // most values lie within the kept extremes: one comparison
        if (sign * v < sign * x[x.length - 1]) return;
        for (int i = 0; i < x.length; i++) {
            if (v == x[i]) {
                xw[i] += w;
                xr[i] += rows;
                return;
            }
            if (sign * v > sign * x[i]) {
                System.arraycopy(x, i, x, i + 1, x.length - i - 1);
                System.arraycopy(xw, i, xw, i + 1, xw.length - i - 1);
                System.arraycopy(xr, i, xr, i + 1, xr.length - i - 1);
                x[i] = v;
                xw[i] = w;
                xr[i] = rows;
                return;
            }
        }
    }

    /** Adds {@code o}'s values into this; returns this. */
    public Moments merge(Moments o) {
        if (o.count == 0) return this;
        for (int i = 0; i <= FAR; i++) {
            // the extremes of the union are among each side's
            // (each side holds a value's every copy of its own)
            if (o.topWeight[i] > 0) offer(top, topWeight, topRows, o.top[i], o.topWeight[i], o.topRows[i], 1);
            if (o.bottomWeight[i] > 0) offer(bottom, bottomWeight, bottomRows, o.bottom[i], o.bottomWeight[i], o.bottomRows[i], -1);
        }
        if (count == 0) {
            count = o.count;
            weight = o.weight;
            mean = o.mean;
            m2 = o.m2;
            unit = o.unit;
            return this;
        }
        double om = o.mean, om2 = o.m2;
        if (mean == 0 && m2 == 0) {
            // every value here is 0 (so in any unit): take the other's, so tiny values keep their spread
            unit = o.unit;
        } else if (om == 0 && om2 == 0) {
            // every value there is 0: nothing to convert
        } else if (o.unit > unit) {
            rescale(o.unit * LIMIT);
        }
        if (o.unit < unit) {
            double f = o.unit / unit;
            om *= f;
            om2 = om2 * f * f;
        }
        double n = weight + o.weight;
        double d = om - mean;
        m2 += om2 + d * d * weight / n * o.weight;
        mean += d * o.weight / n;
        weight = n;
        count += o.count;
        return this;
    }

    /** How many values were added. */
    public long count() { return count; }

    /** The sum of their weights. */
    public double weight() { return weight; }

    public double mean() { return mean * unit; }

    /** The weighted population variance (M2 / the weight); 0 without values. */
    public double variance() {
        return count == 0 ? 0 : m2 / weight * unit * unit;
    }

    /**
     * The far values that squeeze the others under standard scaling: the values farthest from the
     * mean, up to {@link #FAR} on either side, set aside one at a time, the farther first, while they
     * hold less than a quarter of the weight in all (more is a cluster, which robust scaling would not
     * set apart either); {@code othersRange} is the range of the values left, in standard deviations of
     * all of them: near 0 when far values set the standard deviation, so that standard scaling squeezes
     * the others close together (a column of normal values with one at 1e6 among 100: about 5e-5; with
     * three, the same); ordinary data gives several. {@code far} counts the values set aside that lie
     * beyond the others by more than the others' range, {@code rows} the rows that hold them (a code such
     * as 9999999 in five rows is one far value in five rows), {@code farthest} is the farthest value.
     * {@code othersRange} is +Infinity where there is nothing to compare: fewer than 3 values, no
     * spread, nothing set aside, or the values left all equal (a rare value in a column otherwise
     * constant is not squeezing anything).
     */
    public Squeeze squeeze() {
        double std = standardDeviation();
        if (count < 3 || !(std > 0)) return new Squeeze(0, 0, Double.POSITIVE_INFINITY, farthest());
        double mean = mean(), budget = weight / 4, aside = 0;
        int hi = 0, lo = 0;
        while (top[hi] > bottom[lo]) {
            // halves: cannot overflow
            boolean high = top[hi] / 2 - mean / 2 >= mean / 2 - bottom[lo] / 2;
            // the farthest value left is on a side already set aside FAR deep: what lies beyond is not kept, so stop there (the
            // other side may still have been short of FAR: eight far values high and two low are all set aside)
            if (high ? hi == FAR : lo == FAR) break;
            double w = high ? topWeight[hi] : bottomWeight[lo];
            if (aside + w >= budget) break;
            aside += w;
            if (high) hi++;
            else lo++;
        }
        double halfRange = top[hi] / 2 - bottom[lo] / 2;
        if (hi + lo == 0 || !(halfRange > 0)) return new Squeeze(0, 0, Double.POSITIVE_INFINITY, farthest());
        int far = 0;
        long rows = 0;
        for (int i = 0; i < hi; i++) {
            if (top[i] / 2 - top[hi] / 2 > halfRange) {
                far++;
                rows += topRows[i];
            }
        }
        for (int i = 0; i < lo; i++) {
            if (bottom[lo] / 2 - bottom[i] / 2 > halfRange) {
                far++;
                rows += bottomRows[i];
            }
        }
        return new Squeeze(far, rows, halfRange / (std / 2), farthest());
    }

    /**
     * What {@link #squeeze} found: how many far (distinct) values, the rows that hold them, the range left
     * to the others in standard deviations, the farthest value.
     */
    public record Squeeze(int far, long rows, double othersRange, double farthest) {}

    /** {@link #squeeze}'s range left to the others, in standard deviations of all the values. */
    public double othersRangeInDeviations() {
        return squeeze().othersRange();
    }

    /**
     * The share of the weight that the smallest value or the largest holds, whichever holds more (0
     * without values): near 1 for a sparse column (counts or indicators that are mostly 0).
     */
    public double endShare() {
        return count == 0 ? 0 : Math.max(bottomWeight[0], topWeight[0]) / weight;
    }

    /** The value farthest from the mean (the largest or the smallest; NaN without values). */
    public double farthest() {
        if (count == 0) return Double.NaN;
        return farthestIsLargest() ? top[0] : bottom[0];
    }

    /** True when the largest value is at least as far from the mean as the smallest (halves: cannot overflow). */
    private boolean farthestIsLargest() {
        double mean = mean();
        return top[0] / 2 - mean / 2 >= mean / 2 - bottom[0] / 2;
    }

    /** The weighted population standard deviation, sqrt(M2 / the weight), computed in the kept unit so it cannot overflow. */
    public double standardDeviation() {
        return count == 0 ? 0 : Math.sqrt(m2 / weight) * unit;
    }
}
