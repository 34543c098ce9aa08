package org.dendrite.core.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A bounded uniform sample of a stream of weighted numbers (kept as doubles: a float would round values
 * beyond its range, or below its smallest, to infinity or 0), for quantiles (the median and quartiles of robust
 * scaling): every value while there are at most {@link #CAPACITY} (quantiles are then exact), a
 * uniform sample of that size beyond (reservoir sampling, Vitter's algorithm R, with a generator seeded
 * by the count, so the same stream gives the same sample), each kept value with its weight. Two samples
 * merge into a uniform sample of their union, as Spark partitions' samples do, drawing from each in
 * proportion to the values it stands for. Also keeps the exact minimum and maximum.
 */
public final class Sample implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The most values kept: the quartiles of a larger stream are estimated within about 1% of its spread. */
    public static final int CAPACITY = 4096;

    private double[] values = new double[16];
    private double[] weights = new double[16];
    private int size;
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Adds {@code v} with weight 1. */
    public void add(double v) {
        add(v, 1);
    }

    /** Adds {@code v} with weight {@code w} (> 0). */
    public void add(double v, double w) {
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (size < CAPACITY) {
            keep(v, w);
            return;
        }
        long j = new SplittableRandom(count).nextLong(count);
        if (j < CAPACITY) {
            values[(int) j] = v;
            weights[(int) j] = w;
        }
    }

    private void keep(double v, double w) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.min(CAPACITY, Math.max(16, size * 2)));
            weights = Arrays.copyOf(weights, values.length);
        }
        values[size] = v;
        weights[size++] = w;
    }

    /** Adds {@code o}'s values into this; returns this. */
    public Sample merge(Sample o) {
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        if (count + o.count <= CAPACITY) {
            for (int i = 0; i < o.size; i++) keep(o.values[i], o.weights[i]);
            count += o.count;
            return this;
        }
        // a sample of the union: each slot from this or o with the share of the stream it stands for, without replacement
        SplittableRandom rng = new SplittableRandom(count * 31 + o.count);
        int[] a = shuffled(size, rng), b = shuffled(o.size, rng);
        double[] out = new double[CAPACITY], outWeights = new double[CAPACITY];
        int ia = 0, ib = 0;
        long na = count, nb = o.count;
        for (int k = 0; k < CAPACITY; k++) {
            boolean fromA = ib >= b.length || (ia < a.length && rng.nextDouble() * (na + nb) < na);
            if (fromA) {
                out[k] = values[a[ia]];
                outWeights[k] = weights[a[ia++]];
            } else {
                out[k] = o.values[b[ib]];
                outWeights[k] = o.weights[b[ib++]];
            }
        }
        values = out;
        weights = outWeights;
        size = CAPACITY;
        count += o.count;
        return this;
    }

    /** The indices 0..n-1 in the order of a {@link Seeds#permutation} drawn from {@code rng}. */
    private static int[] shuffled(int n, SplittableRandom rng) {
        int[] order = new int[n];
        Seeds.permutation(rng, order);
        return order;
    }

    public long count() { return count; }

    public double min() { return min; }

    public double max() { return max; }

    /**
     * The {@code q}-quantile (0..1) of the kept values, linearly interpolated; NaN without values. With
     * equal weights it is numpy's default (the sorted values at positions i / (n - 1): scikit-learn's
     * RobustScaler's quartiles, as before weights); with others each sorted value sits at the middle of
     * its share of the total weight W, position (C_i - w_i / 2) / W with C_i the weight up to and with
     * value i (Hazen's positions, weighted), the quantiles below the first position and above the last
     * those values. A value of weight k is then close to k copies of it (exactly so in the limit of
     * many rows), a value of negligible weight moves no quantile by more than its share, and weights
     * that become equal move a quartile by at most a quarter of the gap around it (the two position rules).
     */
    public double quantile(double q) {
        if (size == 0) return Double.NaN;
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) order[i] = i;
        Arrays.sort(order, (i, j) -> Double.compare(values[i], values[j]));
        double[] s = new double[size], w = new double[size];
        boolean equal = true;
        for (int i = 0; i < size; i++) {
            s[i] = values[order[i]];
            w[i] = weights[order[i]];
            equal &= w[i] == w[0];
        }
        int lo, hi;
        double f;
        if (equal) {
            double pos = q * (size - 1);
            lo = (int) Math.floor(pos);
            hi = Math.min(size - 1, lo + 1);
            f = pos - lo;
        } else {
            double total = 0;
            for (double x : w) total += x;
            double target = q * total;
            // value i sits at the middle of its share of the weight, p_i = C_i - w_i / 2; beyond the first and last, their values
            lo = 0;
            double at = w[0] / 2, next = w[0] + w[1] / 2;
            while (lo < size - 2 && next < target) {
                lo++;
                at = next;
                next += w[lo] / 2 + w[lo + 1] / 2;
            }
            hi = lo + 1;
            f = next > at ? Math.min(1, Math.max(0, (target - at) / (next - at))) : 0;
        }
        double v = s[lo] + f * (s[hi] - s[lo]);
        // the difference of two values near the double range's ends overflows; the weighted sum does not
        return Double.isFinite(v) ? v : (1 - f) * s[lo] + f * s[hi];
    }
}
