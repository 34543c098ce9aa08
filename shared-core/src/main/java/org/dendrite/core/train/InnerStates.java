package org.dendrite.core.train;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The inner states ({@link LocalSteps}: the inner optimizer's moments, the place in the row stream)
 * of the shards a worker process trains in rounds, kept across rounds by run (a fit and its
 * generation, {@code fit/generation}) and shard, so that a round continues where the shard's last
 * round on this worker stopped. Every shard of a run is kept (a state is a copy of the network and its
 * optimizer's buffers, the shard's rows are its cached block); runs are dropped whole: when finished
 * ({@link #forget}), when their fit starts a new generation (the old one is never asked for again),
 * and, for fits that ended without forgetting theirs, when unused for {@link #IDLE_NANOS} (no task of
 * theirs in progress) or beyond
 * {@link #MAX_RUNS} runs (the least recently used first). Fits running side by side never take each
 * other's states: 17 of them at once lost theirs to a bound of 16 runs, silently restarting their
 * inner optimizers (every model changed).
 */
public final class InnerStates {
    /** The most runs whose states one worker process keeps: far more fits than run side by side. */
    public static final int MAX_RUNS = 256;
    /** A run unused this long (an hour) is dropped: its fit ended without forgetting it, or stalled. */
    static final long IDLE_NANOS = 3_600_000_000_000L;
    private static final Map<String, Map<Integer, LocalSteps>> RUNS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<Integer, LocalSteps>> e) {
            return size() > MAX_RUNS;
        }
    };
    private static final Map<String, Long> USED = new HashMap<>();
    /** Runs with a task in progress ({@link #get} to {@link #release}): never dropped as idle, however long a round takes. */
    private static final Map<String, Integer> ACTIVE = new HashMap<>();

    private InnerStates() {}

    /** The state of {@code shard} in {@code run}, made by {@code make} when this process holds none; {@link #release} it after the round. */
    public static LocalSteps get(String run, int shard, Supplier<LocalSteps> make) {
        return get(run, shard, make, System.nanoTime());
    }

    /** The round that {@link #get} a state of {@code run} is over (its run may be dropped as idle from now on). */
    public static synchronized void release(String run) {
        ACTIVE.computeIfPresent(run, (k, n) -> n > 1 ? n - 1 : null);
        USED.computeIfPresent(run, (k, t) -> System.nanoTime());
    }

    /** {@link #get(String, int, Supplier)} at time {@code now} (nanoseconds, as {@link System#nanoTime}). */
    static synchronized LocalSteps get(String run, int shard, Supplier<LocalSteps> make, long now) {
        if (!RUNS.containsKey(run)) {
            // a new run: its fit's earlier generations are over, and runs idle too long are leaks
            String fit = run.substring(0, run.lastIndexOf('/') + 1);
            RUNS.keySet().removeIf(k -> (!fit.isEmpty() && k.startsWith(fit)) || (now - USED.getOrDefault(k, now) > IDLE_NANOS
                    && !ACTIVE.containsKey(k)));
            untrack();
        }
        USED.put(run, now);
        ACTIVE.merge(run, 1, Integer::sum);
        return RUNS.computeIfAbsent(run, k -> new HashMap<>()).computeIfAbsent(shard, k -> make.get());
    }

    /** Forgets the states of the runs whose keys start with {@code prefix} (a finished fit's, every generation). */
    public static synchronized void forget(String prefix) {
        RUNS.keySet().removeIf(k -> k.startsWith(prefix));
        untrack();
    }

    /** How many runs' states this process keeps (finished fits forget theirs). */
    public static synchronized int runs() {
        return RUNS.size();
    }

    /** Forgets the use times and tasks in progress of runs no longer kept. */
    private static void untrack() {
        USED.keySet().retainAll(RUNS.keySet());
        ACTIVE.keySet().retainAll(RUNS.keySet());
    }
}
