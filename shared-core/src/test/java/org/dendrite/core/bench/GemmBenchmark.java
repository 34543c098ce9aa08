package org.dendrite.core.bench;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dendrite.core.tensor.Gemm;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.tensor.Parallelism;

/**
 * sgemm throughput (GFLOP/s, median of 9 timed repetitions after warm-up) of one implementation at
 * the W1 layer shape 128x784x256 and at 1024^3. Run through {@code bench/gemm}, which starts one JVM
 * per configuration. Argument: {@code dendrite} (Gemm.gemm with the backend chosen by -Ddendrite.gemm),
 * {@code netlib-native} (JNI to the system BLAS) or {@code netlib-java} (netlib's Java fallback).
 */
public final class GemmBenchmark {
    private GemmBenchmark() {}

    interface Op {
        void run(float[] a, float[] b, float[] c, int m, int n, int k);
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "dendrite";
        Op op = switch (which) {
            case "dendrite" -> (a, b, c, m, n, k) -> Gemm.gemm(false, false, 1f, new Matrix(m, k, a), new Matrix(k, n, b), 0f, new Matrix(m, n, c));
            case "netlib-native" -> {
                BLAS blas = NativeBLAS.getInstance();
                yield (a, b, c, m, n, k) -> blas.sgemm("N", "N", n, m, k, 1f, b, n, a, k, 0f, c, n);
            }
            case "netlib-java" -> {
                BLAS blas = JavaBLAS.getInstance();
                yield (a, b, c, m, n, k) -> blas.sgemm("N", "N", n, m, k, 1f, b, n, a, k, 0f, c, n);
            }
            case "netlib-native-dgemm" -> {
                // float64 for the precision comparison: same shapes, converted operands
                BLAS blas = NativeBLAS.getInstance();
                yield new Op() {
                    double[] da, db, dc;

                    @Override
                    public void run(float[] a, float[] b, float[] c, int m, int n, int k) {
                        if (da == null || da.length != a.length || db.length != b.length) {
                            da = new double[a.length];
                            db = new double[b.length];
                            dc = new double[c.length];
                            for (int i = 0; i < a.length; i++) da[i] = a[i];
                            for (int i = 0; i < b.length; i++) db[i] = b[i];
                        }
                        blas.dgemm("N", "N", n, m, k, 1.0, db, n, da, k, 0.0, dc, n);
                    }
                };
            }
            default -> throw new IllegalArgumentException("Unknown implementation '" + which
                    + "'; allowed: dendrite, netlib-native, netlib-native-dgemm, netlib-java");
        };
        String impl = which.equals("dendrite") ? "dendrite(" + org.dendrite.core.tensor.GemmBackend.current() + ")"
                : which + "(" + (which.startsWith("netlib-native") ? NativeBLAS.getInstance() : JavaBLAS.getInstance()).getClass().getSimpleName() + ")";
        System.out.printf(Locale.ROOT, "GEMM %s threads=%d OPENBLAS_NUM_THREADS=%s 128x784x256 %.1f GFLOP/s 1024^3 %.1f GFLOP/s%n", impl,
                Parallelism.threads(), System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "unset"), gflops(op, 128, 784, 256),
                gflops(op, 1024, 1024, 1024));
    }

    static double gflops(Op op, int m, int k, int n) {
        SplittableRandom r = new SplittableRandom(1);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
        double flop = 2.0 * m * n * k;
        int reps = (int) Math.max(2, 4e9 / flop);
        for (int w = 0; w < 5 * reps; w++) op.run(a, b, c, m, n, k);
        double[] t = new double[9];
        for (int s = 0; s < t.length; s++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) op.run(a, b, c, m, n, k);
            t[s] = (System.nanoTime() - t0) / 1e9 / reps;
        }
        Arrays.sort(t);
        return flop / t[t.length / 2] / 1e9;
    }
}
