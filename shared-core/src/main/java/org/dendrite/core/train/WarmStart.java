package org.dendrite.core.train;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Task;
import org.dendrite.core.io.ModelFormatException;
import org.dendrite.core.io.ModelIO;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.network.DataInit;
import org.dendrite.core.network.NetworkSpec;

/**
 * Training that continues from a trained model instead of a fresh network: its architecture,
 * weights, input preprocessing and (numeric target) target scaling, which its weights expect; the
 * first {@code frozenLayers} layers with weights keep their values. {@link #NONE}: a fresh network.
 */
public record WarmStart(Model initial, int frozenLayers) {
    public static final WarmStart NONE = new WarmStart(null, 0);

    public WarmStart {
        if (initial == null && frozenLayers != 0) {
            throw new IllegalArgumentException("Invalid number of frozen layers: " + frozenLayers + " without an initial model to freeze layers of");
        }
        if (initial != null) {
            int parameterized = 0;
            for (Layer l : initial.network().layers()) if (!l.parameters().isEmpty()) parameterized++;
            if (frozenLayers < 0 || frozenLayers > parameterized) {
                throw new IllegalArgumentException("Invalid number of frozen layers: " + frozenLayers + " (allowed: 0.." + parameterized
                        + ", the initial model's layers with weights)");
            }
        }
    }

