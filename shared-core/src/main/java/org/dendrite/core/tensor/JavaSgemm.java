package org.dendrite.core.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Dendrite's pure-Java row-major sgemm, {@code C = alpha op(A) op(B) + beta C}, used when no native
 * BLAS is present (measurements in docs/design.md).
 *
 * <p>op(B) is packed row by row into separate arrays and four rows of C are accumulated in separate
 * scratch rows, so the inner loop {@code t[j] += a * b[j]} runs over arrays that all start at
 * offset 0: that is the form JDK 17's C2 auto-vectorizes (with two different variable offsets it
 * falls back to scalar code, 4x slower). Each B element loaded serves four rows of C. op(A) is packed
 * contiguous (with alpha folded in), so one kernel serves all four transpose cases. Rows of C are
 * split across the worker pool; each C element is summed in the same order whatever the split, so
 * results are bit-identical for any thread count. Scratch space is cached per thread.
 */
public final class JavaSgemm {
    /** Below this many multiply-adds, one thread does the whole product. */
    private static final long PARALLEL_THRESHOLD = 1L << 17;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private JavaSgemm() {}

    /** Per-thread reusable buffers: packed A, packed B rows, and four accumulator rows. */
    private static final class Scratch {
        float[] a = new float[0];
        float[][] b = new float[0][];
        final float[][] acc = new float[4][0];

        float[] a(int size) {
            if (a.length < size) a = new float[size];
            return a;
        }

        float[][] b(int rows, int cols) {
            if (b.length < rows) {
                float[][] nb = new float[rows][];
                System.arraycopy(b, 0, nb, 0, b.length);
                b = nb;
            }
            for (int i = 0; i < rows; i++) {
                if (b[i] == null || b[i].length < cols) b[i] = new float[cols];
            }
            return b;
        }

        float[][] acc(int cols) {
            for (int i = 0; i < 4; i++) {
                if (acc[i].length < cols) acc[i] = new float[cols];
            }
            return acc;
        }
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
                             float[] c, int cOff, int ldc, ExecutorService pool, int threads) {
        if (m == 0 || n == 0) {
            return;
        }
        Scratch s = SCRATCH.get();
        float[] pa = s.a(m * k);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) pa[i * k + p] = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
        }
        float[][] pb = s.b(k, n);
        for (int p = 0; p < k; p++) {
            float[] row = pb[p];
            if (transB) {
                for (int j = 0; j < n; j++) row[j] = b[bOff + j * ldb + p];
            } else {
                System.arraycopy(b, bOff + p * ldb, row, 0, n);
            }
        }
        int workers = pool == null || threads <= 1 || (long) m * n * k < PARALLEL_THRESHOLD ? 1 : Math.min(threads, (m + 3) / 4);
        if (workers == 1) {
            rows(pa, pb, c, cOff, ldc, beta, 0, m, n, k, s);
            return;
        }
        int per = ((m + workers - 1) / workers + 3) / 4 * 4;
        List<Future<?>> tasks = new ArrayList<>(workers);
        for (int start = per; start < m; start += per) {
            final int from = start, to = Math.min(m, start + per);
            tasks.add(pool.submit(() -> rows(pa, pb, c, cOff, ldc, beta, from, to, n, k, SCRATCH.get())));
        }
        rows(pa, pb, c, cOff, ldc, beta, 0, Math.min(m, per), n, k, s);
        for (Future<?> f : tasks) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted during a matrix product", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("A matrix product task failed", e.getCause());
            }
        }
    }

    /** Rows [r0, r1) of C = A B + beta C with A packed m x k and B packed as k rows. */
    private static void rows(float[] a, float[][] b, float[] c, int cOff, int ldc, float beta, int r0, int r1, int n, int k,
                             Scratch s) {
        float[][] acc = s.acc(n);
        float[] t0 = acc[0], t1 = acc[1], t2 = acc[2], t3 = acc[3];
        int i = r0;
        for (; i + 3 < r1; i += 4) {
            java.util.Arrays.fill(t0, 0, n, 0f);
            java.util.Arrays.fill(t1, 0, n, 0f);
            java.util.Arrays.fill(t2, 0, n, 0f);
            java.util.Arrays.fill(t3, 0, n, 0f);
            int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
            for (int p = 0; p < k; p++) {
                float x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
                float[] bp = b[p];
                for (int j = 0; j < n; j++) {
                    float bj = bp[j];
                    t0[j] += x0 * bj;
                    t1[j] += x1 * bj;
                    t2[j] += x2 * bj;
                    t3[j] += x3 * bj;
                }
            }
            store(t0, c, cOff + i * ldc, n, beta);
            store(t1, c, cOff + (i + 1) * ldc, n, beta);
            store(t2, c, cOff + (i + 2) * ldc, n, beta);
            store(t3, c, cOff + (i + 3) * ldc, n, beta);
        }
        for (; i < r1; i++) {
            java.util.Arrays.fill(t0, 0, n, 0f);
            int a0 = i * k;
            for (int p = 0; p < k; p++) {
                float x0 = a[a0 + p];
                float[] bp = b[p];
                for (int j = 0; j < n; j++) t0[j] += x0 * bp[j];
            }
            store(t0, c, cOff + i * ldc, n, beta);
        }
    }

    /** C row = acc + beta C row (C is not read when beta is 0, so garbage such as NaN is overwritten). */
    private static void store(float[] acc, float[] c, int off, int n, float beta) {
        if (beta == 0f) {
            System.arraycopy(acc, 0, c, off, n);
        } else {
            for (int j = 0; j < n; j++) c[off + j] = acc[j] + beta * c[off + j];
        }
    }
}
