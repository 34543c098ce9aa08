package org.dendrite.core.search;

/**
 * What a promoted trial does with its larger budget: continue from its checkpoint (the loop's
 * {@code extendTo}), or train again from the start. Continuing is exactly training from the start
 * with the larger budget unless the schedule depends on the run's length (the whole-run cosine):
 * then the continued run warms up again from the stretched schedule's position (an SGDR-like
 * restart) instead of following one long annealing, and is a different procedure from the refit
 * that trains the chosen configuration once from the start.
 */
public enum Continuation {
    /**
     * Continue from the checkpoint into the lower rungs; under a schedule that depends on the run's
     * length, train the final budget from the start, so that the score the choice rests on is that of
     * the procedure the refit repeats. Measured on the study suite's small datasets (docs/benchmarks.md,
     * "Early-stopping schedulers against full random search"): continuing into the final budget chose
     * configurations whose refitted test log loss was 20-26% worse than full random search's (their
     * stretched-schedule validation scores did not carry over to one annealing); restarting only the
     * final budget kept the ranking's low cost and brought the refitted test scores back.
     */
    AUTO,
    /** Always continue from the checkpoint (stretching a whole-run schedule). */
    CONTINUE,
    /** Always train a promoted trial again from its first epoch with the larger budget. */
    RESTART;

    /** Which promotions restart, for a schedule that does or does not depend on the run's length. */
    public Restarts restarts(boolean scheduleDependsOnRunLength) {
        return switch (this) {
            case AUTO -> new Restarts(false, scheduleDependsOnRunLength);
            case CONTINUE -> new Restarts(false, false);
            case RESTART -> new Restarts(true, true);
        };
    }
}
