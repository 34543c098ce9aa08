package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;

/**
 * One of a list of values, each equally likely: names (an optimizer, a scaling), switches (true,
 * false) or a few numbers. Numbers are kept as {@code Integer} when whole and within the int range
 * (so {@code [16, 32, 64]} are batch sizes), otherwise as {@code Double}.
 */
public record Choice(List<Object> values) implements Distribution {
    private static final long serialVersionUID = 1L;

    public Choice {
        if (values == null || values.isEmpty()) {
            throw Check.invalid("values", "A choice needs at least one value");
        }
        List<Object> norm = new ArrayList<>();
        for (Object v : values) norm.add(normalize(v));
        // numbers compared by value: 16 and 16.0 are one batch size
        if (new HashSet<>(norm.stream().map(v -> v instanceof Number n ? (Object) n.doubleValue() : v).toList()).size() != norm.size()) {
            throw Check.invalid("values", "A choice lists a value twice: " + norm);
        }
        values = List.copyOf(norm);
    }

    /** A choice among {@code values}. */
    public static Choice of(Object... values) {
        return new Choice(List.of(values));
    }

    private static Object normalize(Object v) {
        if (v instanceof String || v instanceof Boolean || v instanceof Integer) return v;
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) throw Check.invalid("values", "A choice's number must be finite, got " + v);
            if ((v instanceof Long || v instanceof Short || v instanceof Byte) && d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
            return d;
        }
        throw Check.invalid("values", "A choice's values are strings, numbers or true/false, got " + (v == null ? "null" : v.getClass().getSimpleName()));
    }

    @Override public String type() { return "choice"; }

    @Override
    public Object sample(RandomGenerator rng) {
        return values.get(rng.nextInt(values.size()));
    }

    @Override
    public List<Object> grid(int points) {
        return values;
    }

    @Override
    public Object sampleAround(Object center, double share, RandomGenerator rng) {
        double u = rng.nextDouble();
        return u < share ? sample(rng) : center;
    }

    @Override
    public List<Object> extremes() {
        return values;
    }

    @Override
    public double coordinate(Object value) {
        int i = values.indexOf(value);
        return i >= 0 ? i : Double.NaN;
    }
}
