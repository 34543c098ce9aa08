package org.dendrite.spark;

import java.io.Serializable;

/**
 * One pass over the training rows, merged across partitions (Chan et al.'s parallel variance): row
 * count and weight sum, per-feature mean and M2, label mean and M2, the largest label.
 */
final class ColumnStats implements Serializable {
    private static final long serialVersionUID = 1L;
    long n;
    double weightSum;
    double[] mean;
    double[] m2;
    double labelMean;
    double labelM2;
    double maxLabel = Double.NEGATIVE_INFINITY;

    void add(double[] x, double label, double weight) {
        if (mean == null) {
            mean = new double[x.length];
            m2 = new double[x.length];
        }
        n++;
        weightSum += weight;
        for (int j = 0; j < x.length; j++) {
            double d = x[j] - mean[j];
            mean[j] += d / n;
            m2[j] += d * (x[j] - mean[j]);
        }
        double d = label - labelMean;
        labelMean += d / n;
        labelM2 += d * (label - labelMean);
        maxLabel = Math.max(maxLabel, label);
    }

    ColumnStats merge(ColumnStats o) {
        if (o.n == 0) return this;
        if (n == 0) return o;
        long total = n + o.n;
        for (int j = 0; j < mean.length; j++) {
            double d = o.mean[j] - mean[j];
            m2[j] += o.m2[j] + d * d * n * o.n / total;
            mean[j] += d * o.n / total;
        }
        double d = o.labelMean - labelMean;
        labelM2 += o.labelM2 + d * d * n * o.n / total;
        labelMean += d * o.n / total;
        n = total;
        weightSum += o.weightSum;
        maxLabel = Math.max(maxLabel, o.maxLabel);
        return this;
    }
}