    /**
     * The warm start a wrapper's two options describe: the model JSON at {@code path} (blank: none)
     * with its first {@code frozenLayers} layers with weights frozen. Errors name the option ({@code
     * pathOption}, {@code frozenOption}) and what is wrong: a damaged or missing file is a {@link
     * ModelFormatException} naming the file.
     */
    public static WarmStart read(String path, String pathOption, int frozenLayers, String frozenOption) {
        Model initial = null;
        if (path != null && !path.isBlank()) {
            try {
                Path file = Path.of(path);
                // a saved Spark model is a folder holding the model JSON: named, where it said only "is a directory"
                if (java.nio.file.Files.isDirectory(file) && java.nio.file.Files.isRegularFile(file.resolve("model.json"))) {
                    throw new IllegalArgumentException(pathOption + ": '" + path + "' is a folder (a saved Spark model or a -diagnostics run); "
                            + "give the model JSON in it: " + file.resolve("model.json"));
                }
                initial = ModelIO.read(file);
            } catch (ModelFormatException e) {
                // a Weka model saved with -d is Java-serialized: it is loaded with -l, not read as a model JSON
                String weka = e.getMessage().contains("UTF-8") && path.endsWith(".model") ? " (a Weka classifier saved with -d is loaded with "
                        + "-l; an initial model is a model JSON, such as the model.json of a -diagnostics folder)" : "";
                throw new ModelFormatException(pathOption + ": " + e.getMessage() + weka, e);
            } catch (IOException | InvalidPathException e) {
                throw new IllegalArgumentException(pathOption + ": '" + path + "' cannot be read: " + e.getMessage(), e);
            }
        }
        try {
            return new WarmStart(initial, frozenLayers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(frozenOption + " = " + frozenLayers + ": " + e.getMessage()
                    + (initial == null ? " (set " + pathOption + ")" : ""), e);
        }
    }

    public boolean enabled() {
        return initial != null;
    }

    /**
     * What a model trained from this warm start carries in its history (its summary shows it): that it
     * continued the initial model's weights (that model named by its training time, Dendrite version
     * and seed) with its frozen layers, so its configuration given again trains a fresh network, not
     * this model; null without an initial model.
     */
    public String note() {
        if (initial == null) return null;
        Provenance p = initial.provenance();
        return "Trained from an initial model (trained " + p.createdAt() + " by Dendrite " + p.dendriteVersion() + ", seed " + p.seed() + ") and its "
                + "weights, " + (frozenLayers == 0 ? "no layer frozen" : "its first " + (frozenLayers == 1 ? "layer" : frozenLayers + " layers")
                + " with weights frozen") + ": the configuration, given again without that model, trains a fresh network instead.";
    }

    /**
     * The initial model's task under this data's target name {@code targetName}: these data's classes
     * (checked against the model's by {@link #check}); null for a numeric target, whose scaling is
     * fitted from these rows like any run's. The network predicts the standardized target, so its
     * output is read in these rows' units: an affine change of the target (y - 1000, y x 1e30) starts
     * from the model's predictions changed alike. Kept at the initial model's scaling, such targets
     * trained in its units (y - 1000 on a model of y: test RMSE 988; y x 1e30 predicted about 2.6).
     */
    public Task task(String targetName, List<String> classes) {
        return initial.task().isClassification() ? Task.classification(targetName, classes) : null;
    }

    /**
     * {@code config} with the initial model's network, the architecture its weights belong to, without
     * its data-dependent initialization: the weights are the model's (the trained model's description
     * said its hidden layers started from the training rows).
     */
    public TrainingConfig apply(TrainingConfig config) {
        if (initial == null) return config;
        // the inputs are the initial model's preprocessing's (its weights expect them), so the run's configuration says so;
        // the target's scaling is fitted from these rows as the options ask
        PreprocessingConfig had = initial.preprocessor().config();
        return config.withNetwork(initial.network().spec().withDataInit(DataInit.NONE)).withPreprocessing(new PreprocessingConfig(had.standardize(),
                had.imputeMissing(), had.missingIndicators(), config.preprocessing().standardizeTarget(), had.whitening(), had.scaling()));
    }

    /**
     * The warning a run gives when {@code given}, the input preprocessing its options describe, is not
     * the initial model's, which it keeps instead ({@link #apply}): the options' scaling, missing-value
     * handling or whitening were not applied (the run's configuration printed the options' robust
     * scaling over inputs scaled as the model's, standard). Null when they are the model's, when the
     * options leave them at the defaults, or without a model; the target's scaling is not compared.
     */
    public String ignoredPreprocessing(PreprocessingConfig given) {
        if (initial == null) return null;
        PreprocessingConfig had = initial.preprocessor().config();
        List<String> differs = new ArrayList<>();
        for (var s : INPUT_SETTINGS) {
            Object mine = s.getValue().apply(given), theirs = s.getValue().apply(had);
            if (!mine.equals(s.getValue().apply(PreprocessingConfig.DEFAULT)) && !mine.equals(theirs)) {
                differs.add(s.getKey() + " " + label(mine) + ", the model's " + label(theirs));
            }
        }
        if (differs.isEmpty()) return null;
        return "The initial model's input preprocessing is kept (a warm start's weights expect its inputs), not the one the options describe ("
                + String.join("; ", differs) + "). Give the initial model's preprocessing, or leave those options at their defaults.";
    }

    /** The input preprocessing's settings, by the name a warning gives them ({@link #ignoredPreprocessing}; the target's is not one). */
    private static final List<java.util.Map.Entry<String, java.util.function.Function<PreprocessingConfig, Object>>> INPUT_SETTINGS = List.of(
            java.util.Map.entry("standardize", PreprocessingConfig::standardize),
            java.util.Map.entry("imputeMissing", PreprocessingConfig::imputeMissing),
            java.util.Map.entry("missingIndicators", PreprocessingConfig::missingIndicators),
            java.util.Map.entry("whitening", PreprocessingConfig::whitening), java.util.Map.entry("scaling", PreprocessingConfig::scaling));

    /** A setting's value as a warning gives it: a kind's name in lower case. */
    private static String label(Object v) {
        return v instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : String.valueOf(v);
    }

    /**
     * The warning a run gives when {@code given}, the network its options describe, is not the
     * initial model's, whose architecture it trains instead ({@link #apply}); null when it is, when
     * the options give no network (the default one), or without a model. A dense layer's units left
     * to the rows (0) match any width, as the initial model's may have been chosen from other rows;
     * input layers are compared before they learn the input's layout, and the data-dependent
     * initialization not at all (the weights are the model's). A warning, not a refusal: the options
     * of the initial model's own training, given again, describe it.
     */
    public String ignored(NetworkSpec given) {
        if (initial == null || given.withDataInit(DataInit.NONE).equals(NetworkSpec.DEFAULT.withDataInit(DataInit.NONE))) return null;
        NetworkSpec model = initial.network().spec().withInputsUnresolved().withDataInit(DataInit.NONE);
        List<LayerSpec> layers = new ArrayList<>(given.withInputsUnresolved().layers());
        for (int i = 0; i < Math.min(layers.size(), model.layers().size()); i++) {
            if (layers.get(i) instanceof DenseSpec g && g.units() == 0 && model.layers().get(i) instanceof DenseSpec m) {
                layers.set(i, g.withUnits(m.units()));
            }
        }
        NetworkSpec options = given.withLayers(layers).withDataInit(DataInit.NONE);
        if (options.equals(model)) return null;
        String differs;
        if (options.members() != model.members()) {
            differs = options.members() + " members, the model's " + model.members();
        } else {
            int i = 0;
            while (i < Math.min(layers.size(), model.layers().size()) && layers.get(i).equals(model.layers().get(i))) i++;
            differs = (layers.size() == model.layers().size() ? "" : layers.size() + " layers, the model's " + model.layers().size() + "; ")
                    + "layer " + (i + 1) + " " + (i < layers.size() ? org.dendrite.core.io.SpecFormat.writeLine(layers.get(i)) : "none") + ", the model's "
                    + (i < model.layers().size() ? org.dendrite.core.io.SpecFormat.writeLine(model.layers().get(i)) : "none");
        }
        return "The initial model's network is trained (a warm start continues its weights), not the one the options describe (" + differs
                + "). Give the initial model's architecture, or leave the network's options at their defaults.";
    }

    /**
     * Checks that the initial model can start training on data with {@code classes} (empty: a
     * numeric target; named ones in the model's order, unless either side knows them only by their
     * number) and {@code inputColumns} input columns (the frozen layers are checked when the warm
     * start is made); a clear IllegalArgumentException otherwise. No-op without a model.
     */
    public void check(List<String> classes, int inputColumns) {
        if (initial == null) {
            return;
        }
        boolean classification = !classes.isEmpty();
        if (classification != initial.task().isClassification()
                || (classification && initial.task().classCount() != classes.size())) {
            throw new IllegalArgumentException("The initial model predicts " + (initial.task().isClassification()
                    ? initial.task().classCount() + " classes " + initial.task().classes() : "a numeric target") + "; this data has "
                    + (classification ? classes.size() + " classes " + classes : "a numeric target"));
        }
        List<String> had = initial.task().classes();
        if (classification && !had.equals(classes) && !named(had).isEmpty() && !named(classes).isEmpty()) {
            int k = 0;
            while (had.get(k).equals(classes.get(k))) k++;
            throw new IllegalArgumentException("The initial model's classes " + had + " are not this data's " + classes + " (from index " + k
                    + " on: '" + classes.get(k) + "' here, '" + had.get(k) + "' in the model); the model's outputs are its classes in its order, "
                    + "so give the data the same classes in the same order (Weka: the class attribute's values; Spark: the label indexed "
                    + "as for the model)");
        }
        if (inputColumns != initial.preprocessor().columns().size()) {
            throw new IllegalArgumentException("The initial model takes " + initial.preprocessor().columns().size() + " input columns; this data has "
                    + inputColumns);
        }
    }

    /** {@code classes} when they have names, empty when they are known only by their number ("0".."k-1": Spark's labels without metadata). */
    private static List<String> named(List<String> classes) {
        return classes.equals(org.dendrite.core.data.RowCheck.indexNames(classes.size())) ? List.of() : classes;
    }
}
