package org.dendrite.core.search;

/**
 * Which promotions train a trial again from its first epoch instead of continuing from its
 * checkpoint: a promotion into a lower rung, and one into the final rung (the budget whose score
 * the choice rests on). A trial's first job always trains from scratch.
 */
public record Restarts(boolean lower, boolean top) {
    /** True when a job to rung {@code k} of {@code n} trains from the first epoch. */
    public boolean at(int k, int n) {
        return k > 0 && (k == n - 1 ? top : lower);
    }

    /** Epochs a job to rung {@code k} of {@code rungs} trains: all of them when it restarts (or at rung 0), else the difference. */
    public int cost(int[] rungs, int k) {
        return k == 0 || at(k, rungs.length) ? rungs[k] : rungs[k] - rungs[k - 1];
    }
}
