package org.dendrite.core.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A bounded uniform sample of a stream of numbers (kept as doubles: a float would round values
 * beyond its range, or below its smallest, to infinity or 0), for quantiles (the median and quartiles of robust
 * scaling): every value while there are at most {@link #CAPACITY} (quantiles are then exact), a
 * uniform sample of that size beyond (reservoir sampling, Vitter's algorithm R, with a generator seeded
 * by the count, so the same stream gives the same sample). Two samples merge into a uniform sample of
 * their union, as Spark partitions' samples do, drawing from each in proportion to the values it stands
 * for. Also keeps the exact minimum and maximum.
 */
public final class Sample implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The most values kept: the quartiles of a larger stream are estimated within about 1% of its spread. */
    public static final int CAPACITY = 4096;

    private double[] values = new double[16];
    private int size;
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    public void add(double v) {
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (size < CAPACITY) {
            if (size == values.length) values = Arrays.copyOf(values, Math.min(CAPACITY, size * 2));
            values[size++] = v;
            return;
        }
        long j = new SplittableRandom(count).nextLong(count);
        if (j < CAPACITY) values[(int) j] = v;
    }

    /** Adds {@code o}'s values into this; returns this. */
    public Sample merge(Sample o) {
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        if (count + o.count <= CAPACITY) {
            for (int i = 0; i < o.size; i++) {
                if (size == values.length) values = Arrays.copyOf(values, Math.min(CAPACITY, Math.max(16, size * 2)));
                values[size++] = o.values[i];
            }
            count += o.count;
            return this;
        }
        // a sample of the union: each slot from this or o with the share of the stream it stands for, without replacement
        SplittableRandom rng = new SplittableRandom(count * 31 + o.count);
        double[] a = shuffled(values, size, rng), b = shuffled(o.values, o.size, rng);
        double[] out = new double[CAPACITY];
        int ia = 0, ib = 0;
        long na = count, nb = o.count;
        for (int k = 0; k < CAPACITY; k++) {
            boolean fromA = ib >= b.length || (ia < a.length && rng.nextDouble() * (na + nb) < na);
            out[k] = fromA ? a[ia++] : b[ib++];
        }
        values = out;
        size = CAPACITY;
        count += o.count;
        return this;
    }

    /** The first {@code n} values in the order of a {@link Seeds#permutation} drawn from {@code rng}. */
    private static double[] shuffled(double[] v, int n, SplittableRandom rng) {
        int[] order = new int[n];
        Seeds.permutation(rng, order);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) c[i] = v[order[i]];
        return c;
    }

    public long count() { return count; }

    public double min() { return min; }

    public double max() { return max; }

    /** The {@code q}-quantile (0..1) of the kept values, linearly interpolated (numpy's default); NaN without values. */
    public double quantile(double q) {
        if (size == 0) return Double.NaN;
        double[] s = Arrays.copyOf(values, size);
        Arrays.sort(s);
        double pos = q * (size - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(size - 1, lo + 1);
        double f = pos - lo, v = s[lo] + f * (s[hi] - s[lo]);
        // the difference of two values near the double range's ends overflows; the weighted sum does not
        return Double.isFinite(v) ? v : (1 - f) * s[lo] + f * s[hi];
    }
}
