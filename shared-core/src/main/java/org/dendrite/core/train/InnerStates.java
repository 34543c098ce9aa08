package org.dendrite.core.train;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The inner states ({@link LocalSteps}: the inner optimizer's moments, the place in the row stream)
 * of the shards a worker process trains in rounds, kept across rounds by run (a fit and its
 * generation) and shard, so that a round continues where the shard's last round on this worker
 * stopped. Every shard of a run is kept (a state is a copy of the network and its optimizer's
 * buffers, the shard's rows are its cached block); runs are dropped whole, when finished
 * ({@link #forget}) or, beyond {@link #MAX_RUNS} (fits that ended without forgetting theirs), the
 * least recently used first, so that fits running side by side never take each other's states.
 */
public final class InnerStates {
    /** The most runs whose states one worker process keeps. */
    public static final int MAX_RUNS = 16;
    private static final Map<String, Map<Integer, LocalSteps>> RUNS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<Integer, LocalSteps>> e) {
            return size() > MAX_RUNS;
        }
    };

    private InnerStates() {}

    /** The state of {@code shard} in {@code run}, made by {@code make} when this process holds none. */
    public static synchronized LocalSteps get(String run, int shard, Supplier<LocalSteps> make) {
        return RUNS.computeIfAbsent(run, k -> new HashMap<>()).computeIfAbsent(shard, k -> make.get());
    }

    /** Forgets the states of the runs whose keys start with {@code prefix} (a finished fit's, every generation). */
    public static synchronized void forget(String prefix) {
        RUNS.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
