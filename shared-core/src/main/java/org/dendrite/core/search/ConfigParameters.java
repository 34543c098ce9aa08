package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.dendrite.core.activation.Activations;
import org.dendrite.core.check.Check;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.io.SpecFormat;
import org.dendrite.core.layer.CategoryEmbeddingSpec;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.layer.PeriodicEmbeddingSpec;
import org.dendrite.core.loss.MemberMean;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Optimizers;
import org.dendrite.core.regularization.Regularization;
import org.dendrite.core.train.TrainingConfig;

/**
 * The fixed list of training settings a search may vary, each one function from a base
 * configuration and a value to the configuration with that value (docs/model-format.md, "Search
 * spaces", lists them). Values are applied in this list's order, so an optimizer is chosen before
 * its learning rate is set and the depth before the width. Every value is validated by the core
 * record it ends up in; a failure names the search parameter. The network's shape is always derived
 * from the base configuration, never from a fixed default. Adding a parameter is one
 * {@code register} line here.
 */
public final class ConfigParameters {
    /** What kind of value a parameter takes (which distributions fit it). */
    public enum Kind {
        /** a real number: log_uniform, uniform, or a choice of numbers */
        REAL,
        /** a whole number: int, or a choice of whole numbers */
        INTEGER,
        /** a name: a choice of strings */
        NAME,
        /** true or false: a choice of booleans */
        SWITCH
    }

    /** One searchable setting: its name, kind, a description for the docs and options, and how it changes a configuration. */
    public record Entry(String name, Kind kind, String description, BiFunction<TrainingConfig, Object, TrainingConfig> setter) {
        /** {@code base} with this parameter set to {@code value}; an unsuitable value is an error naming the parameter. */
        public TrainingConfig apply(TrainingConfig base, Object value) {
            Object v = convert(value);
            try {
                return setter.apply(base, v);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(name, "Search parameter " + name + " = " + value + ": " + e.getMessage());
            }
        }

