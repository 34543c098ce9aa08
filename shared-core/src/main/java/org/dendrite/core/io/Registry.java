package org.dendrite.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dendrite.core.activation.Activation;
import org.dendrite.core.activation.Activations;
import org.dendrite.core.init.Constant;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.init.Initializers;
import org.dendrite.core.init.Normal;
import org.dendrite.core.init.Uniform;
import org.dendrite.core.init.VarianceScaling;
import org.dendrite.core.layer.ActivationSpec;
import org.dendrite.core.layer.BatchNormSpec;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.DropoutSpec;
import org.dendrite.core.layer.LayerNormSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.loss.Losses;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.optim.Optimizers;
import org.dendrite.core.schedule.ConstantSchedule;
import org.dendrite.core.schedule.Cosine;
import org.dendrite.core.schedule.Cyclic;
import org.dendrite.core.schedule.Exponential;
import org.dendrite.core.schedule.MultiStep;
import org.dendrite.core.schedule.OneCycle;
import org.dendrite.core.schedule.Power;
import org.dendrite.core.schedule.ReduceOnPlateau;
import org.dendrite.core.schedule.Schedule;
import org.dendrite.core.schedule.StepDecay;
import org.dendrite.core.schedule.WarmUp;

/**
 * The fixed list of type names a spec or model file may use, per family (activation, initializer,
 * layer, loss, optimizer, schedule). A file names a type; this registry maps the name to a known
 * class and a default instance that supplies every field the file leaves out. Nothing is ever
 * loaded by a class name read from a file. Adding a type is one {@code register} line here.
 */
final class Registry {
    /**
     * One registered name: its record class, the instance giving default field values, and the fields
     * that have no default (a spec must give them; such a type is never written as a bare name).
     */
    record Entry(String name, Class<?> type, Object defaults, boolean preset, Set<String> required) {}

    private static final Map<Class<?>, Map<String, Entry>> FAMILIES = new LinkedHashMap<>();

    static {
        for (Activation a : Activations.ALL) register(Activation.class, a.name(), a, false);
        // initializers: the named presets, then the parameterized types
        for (Initializer i : Initializers.ALL) {
            if (i instanceof VarianceScaling) register(Initializer.class, i.name(), i, true);
        }
        register(Initializer.class, "zeros", new Constant(0f), true);
        register(Initializer.class, "constant", new Constant(0f), false);
        register(Initializer.class, "normal", new Normal(), false);
        register(Initializer.class, "uniform", new Uniform(), false);
        register(Initializer.class, "variance_scaling", Initializer.OUTPUT, false);

        // a dense layer's width has no sensible default: "units" is required (the 1 here only completes the record)
        register(LayerSpec.class, "dense", new DenseSpec(1, new org.dendrite.core.activation.Relu()), false, "units");
        register(LayerSpec.class, "activation", new ActivationSpec(new org.dendrite.core.activation.Relu()), false);
        register(LayerSpec.class, "batch_norm", new BatchNormSpec(), false);
        register(LayerSpec.class, "layer_norm", new LayerNormSpec(), false);
        register(LayerSpec.class, "dropout", new DropoutSpec(0.5), false);
        register(LayerSpec.class, "periodic_embedding", org.dendrite.core.layer.PeriodicEmbeddingSpec.DEFAULT, false);
        register(LayerSpec.class, "scale", org.dendrite.core.layer.ScaleSpec.DEFAULT, false);
        register(LayerSpec.class, "category_embedding", org.dendrite.core.layer.CategoryEmbeddingSpec.DEFAULT, false);

        for (Loss l : Losses.ALL) register(Loss.class, l.name(), l, false);
        register(Loss.class, "member_mean", new org.dendrite.core.loss.MemberMean(new org.dendrite.core.loss.SoftmaxCrossEntropy(), 1), false);

        // the optimizer names and defaults are the core's own registry's (one source of truth)
        for (String name : Optimizers.names()) register(Optimizer.class, name, Optimizers.byName(name), false);

        register(Schedule.class, "constant", new ConstantSchedule(), false);
        // the schedules' default instances are their records' own DEFAULT constants (one source of truth)
        for (Schedule s : List.of(StepDecay.DEFAULT, MultiStep.DEFAULT, Exponential.DEFAULT, Power.DEFAULT, Cosine.DEFAULT, Cyclic.DEFAULT,
                OneCycle.DEFAULT, WarmUp.DEFAULT, ReduceOnPlateau.DEFAULT)) {
            register(Schedule.class, s.name(), s, false);
        }

        // a hyperparameter search's sampler and scheduler (io.SearchFormat)
        register(org.dendrite.core.search.Sampler.class, "random", new org.dendrite.core.search.RandomSampler(), false);
        register(org.dendrite.core.search.Sampler.class, "grid", org.dendrite.core.search.GridSampler.DEFAULT, false);
        register(org.dendrite.core.search.Sampler.class, "zoom", org.dendrite.core.search.ZoomSampler.DEFAULT, false);
        register(org.dendrite.core.search.Scheduler.class, "full_budget", org.dendrite.core.search.FullBudget.DEFAULT, false);
        register(org.dendrite.core.search.Scheduler.class, "successive_halving", org.dendrite.core.search.SuccessiveHalving.DEFAULT, false);
        register(org.dendrite.core.search.Scheduler.class, "hyperband", org.dendrite.core.search.Hyperband.DEFAULT, false);
        register(org.dendrite.core.search.Scheduler.class, "asha", org.dendrite.core.search.Asha.DEFAULT, false);
    }

