package org.dendrite.core.init;

import java.util.random.RandomGenerator;

/** Uniform weights on [-limit, +limit]. */
public record Uniform(double limit) implements Initializer {
    public static final double DEFAULT_LIMIT = 0.05;

    public Uniform {
        if (!(limit > 0) || Double.isInfinite(limit)) {
            throw org.dendrite.core.check.Check.invalid("limit", "Uniform initializer limit must be a finite number > 0, got " + limit);
        }
    }

    public Uniform() { this(DEFAULT_LIMIT); }

    @Override public String name() { return "uniform"; }

    @Override
    public void fill(float[] w, int fanIn, int fanOut, RandomGenerator rng) {
        for (int i = 0; i < w.length; i++) w[i] = (float) ((2.0 * rng.nextDouble() - 1.0) * limit);
    }
}
