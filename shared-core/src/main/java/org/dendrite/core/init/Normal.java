package org.dendrite.core.init;

import java.util.random.RandomGenerator;

/** Small random normal weights N(0, std^2); the classic default std is 0.01. */
public record Normal(double std) implements Initializer {
    public static final double DEFAULT_STD = 0.01;

    public Normal {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw org.dendrite.core.check.Check.invalid("std", "Normal initializer std must be a finite number > 0, got " + std);
        }
    }

    public Normal() { this(DEFAULT_STD); }

    @Override public String name() { return "normal"; }

    @Override
    public void fill(float[] w, int fanIn, int fanOut, RandomGenerator rng) {
        for (int i = 0; i < w.length; i++) w[i] = (float) (rng.nextGaussian() * std);
    }
}
