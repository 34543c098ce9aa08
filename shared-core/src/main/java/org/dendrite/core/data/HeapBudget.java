package org.dendrite.core.data;

/**
 * The memory one training may take, checked before anything large is allocated (its rows held dense,
 * its preprocessed rows, its network with a batch through it): {@link #SHARE} of this JVM's largest
 * heap, divided among the trainings a search runs side by side on its threads. Each of a search's
 * trials was checked as if it ran alone, so two trials of a wide network each took their half and the
 * search ran out of memory.
 */
public final class HeapBudget {
    /** The share of this JVM's largest heap that one training may take. */
    public static final double SHARE = 0.5;

    /** How many trainings this thread's shares the budget with (a search's threads; 1 elsewhere). */
    private static final ThreadLocal<Integer> SIDE_BY_SIDE = ThreadLocal.withInitial(() -> 1);
    /** Who the sharers are, as a refusal names them after "shared by" ("the 4 trials a search trains at once (its threads)"). */
    private static final ThreadLocal<String> SHARERS = ThreadLocal.withInitial(() -> "");

    /** The sharers of a search's budget. */
    public static final String TRIALS = "trials a search trains at once (its threads)";

    private HeapBudget() {}

    /** The bytes a training on this thread may take. */
    public static double bytes() {
        return Runtime.getRuntime().maxMemory() * SHARE / SIDE_BY_SIDE.get();
    }

    /** What {@link #bytes} is, as a refusal says it: "50% of this JVM's largest heap", and with whom it is shared. */
    public static String describe() {
        int k = SIDE_BY_SIDE.get();
        return String.format(java.util.Locale.ROOT, "%.0f%% of this JVM's largest heap%s", 100 * SHARE, k == 1 ? ""
                : ", shared by " + SHARERS.get());
    }

    /** How many trainings this thread shares the budget with (1 outside a search). */
    public static int trainings() {
        return SIDE_BY_SIDE.get();
    }

    /**
     * {@code work}'s result, computed on this thread as one of {@code trainings} trainings at once (a
     * Spark search's trial on an executor's task thread, which runs other work after it: the thread's
     * sharing is restored).
     */
    public static <T> T sharedBy(int trainings, java.util.function.Supplier<T> work) {
        return sharedBy(trainings, TRIALS, work);
    }

    /**
     * {@code work}'s result, computed on this thread as one of {@code k} users of the budget at once,
     * whom {@code sharers} names for a refusal (a Spark executor's tasks filling their partitions'
     * blocks side by side: "partitions an executor fills at once (its cores)").
     */
    public static <T> T sharedBy(int k, String sharers, java.util.function.Supplier<T> work) {
        int before = SIDE_BY_SIDE.get();
        String by = SHARERS.get();
        SIDE_BY_SIDE.set(Math.max(1, k));
        SHARERS.set("the " + Math.max(1, k) + " " + sharers);
        try {
            return work.get();
        } finally {
            SIDE_BY_SIDE.set(before);
            SHARERS.set(by);
        }
    }

    /**
     * {@code work}'s result, computed on this thread as one of {@code k} users ({@code sharers}) of the share this thread
     * already has: the budget divided again (a distributed fit's partitions, on a thread that shares the budget), and a
     * refusal names both sharings. Multiplied into one, a fit on a search's thread of 16 with 2 partitions said "shared by
     * the 32 partitions whose inner state ...", where 2 partitions share a sixteenth.
     */
    public static <T> T sharedAgainBy(int k, String sharers, java.util.function.Supplier<T> work) {
        int before = SIDE_BY_SIDE.get();
        int n = Math.max(1, k);
        if (before == 1) return sharedBy(n, sharers, work);
        if (n == 1) return work.get();
        String by = SHARERS.get();
        SIDE_BY_SIDE.set(before * n);
        SHARERS.set(by + ", and each one's share by the " + n + " " + sharers);
        try {
            return work.get();
        } finally {
            SIDE_BY_SIDE.set(before);
            SHARERS.set(by);
        }
    }

    /** {@code work}, run on its thread as one of {@code trainings} trainings at once (a search's worker threads). */
    public static Runnable sharedBy(int trainings, Runnable work) {
        return () -> sharedBy(trainings, () -> {
            work.run();
            return null;
        });
    }
}
