package org.dendrite.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.OptimizerState;

/**
 * The state an epoch starts from, kept for a rollback on divergence: weights and batch-norm
 * statistics, the optimizer's buffers and step count, and the trainer's step count. Every trainer
 * that rolls back (TrainingRun, Spark's synchronous mode) takes and restores it the same way.
 */
public final class RollbackPoint {
    private final Network.Snapshot weights;
    private final Map<String, float[]> optimizerBuffers = new LinkedHashMap<>();
    private final long optimizerSteps;
    private final long step;

    /** Copies the state of {@code network} and {@code optimizer} at trainer step {@code step}. */
    public RollbackPoint(Network network, OptimizerState optimizer, long step) {
        this.weights = network.snapshot();
        optimizer.buffers().forEach((k, v) -> optimizerBuffers.put(k, v.clone()));
        this.optimizerSteps = optimizer.steps();
        this.step = step;
    }

    /** Restores the copied state, forgets the history's records of the steps undone, and returns the step to continue from. */
    public long restore(Network network, OptimizerState optimizer, History history) {
        network.restore(weights);
        optimizer.restore(optimizerSteps, optimizerBuffers);
        history.discardStepsFrom(step);
        return step;
    }

    /** The history event of rollback number {@code count} after {@code cause}. */
    public static String event(int count, TrainingDivergedException cause) {
        return "rollback " + count + ": " + cause.summary() + "; learning rate divided by 10";
    }
}
