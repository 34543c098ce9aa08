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

    /** Adds {@code o}'s values into this; returns this. */
    public Moments merge(Moments o) {
        if (o.count == 0) return this;
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

    /** The weighted population standard deviation, sqrt(M2 / the weight), computed in the kept unit so it cannot overflow. */
    public double standardDeviation() {
        return count == 0 ? 0 : Math.sqrt(m2 / weight) * unit;
    }
}
