package org.dendrite.spark;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.activation.Activations;
import org.dendrite.core.data.RowCheck;
import org.dendrite.core.io.SpecFormat;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.network.DataInit;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.io.SearchFormat;
import org.dendrite.core.optim.Optimizers;
import org.dendrite.core.search.SearchResult;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.OptionHelp;
import org.dendrite.core.train.OuterOptimizer;
import org.dendrite.core.train.RoundLength;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingOptions;
import org.dendrite.core.train.WarmStart;
import scala.Function1;

/**
 * The Spark ML estimator base: columns as Spark users expect and a Param for each core setting,
 * each with its validator and the core's default (read from {@link TrainingConfig#DEFAULT}, defined
 * once), a getter and a setter. A plain Estimator declaring its own columns (extending
 * ProbabilisticClassifier from Java breaks on trait-initialized params); {@code E} is the concrete
 * estimator, which the setters return, so that a chain of them keeps its type.
 */
public abstract class DendriteEstimator<M extends DendriteModel<M>, E extends DendriteEstimator<M, E>> extends Estimator<M> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private static final TrainingConfig D = TrainingConfig.DEFAULT;
    /** The rows a search copies to each trial's task by default. */
    public static final long DEFAULT_SEARCH_SAMPLE_ROWS = 100_000;

    private final String uid;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> weightCol;
    private final Param<String> predictionCol;
    private final Param<String> hiddenLayers;
    private final Param<String> activation;
    private final IntParam epochs;
    private final IntParam batchSize;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final DoubleParam l2;
    private final LongParam l2FullRows;
    private final DoubleParam dropout;
    private final LongParam seed;
    private final Param<String> networkJson;
    private final Param<String> configJson;
    private final IntParam localSteps;
    private final IntParam members;
    private final Param<String> dataInit;
    private final Param<String> scaling;
    private final DoubleParam labelSmoothing;
    private final Param<String> inputLayers;
    private final Param<String> outerOptimizer;
    private final DoubleParam validationFraction;
    private final IntParam patience;
    private final Param<String> batchNorm;
    private final Param<String> initialModel;
    private final IntParam frozenLayers;
    private final Param<String> searchJson;
    private final LongParam searchSampleRows;
    private final IntParam trainingPartitions;

    /** A value check that can travel with its param (a model reaches the executors inside its UDFs, its params too). */
    interface Rule<T> extends java.util.function.Consumer<T>, java.io.Serializable {}

    /** A numeric param's rule, as {@link Rule}. */
    interface Bound extends java.util.function.DoublePredicate, java.io.Serializable {}

    /**
     * A validator for the numeric params, whose values arrive boxed as Object: {@code p} accepts them,
     * or they are refused naming the param and what is {@code allowed}.
     */
    private static Function1<Object, Object> number(String param, Class<? extends Number> type, Bound p, String allowed) {
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

    /** An input column name param of this estimator (not empty) with its default {@code value}. */
    protected Param<String> column(String name, String doc, String value) {
        return param(DendriteModel.column(this, name, doc), value);
    }

    /** An output column name param of this estimator (empty: not written) with its default {@code value}. */
    protected Param<String> output(String name, String doc, String value) {
        return param(DendriteModel.output(this, name, doc), value);
    }

    /** {@code p} with its default {@code value}. */
    private <T, P extends Param<T>> P param(P p, T value) {
        setDefault(p, value);
        return p;
    }

    /** The Spark spelling of a core help sentence: the L2-full-rows option is the param l2FullRows. */
    private static String help(String core) {
        return core.replace("L2-full-rows", "l2FullRows");
    }

    protected DendriteEstimator(String uid) {
        this.uid = uid;
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
        weightCol = param(new Param<>(this, "weightCol", "instance weight column (optional; empty = all 1)", core("weightCol", (String s) -> {})), "");
        predictionCol = output("predictionCol", "prediction column", "prediction");
        hiddenLayers = param(new Param<>(this, "hiddenLayers", "units per hidden layer, comma-separated (empty: none; 0: chosen from the "
                + "number of training rows, 48 to 256)", core("hiddenLayers", (String s) -> TrainingOptions.network(s, "relu", 0, "none"))),
                units.toString());
        activation = param(new Param<>(this, "activation", "hidden-layer activation: " + Activations.names(),
                core("activation", (String s) -> TrainingOptions.network("1", s, 0, "none"))), hidden.activation().name());
        epochs = param(new IntParam(this, "epochs", OptionHelp.EPOCHS, option("epochs", Integer.class)), D.epochs());
        batchSize = param(new IntParam(this, "batchSize", OptionHelp.BATCH_SIZE + " The global batch in synchronous mode, each "
                + "partition's in rounds.", option("batchSize", Integer.class)), D.batchSize());
        optimizer = param(new Param<>(this, "optimizer", "optimizer name (" + String.join(", ", Optimizers.names()) + ")",
                core("optimizer", (String s) -> TrainingOptions.optimizer(s, 1e-3))), D.optimizer().name());
        learningRate = param(new DoubleParam(this, "learningRate", "the optimizer's learning rate (> 0)",
                core("learningRate", Double.class, (Object v) -> TrainingOptions.optimizer("adam", ((Number) v).doubleValue()))), D.optimizer().learningRate());
        l2 = param(new DoubleParam(this, "l2", help(OptionHelp.L2), option("l2", Double.class)), D.regularization().l2());
        l2FullRows = param(new LongParam(this, "l2FullRows", OptionHelp.L2_FULL_ROWS, option("l2FullRows", Long.class)), D.regularization().l2FullRows());
        dropout = param(new DoubleParam(this, "dropout", "dropout rate after each hidden layer, in [0, 1)",
                core("dropout", Double.class, (Object v) -> TrainingOptions.network("1", "relu", ((Number) v).doubleValue(), "none"))), hidden.dropout());
        seed = param(new LongParam(this, "seed", OptionHelp.SEED, number("seed", Long.class, v -> true, "any")), D.seed());
        networkJson = param(new Param<>(this, "networkJson", "the network as a JSON spec (instead of hiddenLayers, activation, dropout and batchNorm; not "
                + "with inputLayers: its layers hold them; its members and dataInit hold unless those params are set, and may not differ "
                + "from them)",
                core("networkJson", (String s) -> {
                    if (s != null && !s.isBlank()) SpecFormat.readNetwork(s);
                })), "");
        configJson = param(new Param<>(this, "configJson", OptionHelp.CONFIG_JSON, core("configJson", (String s) -> TrainingOptions.check("configJson", s))),
                "");
        members = param(new IntParam(this, "members", OptionHelp.MEMBERS, option("members", Integer.class)), o.members());
        dataInit = param(new Param<>(this, "dataInit", OptionHelp.DATA_INIT, core("dataInit", (String s) -> DataInit.named(s))), o.dataInit().label());
        scaling = param(new Param<>(this, "scaling", OptionHelp.SCALING, core("scaling", (String s) -> TrainingOptions.scaling(s))),
                o.scaling().name().toLowerCase(java.util.Locale.ROOT));
        labelSmoothing = param(new DoubleParam(this, "labelSmoothing", OptionHelp.LABEL_SMOOTHING, option("labelSmoothing", Double.class)), o.labelSmoothing());
        inputLayers = param(new Param<>(this, "inputLayers", "layers before the hidden layers, comma-separated: category_embedding (first "
                + "only: learned embeddings of the nominal features of 10 values or more, as the features column's metadata declares "
                + "them), scale (a learnable scale per feature), periodic_embedding (periodic embeddings of each feature); empty = none",
                core("inputLayers", (String s) -> TrainingOptions.network(s, "", "relu", 0, "none"))), "");
        localSteps = param(new IntParam(this, "localSteps", "0 = rounds of adaptive length: one Spark job per round, in which each "
                + "partition takes local steps on its own rows, their weight changes then combined by outerOptimizer (starts at "
                + RoundLength.INITIAL_STEPS + " steps, doubles after each epoch that improved the loss, up to one round per epoch; "
                + "partitions too small for " + RoundLength.MIN_LOCAL_STEPS + " local steps per epoch coalesced); "
                + "k > 1 = rounds of k local steps; 1 = synchronous: one job per step, the same mathematics as one machine with the same "
                + "global batch (batch norm over the global batch; dropout masks are drawn per partition, so with dropout the model "
                + "differs from one machine's as another seed's would)", number("localSteps", Integer.class, v -> v >= 0, "0 (adaptive rounds), 1 (synchronous) or more "
                + "(rounds of that many steps)")), 0);
        outerOptimizer = param(new Param<>(this, "outerOptimizer", "how a round's weight changes are combined: average (the partitions' "
                + "mean, each weighted by its rows' instance-weight sum) or nesterov (DiLoCo's outer Nesterov step, momentum 0.9, rate 0.7)",
                core("outerOptimizer", (String s) -> OuterOptimizer.named(s))), "average");
        validationFraction = param(new DoubleParam(this, "validationFraction", OptionHelp.VALIDATION_FRACTION, option("validationFraction", Double.class)),
                D.validationFraction());
        patience = param(new IntParam(this, "patience", OptionHelp.PATIENCE, option("patience", Integer.class)), D.earlyStopping().patience());
        batchNorm = param(new Param<>(this, "batchNorm", "batch normalization in each hidden layer: " + TrainingOptions.batchNormNames()
                + " (synchronous mode: statistics over the global batch; rounds: over each partition's batches)",
                core("batchNorm", (String s) -> TrainingOptions.batchNorm(s))), "none");
        initialModel = param(new Param<>(this, "initialModel", OptionHelp.INITIAL_MODEL + " A path, such as a saved Spark model's "
                + "model.json.", core("initialModel", (String s) -> {})), "");
        frozenLayers = param(new IntParam(this, "frozenLayers", OptionHelp.FROZEN_LAYERS, number("frozenLayers", Integer.class, v -> v >= 0, ">= 0")), 0);
        searchJson = param(new Param<>(this, "searchJson", "a hyperparameter search as JSON (docs/model-format.md, \"Searches\": space, "
                + "sampler, scheduler, validation, metric): trials of the training configuration the other params describe run as Spark "
                + "tasks on a stratified sample of the rows, then the best configuration trains on all rows; empty = no search",
                core("searchJson", (String s) -> {
                    if (s != null && !s.isBlank()) SearchFormat.readSearch(s);
                })), "");
        searchSampleRows = param(new LongParam(this, "searchSampleRows", "with searchJson: this many rows (a stratified sample, each class "
                + "its rounded share; all rows when fewer) are copied to each trial's task (>= 10)", number("searchSampleRows", Long.class, v -> v >= 10, ">= 10")),
                DEFAULT_SEARCH_SAMPLE_ROWS);
        trainingPartitions = param(new IntParam(this, "trainingPartitions", "the most partitions training runs on: an input with more is "
                + "coalesced to this many (no shuffle); 0 = the cluster's default parallelism (spark.default.parallelism, or its cores; "
                + "with dynamic allocation, the input's partitions). Partitions beyond the tasks the cluster runs at once add no "
                + "parallelism, and in rounds each one dilutes the round's average",
                number("trainingPartitions", Integer.class, v -> v >= 0, ">= 0 (0: the cluster's default parallelism)")), 0);
    }

    @Override public String uid() { return uid; }

    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> labelCol() { return labelCol; }
    public Param<String> weightCol() { return weightCol; }
    public Param<String> predictionCol() { return predictionCol; }
    public Param<String> hiddenLayers() { return hiddenLayers; }
    public Param<String> activation() { return activation; }
    public IntParam epochs() { return epochs; }
    public IntParam batchSize() { return batchSize; }
    public Param<String> optimizer() { return optimizer; }
    public DoubleParam learningRate() { return learningRate; }
    public DoubleParam l2() { return l2; }
    public LongParam l2FullRows() { return l2FullRows; }
    public DoubleParam dropout() { return dropout; }
    public LongParam seed() { return seed; }
    public Param<String> networkJson() { return networkJson; }
    public Param<String> configJson() { return configJson; }
    public IntParam localSteps() { return localSteps; }
    public IntParam members() { return members; }
    public Param<String> scaling() { return scaling; }
    public Param<String> dataInit() { return dataInit; }
    public DoubleParam labelSmoothing() { return labelSmoothing; }
    public Param<String> inputLayers() { return inputLayers; }
    public Param<String> outerOptimizer() { return outerOptimizer; }
    public DoubleParam validationFraction() { return validationFraction; }
    public IntParam patience() { return patience; }
    public Param<String> batchNorm() { return batchNorm; }
    public Param<String> initialModel() { return initialModel; }
    public IntParam frozenLayers() { return frozenLayers; }
    public Param<String> searchJson() { return searchJson; }
    public LongParam searchSampleRows() { return searchSampleRows; }
    public IntParam trainingPartitions() { return trainingPartitions; }

    public String getFeaturesCol() { return getOrDefault(featuresCol); }
    public String getLabelCol() { return getOrDefault(labelCol); }
    public String getWeightCol() { return getOrDefault(weightCol); }
    public String getPredictionCol() { return getOrDefault(predictionCol); }
    public String getHiddenLayers() { return getOrDefault(hiddenLayers); }
    public String getActivation() { return getOrDefault(activation); }
    public int getEpochs() { return (Integer) getOrDefault(epochs); }
    public int getBatchSize() { return (Integer) getOrDefault(batchSize); }
    public String getOptimizer() { return getOrDefault(optimizer); }
    public double getLearningRate() { return (Double) getOrDefault(learningRate); }
    public double getL2() { return (Double) getOrDefault(l2); }
    public long getL2FullRows() { return (Long) getOrDefault(l2FullRows); }
    public double getDropout() { return (Double) getOrDefault(dropout); }
    public long getSeed() { return (Long) getOrDefault(seed); }
    public String getNetworkJson() { return getOrDefault(networkJson); }
    public String getConfigJson() { return getOrDefault(configJson); }
    public int getLocalSteps() { return (Integer) getOrDefault(localSteps); }
    public int getMembers() { return (Integer) getOrDefault(members); }
    public String getScaling() { return getOrDefault(scaling); }
    public String getDataInit() { return getOrDefault(dataInit); }
    public double getLabelSmoothing() { return (Double) getOrDefault(labelSmoothing); }
    public String getInputLayers() { return getOrDefault(inputLayers); }
    public String getOuterOptimizer() { return getOrDefault(outerOptimizer); }
    public double getValidationFraction() { return (Double) getOrDefault(validationFraction); }
    public int getPatience() { return (Integer) getOrDefault(patience); }
    public String getBatchNorm() { return getOrDefault(batchNorm); }
    public String getInitialModel() { return getOrDefault(initialModel); }
    public int getFrozenLayers() { return (Integer) getOrDefault(frozenLayers); }
    public String getSearchJson() { return getOrDefault(searchJson); }
    public long getSearchSampleRows() { return (Long) getOrDefault(searchSampleRows); }
    public int getTrainingPartitions() { return (Integer) getOrDefault(trainingPartitions); }

    @SuppressWarnings("unchecked")
    private E self() { return (E) this; }

    public E setFeaturesCol(String v) { set(featuresCol, v); return self(); }
    public E setLabelCol(String v) { set(labelCol, v); return self(); }
    public E setWeightCol(String v) { set(weightCol, v); return self(); }
    public E setPredictionCol(String v) { set(predictionCol, v); return self(); }
    public E setHiddenLayers(String v) { set(hiddenLayers, v); return self(); }
    public E setActivation(String v) { set(activation, v); return self(); }
    public E setEpochs(int v) { set(epochs, v); return self(); }
    public E setBatchSize(int v) { set(batchSize, v); return self(); }
    public E setOptimizer(String v) { set(optimizer, v); return self(); }
    public E setLearningRate(double v) { set(learningRate, v); return self(); }
    public E setL2(double v) { set(l2, v); return self(); }
    public E setL2FullRows(long v) { set(l2FullRows, v); return self(); }
    public E setDropout(double v) { set(dropout, v); return self(); }
    public E setSeed(long v) { set(seed, v); return self(); }
    public E setNetworkJson(String v) { set(networkJson, v); return self(); }
    public E setConfigJson(String v) { set(configJson, v); return self(); }
    public E setLocalSteps(int v) { set(localSteps, v); return self(); }
    public E setMembers(int v) { set(members, v); return self(); }
    public E setScaling(String v) { set(scaling, v); return self(); }
    public E setDataInit(String v) { set(dataInit, v); return self(); }
    public E setLabelSmoothing(double v) { set(labelSmoothing, v); return self(); }
    public E setInputLayers(String v) { set(inputLayers, v); return self(); }
    public E setOuterOptimizer(String v) { set(outerOptimizer, v); return self(); }
    public E setValidationFraction(double v) { set(validationFraction, v); return self(); }
    public E setPatience(int v) { set(patience, v); return self(); }
    public E setBatchNorm(String v) { set(batchNorm, v); return self(); }
    public E setInitialModel(String v) { set(initialModel, v); return self(); }
    public E setFrozenLayers(int v) { set(frozenLayers, v); return self(); }
    public E setSearchJson(String v) { set(searchJson, v); return self(); }
    public E setSearchSampleRows(long v) { set(searchSampleRows, v); return self(); }
    public E setTrainingPartitions(int v) { set(trainingPartitions, v); return self(); }

    /**
     * The core configuration the params describe, translated by the core ({@link TrainingOptions}).
     * A networkJson is the whole network: its members and dataInit hold unless the params are set
     * (refused when both are given and differ), and inputLayers with it is refused.
     */
    public TrainingConfig trainingConfig() {
        String nj = getNetworkJson();
        int members = getMembers();
        DataInit init = DataInit.named(getDataInit());
        NetworkSpec net;
        if (nj.isBlank()) {
            net = TrainingOptions.network(getInputLayers(), getHiddenLayers(), getActivation(), getDropout(), getBatchNorm());
        } else {
            if (!getInputLayers().isEmpty()) {
                throw new IllegalArgumentException("Params networkJson and inputLayers are both set; networkJson is the whole network, its "
                        + "input layers too: put them in its layers, or leave inputLayers empty");
            }
            net = SpecFormat.readNetwork(nj);
            members = fromJson(this.members, members, net.members(), 1);
            init = fromJson(dataInit, init, net.dataInit(), DataInit.NONE);
        }
        return new TrainingOptions(net, members, init, TrainingOptions.optimizer(getOptimizer(), getLearningRate()),
                null, getEpochs(), getBatchSize(), 0, getL2(), getL2FullRows(), getValidationFraction(), getPatience(),
                TrainingOptions.scaling(getScaling()), getLabelSmoothing(), getSeed(), getConfigJson()).toConfig();
    }

    /**
     * A network setting that networkJson gives as {@code json}: the param's {@code value} where it is
     * set, refused when the JSON gives another than its default ({@code plain}) too.
     */
    private <T> T fromJson(Param<?> param, T value, T json, T plain) {
        if (!isSet(param)) return json;
        if (!json.equals(value) && !json.equals(plain)) {
            throw new IllegalArgumentException("Param " + param.name() + " = " + getOrDefault(param) + " and networkJson's " + param.name() + " ("
                    + json + ") differ; give it in one place");
        }
        return value;
    }

    protected abstract boolean classification();

    protected abstract M createModel(String uid, Model core);

    /** The input {@code schema} with the model's output columns, as its transform will add them. */
    protected abstract StructType outputSchema(StructType schema);

    /** Checks the params that depend on the number of classes against the {@code classes} that {@code source} has ("the label column declares"). */
    protected void checkClasses(int classes, String source) {}

    /** Checks the input columns, and returns the schema the fitted model's transform will make (as a Pipeline checks it before fitting). */
    @Override
    public StructType transformSchema(StructType schema) {
        requireColumn(schema, getFeaturesCol(), "a Vector (e.g. from VectorAssembler)", t -> t.equals(SQLDataTypes.VectorType()));
        requireColumn(schema, getLabelCol(), "a numeric column", t -> t instanceof NumericType);
        String w = getWeightCol();
        if (w != null && !w.isEmpty()) requireColumn(schema, w, "a numeric column", t -> t instanceof NumericType);
        return outputSchema(schema);
    }

    /** Requires column {@code name} in {@code schema}, of a type {@code ok} accepts; {@code what} says what is expected. */
    static void requireColumn(StructType schema, String name, String what, java.util.function.Predicate<DataType> ok) {
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("Column '" + name + "' is missing; expected " + what + ". Columns present: "
                    + String.join(", ", schema.fieldNames()));
        }
        DataType t = schema.apply(name).dataType();
        if (!ok.test(t)) throw new IllegalArgumentException("Column '" + name + "' has type " + t.simpleString() + "; expected " + what);
    }

    /** Trains a model on {@code dataset}; the caller's job description (its jobs' name in the Spark UI) is as it was before. */
    @Override
    public M fit(Dataset<?> dataset) {
        return SparkJobs.keepingDescription(dataset.sparkSession().sparkContext(), () -> train(dataset));
    }

    private M train(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        TrainingConfig config = trainingConfig();
        String w = getWeightCol();
        boolean hasWeight = w != null && !w.isEmpty();
        Dataset<Row> rows = dataset.select(DendriteModel.col(getFeaturesCol()), DendriteModel.col(getLabelCol()).cast(DataTypes.DoubleType),
                hasWeight ? DendriteModel.col(w).cast(DataTypes.DoubleType) : functions.lit(1.0));
        int declared = classification() ? SparkTraining.declaredClasses(dataset.schema().apply(getLabelCol())) : 0;
        if (declared > 0) checkClasses(declared, "the label column declares");
        WarmStart warm = WarmStart.read(getInitialModel(), "Param initialModel", getFrozenLayers(), "Param frozenLayers");
        RowCheck check = new RowCheck(getFeaturesCol(), getLabelCol(), hasWeight ? w : null, classification(), declared)
                .withClassNames(declared > 0 ? SparkTraining.declaredClassNames(dataset.schema().apply(getLabelCol())) : null);
        SearchResult search = null;
        String sj = getSearchJson();
        if (sj != null && !sj.isBlank()) {
            if (warm.enabled()) {
                throw new IllegalArgumentException("Param searchJson cannot be combined with initialModel (a search trains each trial from scratch)");
            }
            try {
                search = SparkSearch.run(rows, check, config, SearchFormat.readSearch(sj), getSearchSampleRows());
            } catch (org.dendrite.core.check.InvalidSettingException e) {
                // a search setting that does not suit these params or rows: named as the search JSON spells it
                throw new IllegalArgumentException("Param searchJson (its " + e.setting() + "): " + e.getMessage(), e);
            }
            config = search.bestConfig();
        }
        SparkTraining.Fitted fitted;
        try {
            fitted = SparkTraining.fit(rows, check, config, getLocalSteps(), OuterOptimizer.named(getOuterOptimizer()), warm, getTrainingPartitions(),
                    classes -> checkClasses(classes, "the training rows have"));
        } catch (org.dendrite.core.check.InvalidSettingException e) {
            // a setting that does not suit these rows (a validation fraction that leaves none to train on, a network too large for
            // them): named as a param
            String param = e.setting().equals("units") ? "hiddenLayers" : e.setting();
            throw hasParam(param) ? new IllegalArgumentException("Param " + param + ": " + e.getMessage(), e) : e;
        }
        M m = createModel(uid, fitted.model());
        m.setSearchResult(search);
        m.set(m.distributedTraining(), fitted.plan());
        M model = copyValues(m.setParent(this), ParamMap.empty());
        model.transformSchema(dataset.schema()); // the params that depend on the classes found in the rows (thresholds)
        return model;
    }

    @Override
    public E copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
