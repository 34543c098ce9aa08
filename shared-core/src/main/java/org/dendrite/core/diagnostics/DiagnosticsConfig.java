package org.dendrite.core.diagnostics;

import java.io.Serializable;
import org.dendrite.core.check.Check;

/**
 * What the trainer watches: per-layer statistics every {@code statisticsEvery} optimizer steps
 * (0 = off), and how divergence is handled: with {@code maxRollbacks} > 0 a NaN/Inf loss, gradient
 * or weight rolls training back to the start of the epoch with the learning rate divided by 10, at
 * most that many times, before failing.
 */
public record DiagnosticsConfig(int statisticsEvery, int maxRollbacks) implements Serializable {
    /**
     * Statistics every 100 steps: measured at +0.6% to +1.8% of epoch time (every 10 steps: +3% to
     * +7%; every step: +55% to +67%; bench/statistics-cost, docs/design.md), under the 2% budget, so on
     * by default. Divergence fails without rollback by default.
     */
    public static final int DEFAULT_STATISTICS_EVERY = 100;
    public static final DiagnosticsConfig DEFAULT = new DiagnosticsConfig(DEFAULT_STATISTICS_EVERY, 0);

    public DiagnosticsConfig {
        if (statisticsEvery < 0) {
            throw Check.invalid("statisticsEvery", "Invalid statisticsEvery: " + statisticsEvery + " (allowed: a whole number >= 0; 0 = off)");
        }
        if (maxRollbacks < 0) {
            throw Check.invalid("maxRollbacks", "Invalid maxRollbacks: " + maxRollbacks + " (allowed: a whole number >= 0)");
        }
    }
}
