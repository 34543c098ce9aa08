package org.dendrite.core.init;

import java.util.random.RandomGenerator;

/**
 * Weights with variance {@code scale / fan}: uniform on [-sqrt(3 scale/fan), +sqrt(3 scale/fan)] or
 * normal N(0, scale/fan). Glorot: fan = (in+out)/2, scale 1; He: fan = in, scale 2; LeCun: fan = in, scale 1.
 */
public record VarianceScaling(Fan fan, double scale, boolean uniform) implements Initializer {
    public enum Fan { IN, OUT, AVERAGE }

    public VarianceScaling {
        if (fan == null || !(scale > 0) || Double.isInfinite(scale)) {
            throw org.dendrite.core.check.Check.invalid(fan == null ? "fan" : "scale", "Variance scaling needs a fan mode and a finite scale > 0, got fan=" + fan + ", scale=" + scale);
        }
    }

    @Override
    public String name() {
        String family = switch (fan) {
            case AVERAGE -> scale == 1.0 ? "xavier" : null;
            case IN -> scale == 2.0 ? "he" : scale == 1.0 ? "lecun" : null;
            case OUT -> null;
        };
        return family == null ? "variance_scaling" : family + (uniform ? "_uniform" : "_normal");
    }

    /** The variance the weights are drawn with. */
    public double variance(int fanIn, int fanOut) {
        double f = switch (fan) {
            case IN -> fanIn;
            case OUT -> fanOut;
            case AVERAGE -> (fanIn + fanOut) / 2.0;
        };
        return scale / f;
    }

    @Override
    public void fill(float[] w, int fanIn, int fanOut, RandomGenerator rng) {
        double var = variance(fanIn, fanOut);
        if (uniform) {
            double limit = Math.sqrt(3.0 * var);
            for (int i = 0; i < w.length; i++) w[i] = (float) ((2.0 * rng.nextDouble() - 1.0) * limit);
        } else {
            double std = Math.sqrt(var);
            for (int i = 0; i < w.length; i++) w[i] = (float) (rng.nextGaussian() * std);
        }
    }
}
