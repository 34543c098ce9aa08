package org.dendrite.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The inner states ({@link LocalSteps}: the inner optimizer's moments, the place in the row stream)
 * of the shards a worker process trains in rounds, kept across rounds by key (a run, its generation
 * and the shard), at most {@link #MAX} of them (the least recently used goes first), so that a
 * round continues where the shard's last round on this worker stopped.
 */
public final class InnerStates {
    /** The most states one worker process keeps. */
    public static final int MAX = 64;
    private static final Map<String, LocalSteps> STATES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LocalSteps> e) {
            return size() > MAX;
        }
    };

    private InnerStates() {}

    /** The state under {@code key}, made by {@code make} when this process holds none. */
    public static synchronized LocalSteps get(String key, Supplier<LocalSteps> make) {
        return STATES.computeIfAbsent(key, k -> make.get());
    }

    /** Forgets the states whose keys start with {@code prefix} (a finished run's). */
    public static synchronized void forget(String prefix) {
        STATES.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
