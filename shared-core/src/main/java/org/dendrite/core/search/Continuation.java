package org.dendrite.core.search;

/**
 * What a promoted trial does with its larger budget: continue from its checkpoint (the loop's
 * {@code extendTo}), or train again from the start. Continuing is exactly training from the start
 * with the larger budget unless the schedule depends on the run's length (the whole-run cosine):
 * then the continued run warms up again from the stretched schedule's position (an SGDR-like
 * restart) instead of following one long annealing.
 */
public enum Continuation {
    /**
     * Continue from the checkpoint, also under a schedule that depends on the run's length: measured
     * on the bundled datasets (docs/design.md, "Hyperparameter search"), continuing with the
     * stretched whole-run cosine scored at least as well per configuration as training from scratch
     * to the larger budget, and Hyperband chose models as good with 16% fewer epochs.
     */
    AUTO,
    /** Always continue from the checkpoint (stretching a whole-run schedule). */
    CONTINUE,
    /** Always train a promoted trial again from its first epoch with the larger budget. */
    RESTART;

    /** True when a promoted trial restarts from scratch. */
    public boolean restarts() {
        return this == RESTART;
    }
}
