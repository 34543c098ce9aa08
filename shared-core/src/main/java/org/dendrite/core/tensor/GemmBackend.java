package org.dendrite.core.tensor;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;

/**
 * Where GEMM runs: the system's native BLAS (OpenBLAS through {@code dev.ludovic.netlib}'s JNI
 * binding) or Dendrite's own pure-Java kernel. Chosen once; override with the system property
 * {@code dendrite.gemm} = {@code native} | {@code java}.
 */
public enum GemmBackend {
    /** The system BLAS via JNI (multi-threaded by OpenBLAS itself; see {@code OPENBLAS_NUM_THREADS}). */
    NATIVE {
        @Override
        void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                   float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            // Column-major BLAS sees our row-major C as C^T = op(B)^T op(A)^T.
            BLAS.getInstance().sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                    b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        }
    },
    /** Dendrite's blocked Java kernel, parallel over {@link Parallelism#threads()} workers. */
    JAVA {
        @Override
        void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                   float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            JavaSgemm.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    Parallelism.pool(), Parallelism.threads());
        }
    };

    /** The system property that forces a backend. */
    public static final String PROPERTY = "dendrite.gemm";

    /**
     * netlib logs a WARNING for each optional implementation it cannot load (e.g. VectorBLAS without
     * --add-modules jdk.incubator.vector); those are expected here, so only its errors are shown.
     * Held in a field: java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger NETLIB_LOG = quietNetlib();

    private static final GemmBackend CURRENT = choose();

    private static java.util.logging.Logger quietNetlib() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
        log.setLevel(java.util.logging.Level.SEVERE);
        return log;
    }

    abstract void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                        float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);

    /** A backend chosen for the work running on this thread ({@link #using}), or null. */
    private static final ThreadLocal<GemmBackend> OVERRIDE = new ThreadLocal<>();

    public static GemmBackend current() {
        GemmBackend o = OVERRIDE.get();
        return o != null ? o : CURRENT;
    }

    /**
     * Runs {@code work} with GEMM on {@code backend} on the calling thread (other threads keep theirs):
     * for work that runs side by side with more of its kind, where a native BLAS that starts threads
     * of its own per call would oversubscribe the cores.
     */
    public static <T> T using(GemmBackend backend, java.util.function.Supplier<T> work) {
        GemmBackend before = OVERRIDE.get();
        OVERRIDE.set(backend);
        try {
            return work.get();
        } finally {
            if (before == null) OVERRIDE.remove(); else OVERRIDE.set(before);
        }
    }

    /**
     * The backend for single-threaded work running side by side on every core (a hyperparameter
     * search's trials): the JVM's backend, except Dendrite's Java kernel in place of a native BLAS that
     * may start several threads per call (neither {@code OPENBLAS_NUM_THREADS} nor
     * {@code OMP_NUM_THREADS} is 1). Measured on a small tabular network (docs/design.md,
     * "Hyperparameter search"): side-by-side trials on a multi-threaded OpenBLAS ran 3-4x slower than
     * on the Java kernel, and single-threaded OpenBLAS 1.5x faster than it.
     */
    public static GemmBackend forSideBySideWork() {
        if (CURRENT != NATIVE) return CURRENT;
        String openblas = System.getenv("OPENBLAS_NUM_THREADS"), omp = System.getenv("OMP_NUM_THREADS");
        String threads = openblas != null ? openblas : omp;
        return threads != null && threads.trim().equals("1") ? NATIVE : JAVA;
    }

    /** True when netlib found a native BLAS (its instance is not one of its Java fallbacks). */
    public static boolean nativeBlasAvailable() {
        try {
            return !(BLAS.getInstance() instanceof JavaBLAS);
        } catch (LinkageError e) {
            return false;
        }
    }

    private static GemmBackend choose() {
        String forced = System.getProperty(PROPERTY, "").trim();
        switch (forced) {
            case "native":
                if (!nativeBlasAvailable()) {
                    throw new IllegalStateException("-D" + PROPERTY + "=native but no native BLAS (libblas.so.3) could be loaded");
                }
                return NATIVE;
            case "java":
                return JAVA;
            case "":
                return nativeBlasAvailable() ? NATIVE : JAVA;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + forced + " is not allowed; use native or java");
        }
    }
}
