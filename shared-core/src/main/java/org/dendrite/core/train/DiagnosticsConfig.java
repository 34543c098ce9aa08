package org.dendrite.core.train;

import java.io.Serializable;

/**
 * What the trainer watches: per-layer statistics every {@code statisticsEvery} optimizer steps
 * (0 = off), and how divergence is handled: with {@code maxRollbacks} > 0 a NaN/Inf loss, gradient
 * or weight rolls training back to the start of the epoch with the learning rate divided by 10, at
 * most that many times, before failing.
 */
public record DiagnosticsConfig(int statisticsEvery, int maxRollbacks) implements Serializable {
    public static final DiagnosticsConfig DEFAULT = new DiagnosticsConfig(0, 0);

    public DiagnosticsConfig {
        if (statisticsEvery < 0) {
            throw new IllegalArgumentException("Invalid statisticsEvery: " + statisticsEvery + " (allowed: a whole number >= 0; 0 = off)");
        }
        if (maxRollbacks < 0) {
            throw new IllegalArgumentException("Invalid maxRollbacks: " + maxRollbacks + " (allowed: a whole number >= 0)");
        }
    }
}
