package org.dendrite.core.tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JavaSgemmTest {
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "sgemm-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    /** One randomized case; returns the computed C array (full backing array, including padding). */
    private static float[] runCase(Random r, boolean tA, boolean tB, int m, int n, int k, float alpha, float beta,
                                   boolean nanC, int threads, long seed) {
        Random g = new Random(seed);
        int padA = g.nextInt(3), padB = g.nextInt(3), padC = g.nextInt(3);
        int aOff = g.nextInt(4), bOff = g.nextInt(4), cOff = g.nextInt(4);
        int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
        int lda = aCols + padA, ldb = bCols + padB, ldc = n + padC;
        float[] a = new float[aOff + Math.max(0, aRows * lda) + 3];
        float[] b = new float[bOff + Math.max(0, bRows * ldb) + 3];
        float[] c = new float[cOff + m * ldc + 3];
        for (int i = 0; i < a.length; i++) a[i] = g.nextFloat() * 2 - 1;
        for (int i = 0; i < b.length; i++) b[i] = g.nextFloat() * 2 - 1;
        for (int i = 0; i < c.length; i++) c[i] = nanC ? Float.NaN : g.nextFloat() * 2 - 1;
        float[] c0 = c.clone();

        JavaSgemm.sgemm(tA, tB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, pool, threads);

        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0, sa = 0;
                for (int p = 0; p < k; p++) {
                    double x = tA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = tB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                    sa += Math.abs(x * y);
                }
                double old = c0[cOff + i * ldc + j];
                double want = alpha * s + (beta == 0 ? 0 : beta * old);
                double scale = Math.abs(alpha) * sa + (beta == 0 ? 0 : Math.abs(beta * old));
                double got = c[cOff + i * ldc + j];
                assertFalse(Double.isNaN(got), () -> "NaN at " + desc(tA, tB, m, n, k, alpha, beta, threads));
                double tol = 1e-6 + 4e-7 * (k + 2) * scale;
                if (Math.abs(got - want) > tol)
                    fail(desc(tA, tB, m, n, k, alpha, beta, threads) + " at (" + i + "," + j + "): got " + got
                        + " want " + want + " tol " + tol);
            }
        }
        // Padding and everything outside the C window must be untouched.
        for (int x = 0; x < c.length; x++) {
            int rel = x - cOff;
            boolean inside = rel >= 0 && rel < m * ldc && (rel % ldc) < n;
            if (!inside) assertEquals(Float.floatToRawIntBits(c0[x]), Float.floatToRawIntBits(c[x]),
                "write outside C window at " + x + " " + desc(tA, tB, m, n, k, alpha, beta, threads));
        }
        return c;
    }

    private static String desc(boolean tA, boolean tB, int m, int n, int k, float alpha, float beta, int threads) {
        return "tA=" + tA + " tB=" + tB + " m=" + m + " n=" + n + " k=" + k + " alpha=" + alpha + " beta=" + beta
            + " threads=" + threads;
    }

    @Test
    void tinyAndEdgeShapes() {
        Random r = new Random(1);
        int[][] shapes = {{1, 1, 1}, {1, 1, 7}, {1, 17, 1}, {17, 1, 1}, {2, 3, 4}, {3, 16, 5}, {5, 15, 3},
            {16, 16, 16}, {1, 100, 9}, {100, 1, 9}, {31, 33, 35}, {32, 10, 10}, {32, 784, 10}, {40, 9, 3}};
        long seed = 100;
        for (int[] s : shapes)
            for (int tr = 0; tr < 4; tr++)
                runCase(r, (tr & 1) != 0, (tr & 2) != 0, s[0], s[1], s[2], 1f, 0f, false, 1, seed++);
    }

    @Test
    void randomShapesAllTransposesAlphaBeta() {
        Random r = new Random(2);
        float[] alphas = {1f, -1f, 0.5f, 2.25f};
        float[] betas = {0f, 1f, -0.75f, 3f};
        for (int it = 0; it < 200; it++) {
            int m = 1 + r.nextInt(it % 10 == 0 ? 200 : 40);
            int n = 1 + r.nextInt(it % 7 == 0 ? 600 : 70);
            int k = 1 + r.nextInt(it % 5 == 0 ? 600 : 50);
            runCase(r, r.nextBoolean(), r.nextBoolean(), m, n, k, alphas[r.nextInt(4)], betas[r.nextInt(4)],
                false, 1 + r.nextInt(3), 1000 + it);
        }
    }

    @Test
    void largerThanBlockSizes() {
        Random r = new Random(3);
        // k > KC (several k blocks, odd remainder), n > NC (several column blocks)
        runCase(r, false, false, 9, JavaSgemm.NC + 37, JavaSgemm.KC * 2 + 3, 1f, 0f, false, 1, 7);
        runCase(r, true, true, 33, JavaSgemm.NC + 1, JavaSgemm.KC + 1, -0.5f, 0.5f, false, 2, 8);
        runCase(r, true, false, 70, 20, JavaSgemm.KC * 3 + 2, 1f, 1f, false, 2, 9);
        runCase(r, false, true, 5, 700, 300, 1f, 0f, true, 2, 10);
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        Random r = new Random(4);
        for (int tr = 0; tr < 4; tr++) {
            runCase(r, (tr & 1) != 0, (tr & 2) != 0, 13, 40, 29, 1f, 0f, true, 1, 20 + tr);
            runCase(r, (tr & 1) != 0, (tr & 2) != 0, 64, 9, 30, 0.5f, 0f, true, 2, 30 + tr); // swapped path
            runCase(r, (tr & 1) != 0, (tr & 2) != 0, 3, 5, 4, 1f, 0f, true, 1, 40 + tr);    // direct path
        }
    }

    @Test
    void alphaZeroAndKZero() {
        float[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8};
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        JavaSgemm.sgemm(false, false, 2, 2, 2, 0f, a, 0, 2, b, 0, 2, 0f, c, 0, 2, null, 1);
        assertArrayEquals(new float[]{0, 0, 0, 0}, c);
        float[] c2 = {1, 2, 3, 4};
        JavaSgemm.sgemm(false, false, 2, 2, 0, 1f, a, 0, 1, b, 0, 2, 2f, c2, 0, 2, null, 1);
        assertArrayEquals(new float[]{2, 4, 6, 8}, c2);
        // m == 0 / n == 0 are no-ops
        JavaSgemm.sgemm(false, false, 0, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c2, 0, 2, null, 1);
        assertArrayEquals(new float[]{2, 4, 6, 8}, c2);
    }

    @Test
    void knownSmallProduct() {
        // [1 2 3; 4 5 6] * [7 8; 9 10; 11 12] = [58 64; 139 154]
        float[] a = {1, 2, 3, 4, 5, 6}, b = {7, 8, 9, 10, 11, 12}, c = new float[4];
        JavaSgemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2, null, 1);
        assertArrayEquals(new float[]{58, 64, 139, 154}, c);
        // A^T stored (3x2) and B^T stored (2x3)
        float[] at = {1, 4, 2, 5, 3, 6}, bt = {7, 9, 11, 8, 10, 12};
        Arrays.fill(c, 0);
        JavaSgemm.sgemm(true, true, 2, 2, 3, 1f, at, 0, 2, bt, 0, 3, 0f, c, 0, 2, null, 1);
        assertArrayEquals(new float[]{58, 64, 139, 154}, c);
    }

    @Test
    void deterministicAcrossThreadCounts() {
        Random r = new Random(5);
        int[][] shapes = {{128, 256, 784}, {7, 1000, 300}, {300, 9, 200}, {64, 33, 600}, {256, 512, 512}, {3, 40, 2000}, {5, 20, 3000}};
        for (int[] s : shapes) {
            for (int tr = 0; tr < 4; tr++) {
                boolean tA = (tr & 1) != 0, tB = (tr & 2) != 0;
                long seed = 500 + tr * 31L + s[0];
                float[] c1 = runCase(r, tA, tB, s[0], s[1], s[2], 0.7f, 0.3f, false, 1, seed);
                float[] c2 = runCase(r, tA, tB, s[0], s[1], s[2], 0.7f, 0.3f, false, 2, seed);
                float[] c3 = runCase(r, tA, tB, s[0], s[1], s[2], 0.7f, 0.3f, false, 3, seed);
                float[] cNull = runNoPool(tA, tB, s[0], s[1], s[2], seed);
                for (int x = 0; x < c1.length; x++) {
                    assertEquals(Float.floatToRawIntBits(c1[x]), Float.floatToRawIntBits(c2[x]), "1 vs 2 threads " + Arrays.toString(s));
                    assertEquals(Float.floatToRawIntBits(c1[x]), Float.floatToRawIntBits(c3[x]), "1 vs 3 threads " + Arrays.toString(s));
                    assertEquals(Float.floatToRawIntBits(c1[x]), Float.floatToRawIntBits(cNull[x]), "pool vs null " + Arrays.toString(s));
                }
            }
        }
    }

    private static float[] runNoPool(boolean tA, boolean tB, int m, int n, int k, long seed) {
        // Same data as runCase(seed) but pool == null.
        Random g = new Random(seed);
        int padA = g.nextInt(3), padB = g.nextInt(3), padC = g.nextInt(3);
        int aOff = g.nextInt(4), bOff = g.nextInt(4), cOff = g.nextInt(4);
        int aRows = tA ? k : m, aCols = tA ? m : k, bRows = tB ? n : k, bCols = tB ? k : n;
        int lda = aCols + padA, ldb = bCols + padB, ldc = n + padC;
        float[] a = new float[aOff + aRows * lda + 3], b = new float[bOff + bRows * ldb + 3], c = new float[cOff + m * ldc + 3];
        for (int i = 0; i < a.length; i++) a[i] = g.nextFloat() * 2 - 1;
        for (int i = 0; i < b.length; i++) b[i] = g.nextFloat() * 2 - 1;
        for (int i = 0; i < c.length; i++) c[i] = g.nextFloat() * 2 - 1;
        JavaSgemm.sgemm(tA, tB, m, n, k, 0.7f, a, aOff, lda, b, bOff, ldb, 0.3f, c, cOff, ldc, null, 4);
        return c;
    }

    @Test
    void rejectsBadArguments() {
        float[] x = new float[4];
        assertThrows(IllegalArgumentException.class, () -> JavaSgemm.sgemm(false, false, -1, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2, null, 1));
        assertThrows(IllegalArgumentException.class, () -> JavaSgemm.sgemm(false, false, 2, 2, 2, 1f, x, 0, 1, x, 0, 2, 0f, new float[4], 0, 2, null, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> JavaSgemm.sgemm(false, false, 2, 2, 2, 1f, x, 1, 2, x, 0, 2, 0f, new float[4], 0, 2, null, 1));
    }
}
