package org.dendrite.core.search;

import java.io.PrintStream;

/** Prints a search's progress line ({@link SearchProgress#line()}) at most twice per second, and every job's in the last one. */
public final class ConsoleSearchProgress implements SearchListener {
    private final PrintStream out;
    private long lastPrint = Long.MIN_VALUE;

    public ConsoleSearchProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStart(String description, long plannedEpochs) {
        out.println(String.format(java.util.Locale.ROOT, "Hyperparameter search: %s; %,d epochs planned in all", description, plannedEpochs));
    }

    @Override
    public void onProgress(SearchProgress p) {
        long now = System.nanoTime();
        boolean last = p.epochsDone() >= p.epochsPlanned();
        if (!last && lastPrint != Long.MIN_VALUE && now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        out.println(p.line());
    }
}
