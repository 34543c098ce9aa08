package org.dendrite.core.search;

import org.dendrite.core.schedule.Schedule;

/**
 * What a promoted trial does with its larger budget: continue from its checkpoint (the loop's
 * {@code extendTo}), or train again from the start. Continuing is exactly training from the start
 * with the larger budget unless the schedule depends on the run's length (the whole-run cosine):
 * then the continued run warms up again from the stretched schedule's position (an SGDR-like
 * restart) instead of following one long annealing.
 */
public enum Continuation {
    /**
     * Continue when that is exact; for a schedule that depends on the run's length, continue too:
     * the measurements in docs/design.md ("Hyperparameter search") found continuing with the stretched
     * schedule as good per unit of time as restarting.
     */
    AUTO,
    /** Always continue from the checkpoint (stretching a whole-run schedule). */
    CONTINUE,
    /** Always train a promoted trial again from its first epoch with the larger budget. */
    RESTART;

    /** True when a promoted trial under {@code schedule} restarts from scratch. */
    public boolean restarts(Schedule schedule) {
        return this == RESTART;
    }
}
