package org.dendrite.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dendrite.core.activation.Activations;
import org.dendrite.core.check.Check;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.io.SpecFormat;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.DataInit;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.regularization.Regularization;
import org.dendrite.core.schedule.Schedule;

/**
 * The flat options the Weka classifier and the Spark estimators offer, translated into a
 * {@link TrainingConfig} in one place, so both wrappers train alike and refuse the same values with
 * the same messages. A null network, optimizer or schedule means the default; {@code patience} 0 means
 * no early stopping; a non-blank {@code configJson} (the whole configuration as JSON) replaces every
 * other option (one set beside it to another value than the JSON's is refused: it would be ignored),
 * and the seed where the seed option is left at its default (a seed option set otherwise overrides
 * the JSON's: how meta-classifiers and repeated runs vary the seed of one configuration). Errors are
 * {@link InvalidSettingException}s naming the option.
 */
public record TrainingOptions(NetworkSpec network, int members, DataInit dataInit, Optimizer optimizer, Schedule schedule, int epochs, int batchSize, double l1,
                              double l2, long l2FullRows, double validationFraction, int patience, PreprocessingConfig.Scaling scaling, double labelSmoothing,
                              long seed, String configJson) {
    private static final TrainingConfig D = TrainingConfig.DEFAULT;

    /** The defaults: {@link TrainingConfig#DEFAULT}'s values. */
    public static final TrainingOptions DEFAULT = new TrainingOptions(null, D.network().members(), D.network().dataInit(), null, null, D.epochs(), D.batchSize(),
            D.regularization().l1(), D.regularization().l2(), D.regularization().l2FullRows(), D.validationFraction(), D.earlyStopping().patience(), D.preprocessing().scaling(),
            D.loss() instanceof SoftmaxCrossEntropy ce ? ce.labelSmoothing() : 0, D.seed(), "");

    public TrainingOptions {
        configJson = configJson == null ? "" : configJson;
    }

    /** The largest configuration file read (a configuration is a few kilobytes). */
    static final long MAX_CONFIG_FILE = 1 << 24;

    /**
     * The configuration {@code value} gives: the JSON itself, or where it is the path of a file on this
     * machine (it does not start with '{'), the file's, read as every Dendrite JSON file is (an initial
     * byte order mark skipped, errors naming the file, a byte that is not UTF-8 by its offset): a
     * search's best-config.json is given back as it was written.
     */
    static TrainingConfig readConfig(String value) {
        String t = value.trim();
        if (t.startsWith("{")) return SpecFormat.readTrainingConfig(value);
        java.nio.file.Path file;
        try {
            file = java.nio.file.Path.of(t);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("'" + Check.shorten(t) + "' is neither JSON (an object, starting with '{') nor a file path");
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            // it said "not valid JSON ... Unexpected character ('/')" for a path that is not there
            throw new IllegalArgumentException("'" + Check.shorten(t) + "' is neither JSON (an object, starting with '{') nor a file on this "
                    + "machine");
        }
        try {
            long size = java.nio.file.Files.size(file);
            // a configuration is a few kilobytes: a large file given by mistake is not read into memory
            if (size > MAX_CONFIG_FILE) throw new IllegalArgumentException("the file " + t + " holds " + size + " bytes; a configuration file "
                    + "holds at most " + MAX_CONFIG_FILE);
            return SpecFormat.readTrainingConfig(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the file " + t + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The training configuration these options describe (validated by the core). */
    public TrainingConfig toConfig() {
        if (!configJson.isBlank()) {
            TrainingConfig c;
            try {
                c = readConfig(configJson);
            } catch (IllegalArgumentException e) {
                throw Check.invalid("configJson", "Invalid configJson: " + e.getMessage());
            }
            String beside = besideConfigJson(c);
            if (beside != null) {
                // configJson is the whole configuration: an option set beside it, to another value, would be silently ignored
                throw new BesideConfigJson(beside);
            }
            // the JSON's seed (a search's chosen configuration holds the seed its refit trained with) unless the option gives one:
            // an option set away from the default is how repeated runs vary the seed of one configuration (Weka's Bagging and
            // RandomCommittee set each member's, the Experimenter each run's)
            return seed == D.seed() ? c : c.withSeed(seed);
        }
        EarlyStopping es = patience == 0 ? EarlyStopping.OFF
                : new EarlyStopping(D.earlyStopping().monitor(), patience, D.earlyStopping().minDelta(), D.earlyStopping().restoreBest());
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw Check.invalid("labelSmoothing", "Invalid labelSmoothing: " + labelSmoothing + " (allowed: 0 <= e < 1; 0 = none)");
        }
        return D.withNetwork((network == null ? D.network() : network).withMembers(members).withDataInit(dataInit == null ? D.network().dataInit() : dataInit))
                .withOptimizer(optimizer == null ? D.optimizer() : optimizer)
                .withSchedule(schedule == null ? D.schedule() : schedule).withEpochs(epochs).withBatchSize(batchSize)
                .withRegularization(new Regularization(l1, l2, false, false, 0, l2FullRows)).withValidationFraction(validationFraction)
                .withEarlyStopping(es).withPreprocessing(D.preprocessing().withScaling(scaling == null ? D.preprocessing().scaling() : scaling))
                .withLoss(labelSmoothing > 0 ? new SoftmaxCrossEntropy(labelSmoothing) : D.loss()).withSeed(seed);
    }

    /**
     * The refusal of an option ({@link #setting()}) set beside configJson to another value than the JSON's: a
     * wrapper names its own option and its own name for configJson (the message names the core's).
     */
    public static final class BesideConfigJson extends InvalidSettingException {
        private static final long serialVersionUID = 1L;

        BesideConfigJson(String setting) {
            super(setting, text(setting, "configJson"));
        }

        /** The refusal in a wrapper's names of the option and of configJson. */
        public static String text(String option, String configJson) {
            return "The option " + option + " is set beside " + configJson + ", which holds the whole training configuration and gives it "
                    + "another value: give it inside the JSON only, or leave " + option + " at its default";
        }
    }

    /** The configuration the default options describe (what an option left at its default gives). */
    private static final TrainingConfig PLAIN = DEFAULT.toConfig();

    /** What the flat options describe, by name, as a configuration holds it. */
    private static final List<java.util.Map.Entry<String, java.util.function.Function<TrainingConfig, Object>>> FLAT = List.of(
            java.util.Map.entry("network", c -> c.network().layers()), java.util.Map.entry("members", c -> c.network().members()),
            java.util.Map.entry("dataInit", c -> c.network().dataInit()), java.util.Map.entry("optimizer", TrainingConfig::optimizer),
            java.util.Map.entry("schedule", TrainingConfig::schedule), java.util.Map.entry("epochs", TrainingConfig::epochs),
            java.util.Map.entry("batchSize", TrainingConfig::batchSize), java.util.Map.entry("l1", c -> c.regularization().l1()),
            java.util.Map.entry("l2", c -> c.regularization().l2()), java.util.Map.entry("l2FullRows", c -> c.regularization().l2FullRows()),
            java.util.Map.entry("validationFraction", TrainingConfig::validationFraction),
            java.util.Map.entry("patience", c -> c.earlyStopping().patience()), java.util.Map.entry("scaling", c -> c.preprocessing().scaling()),
            java.util.Map.entry("labelSmoothing", TrainingConfig::loss));

    /**
     * The value configuration {@code c} gives flat option {@code option} ("network" for the layers,
     * "optimizer" for it and its rate, "labelSmoothing" for the loss, or another option's name), as
     * configJson's check compares it: whether a wrapper's option set beside configJson agrees with it.
     */
    public static Object setting(String option, TrainingConfig c) {
        for (var f : FLAT) if (f.getKey().equals(option)) return f.getValue().apply(c);
        throw new IllegalArgumentException("No flat option " + option);
    }

    /** A setting two configurations give different values: the flat option's name, and its value in each. */
    public record Difference(String option, Object before, Object now) {}

    /**
     * The first setting but the epochs in which {@code before} and {@code now} differ, named as a flat
     * option (the seed as {@code seed}, settings only the JSON holds as {@code configJson}), or null
     * when they are equal but for the epochs (what a continued run may change).
     */
    public static Difference differenceBesideEpochs(TrainingConfig before, TrainingConfig now) {
        if (now.withEpochs(before.epochs()).equals(before)) return null;
        for (var f : FLAT) {
            Object a = f.getValue().apply(before), b = f.getValue().apply(now);
            if (!f.getKey().equals("epochs") && !java.util.Objects.equals(a, b)) return new Difference(f.getKey(), a, b);
        }
        // a setting only the JSON holds: named by the configuration's field
        for (java.lang.reflect.RecordComponent c : TrainingConfig.class.getRecordComponents()) {
            try {
                Object a = c.getAccessor().invoke(before), b = c.getAccessor().invoke(now);
                if (!c.getName().equals("epochs") && !java.util.Objects.equals(a, b)) {
                    return c.getName().equals("seed") ? new Difference("seed", a, b) : new Difference("configJson", c.getName() + " " + a, c.getName() + " " + b);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Configurations differ in no field");
    }

    /**
     * The first option (but the seed, {@link #toConfig}) that is set away from its default and to another value than
     * the configJson's {@code json} gives, or null: configJson replaces it, so it would be ignored.
     */
    private String besideConfigJson(TrainingConfig json) {
        TrainingConfig flat = with("configJson", "").toConfig();
        for (var f : FLAT) {
            Object mine = f.getValue().apply(flat);
            if (!java.util.Objects.equals(mine, f.getValue().apply(PLAIN)) && !java.util.Objects.equals(mine, f.getValue().apply(json))) {
                return f.getKey();
            }
        }
        return null;
    }

    /**
     * Checks one option's value as {@link #toConfig} would (the other options at their defaults):
     * {@code option} is a component name ({@code epochs}, {@code batchSize}, {@code l1}, {@code l2}, {@code l2FullRows},
     * {@code validationFraction}, {@code patience}, {@code configJson}, {@code seed}). For the Spark params' validators.
     */
    public static void check(String option, Object value) {
        DEFAULT.with(option, value).toConfig();
    }

    /** These options with {@code option} (a component name) set to {@code value}. */
    public TrainingOptions with(String option, Object value) {
        NetworkSpec n = network;
        int m = members, e = epochs, b = batchSize, p = patience;
        long s = seed;
        DataInit di = dataInit;
        long fr = l2FullRows;
        double a = l1, c = l2, v = validationFraction, ls = labelSmoothing;
        PreprocessingConfig.Scaling sc = scaling;
        String json = configJson;
        switch (option) {
            case "members" -> m = ((Number) value).intValue();
            case "dataInit" -> di = DataInit.named(String.valueOf(value));
            case "epochs" -> e = ((Number) value).intValue();
            case "batchSize" -> b = ((Number) value).intValue();
            case "l1" -> a = ((Number) value).doubleValue();
            case "l2" -> c = ((Number) value).doubleValue();
            case "l2FullRows" -> fr = ((Number) value).longValue();
            case "validationFraction" -> v = ((Number) value).doubleValue();
            case "patience" -> p = ((Number) value).intValue();
            case "labelSmoothing" -> ls = ((Number) value).doubleValue();
            case "scaling" -> sc = scaling(String.valueOf(value));
            case "configJson" -> json = (String) value;
            case "seed" -> s = ((Number) value).longValue();
            default -> throw new IllegalArgumentException("Unknown training option '" + option + "'");
        }
        return new TrainingOptions(n, m, di, optimizer, schedule, e, b, a, c, fr, v, p, sc, ls, s, json);
    }

    /** The scaling named {@code name} (standard, robust; case-insensitive). */
    public static PreprocessingConfig.Scaling scaling(String name) {
        for (PreprocessingConfig.Scaling s : PreprocessingConfig.Scaling.values()) {
            if (s.name().equalsIgnoreCase(name == null ? "" : name.trim())) return s;
        }
        throw Check.invalid("scaling", "Invalid scaling: " + name + " (allowed: standard, robust)");
    }

    /**
     * The network written flat, as Spark's params give it: {@code inputLayers}, comma-separated layer
     * types with their defaults that come first ("category_embedding" (only first), "scale",
     * "periodic_embedding"; "" = none), then
     * {@code hiddenLayers}, the units per dense layer, comma-separated ("" = none), each with
     * {@code activation}, {@code batchNorm} (none, before_activation, after_activation) and
     * {@code dropout} after it.
     */
    public static NetworkSpec network(String inputLayers, String hiddenLayers, String activation, double dropout, String batchNorm) {
        List<LayerSpec> layers = new ArrayList<>();
        String all = inputLayers == null ? "" : inputLayers.trim();
        for (String t : all.isEmpty() ? new String[0] : all.split(",", -1)) {
            String type = t.trim().toLowerCase(Locale.ROOT);
            if (type.equals("scale")) {
                layers.add(org.dendrite.core.layer.ScaleSpec.DEFAULT);
            } else if (type.equals("periodic_embedding") || type.equals("periodic")) {
                layers.add(org.dendrite.core.layer.PeriodicEmbeddingSpec.DEFAULT);
            } else if (type.equals("category_embedding")) {
                if (!layers.isEmpty()) {
                    throw Check.invalid("inputLayers", "Invalid inputLayers: category_embedding reads the one-hot blocks of the inputs, so "
                            + "it must come first");
                }
                layers.add(org.dendrite.core.layer.CategoryEmbeddingSpec.DEFAULT);
            } else {
                throw Check.invalid("inputLayers", "Invalid inputLayers: '" + t.trim() + "' (allowed: category_embedding, scale, "
                        + "periodic_embedding, comma-separated, or empty)");
            }
        }
        layers.addAll(network(hiddenLayers, activation, dropout, batchNorm).layers());
        return new NetworkSpec(layers);
    }

    /** {@link #network(String, String, String, double, String)} without input layers. */
    public static NetworkSpec network(String hiddenLayers, String activation, double dropout, String batchNorm) {
        String units = hiddenLayers == null ? "" : hiddenLayers.trim();
        if (!units.matches("(\\d+\\s*(,\\s*\\d+\\s*)*)?")) {
            throw Check.invalid("hiddenLayers", "Invalid hiddenLayers: '" + hiddenLayers + "' (allowed: units per hidden layer, comma-separated "
                    + "whole numbers >= 1 or 0 (chosen from the number of training rows), e.g. \"64,32\"; empty for none)");
        }
        DenseSpec.BatchNorm norm = batchNorm(batchNorm);
        List<LayerSpec> layers = new ArrayList<>();
        if (!units.isEmpty()) {
            for (String u : units.split(",")) {
                int n;
                try {
                    n = Integer.parseInt(u.trim());
                } catch (NumberFormatException e) {
                    throw Check.invalid("hiddenLayers", "Invalid hiddenLayers: '" + u.trim() + "' is not a whole number of units");
                }
                layers.add(new DenseSpec(n, activation(activation), null, true, norm, dropout));
            }
        } else {
            // the per-layer settings are checked even without layers, so a bad value is never silently ignored
            new DenseSpec(1, activation(activation), null, true, norm, dropout);
        }
        return new NetworkSpec(layers);
    }

    private static org.dendrite.core.activation.Activation activation(String name) {
        try {
            return Activations.byName(name);
        } catch (IllegalArgumentException e) {
            throw Check.invalid("activation", e.getMessage());
        }
    }

    /** The batch-norm placement named {@code name} (case-insensitive). */
    public static DenseSpec.BatchNorm batchNorm(String name) {
        for (DenseSpec.BatchNorm b : DenseSpec.BatchNorm.values()) {
            if (b.name().equalsIgnoreCase(name == null ? "" : name.trim())) return b;
        }
        throw Check.invalid("batchNorm", "Invalid batchNorm: " + name + " (allowed: " + batchNormNames() + ")");
    }

    /** The batch-norm placements' names, for option descriptions. */
    public static String batchNormNames() {
        List<String> names = new ArrayList<>();
        for (DenseSpec.BatchNorm b : DenseSpec.BatchNorm.values()) names.add(b.name().toLowerCase(Locale.ROOT));
        return String.join(", ", names);
    }

    /** The optimizer {@code name} (sgd, adam, ...) with its defaults but {@code learningRate}. */
    public static Optimizer optimizer(String name, double learningRate) {
        Check.learningRate(learningRate);
        try {
            return SpecFormat.optimizer(name, learningRate);
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw Check.invalid("optimizer", e.getMessage());
        }
    }
}
