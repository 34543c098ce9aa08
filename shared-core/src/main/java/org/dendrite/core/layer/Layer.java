package org.dendrite.core.layer;

import java.io.Serializable;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.tensor.Matrix;

/**
 * A built layer: it knows its input width, owns its parameters, and keeps the buffers its forward
 * pass needs for backward. Buffers are reused from batch to batch (no allocation in the steady state).
 */
public interface Layer extends Serializable {
    int inputWidth();

    int outputWidth();

    /**
     * Forward pass. The returned matrix is owned by the layer and valid until its next forward.
     * {@code rng} supplies training-time randomness (dropout masks, RReLU slopes).
     */
    Matrix forward(Matrix input, boolean training, RandomGenerator rng);

    /**
     * Backward pass for the last {@link #forward}: writes the gradients of this layer's parameters
     * (overwriting, not accumulating) and returns dL/dinput, or null when {@code needInputGradient}
     * is false.
     */
    Matrix backward(Matrix gradOutput, boolean needInputGradient);

    /**
     * True for layers whose training-time randomness is a model of uncertainty (dropout): Monte-Carlo
     * dropout keeps them stochastic at prediction time while every other layer runs in inference mode.
     */
    default boolean stochastic() {
        return false;
    }

    /**
     * Non-learned state saved with the model and never touched by the optimizer (batch norm's
     * running statistics), by name; live arrays.
     */
    default java.util.Map<String, float[]> buffers() {
        return java.util.Map.of();
    }

    /** Learned parameters, in a fixed order. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** A one-line description for summaries, e.g. {@code dense(64, he_normal)}. */
    String describe();
}
