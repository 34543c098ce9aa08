package org.dendrite.core.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every optimizer by its {@link Optimizer#name() name}, each with PyTorch's default
 * hyperparameters. The list is written out here (no class-name lookup), so a name read from an
 * option or file can only select one of these.
 */
public final class Optimizers {
    private static final Map<String, Supplier<Optimizer>> BY_NAME = new LinkedHashMap<>();

    static {
        register(() -> new Sgd(Sgd.DEFAULT_LEARNING_RATE));
        register(() -> new ClassicMomentum(ClassicMomentum.DEFAULT_LEARNING_RATE));
        register(() -> new Adagrad(Adagrad.DEFAULT_LEARNING_RATE));
        register(() -> new RmsProp(RmsProp.DEFAULT_LEARNING_RATE));
        register(() -> new Adadelta(Adadelta.DEFAULT_LEARNING_RATE));
        register(() -> new Adam(Adam.DEFAULT_LEARNING_RATE));
        register(() -> new AdamW(AdamW.DEFAULT_LEARNING_RATE));
        register(() -> new AdaMax(AdaMax.DEFAULT_LEARNING_RATE));
        register(() -> new Nadam(Nadam.DEFAULT_LEARNING_RATE));
        register(() -> new Lbfgs(Lbfgs.DEFAULT_LEARNING_RATE));
    }

    private Optimizers() {}

    private static void register(Supplier<Optimizer> factory) {
        String name = factory.get().name();
        if (BY_NAME.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("Optimizer name '" + name + "' is registered twice");
        }
    }

    /** The registered names, in registration order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The optimizer called {@code name} with PyTorch's default hyperparameters. */
    public static Optimizer byName(String name) {
        Supplier<Optimizer> f = name == null ? null : BY_NAME.get(name);
        if (f == null) {
            throw new IllegalArgumentException("Unknown optimizer '" + name + "' (allowed: " + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return f.get();
    }
}