    private Registry() {}

    /**
     * Registers {@code name} in {@code family}; a preset is a fixed instance written as its bare name;
     * {@code required} lists the fields a spec must give (the others default to {@code defaults}' values).
     */
    static synchronized void register(Class<?> family, String name, Object defaults, boolean preset, String... required) {
        Map<String, Entry> f = FAMILIES.computeIfAbsent(family, k -> new LinkedHashMap<>());
        if (f.containsKey(name)) {
            throw new IllegalStateException("Type name '" + name + "' is registered twice in " + family.getSimpleName());
        }
        f.put(name, new Entry(name, defaults.getClass(), defaults, preset, Set.of(required)));
    }

    /** The name a type of {@code family} is written with when it is not one of its presets. */
    static String typeName(Class<?> family, Class<?> type) {
        for (Entry e : FAMILIES.get(family).values()) if (!e.preset() && e.type() == type) return e.name();
        throw new IllegalStateException(type.getSimpleName() + " is not a registered " + familyName(family));
    }

    static boolean isFamily(Class<?> c) {
        return FAMILIES.containsKey(c);
    }

    static Entry lookup(Class<?> family, String name, String path) {
        Entry e = FAMILIES.get(family).get(alias(family, name));
        if (e == null) {
            throw new ModelFormatException(path + ": unknown " + familyName(family) + " '" + JsonValue.shorten(name) + "'; allowed: " + names(family));
        }
        return e;
    }

    /** The entry that writes {@code value}: its preset when it equals one, else its type's entry. */
    static Entry entryFor(Class<?> family, Object value) {
        Entry byType = null;
        for (Entry e : FAMILIES.get(family).values()) {
            if (e.preset() && e.defaults().equals(value)) {
                return e;
            }
            if (!e.preset() && e.type() == value.getClass() && (byType == null || e.defaults().equals(value))) {
                byType = e;
            }
        }
        if (byType == null) {
            throw new IllegalArgumentException(value.getClass().getSimpleName() + " is not a registered " + familyName(family)
                    + " type and cannot be written to a spec");
        }
        return byType;
    }

    static String names(Class<?> family) {
        List<String> n = new ArrayList<>(FAMILIES.get(family).keySet());
        return String.join(", ", n);
    }

    /**
     * The registered name of a type the docs also call otherwise, as the flat options take it: the
     * activation "linear" (identity), the initializers "glorot_uniform" and "glorot_normal" (xavier_*).
     */
    private static String alias(Class<?> family, String name) {
        if (family == Activation.class && "linear".equals(name)) return "identity";
        if (family == Initializer.class && name != null && name.startsWith("glorot_")) return "xavier_" + name.substring(7);
        return name;
    }

    static String familyName(Class<?> family) {
        return switch (family.getSimpleName()) {
            case "LayerSpec" -> "layer type";
            default -> family.getSimpleName().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
