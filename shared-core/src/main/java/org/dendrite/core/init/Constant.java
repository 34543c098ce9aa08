package org.dendrite.core.init;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Every weight set to {@code value} (zeros by default). Degenerate for weights: no symmetry breaking. */
public record Constant(float value) implements Initializer {
    public Constant {
        if (!Float.isFinite(value)) {
            throw org.dendrite.core.check.Check.invalid("value", "Constant initializer value must be finite, got " + value);
        }
    }

    @Override public String name() { return value == 0f ? "zeros" : "constant"; }

    @Override
    public void fill(float[] w, int fanIn, int fanOut, RandomGenerator rng) {
        Arrays.fill(w, value);
    }

    @Override
    public boolean isDegenerate() {
        return true;
    }
}
