package org.dendrite.spark;

import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.dendrite.core.activation.Activations;
import org.dendrite.core.io.SearchFormat;
import org.dendrite.core.io.SpecFormat;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.network.DataInit;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Optimizers;
import org.dendrite.core.train.OptionHelp;
import org.dendrite.core.train.OuterOptimizer;
import org.dendrite.core.train.RoundLength;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingOptions;
import scala.Function1;

/**
 * The params an estimator and the model it fits share ({@link DendriteParams}), made for one owner
 * (an implementation detail of the accessors, not an API of its own):
 * each with its doc, its validator (the core's check and message: no second copy of the allowed
 * values) and its default, the core's ({@link TrainingConfig#DEFAULT}, defined once). A fitted model
 * holds its estimator's params with their values, as Spark's models do, so that a
 * {@code CrossValidator}'s best model answers {@code getLearningRate()}.
 */
public final class ParamSet implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final TrainingConfig D = TrainingConfig.DEFAULT;
    /** The rows a search copies to each trial's task by default. */
    public static final long DEFAULT_SEARCH_SAMPLE_ROWS = 100_000;

    private final Params owner;
    /** Whether the training params take their defaults here: an estimator's do; a model's are the values it was fitted with, or none. */
    private final boolean trainingDefaults;
    final Param<String> featuresCol;
    final Param<String> labelCol;
    final Param<String> weightCol;
    final Param<String> predictionCol;
    final Param<String> hiddenLayers;
    final Param<String> activation;
    final IntParam epochs;
    final IntParam batchSize;
    final Param<String> optimizer;
    final DoubleParam learningRate;
    final DoubleParam l2;
    final LongParam l2FullRows;
    final DoubleParam dropout;
    final LongParam seed;
    final Param<String> networkJson;
    final Param<String> configJson;
    final IntParam localSteps;
    final IntParam members;
    final Param<String> dataInit;
    final Param<String> scaling;
    final DoubleParam labelSmoothing;
    final Param<String> inputLayers;
    final Param<String> outerOptimizer;
    final DoubleParam validationFraction;
    final IntParam patience;
    final Param<String> batchNorm;
    final Param<String> initialModel;
    final IntParam frozenLayers;
    final Param<String> searchJson;
    final LongParam searchSampleRows;
    final IntParam trainingPartitions;
    /** A classifier's output columns and thresholds (null for a regressor's). */
    final Param<String> probabilityCol;
    final Param<String> rawPredictionCol;
    final DoubleArrayParam thresholds;

    /** A value check that can travel with its param (a model reaches the executors inside its UDFs, its params too). */
    interface Rule<T> extends java.util.function.Consumer<T>, java.io.Serializable {}

    /** A numeric param's rule, as {@link Rule}. */
    interface Bound extends java.util.function.DoublePredicate, java.io.Serializable {}

    /**
     * A validator for the numeric params, whose values arrive boxed as Object: {@code p} accepts them,
     * or they are refused naming the param and what is {@code allowed}.
     */
    static Function1<Object, Object> number(String param, Class<? extends Number> type, Bound p, String allowed) {
        return core(param, type, v -> {
            if (!p.test(((Number) v).doubleValue())) throw new IllegalArgumentException("allowed: " + allowed);
        });
    }

    /**
     * A validator that asks the core: the value is checked as a fit would check it, and a bad one is
     * refused with the core's message (Spark passes an exception from a validator on to the caller);
     * null is refused for every param (Spark's own message for it would be a NullPointerException).
     */
    static <T> Function1<T, Object> core(String param, Class<?> type, Rule<T> check) {
        return (Function1<T, Object> & java.io.Serializable) v -> {
            if (v == null) throw new IllegalArgumentException("Param " + param + " = null: a value is required (\"\" where the param allows none)");
            // a long value (a JSON param of a megabyte) is shown by its start: the message echoed all of it
            String shown = org.dendrite.core.check.Check.shorten(v instanceof double[] a ? java.util.Arrays.toString(a) : String.valueOf(v));
            if (!type.isInstance(v)) {
                // set by name (set("epochs", 5L)), the value's type is not checked by Spark: it failed later, or as a ClassCastException
                throw new IllegalArgumentException("Param " + param + " = " + shown + " is " + article(v.getClass()) + "; allowed: " + article(type));
            }
            try {
                check.accept(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Param " + param + " = " + shown + ": " + e.getMessage(), e);
            }
            return true;
        };
    }

    /** "a Long", "an Integer". */
    private static String article(Class<?> type) {
        return ("AEIOU".indexOf(type.getSimpleName().charAt(0)) >= 0 ? "an " : "a ") + type.getSimpleName();
    }

    /** {@link #core} for a String param. */
    static <T> Function1<T, Object> core(String param, Rule<T> check) {
        return core(param, String.class, check);
    }

    /** {@link #core} for a training option of {@link TrainingOptions#check}, whose values are of {@code type}. */
    private static Function1<Object, Object> option(String name, Class<? extends Number> type) {
        return core(name, type, v -> TrainingOptions.check(name, v));
    }

    /** An input column name param of {@code owner}: a name that is not empty. */
    static Param<String> column(Params owner, String name, String doc) {
        return new Param<>(owner, name, doc, core(name, (String s) -> {
            if (s.isEmpty()) throw new IllegalArgumentException("allowed: a column name (not empty)");
        }));
    }

    /** An output column name param of {@code owner}: empty leaves the column out, as Spark's own models read an empty output column. */
    static Param<String> output(Params owner, String name, String doc) {
        return new Param<>(owner, name, doc + " (empty: not written)", core(name, (String s) -> {}));
    }

    /** An input column name param with its default {@code value}. */
    private Param<String> column(String name, String doc, String value) {
        Param<String> p = column(owner, name, doc);
        owner.setDefault(p, value);
        return p;
    }

    /** An output column name param with its default {@code value}. */
    private Param<String> output(String name, String doc, String value) {
        Param<String> p = output(owner, name, doc);
        owner.setDefault(p, value);
        return p;
    }

    /**
     * A training param {@code p}, with its default {@code value} where the owner is an estimator. A
     * model's is {@code p} with its value's type checked only: its value was checked by the estimator that fitted it, or
     * read from a save, which a later Dendrite's stricter check must not make unloadable (Spark checks
     * each value it reads; a model does not read these to transform). A saved CrossValidatorModel also
     * holds its estimator, whose params Spark reads back through the estimator's checks.
     */
    @SuppressWarnings("unchecked")
    private <T, P extends Param<T>> P param(P p, T value) {
        if (trainingDefaults) {
            owner.setDefault(p, value);
            return p;
        }
        // the value's type is still checked (set by name, a Long for an Integer failed later as a ClassCastException)
        String n = p.name(), d = p.doc();
        Param<?> unchecked = p instanceof IntParam ? new IntParam(owner, n, d, core(n, Integer.class, (Object v) -> {}))
                : p instanceof LongParam ? new LongParam(owner, n, d, core(n, Long.class, (Object v) -> {}))
                : p instanceof DoubleParam ? new DoubleParam(owner, n, d, core(n, Double.class, (Object v) -> {}))
                : new Param<>(owner, n, d, core(n, String.class, (Object v) -> {}));
        return (P) unchecked;
    }

    /** The Spark spelling of a core help sentence: the L2-full-rows option is the param l2FullRows. */
    private static String help(String core) {
        return core.replace("L2-full-rows", "l2FullRows");
    }

    /**
     * The params of {@code owner}, an estimator or ({@code model}) a model; {@code classifier}: with a
     * classifier's output columns and thresholds. A model's training params have no defaults: fit sets
     * each to the estimator's value, so a model made from a core model, or loaded from a save made
     * before models kept them, has none to report rather than defaults it was not trained with.
     */
    ParamSet(Params owner, boolean classifier, boolean model) {
        this.owner = owner;
        this.trainingDefaults = !model;
        TrainingOptions o = TrainingOptions.DEFAULT;
        // the default network's hidden layers (ReLU without dropout should it have none)
        DenseSpec hidden = new DenseSpec(1, new org.dendrite.core.activation.Relu());
        StringBuilder units = new StringBuilder();
        for (LayerSpec l : NetworkSpec.DEFAULT.layers()) {
            if (l instanceof DenseSpec dsp) {
                units.append(units.length() == 0 ? "" : ",").append(dsp.units());
                hidden = dsp;
            }
        }
        featuresCol = column("featuresCol", "features column (a Vector)", "features");
        labelCol = column("labelCol", "label column (class index 0..k-1 for classifiers, a number for regressors)", "label");
        weightCol = param(new Param<>(owner, "weightCol", "instance weight column (optional; empty = all 1)", core("weightCol", (String s) -> {})), "");
        predictionCol = output("predictionCol", "prediction column", "prediction");
        hiddenLayers = param(new Param<>(owner, "hiddenLayers", "units per hidden layer, comma-separated (empty: none; 0: chosen from the "
                + "number of training rows, 48 to 256)", core("hiddenLayers", (String s) -> TrainingOptions.network(s, "relu", 0, "none"))),
                units.toString());
        activation = param(new Param<>(owner, "activation", "hidden-layer activation: " + Activations.names(),
                core("activation", (String s) -> TrainingOptions.network("1", s, 0, "none"))), hidden.activation().name());
        epochs = param(new IntParam(owner, "epochs", OptionHelp.EPOCHS, option("epochs", Integer.class)), D.epochs());
        batchSize = param(new IntParam(owner, "batchSize", OptionHelp.BATCH_SIZE + " The global batch in synchronous mode, each "
                + "partition's in rounds.", option("batchSize", Integer.class)), D.batchSize());
        optimizer = param(new Param<>(owner, "optimizer", "optimizer name (" + String.join(", ", Optimizers.names()) + ")",
                core("optimizer", (String s) -> TrainingOptions.optimizer(s, 1e-3))), D.optimizer().name());
        learningRate = param(new DoubleParam(owner, "learningRate", "the optimizer's learning rate (> 0)",
                core("learningRate", Double.class, (Object v) -> TrainingOptions.optimizer("adam", ((Number) v).doubleValue()))), D.optimizer().learningRate());
        l2 = param(new DoubleParam(owner, "l2", help(OptionHelp.L2), option("l2", Double.class)), D.regularization().l2());
        l2FullRows = param(new LongParam(owner, "l2FullRows", OptionHelp.L2_FULL_ROWS, option("l2FullRows", Long.class)), D.regularization().l2FullRows());
        dropout = param(new DoubleParam(owner, "dropout", "dropout rate after each hidden layer, in [0, 1)",
                core("dropout", Double.class, (Object v) -> TrainingOptions.network("1", "relu", ((Number) v).doubleValue(), "none"))), hidden.dropout());
        seed = param(new LongParam(owner, "seed", OptionHelp.SEED, number("seed", Long.class, v -> true, "any")), D.seed());
        networkJson = param(new Param<>(owner, "networkJson", "the network as a JSON spec (instead of hiddenLayers, activation, dropout and batchNorm; not "
                + "with inputLayers: its layers hold them; its members and dataInit hold unless those params are set, and may not differ "
                + "from them)",
                core("networkJson", (String s) -> {
                    if (s != null && !s.isBlank()) SpecFormat.readNetwork(s);
                })), "");
        // a file's path is read when fit runs: a saved estimator (a CrossValidatorModel's, a Pipeline's) loads where the file is not
        configJson = param(new Param<>(owner, "configJson", OptionHelp.CONFIG_JSON + " A file is read when fit runs; a training param set "
                + "beside it must give the JSON's value (the seed param, set, overrides the JSON's seed).", core("configJson", (String s) -> {
                    if (s.trim().startsWith("{")) TrainingOptions.check("configJson", s);
                })), "");
        members = param(new IntParam(owner, "members", OptionHelp.MEMBERS, option("members", Integer.class)), o.members());
        dataInit = param(new Param<>(owner, "dataInit", OptionHelp.DATA_INIT, core("dataInit", (String s) -> DataInit.named(s))), o.dataInit().label());
        scaling = param(new Param<>(owner, "scaling", OptionHelp.SCALING, core("scaling", (String s) -> TrainingOptions.scaling(s))),
                o.scaling().name().toLowerCase(java.util.Locale.ROOT));
        labelSmoothing = param(new DoubleParam(owner, "labelSmoothing", OptionHelp.LABEL_SMOOTHING, option("labelSmoothing", Double.class)), o.labelSmoothing());
        inputLayers = param(new Param<>(owner, "inputLayers", "layers before the hidden layers, comma-separated: category_embedding (first "
                + "only: learned embeddings of the nominal features of 10 values or more, as the features column's metadata declares "
                + "them), scale (a learnable scale per feature), periodic_embedding (periodic embeddings of each numeric feature); empty = none",
                core("inputLayers", (String s) -> TrainingOptions.network(s, "", "relu", 0, "none"))), "");
        localSteps = param(new IntParam(owner, "localSteps", "0 = rounds of adaptive length: one Spark job per round, in which each "
                + "partition takes local steps on its own rows, their weight changes then combined by outerOptimizer (starts at "
                + RoundLength.INITIAL_STEPS + " steps, doubles after each epoch that improved the loss, up to one round per epoch; "
                + "partitions too small for " + RoundLength.MIN_LOCAL_STEPS + " local steps per epoch coalesced); "
                + "k > 1 = rounds of k local steps; 1 = synchronous: one job per step, the same mathematics as one machine with the same "
                + "global batch (batch norm over the global batch; dropout masks are drawn per partition, so with dropout the model "
                + "differs from one machine's as another seed's would)", number("localSteps", Integer.class, v -> v >= 0, "0 (adaptive rounds), 1 (synchronous) or more "
                + "(rounds of that many steps)")), 0);
        outerOptimizer = param(new Param<>(owner, "outerOptimizer", "how a round's weight changes are combined: average (the partitions' "
                + "mean, each weighted by its rows' instance-weight sum) or nesterov (DiLoCo's outer Nesterov step, momentum 0.9, rate 0.7)",
                core("outerOptimizer", (String s) -> OuterOptimizer.named(s))), "average");
        validationFraction = param(new DoubleParam(owner, "validationFraction", OptionHelp.VALIDATION_FRACTION, option("validationFraction", Double.class)),
                D.validationFraction());
        patience = param(new IntParam(owner, "patience", OptionHelp.PATIENCE, option("patience", Integer.class)), D.earlyStopping().patience());
        batchNorm = param(new Param<>(owner, "batchNorm", "batch normalization in each hidden layer: " + TrainingOptions.batchNormNames()
                + " (synchronous mode: statistics over the global batch; rounds: over each partition's batches)",
                core("batchNorm", (String s) -> TrainingOptions.batchNorm(s))), "none");
        initialModel = param(new Param<>(owner, "initialModel", OptionHelp.INITIAL_MODEL + " A path, such as a saved Spark model's "
                + "model.json.", core("initialModel", (String s) -> {})), "");
        frozenLayers = param(new IntParam(owner, "frozenLayers", OptionHelp.FROZEN_LAYERS, number("frozenLayers", Integer.class, v -> v >= 0, ">= 0")), 0);
        searchJson = param(new Param<>(owner, "searchJson", "a hyperparameter search as JSON (docs/model-format.md, \"Searches\": space, "
                + "sampler, scheduler, validation, metric): trials of the training configuration the other params describe run as Spark "
                + "tasks on a stratified sample of the rows, then the best configuration trains on all rows; empty = no search",
                core("searchJson", (String s) -> {
                    if (s != null && !s.isBlank()) SearchFormat.readSearch(s);
                })), "");
        searchSampleRows = param(new LongParam(owner, "searchSampleRows", "with searchJson: this many rows (a stratified sample, each class "
                + "its rounded share; all rows when fewer) are copied to each trial's task (>= 10)", number("searchSampleRows", Long.class, v -> v >= 10, ">= 10")),
                DEFAULT_SEARCH_SAMPLE_ROWS);
        trainingPartitions = param(new IntParam(owner, "trainingPartitions", "the most partitions training runs on: an input with more is "
                + "coalesced to this many (no shuffle); 0 = the cluster's default parallelism (spark.default.parallelism, or its cores; "
                + "with dynamic allocation, the input's partitions). Partitions beyond the tasks the cluster runs at once add no "
                + "parallelism, and in rounds each one dilutes the round's average",
                number("trainingPartitions", Integer.class, v -> v >= 0, ">= 0 (0: the cluster's default parallelism)")), 0);
        if (classifier) {
            probabilityCol = output("probabilityCol", "class probability column", "probability");
            rawPredictionCol = output("rawPredictionCol", "raw prediction column: the class probabilities, as Spark's evaluators read them "
                    + "(not pre-softmax scores)", "rawPrediction");
            thresholds = new DoubleArrayParam(owner, "thresholds", "one threshold per class, in label order: the prediction is the class of "
                    + "largest probability / threshold (a threshold of 0: always its class), as Spark's probabilistic classifiers predict; "
                    + "values >= 0, at most one of them 0; unset: the most probable class",
                    core("thresholds", double[].class, (double[] t) -> {
                        if (t.length < 2 || !java.util.Arrays.stream(t).allMatch(v -> v >= 0) || java.util.Arrays.stream(t).filter(v -> v == 0).count() > 1) {
                            throw new IllegalArgumentException("allowed are one value per class (at least two), each >= 0, at most one of them 0");
                        }
                    }));
        } else {
            probabilityCol = rawPredictionCol = null;
            thresholds = null;
        }
    }
}
