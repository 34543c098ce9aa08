package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;

/** Layer normalization (Ba, Kiros and Hinton 2016): each row normalized over its features, then scaled and shifted per feature. */
public record LayerNormSpec(double epsilon) implements LayerSpec {
    public static final double DEFAULT_EPSILON = 1e-5;

    public LayerNormSpec {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw Check.invalid("epsilon", "Layer norm epsilon must be a finite number > 0, got " + epsilon);
        }
    }

    public LayerNormSpec() {
        this(DEFAULT_EPSILON);
    }

    @Override public String type() { return "layer_norm"; }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public long stateSize(int inputWidth) {
        return 2L * inputWidth; // gamma, beta
    }

    @Override
    public List<Layer> build(int inputWidth, RandomGenerator rng, int index) {
        return List.of(new LayerNormLayer(this, inputWidth, index + "."));
    }
}
