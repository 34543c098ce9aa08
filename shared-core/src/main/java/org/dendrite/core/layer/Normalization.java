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
        backward(xhat, gxhat, dx, off, stride, n, n, invStd, sumG, sumGX);
    }

    /**
     * dL/dx for the {@code n} elements held here of a group of {@code groupSize} whose sums
     * sum_j g_j and sum_j g_j xhat_j over the whole group are given (a batch split across machines).
     */
    static void backward(float[] xhat, float[] gxhat, float[] dx, int off, int stride, int n, long groupSize, double invStd, double sumG,
                         double sumGX) {
        double f = invStd / groupSize;
        for (int i = 0, k = off; i < n; i++, k += stride) {
            dx[k] = (float) (f * (groupSize * (double) gxhat[k] - sumG - xhat[k] * sumGX));
        }
    }
}
