package org.dendrite.core.tensor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The one pool of worker threads Dendrite's own kernels use, sized once per JVM. One pool sized to
 * the cores beats competing pools: on a 2-core machine oversubscription costs 3-4x. Set the
 * thread count with the system property {@code dendrite.threads} (Spark executors set it to 1).
 */
public final class Parallelism {
    /** System property holding the worker count; default: the available processors. */
    public static final String PROPERTY = "dendrite.threads";

    private static final int THREADS = readThreads();
    private static volatile ExecutorService pool;
    /** Set while the current thread runs work that is already parallel at a coarser level (a Spark task). */
    private static final ThreadLocal<Boolean> SINGLE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Parallelism() {}

    /** The worker count for work started on the current thread: 1 inside {@link #singleThreaded}. */
    public static int threads() {
        return SINGLE.get() ? 1 : THREADS;
    }

    /**
     * Runs {@code work} with Dendrite's own kernels single-threaded on the calling thread: for callers
     * that are already parallel (Spark runs one task per core; a task that fanned out to the shared
     * pool would oversubscribe the cores). Native BLAS threads are set by {@code OPENBLAS_NUM_THREADS}.
     */
    public static <T> T singleThreaded(java.util.function.Supplier<T> work) {
        if (SINGLE.get()) {
            return work.get();
        }
        SINGLE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            SINGLE.set(Boolean.FALSE);
        }
    }

    /** The shared pool (daemon threads), or null when running single-threaded. */
    public static ExecutorService pool() {
        if (threads() <= 1) {
            return null;
        }
        ExecutorService p = pool;
        if (p == null) {
            synchronized (Parallelism.class) {
                p = pool;
                if (p == null) {
                    ThreadFactory factory = r -> {
                        Thread t = new Thread(r, "dendrite-worker");
                        t.setDaemon(true);
                        return t;
                    };
                    p = Executors.newFixedThreadPool(THREADS, factory);
                    pool = p;
                }
            }
        }
        return p;
    }

    private static int readThreads() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int t = Integer.parseInt(v.trim());
            if (t >= 1) {
                return t;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + " is not allowed; use a whole number >= 1");
    }
}
