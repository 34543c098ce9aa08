package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.activation.Activation;

/** A standalone activation layer, for placing normalization or dropout between a dense layer and its activation. */
public record ActivationSpec(Activation activation) implements LayerSpec {
    public ActivationSpec {
        if (activation == null) {
            throw new IllegalArgumentException("An activation layer needs an activation");
        }
    }

    @Override public String type() { return "activation"; }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public long stateSize(int inputWidth) {
        return activation.stateSize(inputWidth);
    }

    @Override
    public List<Layer> build(int inputWidth, RandomGenerator rng, int index) {
        return List.of(activation.newLayer(inputWidth));
    }
}
