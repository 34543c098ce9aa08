package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;

/**
 * Dropout (Srivastava et al. 2014), inverted: in training each value is zeroed with probability
 * {@code rate} and the survivors scaled by 1/(1-rate); at inference the layer is the identity. With
 * {@code alpha} set it is alpha dropout for SELU networks (Klambauer et al. 2017), which keeps the
 * mean and variance of SELU activations instead of zeroing.
 */
public record DropoutSpec(double rate, boolean alpha) implements LayerSpec {
    public DropoutSpec {
        if (!(rate >= 0 && rate < 1)) {
            throw Check.invalid("rate", "Dropout rate must be in [0, 1), got " + rate);
        }
    }

    public DropoutSpec(double rate) {
        this(rate, false);
    }

    @Override public String type() { return "dropout"; }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public long stateSize(int inputWidth) {
        return 0;
    }

    @Override
    public List<Layer> build(int inputWidth, RandomGenerator rng, int index) {
        return List.of(new DropoutLayer(this, inputWidth));
    }
}
