package org.dendrite.core.search;

import java.io.Serializable;
import org.dendrite.core.check.Check;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.train.TrainingConfig;

/**
 * One searched setting: a name from {@link ConfigParameters} and the distribution its values are
 * drawn from. Validated at construction: the name must exist, the distribution must suit the
 * parameter's kind (a number range for a rate, whole numbers for a width, names for an optimizer),
 * and each of its extreme values (a range's ends, every choice) must be a value the core accepts
 * for it, checked by applying it to {@link TrainingConfig#DEFAULT}.
 */
public record SearchParameter(String name, Distribution distribution) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SearchParameter {
        ConfigParameters.Entry e = ConfigParameters.get(name);
        if (distribution == null) {
            throw Check.invalid(name, "Search parameter " + name + " needs a distribution");
        }
        boolean fits = switch (e.kind()) {
            case REAL -> distribution instanceof LogUniform || distribution instanceof Uniform || numbers(distribution);
            case INTEGER -> distribution instanceof IntUniform || (numbers(distribution) && wholeNumbers(distribution));
            case NAME -> distribution instanceof Choice c && c.values().stream().allMatch(v -> v instanceof String);
            case SWITCH -> distribution instanceof Choice c && c.values().stream().allMatch(v -> v instanceof Boolean);
        };
        if (!fits) {
            throw Check.invalid(name, "Search parameter " + name + " takes " + ConfigParameters.describe(e.kind()) + "; a "
                    + distribution.type() + " distribution " + describe(distribution) + " does not fit (allowed: " + allowed(e.kind()) + ")");
        }
        if (e.kind() == ConfigParameters.Kind.INTEGER && distribution instanceof Choice c && !c.values().stream().allMatch(v -> v instanceof Integer)) {
            // a JSON 16.0 is the whole number 16: drawn, shown and written as one
            distribution = new Choice(c.values().stream().map(v -> (Object) ((Number) v).intValue()).toList());
        }
        for (Object v : distribution.extremes()) {
            try {
                e.apply(TrainingConfig.DEFAULT, v);
            } catch (InvalidSettingException x) {
                throw Check.invalid(name, x.getMessage() + " (every value of the distribution must be allowed)");
            }
        }
    }

    private static boolean numbers(Distribution d) {
        return d instanceof Choice c && c.values().stream().allMatch(v -> v instanceof Number);
    }

    /**
     * Whole numbers within the int range, as the parameter takes them ({@code ConfigParameters}): a JSON
     * {@code 16.0} is one (docs/model-format.md: whole-number fields take {@code 6}, also {@code 6.0}).
     */
    private static boolean wholeNumbers(Distribution d) {
        return ((Choice) d).values().stream().allMatch(v -> v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE);
    }

    /** The distribution for a message; a choice's names in quotes, so that the name "true" is not read as the switch true. */
    private static String describe(Distribution d) {
        if (!(d instanceof Choice c)) return d.toString();
        return "of " + c.values().stream().map(v -> v instanceof String s ? "\"" + Check.shorten(s) + "\"" : String.valueOf(v))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static String allowed(ConfigParameters.Kind k) {
        return switch (k) {
            case REAL -> "log_uniform, uniform, or a choice of numbers";
            case INTEGER -> "int, or a choice of whole numbers";
            case NAME -> "a choice of strings";
            case SWITCH -> "a choice of true/false";
        };
    }

    /** {@code base} with this parameter set to {@code value}. */
    public TrainingConfig apply(TrainingConfig base, Object value) {
        return ConfigParameters.get(name).apply(base, value);
    }
}
