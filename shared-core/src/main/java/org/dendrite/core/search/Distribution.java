package org.dendrite.core.search;

import java.io.Serializable;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How a searched parameter's values are drawn: {@link LogUniform} (learning rates, penalties: every
 * decade equally likely), {@link Uniform}, {@link IntUniform} (widths, depths, optionally on a log
 * scale) and {@link Choice} (names, switches, a few listed values). Random search draws from it
 * (Bergstra and Bengio 2012, "Random Search for Hyper-Parameter Optimization"), grid search takes
 * evenly spaced points of it, and the coarse-to-fine zoom draws from a narrowed window around a good
 * value. Values are {@code Double}, {@code Integer}, {@code String} or {@code Boolean}.
 */
public sealed interface Distribution extends Serializable permits LogUniform, Uniform, IntUniform, Choice {
    /** The name used in the search-space JSON ({@code log_uniform}, {@code uniform}, {@code int}, {@code choice}). */
    String type();

    /** One value drawn from the whole distribution. */
    Object sample(RandomGenerator rng);

    /**
     * At most {@code points} values spread evenly over the range (on the distribution's own scale),
     * ends included, without repeats; a choice gives all its values whatever {@code points}.
     */
    List<Object> grid(int points);

    /**
     * One value drawn from the window around {@code center} that covers {@code share} (0 to 1) of
     * the range on the distribution's own scale, shifted to lie inside the range; a choice keeps
     * {@code center} with probability 1 - share and otherwise draws any of its values.
     */
    Object sampleAround(Object center, double share, RandomGenerator rng);

    /** The values that must each be allowed for the parameter: a range's two ends, or every choice. */
    List<Object> extremes();

    /** Where {@code value} lies on a plot's x axis: the number itself, or a choice's index. */
    double coordinate(Object value);

    /** True when the values are spread on a log scale (a plot's x axis follows). */
    default boolean logScale() {
        return false;
    }
}
