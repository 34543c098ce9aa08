package org.dendrite.spark;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.SQLDataTypes;
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
import org.dendrite.core.data.RowCheck;
import org.dendrite.core.io.SpecFormat;
import org.dendrite.core.network.DataInit;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.io.SearchFormat;
import org.dendrite.core.search.SearchResult;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.OuterOptimizer;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingOptions;
import org.dendrite.core.train.WarmStart;

/**
 * The Spark ML estimator base: columns as Spark users expect and a Param for each core setting,
 * each with its validator and the core's default (read from {@link TrainingConfig#DEFAULT}, defined
 * once), a getter and a setter. A plain Estimator declaring its own columns (extending
 * ProbabilisticClassifier from Java breaks on trait-initialized params); {@code E} is the concrete
 * estimator, which the setters return, so that a chain of them keeps its type.
 */
public abstract class DendriteEstimator<M extends DendriteModel<M>, E extends DendriteEstimator<M, E>> extends Estimator<M> implements DendriteParams<E>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    /** The rows a search copies to each trial's task by default. */
    public static final long DEFAULT_SEARCH_SAMPLE_ROWS = ParamSet.DEFAULT_SEARCH_SAMPLE_ROWS;

    private final String uid;
    private final ParamSet params;

    protected DendriteEstimator(String uid) {
        this.uid = uid;
        this.params = new ParamSet(this, classification(), false);
    }

    @Override public String uid() { return uid; }

    @Override public ParamSet paramSet() { return params; }



    @SuppressWarnings("unchecked")
    private E self() { return (E) this; }

    public E setLabelCol(String v) { set(labelCol(), v); return self(); }
    public E setWeightCol(String v) { set(weightCol(), v); return self(); }
    public E setHiddenLayers(String v) { set(hiddenLayers(), v); return self(); }
    public E setActivation(String v) { set(activation(), v); return self(); }
    public E setEpochs(int v) { set(epochs(), v); return self(); }
    public E setBatchSize(int v) { set(batchSize(), v); return self(); }
    public E setOptimizer(String v) { set(optimizer(), v); return self(); }
    public E setLearningRate(double v) { set(learningRate(), v); return self(); }
    public E setL2(double v) { set(l2(), v); return self(); }
    public E setL2FullRows(long v) { set(l2FullRows(), v); return self(); }
    public E setDropout(double v) { set(dropout(), v); return self(); }
    public E setSeed(long v) { set(seed(), v); return self(); }
    public E setNetworkJson(String v) { set(networkJson(), v); return self(); }
    public E setConfigJson(String v) { set(configJson(), v); return self(); }
    public E setLocalSteps(int v) { set(localSteps(), v); return self(); }
    public E setMembers(int v) { set(members(), v); return self(); }
    public E setScaling(String v) { set(scaling(), v); return self(); }
    public E setDataInit(String v) { set(dataInit(), v); return self(); }
    public E setLabelSmoothing(double v) { set(labelSmoothing(), v); return self(); }
    public E setInputLayers(String v) { set(inputLayers(), v); return self(); }
    public E setOuterOptimizer(String v) { set(outerOptimizer(), v); return self(); }
    public E setValidationFraction(double v) { set(validationFraction(), v); return self(); }
    public E setPatience(int v) { set(patience(), v); return self(); }
    public E setBatchNorm(String v) { set(batchNorm(), v); return self(); }
    public E setInitialModel(String v) { set(initialModel(), v); return self(); }
    public E setFrozenLayers(int v) { set(frozenLayers(), v); return self(); }
    public E setSearchJson(String v) { set(searchJson(), v); return self(); }
    public E setSearchSampleRows(long v) { set(searchSampleRows(), v); return self(); }
    public E setTrainingPartitions(int v) { set(trainingPartitions(), v); return self(); }

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
            // each was silently not used (a grid over dropout beside a networkJson trained one model)
            for (Param<?> p : List.of(hiddenLayers(), activation(), dropout(), batchNorm())) {
                if (isSet(p)) {
                    throw new IllegalArgumentException("Params networkJson and " + p.name() + " are both set; networkJson is the whole network, "
                            + "its layers' units, activation, dropout and batch norm too: give " + p.name() + " in its layers, or clear " + p.name());
                }
            }
            net = SpecFormat.readNetwork(nj);
            members = fromJson(members(), members, net.members(), 1);
            init = fromJson(dataInit(), init, net.dataInit(), DataInit.NONE);
        }
        TrainingConfig flat = new TrainingOptions(net, members, init, TrainingOptions.optimizer(getOptimizer(), getLearningRate()),
                null, getEpochs(), getBatchSize(), 0, getL2(), getL2FullRows(), getValidationFraction(), getPatience(),
                TrainingOptions.scaling(getScaling()), getLabelSmoothing(), getSeed(), "").toConfig();
        if (getConfigJson().isBlank()) return flat;
        // the JSON is the whole configuration; its seed unless the seed param is set (set to the default too: a grid over seeds)
        TrainingConfig json = TrainingOptions.DEFAULT.with("configJson", getConfigJson()).toConfig();
        if (isSet(seed())) json = json.withSeed(getSeed());
        // a param set beside it to another value was not used where it was set to its default (learningRate 0.01 beside a JSON of 0.05
        // trained at 0.05), and was refused naming the core's option ("optimizer") otherwise
        for (Param<?> p : List.of(hiddenLayers(), activation(), dropout(), batchNorm(), inputLayers(), networkJson(), members(), dataInit(), optimizer(),
                learningRate(), epochs(), batchSize(), l2(), l2FullRows(), scaling(), labelSmoothing(), validationFraction(), patience())) {
            if (isSet(p) && !agrees(p.name(), flat, json)) {
                throw new IllegalArgumentException("Params configJson and " + p.name() + " are both set, and configJson (the whole "
                        + "training configuration) gives " + p.name() + " another value: give it inside the JSON only, or clear " + p.name());
            }
        }
        return json;
    }

    /**
     * Whether param {@code param} means the same in {@code flat}, the configuration the params describe,
     * as in configJson's {@code json}: each param compared with its own part (the dense layers' units;
     * their activation, dropout or batch norm, each of the JSON's hidden layers having the param's; the
     * input layers; the optimizer's name or rate; another setting as the core's configJson check reads it).
     */
    private boolean agrees(String param, TrainingConfig flat, TrainingConfig json) {
        List<org.dendrite.core.layer.DenseSpec> theirs = hidden(json);
        // the hidden layer these params give every dense layer (with none, what they would give one)
        org.dendrite.core.layer.DenseSpec mine = (org.dendrite.core.layer.DenseSpec) TrainingOptions.network("1", getActivation(), getDropout(),
                getBatchNorm()).layers().get(0);
        return switch (param) {
            case "hiddenLayers" -> hidden(flat).stream().map(org.dendrite.core.layer.DenseSpec::units).toList()
                    .equals(theirs.stream().map(org.dendrite.core.layer.DenseSpec::units).toList());
            // a JSON without hidden layers agrees only with the default (a dropout of 0.3 beside it was silently not used)
            case "activation", "dropout", "batchNorm" -> (theirs.isEmpty() ? List.of(org.dendrite.core.network.NetworkSpec.DEFAULT_LAYER) : theirs)
                    .stream().allMatch(d -> param.equals("activation") ? d.activation().equals(mine.activation())
                    : param.equals("dropout") ? d.dropout() == mine.dropout() : d.batchNorm() == mine.batchNorm());
            case "inputLayers" -> inputLayers(flat).equals(inputLayers(json));
            case "networkJson" -> flat.network().withInputsUnresolved().equals(json.network().withInputsUnresolved());
            case "optimizer" -> flat.optimizer().name().equals(json.optimizer().name());
            case "learningRate" -> flat.optimizer().learningRate() == json.optimizer().learningRate();
            default -> java.util.Objects.equals(TrainingOptions.setting(param, flat), TrainingOptions.setting(param, json));
        };
    }

    /** The dense (hidden) layers of {@code c}'s network. */
    private static List<org.dendrite.core.layer.DenseSpec> hidden(TrainingConfig c) {
        return c.network().layers().stream().filter(org.dendrite.core.layer.DenseSpec.class::isInstance)
                .map(org.dendrite.core.layer.DenseSpec.class::cast).toList();
    }

    /** The other layers of {@code c}'s network (its input layers), before they learn the input's layout. */
    private static List<org.dendrite.core.layer.LayerSpec> inputLayers(TrainingConfig c) {
        return c.network().withInputsUnresolved().layers().stream().filter(l -> !(l instanceof org.dendrite.core.layer.DenseSpec)).toList();
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
        if (!ok.test(t)) {
            // the RDD-based API's vector prints as "vector" too
            String mllib = t.getClass().getName().startsWith("org.apache.spark.mllib.") ? " (" + t.getClass().getName() + ", the RDD-based API's; "
                    + "convert it with org.apache.spark.mllib.util.MLUtils.convertVectorColumnsToML)" : "";
            throw new IllegalArgumentException("Column '" + name + "' has type " + t.simpleString() + mllib + "; expected " + what);
        }
    }

    /** Trains a model on {@code dataset}; the caller's job description (its jobs' name in the Spark UI) is as it was before. */
    @Override
    public M fit(Dataset<?> dataset) {
        return SparkJobs.keepingDescription(dataset.sparkSession().sparkContext(), () -> train(dataset));
    }

    /** The training input: the features, label and weight columns (1 without one), and the checks of their rows. */
    private record Input(Dataset<Row> rows, RowCheck check) {}

    /** {@code dataset}'s columns as training reads them, checked against the params (the declared classes against the thresholds). */
    private Input input(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Boxed.requireRegistered();
        String w = getWeightCol();
        boolean hasWeight = w != null && !w.isEmpty();
        Dataset<Row> rows = dataset.select(DendriteModel.col(getFeaturesCol()), DendriteModel.col(getLabelCol()).cast(DataTypes.DoubleType),
                hasWeight ? DendriteModel.col(w).cast(DataTypes.DoubleType) : functions.lit(1.0));
        ColumnMetadata.Label label = classification() ? ColumnMetadata.label(dataset.schema().apply(getLabelCol())) : ColumnMetadata.Label.NONE;
        int declared = label.classes();
        if (declared > 0) checkClasses(declared, "the label column declares");
        return new Input(rows, new RowCheck(getFeaturesCol(), getLabelCol(), hasWeight ? w : null, classification(), declared)
                .withClassNames(label.names()));
    }

    /**
     * The learning-rate range test (Smith 2017, as fast.ai runs it) on {@code dataset}, before a fit: a
     * fresh network of the configuration these params describe trained while the rate grows from 1e-7
     * to 10 over up to 100 steps (stopping once the smoothed loss is 4 times its minimum), on a stratified sample of searchSampleRows rows copied to the driver (the
     * search's sample); {@code suggestedRate()} is a tenth of the rate at the smoothed loss's minimum (past the first tenth of the steps, before the last 5).
     * The estimator is not changed: {@code setLearningRate} to use the suggestion.
     */
    public org.dendrite.core.train.LrFinder.Result lrRangeTest(Dataset<?> dataset) {
        return onSample(dataset, org.dendrite.core.train.LrFinder::run);
    }

    /**
     * The overfit check on {@code dataset}, before a fit: about 20 of its rows (a row of each class in turn: every class when there are at most 20), from the
     * same sample as {@link #lrRangeTest}, must be learned without regularization by the network these
     * params describe; a network that cannot has a problem in its configuration or the data.
     */
    public org.dendrite.core.diagnostics.OverfitCheck.Result overfitCheck(Dataset<?> dataset) {
        return onSample(dataset, (config, table) -> org.dendrite.core.diagnostics.OverfitCheck.run(config, table,
                org.dendrite.core.diagnostics.OverfitCheck.DEFAULT_ROWS));
    }

    /** {@code check} of the configuration on a stratified sample of {@code dataset} (searchSampleRows rows) on the driver. */
    private <T> T onSample(Dataset<?> dataset, java.util.function.BiFunction<TrainingConfig, org.dendrite.core.data.LabeledTable, T> check) {
        return SparkJobs.keepingDescription(dataset.sparkSession().sparkContext(), () -> {
            Input in = input(dataset);
            TrainingConfig config = trainingConfig();
            return check.apply(config, SparkSearch.sample(in.rows(), in.check(), config.seed(), getSearchSampleRows()).table());
        });
    }

    private M train(Dataset<?> dataset) {
        Input in = input(dataset);
        Dataset<Row> rows = in.rows();
        RowCheck check = in.check();
        TrainingConfig config = trainingConfig();
        WarmStart warm = WarmStart.read(getInitialModel(), "Param initialModel", getFrozenLayers(), "Param frozenLayers");
        // an initial model's inputs in another order (or of other categories) are refused before training, not by the model after it
        if (warm.enabled()) DendriteModel.checkFeatures(dataset.schema(), getFeaturesCol(), warm.initial().preprocessor().columns());
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
        // the params it was fitted with, those left at their defaults too, set on the model (whose training params have no defaults)
        for (Param<?> p : params()) if (!model.isDefined(model.getParam(p.name())) && isDefined(p)) model.set(p.name(), getOrDefault(p));
        model.transformSchema(dataset.schema()); // the params that depend on the classes found in the rows (thresholds)
        return model;
    }

    @Override
    public E copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