        private Object convert(Object value) {
            boolean ok = switch (kind) {
                case REAL -> value instanceof Number;
                case INTEGER -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                        && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE;
                case NAME -> value instanceof String;
                case SWITCH -> value instanceof Boolean;
            };
            if (!ok) {
                throw new InvalidSettingException(name, "Search parameter " + name + " takes " + describe(kind) + ", got " + value
                        + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")"));
            }
            return kind == Kind.REAL ? (Object) ((Number) value).doubleValue() : kind == Kind.INTEGER ? (Object) ((Number) value).intValue() : value;
        }
    }

    private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();

    static {
        register("optimizer", Kind.NAME, "the optimizer by name (" + String.join(", ", Optimizers.names()) + "), with its defaults and "
                + "the base configuration's learning rate", (c, v) -> c.withOptimizer(SpecFormat.optimizer((String) v, c.optimizer().learningRate())));
        register("learningRate", Kind.REAL, "the optimizer's learning rate (> 0)",
                (c, v) -> c.withOptimizer(SpecFormat.optimizerWith(c.optimizer(), "learningRate", (Double) v)));
        register("weightDecay", Kind.REAL, "the optimizer's weight decay (>= 0; decoupled in AdamW, L2 on the gradient otherwise)",
                (c, v) -> c.withOptimizer(SpecFormat.optimizerWith(c.optimizer(), "weightDecay", (Double) v)));
        register("l1", Kind.REAL, "the L1 penalty on weights (>= 0)", (c, v) -> {
            Regularization r = c.regularization();
            return c.withRegularization(r.withL1((Double) v));
        });
        register("l2", Kind.REAL, "the L2 penalty on weights (>= 0)", (c, v) -> {
            Regularization r = c.regularization();
            return c.withRegularization(r.withL2((Double) v));
        });
        register("hiddenLayers", Kind.INTEGER, "the depth: that many copies of the base network's first dense layer (>= 0; layers before "
                + "it, such as an embedding, are kept)", (c, v) -> c.withNetwork(depth(c.network(), (Integer) v)));
        register("units", Kind.INTEGER, "the width: the units of every hidden dense layer (>= 1)",
                (c, v) -> c.withNetwork(dense(c.network(), d -> d.withUnits((Integer) v))));
        register("activation", Kind.NAME, "the activation of every hidden dense layer (" + Activations.names() + ")",
                (c, v) -> c.withNetwork(dense(c.network(), d -> new DenseSpec(d.units(), Activations.byName((String) v), d.initializer(), d.bias(),
                        d.batchNorm(), d.dropout()))));
        register("dropout", Kind.REAL, "the dropout rate after every hidden dense layer (0 <= rate < 1)",
                (c, v) -> c.withNetwork(dense(c.network(), d -> d.withDropout((Double) v))));
        register("periodicEmbedding", Kind.SWITCH, "periodic embeddings of the inputs (PBLD) in front of the network: true adds "
                + "the default one where there is none, false removes any", (c, v) -> c.withNetwork(embedding(c.network(), (Boolean) v)));
        register("members", Kind.INTEGER, "the ensemble size (NetworkSpec.members; 1 = a single network)",
                (c, v) -> c.withNetwork(c.network().withMembers((Integer) v)));
        register("dataInit", Kind.NAME, "how the hidden layers start from the training rows (none, biases, scaled; NetworkSpec.dataInit)",
                (c, v) -> c.withNetwork(c.network().withDataInit(org.dendrite.core.network.DataInit.named((String) v))));
        register("batchSize", Kind.INTEGER, "rows per optimizer step (>= 1)", (c, v) -> c.withBatchSize((Integer) v));
        register("epochs", Kind.INTEGER, "the training length (>= 1); only for a search that trains every trial to its end "
                + "(elsewhere epochs are the scheduler's budget)", (c, v) -> c.withEpochs((Integer) v));
        register("scaling", Kind.NAME, "how numeric inputs are scaled (standard, robust)",
                (c, v) -> c.withPreprocessing(c.preprocessing().withScaling(scaling((String) v))));
        register("labelSmoothing", Kind.REAL, "label smoothing of softmax cross-entropy (0 <= e < 1; nominal targets only)",
                (c, v) -> c.withLoss(smoothing(c, (Double) v)));
    }

    private ConfigParameters() {}

    private static void register(String name, Kind kind, String description, BiFunction<TrainingConfig, Object, TrainingConfig> setter) {
        if (BY_NAME.putIfAbsent(name, new Entry(name, kind, description, setter)) != null) {
            throw new IllegalStateException("Search parameter '" + name + "' is registered twice");
        }
    }

    /** The parameter names, in the order their values are applied. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The parameter called {@code name}; an unknown name is an error listing the allowed ones. */
    public static Entry get(String name) {
        Entry e = name == null ? null : BY_NAME.get(name);
        if (e == null) {
            throw Check.invalid("parameters", "Unknown search parameter '" + name + "'; allowed: " + String.join(", ", BY_NAME.keySet()));
        }
        return e;
    }

    /** {@code base} with every value of {@code values} applied, in this list's order. */
    public static TrainingConfig apply(TrainingConfig base, Map<String, Object> values) {
        for (String n : values.keySet()) get(n);
        TrainingConfig c = base;
        for (Entry e : BY_NAME.values()) {
            if (values.containsKey(e.name())) c = e.apply(c, values.get(e.name()));
        }
        return c;
    }

    static String describe(Kind kind) {
        return switch (kind) {
            case REAL -> "a number";
            case INTEGER -> "a whole number";
            case NAME -> "a name (string)";
            case SWITCH -> "true or false";
        };
    }

    private static NetworkSpec dense(NetworkSpec n, UnaryOperator<DenseSpec> change) {
        List<LayerSpec> layers = new ArrayList<>();
        for (LayerSpec l : n.layers()) layers.add(l instanceof DenseSpec d ? change.apply(d) : l);
        return n.withLayers(layers);
    }

    /** Layers before the first dense layer kept, then {@code depth} copies of that layer (the default layer when there is none). */
    private static NetworkSpec depth(NetworkSpec n, int depth) {
        Check.atLeast("hiddenLayers", depth, 0);
        List<LayerSpec> layers = new ArrayList<>();
        DenseSpec template = null;
        for (LayerSpec l : n.layers()) {
            if (l instanceof DenseSpec d) {
                template = d;
                break;
            }
            layers.add(l);
        }
        if (template == null) template = NetworkSpec.DEFAULT_LAYER;
        for (int i = 0; i < depth; i++) layers.add(template);
        return n.withLayers(layers);
    }

    private static NetworkSpec embedding(NetworkSpec n, boolean on) {
        List<LayerSpec> layers = new ArrayList<>();
        boolean has = false;
        for (LayerSpec l : n.layers()) {
            if (l instanceof PeriodicEmbeddingSpec) {
                has = true;
                if (!on) continue;
            }
            layers.add(l);
        }
        // in front of the network, but behind a category embedding, which must read the raw inputs first
        if (on && !has) layers.add(!layers.isEmpty() && layers.get(0) instanceof CategoryEmbeddingSpec ? 1 : 0, PeriodicEmbeddingSpec.DEFAULT);
        return n.withLayers(layers);
    }

    private static PreprocessingConfig.Scaling scaling(String name) {
        for (PreprocessingConfig.Scaling s : PreprocessingConfig.Scaling.values()) {
            if (s.name().equalsIgnoreCase(name)) return s;
        }
        List<String> allowed = new ArrayList<>();
        for (PreprocessingConfig.Scaling s : PreprocessingConfig.Scaling.values()) allowed.add(s.name().toLowerCase(Locale.ROOT));
        throw new IllegalArgumentException("unknown scaling '" + name + "'; allowed: " + String.join(", ", allowed));
    }

    private static SoftmaxCrossEntropy smoothing(TrainingConfig c, double e) {
        org.dendrite.core.loss.Loss l = c.loss() instanceof MemberMean m ? m.loss() : c.loss();
        if (l != null && !(l instanceof SoftmaxCrossEntropy)) {
            throw new IllegalArgumentException("label smoothing needs softmax cross-entropy, but the base configuration's loss is " + l.name());
        }
        return new SoftmaxCrossEntropy(e);
    }
}
