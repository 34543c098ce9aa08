package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;

/**
 * A whole number in [min, max], each equally likely, or with {@code log} (min >= 1) log-uniform:
 * ln(x) uniform on [ln(min), ln(max + 1)) and rounded down, so 16..31 is as likely as 32..63 (widths).
 */
public record IntUniform(int min, int max, boolean log) implements Distribution {
    private static final long serialVersionUID = 1L;

    public IntUniform {
        if (max < min) {
            throw Check.invalid("max", "Invalid int range: max " + max + " is below min " + min);
        }
        if (log && min < 1) {
            throw Check.invalid("min", "Invalid int range: a log scale needs min >= 1, got " + min);
        }
    }

    /** Each whole number in [min, max] equally likely. */
    public IntUniform(int min, int max) {
        this(min, max, false);
    }

    @Override public String type() { return "int"; }

    @Override
    public Object sample(RandomGenerator rng) {
        return draw(min, max, rng);
    }

    private Integer draw(double lo, double hi, RandomGenerator rng) {
        if (!log) {
            long a = (long) Math.ceil(lo), b = (long) Math.floor(hi);
            return (int) (a + (long) (rng.nextDouble() * (b - a + 1)));
        }
        double l = Math.log(lo), h = Math.log(hi + 1);
        int v = (int) Math.floor(Math.exp(l + rng.nextDouble() * (h - l)));
        return Math.max(min, Math.min(max, v));
    }

    @Override
    public List<Object> grid(int points) {
        Check.atLeast("points", points, 1);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double t = points == 1 ? 0.5 : i / (double) (points - 1);
            double v = log ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min);
            Integer r = (int) Math.round(v);
            if (!out.contains(r)) out.add(r);
        }
        return out;
    }

    @Override
    public Object sampleAround(Object center, double share, RandomGenerator rng) {
        double c = ((Number) center).doubleValue();
        if (log) {
            double lo = Math.log(min), hi = Math.log(max + 1.0);
            double[] w = Uniform.window(Math.log(c + 0.5), share * (hi - lo), lo, hi);
            int v = (int) Math.floor(Math.exp(w[0] + rng.nextDouble() * (w[1] - w[0])));
            return Math.max(min, Math.min(max, v));
        }
        double[] w = Uniform.window(c + 0.5, share * (max + 1.0 - min), min, max + 1.0);
        int v = (int) Math.floor(w[0] + rng.nextDouble() * (w[1] - w[0]));
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
        return log;
    }
}
