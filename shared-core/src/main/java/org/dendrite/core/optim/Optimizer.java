package org.dendrite.core.optim;

import java.io.Serializable;
import java.util.List;
import org.dendrite.core.layer.Parameter;

/**
 * An optimizer's configuration: immutable, validated hyperparameters. {@link #newState} creates the
 * separate mutable state (named buffers such as {@code momentum}, {@code exp_avg}) that applies the
 * updates and that a checkpoint saves. The learning rate in force at each step is passed in by the
 * trainer (from a schedule), so no optimizer knows about schedules.
 *
 * <p>The implementations reproduce PyTorch 1.13's CPU float32 arithmetic operation by operation
 * (checked bit for bit against its trajectories): hyperparameter expressions such as
 * {@code 1 - beta} are evaluated in double and then rounded to float, {@code add(x, alpha)} and
 * {@code addcmul} are fused multiply-adds ({@link Math#fma}), {@code addcdiv} is
 * {@code w + (value * a) / b}.
 */
public interface Optimizer extends Serializable {
    /** The name used in specs and options, e.g. {@code "sgd"}. */
    String name();

    /** The base learning rate (the schedule's starting point). */
    double learningRate();

    /** True for optimizers that need the whole training set per step (L-BFGS): the trainer then uses full batches. */
    default boolean requiresFullBatch() {
        return false;
    }

    /**
     * Bytes of state this optimizer keeps per network value beyond the two float32 buffers the memory
     * check counts for every optimizer ({@code Network.TRAINING_BYTES_PER_VALUE}: Adam's two moments):
     * L-BFGS's history, two vectors as long as the parameters per pair kept.
     */
    default long extraBytesPerValue() {
        return 0;
    }

    /** Fresh state for {@code parameters}. */
    OptimizerState newState(List<Parameter> parameters);
}
