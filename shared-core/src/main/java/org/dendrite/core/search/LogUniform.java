package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;

/**
 * Log-uniform on [min, max]: ln(x) is uniform on [ln(min), ln(max)], so each decade is equally
 * likely (the natural prior for learning rates and penalties; Bergstra and Bengio 2012). The mean of
 * ln(x) is (ln(min) + ln(max)) / 2 and its variance (ln(max) - ln(min))^2 / 12.
 */
public record LogUniform(double min, double max) implements Distribution {
    private static final long serialVersionUID = 1L;

    public LogUniform {
        Check.positive("min", min);
        Check.positive("max", max);
        if (!(max > min)) {
            throw Check.invalid("max", "Invalid log_uniform range: max " + max + " must be above min " + min);
        }
    }

    @Override public String type() { return "log_uniform"; }

    @Override
    public Object sample(RandomGenerator rng) {
        return clamp(Math.exp(Math.log(min) + rng.nextDouble() * (Math.log(max) - Math.log(min))));
    }

    @Override
    public List<Object> grid(int points) {
        Check.atLeast("points", points, 1);
        List<Object> out = new ArrayList<>();
        if (points == 1) {
            out.add(Math.sqrt(min * max));
            return out;
        }
        for (int i = 0; i < points; i++) {
            out.add(i == 0 ? min : i == points - 1 ? max : Math.exp(Math.log(min) + i * (Math.log(max) - Math.log(min)) / (points - 1)));
        }
        return out;
    }

    @Override
    public Object sampleAround(Object center, double share, RandomGenerator rng) {
        double lo = Math.log(min), hi = Math.log(max);
        double[] w = Uniform.window(Math.log(((Number) center).doubleValue()), share * (hi - lo), lo, hi);
        return clamp(Math.exp(w[0] + rng.nextDouble() * (w[1] - w[0])));
    }

    /** exp(ln(x)) can miss the range's ends by an ulp. */
    private double clamp(double v) {
        return Math.max(min, Math.min(max, v));
    }

    @Override
    public List<Object> extremes() {
        return List.of(min, max);
    }

    @Override
    public double coordinate(Object value) {
        return ((Number) value).doubleValue();
    }

    @Override
    public boolean logScale() {
        return true;
    }
}
