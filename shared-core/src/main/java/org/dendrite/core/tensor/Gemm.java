package org.dendrite.core.tensor;

/**
 * The one matrix-multiply entry point of Dendrite: every dense product of the network goes
 * through {@link #gemm}, so the fast path lives here and nowhere else.
 *
 * <p>Row-major {@code C = alpha * op(A) * op(B) + beta * C}. The backend is chosen once per JVM
 * by {@link GemmBackend#current()}: the system BLAS through {@code dev.ludovic.netlib} when a
 * native library is present, otherwise Dendrite's own blocked Java kernel (see docs/design.md for
 * the measurements behind this choice).
 */
public final class Gemm {
    private Gemm() {}

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} where {@code op(A)} is {@code m x k} and
     * {@code op(B)} is {@code k x n}. With {@code beta == 0}, C is overwritten without being read.
     */
    public static void gemm(boolean transA, boolean transB, float alpha, Matrix a, Matrix b, float beta, Matrix c) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("GEMM shape mismatch: op(A) is " + m + "x" + k + ", op(B) is " + kb + "x" + n
                    + ", C is " + c.rows() + "x" + c.cols());
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // an empty sum: C = beta C (BLAS rejects leading dimensions of 0)
            float[] cd = c.data();
            for (int i = 0; i < m * n; i++) cd[i] = beta == 0f ? 0f : beta * cd[i];
            return;
        }
        GemmBackend.current().sgemm(transA, transB, m, n, k, alpha, a.data(), 0, a.cols(), b.data(), 0, b.cols(), beta, c.data(), 0, c.cols());
    }

    /**
     * {@code C = A[start .. start+rows) * B + beta * C}: rows of a larger row-major A used in place
     * (batched inference reads its input without copying it into a batch buffer).
     */
    public static void gemmRows(Matrix a, int start, int rows, Matrix b, float beta, Matrix c) {
        int k = a.cols(), n = b.cols();
        if (start < 0 || rows < 0 || start + rows > a.rows() || b.rows() != k || c.rows() != rows || c.cols() != n) {
            throw new IllegalArgumentException("GEMM shape mismatch: rows " + start + ".." + (start + rows) + " of a " + a.rows() + "x" + k
                    + " A, B is " + b.rows() + "x" + n + ", C is " + c.rows() + "x" + c.cols());
        }
        if (rows == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            gemm(false, false, 1f, new Matrix(rows, 0), b, beta, c);
            return;
        }
        GemmBackend.current().sgemm(false, false, rows, n, k, 1f, a.data(), start * k, k, b.data(), 0, n, beta, c.data(), 0, n);
    }
}
