package org.dendrite.core.tensor;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Pure-Java single-precision GEMM (row-major), tuned for HotSpot C2 auto-vectorization (SuperWord).
 *
 * <p>Design notes (measured on JDK 17, AVX-512):
 * <ul>
 *   <li>C2's SuperWord in JDK 17 only vectorizes a loop when every array access in it uses the <em>same</em>
 *       loop-invariant index part. {@code c[ci + j] += a * b[bi + j]} with two different offsets is NOT
 *       vectorized (runs ~5x slower). So the inner kernel works on scratch arrays that are all indexed by plain
 *       {@code [j]}: a C tile row {@code t} and packed B rows {@code bp[p]} (one {@code float[]} per row).</li>
 *   <li>The micro-kernel is {@code t[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]} (4-way k unroll):
 *       5 loads + 1 store per 4 multiply-adds. Larger k unrolls or several C rows per loop exceed C2's default
 *       {@code LoopUnrollLimit} / alias analysis and silently fall back to scalar code.</li>
 *   <li>No {@code Math.fma}: it is a slow software fallback on CPUs without FMA and was not faster here.</li>
 * </ul>
 *
 * <p>Determinism: every C element is computed as {@code init + g0 + g1 + ...} where {@code init} is
 * {@code 0}, {@code c} or {@code beta*c}, and the groups {@code g} are fixed by absolute k position
 * (k blocks of {@link #KC}, 4-term groups inside a block, then single terms). Neither the thread split nor the
 * column/row blocking changes this order, so results are bit-identical for any {@code threads}.
 */
public final class JavaSgemm {
    /** k block (rows of the packed B panel). KC*NC floats = 512 KiB panel, lives in L2. */
    static final int KC = 256;
    /** n block (width of the C tile / packed B panel). */
    static final int NC = 512;
    /** Below this many multiply-adds the problem is always run in the calling thread. */
    static final long PARALLEL_MIN_WORK = 1L << 18;

    private static final class Scratch {
        final float[][] bp = new float[KC][NC];
        final float[] t = new float[NC];
        final Problem problem = new Problem();
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private JavaSgemm() {
    }

    /** C = alpha * op(A) * op(B) + beta * C, all row-major. op(A) is m x k, op(B) is k x n, C is m x n.
     *  transA: A is stored k x m (lda >= m) and op(A)=A^T; else A stored m x k (lda >= k). Same for B. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
                             float[] c, int cOff, int ldc,
                             ExecutorService pool, int threads) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("negative dimension: m=" + m + " n=" + n + " k=" + k);
        if (m == 0 || n == 0) return;
        checkMatrix("C", c, cOff, ldc, m, n);
        if (k == 0 || alpha == 0f) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        if (transA) checkMatrix("A", a, aOff, lda, k, m); else checkMatrix("A", a, aOff, lda, m, k);
        if (transB) checkMatrix("B", b, bOff, ldb, n, k); else checkMatrix("B", b, bOff, ldb, k, n);

        // Problem in kernel form: C'(i,j) (M x N) = sum_p A'(i,p) * B'(p,j); C'(i,j) = c[cOff + i*cRow + j*cCol].
        // When n is too narrow to vectorize but m is wide, compute C^T = op(B)^T op(A)^T instead (swapped).
        final boolean swap = n < 16 && m > n;
        int nt = (pool == null || threads <= 1 || (long) m * n * k < PARALLEL_MIN_WORK) ? 1 : threads;
        // one thread: this thread's reusable problem (nothing allocated per call); several: a problem the tasks share
        final Problem pr = nt == 1 ? SCRATCH.get().problem : new Problem();
        if (swap) {
            pr.set(n, m, k, alpha, !transB, b, bOff, ldb, !transA, a, aOff, lda, beta, c, cOff, 1, ldc);
        } else {
            pr.set(m, n, k, alpha, transA, a, aOff, lda, transB, b, bOff, ldb, beta, c, cOff, ldc, 1);
        }
        final int M = pr.m, N = pr.n;
        if (nt == 1) {
            try {
                pr.run(0, M, 0, N);
            } finally {
                pr.set(0, 0, 0, 0f, false, null, 0, 0, false, null, 0, 0, 0f, null, 0, 0, 0); // hold no caller arrays
            }
            return;
        }
        // Split rows when there are enough of them, else split columns in multiples of 16 (one AVX-512 vector).
        Runnable[] tasks;
        if (M >= 4 * nt) {
            nt = Math.min(nt, M);
            tasks = new Runnable[nt];
            for (int t = 0; t < nt; t++) {
                final int i0 = (int) ((long) M * t / nt), i1 = (int) ((long) M * (t + 1) / nt);
                tasks[t] = () -> pr.run(i0, i1, 0, N);
            }
        } else {
            int chunks = (N + 15) / 16;
            nt = Math.min(nt, chunks);
            tasks = new Runnable[nt];
            for (int t = 0; t < nt; t++) {
                final int j0 = Math.min(N, (int) ((long) chunks * t / nt) * 16);
                final int j1 = Math.min(N, (int) ((long) chunks * (t + 1) / nt) * 16);
                tasks[t] = () -> pr.run(0, M, j0, j1);
            }
        }
        runAll(pool, tasks);
    }

    /** Submits tasks[1..] to the pool, runs tasks[0] in the caller, waits for all. */
    private static void runAll(ExecutorService pool, Runnable[] tasks) {
        Future<?>[] fs = new Future<?>[tasks.length];
        for (int t = 1; t < tasks.length; t++) fs[t] = pool.submit(tasks[t]);
        Throwable err = null;
        try {
            tasks[0].run();
        } catch (Throwable e) {
            err = e;
        }
        boolean interrupted = false;
        for (int t = 1; t < tasks.length; t++) {
            while (true) {
                try {
                    fs[t].get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (err == null) err = e.getCause();
                    break;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (err instanceof RuntimeException) throw (RuntimeException) err;
        if (err instanceof Error) throw (Error) err;
        if (err != null) throw new RuntimeException(err);
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (x == null) throw new NullPointerException(name);
        if (ld < Math.max(1, cols)) throw new IllegalArgumentException("ld" + name.toLowerCase() + "=" + ld + " < " + cols);
        if (off < 0) throw new IndexOutOfBoundsException(name + " offset " + off);
        if (rows > 0 && cols > 0 && off + (long) (rows - 1) * ld + cols > x.length)
            throw new IndexOutOfBoundsException(name + ": " + rows + "x" + cols + " at offset " + off + " ld " + ld
                + " exceeds length " + x.length);
    }

    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) return;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) Arrays.fill(c, ci, ci + n, 0f);
            else for (int j = 0; j < n; j++) c[ci + j] *= beta;
        }
    }

    /** Kernel-form problem: C'(i,j) += sum_p A'(i,p) B'(p,j), A' is m x k, B' is k x n. */
    private static final class Problem {
        int m, n, k;
        float alpha, beta;
        boolean tA, tB;
        float[] a, b, c;
        int aOff, lda, bOff, ldb, cOff, cRow, cCol;

        void set(int m, int n, int k, float alpha, boolean tA, float[] a, int aOff, int lda,
                 boolean tB, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int cRow, int cCol) {
            this.m = m; this.n = n; this.k = k; this.alpha = alpha; this.beta = beta;
            this.tA = tA; this.a = a; this.aOff = aOff; this.lda = lda;
            this.tB = tB; this.b = b; this.bOff = bOff; this.ldb = ldb;
            this.c = c; this.cOff = cOff; this.cRow = cRow; this.cCol = cCol;
        }

        /** Computes rows [i0,i1) x columns [j0,j1) of C'. */
        void run(int i0, int i1, int j0, int j1) {
            if (i0 >= i1 || j0 >= j1) return;
            if (j1 - j0 < 16) {
                direct(i0, i1, j0, j1);
                return;
            }
            Scratch s = SCRATCH.get();
            final float[][] bp = s.bp;
            final float[] t = s.t;
            // A'(i,p) = a[aBase + i*aI + p*aP]
            final int aI = tA ? 1 : lda, aP = tA ? lda : 1;
            final float al = alpha;
            for (int jc = j0; jc < j1; jc += NC) {
                final int nc = Math.min(NC, j1 - jc);
                for (int pc = 0; pc < k; pc += KC) {
                    final int kc = Math.min(KC, k - pc);
                    packB(bp, pc, kc, jc, nc);
                    for (int i = i0; i < i1; i++) {
                        final int ci = cOff + i * cRow + jc * cCol;
                        loadTile(t, ci, nc, pc == 0);
                        int ap = aOff + i * aI + pc * aP;
                        int p = 0;
                        for (; p + 4 <= kc; p += 4, ap += 4 * aP) {
                            float a0 = a[ap], a1 = a[ap + aP], a2 = a[ap + 2 * aP], a3 = a[ap + 3 * aP];
                            if (al != 1f) { a0 *= al; a1 *= al; a2 *= al; a3 *= al; }
                            kernel4(t, bp[p], bp[p + 1], bp[p + 2], bp[p + 3], nc, a0, a1, a2, a3);
                        }
                        for (; p < kc; p++, ap += aP) {
                            float a0 = a[ap];
                            if (al != 1f) a0 *= al;
                            kernel1(t, bp[p], nc, a0);
                        }
                        storeTile(t, ci, nc);
                    }
                }
            }
        }

        /** bp[p][j] = B'(pc + p, jc + j). */
        private void packB(float[][] bp, int pc, int kc, int jc, int nc) {
            if (!tB) {
                for (int p = 0; p < kc; p++) System.arraycopy(b, bOff + (pc + p) * ldb + jc, bp[p], 0, nc);
            } else {
                // B' stored transposed: B'(p,j) = b[bOff + j*ldb + p]; read along p (contiguous), 4 columns at a time.
                int j = 0;
                for (; j + 4 <= nc; j += 4) {
                    int r0 = bOff + (jc + j) * ldb + pc, r1 = r0 + ldb, r2 = r1 + ldb, r3 = r2 + ldb;
                    for (int p = 0; p < kc; p++) {
                        float[] row = bp[p];
                        row[j] = b[r0 + p];
                        row[j + 1] = b[r1 + p];
                        row[j + 2] = b[r2 + p];
                        row[j + 3] = b[r3 + p];
                    }
                }
                for (; j < nc; j++) {
                    int r0 = bOff + (jc + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) bp[p][j] = b[r0 + p];
                }
            }
        }

        /** Tile <- C' row segment; on the first k block the initial value is 0 / c / beta*c. */
        private void loadTile(float[] t, int ci, int nc, boolean first) {
            final float be = beta;
            if (first && be == 0f) {
                Arrays.fill(t, 0, nc, 0f); // never read C: it may hold NaN garbage
                return;
            }
            if (cCol == 1) System.arraycopy(c, ci, t, 0, nc);
            else for (int j = 0, x = ci; j < nc; j++, x += cCol) t[j] = c[x];
            if (first && be != 1f) for (int j = 0; j < nc; j++) t[j] *= be;
        }

        private void storeTile(float[] t, int ci, int nc) {
            if (cCol == 1) System.arraycopy(t, 0, c, ci, nc);
            else for (int j = 0, x = ci; j < nc; j++, x += cCol) c[x] = t[j];
        }

        /** Unpacked scalar path for narrow column ranges; same per-element summation order as run(). */
        private void direct(int i0, int i1, int j0, int j1) {
            final int aI = tA ? 1 : lda, aP = tA ? lda : 1;
            final int bP = tB ? 1 : ldb, bJ = tB ? ldb : 1;
            final float al = alpha, be = beta;
            for (int i = i0; i < i1; i++) {
                for (int j = j0; j < j1; j++) {
                    final int cx = cOff + i * cRow + j * cCol;
                    float acc = be == 0f ? 0f : (be == 1f ? c[cx] : c[cx] * be);
                    for (int pc = 0; pc < k; pc += KC) {
                        final int kc = Math.min(KC, k - pc);
                        int ap = aOff + i * aI + pc * aP, bq = bOff + pc * bP + j * bJ;
                        int p = 0;
                        for (; p + 4 <= kc; p += 4, ap += 4 * aP, bq += 4 * bP) {
                            float a0 = a[ap], a1 = a[ap + aP], a2 = a[ap + 2 * aP], a3 = a[ap + 3 * aP];
                            if (al != 1f) { a0 *= al; a1 *= al; a2 *= al; a3 *= al; }
                            acc += a0 * b[bq] + a1 * b[bq + bP] + a2 * b[bq + 2 * bP] + a3 * b[bq + 3 * bP];
                        }
                        for (; p < kc; p++, ap += aP, bq += bP) {
                            float a0 = a[ap];
                            if (al != 1f) a0 *= al;
                            acc += a0 * b[bq];
                        }
                    }
                    c[cx] = acc;
                }
            }
        }
    }

    // ---- micro-kernels: every array indexed by plain [j] so C2 SuperWord vectorizes them ----

    private static void kernel4(float[] t, float[] b0, float[] b1, float[] b2, float[] b3, int n,
                                float a0, float a1, float a2, float a3) {
        for (int j = 0; j < n; j++) t[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
    }

    private static void kernel1(float[] t, float[] b0, int n, float a0) {
        for (int j = 0; j < n; j++) t[j] += a0 * b0[j];
    }
}
