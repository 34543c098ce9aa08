package org.dendrite.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Both GEMM paths against a naive double-precision product: every transpose case, odd shapes, offsets, alpha/beta. */
class GemmTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(3);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    private static float[] random(int n, SplittableRandom r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /** Naive C = alpha op(A) op(B) + beta C in double, row-major with leading dimensions. */
    private static double[] naive(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b,
                                  int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) out[i] = c[i];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                }
                int idx = cOff + i * ldc + j;
                out[idx] = alpha * s + (beta == 0 ? 0 : beta * c[idx]);
            }
        }
        return out;
    }

    @Test
    void javaKernelMatchesNaiveProductForAllShapesAndTransposes() {
        SplittableRandom r = new SplittableRandom(3);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {4, 4, 4}, {9, 1, 13}, {17, 33, 5}, {64, 70, 129}, {130, 3, 2}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                for (float[] ab : new float[][] {{1f, 0f}, {0.5f, 1f}, {-2f, 0.25f}}) {
                    int aOff = 3, bOff = 5, cOff = 2;
                    int lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 1, ldc = n + 3;
                    float[] a = random(aOff + (ta ? k : m) * lda, r), b = random(bOff + (tb ? n : k) * ldb, r);
                    float[] c = random(cOff + m * ldc, r);
                    if (ab[1] == 0f) {
                        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) c[cOff + i * ldc + j] = Float.NaN;
                    }
                    double[] expect = naive(ta, tb, m, n, k, ab[0], a, aOff, lda, b, bOff, ldb, ab[1], c, cOff, ldc);
                    for (int threads : new int[] {1, 3}) {
                        float[] got = c.clone();
                        JavaSgemm.sgemm(ta, tb, m, n, k, ab[0], a, aOff, lda, b, bOff, ldb, ab[1], got, cOff, ldc, POOL, threads);
                        for (int i = 0; i < got.length; i++) {
                            boolean inC = i >= cOff && (i - cOff) / ldc < m && (i - cOff) % ldc < n;
                            double tol = inC ? 1e-5 * (k + 1) * Math.max(1, Math.abs(expect[i])) : 0;
                            String where = "m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb + " alpha=" + ab[0] + " beta=" + ab[1]
                                    + " threads=" + threads + " index " + i;
                            if (inC) {
                                assertEquals(expect[i], got[i], tol, where);
                            } else {
                                assertEquals(Float.floatToIntBits(c[i]), Float.floatToIntBits(got[i]), "outside C untouched: " + where);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void javaKernelIsBitIdenticalAcrossThreadCounts() {
        SplittableRandom r = new SplittableRandom(9);
        int m = 203, n = 77, k = 301;
        float[] a = random(m * k, r), b = random(k * n, r);
        float[] one = new float[m * n], three = new float[m * n];
        JavaSgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, one, 0, n, null, 1);
        JavaSgemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, three, 0, n, POOL, 3);
        assertArrayEquals(one, three);
    }

    @Test
    void entryPointChecksShapesAndUsesTheChosenBackend() {
        Matrix a = new Matrix(2, 3), b = new Matrix(4, 5), c = new Matrix(2, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> Gemm.gemm(false, false, 1f, a, b, 0f, c));
        assertTrue(e.getMessage().contains("op(A) is 2x3, op(B) is 4x5"), e.getMessage());
        Matrix x = new Matrix(2, 3, new float[] {1, 2, 3, 4, 5, 6}), y = new Matrix(3, 1, new float[] {1, 0, -1}), z = new Matrix(2, 1);
        Gemm.gemm(false, false, 1f, x, y, 0f, z);
        assertArrayEquals(new float[] {-2, -2}, z.data());
        Gemm.gemm(true, false, 1f, x, new Matrix(2, 1, new float[] {1, 1}), 0f, new Matrix(3, 1));
    }

    @Test
    void singleThreadedScopeUsesOneThreadAndGivesTheSameProduct() throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        Matrix a = new Matrix(300, 200, random(300 * 200, r)), b = new Matrix(200, 100, random(200 * 100, r));
        Matrix shared = new Matrix(300, 100), single = new Matrix(300, 100);
        Gemm.gemm(false, false, 1f, a, b, 0f, shared);
        int inside = Parallelism.singleThreaded(() -> {
            Gemm.gemm(false, false, 1f, a, b, 0f, single);
            return Parallelism.threads();
        });
        assertEquals(1, inside);
        assertEquals(Integer.getInteger(Parallelism.PROPERTY, Runtime.getRuntime().availableProcessors()).intValue(), Parallelism.threads(),
                "the scope ends with the call");
        // other threads are not affected while one thread is inside the scope
        int[] seen = new int[1];
        Parallelism.singleThreaded(() -> {
            Thread t = new Thread(() -> seen[0] = Parallelism.threads());
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        assertEquals(Parallelism.threads(), seen[0]);
        assertArrayEquals(shared.data(), single.data(), 1e-4f);
    }
}
