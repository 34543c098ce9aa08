package org.dendrite.core.train;

import java.util.Locale;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.optim.Sgd;

/**
 * How rounds of local steps combine the shards' weight changes: the loop applies their weighted
 * mean as a pseudo-gradient with this optimizer ({@link GradientSource#outerOptimizer}).
 */
public enum OuterOptimizer {
    /** SGD at rate 1: the model becomes the shards' weighted mean (model averaging). */
    AVERAGE(new Sgd(1)),
    /** DiLoCo's outer step (Douillard et al. 2023): Nesterov momentum 0.9 at rate 0.7. */
    NESTEROV(new Sgd(0.7, 0.9, 0, true, 0));

    private final Optimizer optimizer;

    OuterOptimizer(Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The outer optimizer called {@code name} (average or nesterov, any case); an error naming the allowed ones otherwise. */
    public static OuterOptimizer named(String name) {
        for (OuterOptimizer o : values()) {
            if (o.name().equalsIgnoreCase(name == null ? "" : name.trim())) return o;
        }
        throw new IllegalArgumentException("Invalid outerOptimizer: " + name + " (allowed: average, nesterov)");
    }

    /** The name options use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
