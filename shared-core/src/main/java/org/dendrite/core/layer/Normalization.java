package org.dendrite.core.layer;

/**
 * The normalize-then-scale kernel shared by batch and layer normalization: for each group of
 * {@code n} values {@code x_i} (a column for batch norm, a row for layer norm) with mean mu and
 * inverse standard deviation s, xhat_i = (x_i - mu) s and, given dL/dxhat_i = g_i,
 * dL/dx_i = s / n * (n g_i - sum_j g_j - xhat_i sum_j g_j xhat_j).
 */
final class Normalization {
    private Normalization() {}

    /** dL/dx for one group, strided: elements at {@code off + i*stride}, i < n. */
    static void backward(float[] xhat, float[] gxhat, float[] dx, int off, int stride, int n, double invStd) {
        double sumG = 0, sumGX = 0;
        for (int i = 0, k = off; i < n; i++, k += stride) {
            sumG += gxhat[k];
            sumGX += gxhat[k] * (double) xhat[k];
        }
        double f = invStd / n;
        for (int i = 0, k = off; i < n; i++, k += stride) {
            dx[k] = (float) (f * (n * (double) gxhat[k] - sumG - xhat[k] * sumGX));
        }
    }
}
