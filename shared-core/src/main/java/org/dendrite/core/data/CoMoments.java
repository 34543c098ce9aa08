package org.dendrite.core.data;

import java.io.Serializable;

/**
 * The weighted mean vector and co-moment matrix C = sum w (x - mean)(x - mean)^T of a stream of rows,
 * updated one row at a time (the multivariate form of West's weighted Welford update) and merged across
 * shards with Chan et al.'s formula, so whitening is fitted the same on one machine and from Spark
 * partitions. A row of weight k counts as k copies of it; with every weight 1 the arithmetic is the
 * unweighted update's, bit for bit.
 */
public final class CoMoments implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int width;
    private long count;
    /** The sum of the rows' weights. */
    private double weight;
    private final double[] mean;
    /** Row-major width x width; only the upper triangle (j >= i) is kept up to date. */
    private final double[] c;
    private final double[] delta;

    /**
     * The most inputs whitening takes: it keeps a width x width matrix (128 MiB of doubles at this
     * width, as much again for its decomposition) and decomposes it in O(width^3).
     */
    public static final int MAX_WIDTH = 4096;

    /** Refused beyond {@link #MAX_WIDTH}, before anything is allocated. */
    public CoMoments(int width) {
        if (width > MAX_WIDTH) {
            throw org.dendrite.core.check.Check.invalid("whitening", "Whitening needs the co-moments of all " + width + " network inputs (one "
                    + "per numeric column and per category of a nominal one), more than the " + MAX_WIDTH + " it takes (a width x width "
                    + "matrix, decomposed in O(width^3)); turn whitening off, or encode nominal columns with fewer values");
        }
        this.width = width;
        this.mean = new double[width];
        this.c = new double[Math.multiplyExact(width, width)];
        this.delta = new double[width];
    }

    /** Adds one row ({@code width} values from {@code offset}) of weight 1. */
    public void add(float[] row, int offset) {
        add(row, offset, 1);
    }

    /** Adds one row ({@code width} values from {@code offset}) of weight {@code w} (> 0: as {@code w} copies of it). */
    public void add(float[] row, int offset, double w) {
        count++;
        weight += w;
        for (int j = 0; j < width; j++) {
            delta[j] = row[offset + j] - mean[j];
            mean[j] += delta[j] * w / weight;
        }
        for (int i = 0; i < width; i++) {
            double di = w * delta[i];
            for (int j = i; j < width; j++) c[i * width + j] += di * (row[offset + j] - mean[j]);
        }
    }

    /** Adds {@code o}'s rows into this; returns this. */
    public CoMoments merge(CoMoments o) {
        if (o.count == 0) return this;
        double n = weight + o.weight;
        double f = weight * o.weight / n;
        for (int i = 0; i < width; i++) {
            double di = o.mean[i] - mean[i];
            for (int j = i; j < width; j++) c[i * width + j] += o.c[i * width + j] + di * (o.mean[j] - mean[j]) * f;
        }
        for (int j = 0; j < width; j++) mean[j] += (o.mean[j] - mean[j]) * o.weight / n;
        weight = n;
        count += o.count;
        return this;
    }

    public long count() { return count; }

    public double[] mean() { return mean.clone(); }

    /** The weighted population covariance C / the weight, as a full symmetric matrix. */
    public double[][] covariance() {
        double[][] cov = new double[width][width];
        for (int i = 0; i < width; i++) {
            for (int j = i; j < width; j++) {
                cov[i][j] = count == 0 ? 0 : c[i * width + j] / weight;
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }
}
