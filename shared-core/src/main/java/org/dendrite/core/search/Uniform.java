package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;

/** Uniform on [min, max) (dropout rates, label smoothing): mean (min + max) / 2, variance (max - min)^2 / 12. */
public record Uniform(double min, double max) implements Distribution {
    private static final long serialVersionUID = 1L;

    public Uniform {
        if (!Double.isFinite(min)) throw Check.invalid("min", "Invalid uniform min: " + min + " (allowed: a finite number)");
        if (!Double.isFinite(max)) throw Check.invalid("max", "Invalid uniform max: " + max + " (allowed: a finite number)");
        if (!(max > min)) {
            throw Check.invalid("max", "Invalid uniform range: max " + max + " must be above min " + min);
        }
    }

    @Override public String type() { return "uniform"; }

    @Override
    public Object sample(RandomGenerator rng) {
        return min + rng.nextDouble() * (max - min);
    }

    @Override
    public List<Object> grid(int points) {
        Check.atLeast("points", points, 1);
        List<Object> out = new ArrayList<>();
        if (points == 1) {
            out.add((min + max) / 2);
            return out;
        }
        for (int i = 0; i < points; i++) out.add(i == points - 1 ? max : min + i * (max - min) / (points - 1));
        return out;
    }

    @Override
    public Object sampleAround(Object center, double share, RandomGenerator rng) {
        double[] w = window(((Number) center).doubleValue(), share * (max - min), min, max);
        return w[0] + rng.nextDouble() * (w[1] - w[0]);
    }

    /** The interval of {@code width} centred on {@code c}, shifted to lie inside [lo, hi] (never wider than it). */
    static double[] window(double c, double width, double lo, double hi) {
        double w = Math.min(width, hi - lo);
        double a = Math.max(lo, Math.min(hi - w, c - w / 2));
        return new double[] {a, a + w};
    }

    @Override
    public List<Object> extremes() {
        return List.of(min, max);
    }

    @Override
    public double coordinate(Object value) {
        return ((Number) value).doubleValue();
    }
}
