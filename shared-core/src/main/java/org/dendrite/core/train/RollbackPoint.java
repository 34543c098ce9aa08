package org.dendrite.core.train;

import org.dendrite.core.network.Network;
import org.dendrite.core.optim.OptimizerState;

/**
 * The state an epoch starts from, kept for a rollback on divergence: weights and batch-norm
 * statistics, the optimizer's state, and the run's step and schedule-clock counts.
 */
final class RollbackPoint {
    private final Network.Snapshot weights;
    private final OptimizerState.Snapshot optimizer;
    private final long step;
    private final long clock;

    RollbackPoint(Network network, OptimizerState optimizer, long step, long clock) {
        this.weights = network.snapshot();
        this.optimizer = optimizer.snapshot();
        this.step = step;
        this.clock = clock;
    }

    /** Restores the copied weights and optimizer state and forgets the history's records of the steps undone. */
    void restore(Network network, OptimizerState optimizer, History history) {
        network.restore(weights);
        optimizer.restore(this.optimizer);
        history.discardStepsFrom(step);
    }

    long step() { return step; }

    long clock() { return clock; }

    /** The history event of rollback number {@code count} after {@code cause}. */
    static String event(int count, TrainingDivergedException cause) {
        return "rollback " + count + ": " + cause.summary() + "; learning rate divided by 10";
    }
}
