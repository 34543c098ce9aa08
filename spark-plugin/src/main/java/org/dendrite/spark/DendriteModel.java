package org.dendrite.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.data.RowCheck;
import org.dendrite.core.io.ModelFormatException;
import org.dendrite.core.io.ModelIO;
import org.dendrite.core.io.SearchFormat;
import org.dendrite.core.search.SearchResult;
import org.dendrite.core.train.Model;
import scala.Option;

/**
 * A trained Dendrite model in Spark: the core model plus its columns. Saved as Spark's standard
 * metadata (so Pipelines and CrossValidator models save and load it) and the core's versioned JSON
 * model (model.json), which the Weka plugin and the core read too.
 */
public abstract class DendriteModel<M extends DendriteModel<M>> extends org.apache.spark.ml.Model<M> implements DendriteParams<M>, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Model core;
    private final ParamSet params;
    private final Param<String> distributedTraining;
    private final org.apache.spark.ml.param.IntParam monteCarloPasses;
    private final Param<String> uncertaintyCol;
    /** The search that chose the configuration (null without one; read back by a load). */
    private SearchResult search;

    protected DendriteModel(String uid, Model core) {
        this.uid = uid;
        this.core = core;
        params = new ParamSet(this, this instanceof ClassifierParams, true);
        distributedTraining = new Param<>(this, "distributedTraining", "how the estimator trained this model on the cluster (set by fit, "
                + "saved with the model; empty for a model made from a core model)");
        setDefault(distributedTraining, "");
        monteCarloPasses = new org.apache.spark.ml.param.IntParam(this, "monteCarloPasses", "Monte-Carlo dropout passes (needs dropout in the "
                + "network; 0 or 1 = none): with k >= 2 the outputs are the mean of k passes with dropout active, as Weka's -mc-dropout "
                + "gives them, and the uncertainty column holds their variance (a row draws its masks from the training seed and its own "
                + "values: the same numbers in any batch, in Weka and in Spark)",
                ParamSet.core("monteCarloPasses", Integer.class, (Object v) -> {
                    if ((Integer) v < 0) throw new IllegalArgumentException("allowed: >= 0 (0 or 1: none)");
                }));
        uncertaintyCol = ParamSet.output(this, "uncertaintyCol", "with monteCarloPasses >= 2: the Monte-Carlo dropout variance of each output "
                + "(each class probability, or the value in the label's units squared)");
        setDefault(monteCarloPasses, 0);
        setDefault(uncertaintyCol, "uncertainty");
    }

    /** Column {@code name} of a DataFrame, taken as it is spelled (a name with a dot is not a struct's field; Spark's col() parses it). */
    static org.apache.spark.sql.Column col(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    public org.apache.spark.ml.param.IntParam monteCarloPasses() { return monteCarloPasses; }
    public Param<String> uncertaintyCol() { return uncertaintyCol; }
    public int getMonteCarloPasses() { return (Integer) getOrDefault(monteCarloPasses); }
    public String getUncertaintyCol() { return getOrDefault(uncertaintyCol); }

    @SuppressWarnings("unchecked")
    public M setMonteCarloPasses(int v) { set(monteCarloPasses, v); return (M) this; }

    @SuppressWarnings("unchecked")
    public M setUncertaintyCol(String v) { set(uncertaintyCol, v); return (M) this; }

    @Override public String uid() { return uid; }

    @Override public ParamSet paramSet() { return params; }

    /** The trained core model. */
    public Model coreModel() { return core; }

    /**
     * The core model's summary (the network, the epochs, the last losses, the training configuration
     * with the values chosen from the training rows, warnings: what Weka's {@code toString} shows),
     * then how the cluster trained it (synchronous steps or rounds, partitions, round lengths).
     */
    public String summary() {
        String spark = getDistributedTraining();
        return core.summary() + (spark.isEmpty() ? "" : "On Spark: " + spark + "\n");
    }

    /** How the estimator trained this model on the cluster: the mode, partitions, batch and round lengths (see {@link #summary()}). */
    public Param<String> distributedTraining() { return distributedTraining; }
    public String getDistributedTraining() { return getOrDefault(distributedTraining); }

    /**
     * The hyperparameter search that chose this model's configuration: its trials, the best
     * configuration (as JSON: {@code io.SpecFormat.write(searchResult().bestConfig())}) and a summary;
     * null when the estimator had no {@code searchJson}. Saved as {@code search-trials.json} beside the
     * model and loaded back with it (without the refitted model: that is this model).
     */
    public SearchResult searchResult() { return search; }

    void setSearchResult(SearchResult s) { search = s; }

    /** Checks the features column, and the categories its metadata names (StringIndexer's, kept by VectorAssembler) against the model's. */
    protected void checkFeatures(StructType schema) {
        checkFeatures(schema, getFeaturesCol(), core.preprocessor().columns());
    }

    /**
     * Checks column {@code featuresCol} of {@code schema} against a model's inputs {@code trained}:
     * a Vector, the categories its metadata names (StringIndexer's, kept by VectorAssembler) as the
     * model's, and its elements' names, where the metadata gives them, not the model's in another order.
     */
    static void checkFeatures(StructType schema, String featuresCol, java.util.List<org.dendrite.core.data.Column> trained) {
        DendriteEstimator.requireColumn(schema, featuresCol, "a Vector of size " + trained.size(), t -> t.equals(SQLDataTypes.VectorType()));
        ColumnMetadata.Features given = ColumnMetadata.features(schema.apply(featuresCol), trained.size());
        RowCheck.checkCategories(trained, given.columns(), given.namedCategories());
        // the elements' names, where the metadata gives them (VectorAssembler's), against the model's named inputs: the same columns
        // in another order went silently to other weights; names the model does not hold say nothing
        String[] names = given.names();
        int i = names == null ? -1 : org.dendrite.core.data.Column.misplaced(trained, names);
        if (i >= 0) {
            throw new IllegalArgumentException("Column '" + featuresCol + "' element " + i + " is '" + names[i] + "' in its metadata, but "
                    + "the model's input " + i + " is '" + trained.get(i).name() + "': assemble the model's inputs in its order ("
                    + org.dendrite.core.check.Check.shorten(trained.stream().map(org.dendrite.core.data.Column::name)
                            .collect(java.util.stream.Collectors.joining(", "))) + ")");
        }
    }

    /**
     * {@code schema} with the output column {@code name} of {@code type} added (none when the name is
     * empty); refused, as Spark's own models refuse it, when the input already has a column of that name
     * (it would be overwritten, and the schema would hold the name twice).
     */
    protected static StructType withOutput(StructType schema, String name, org.apache.spark.sql.types.DataType type) {
        return withOutput(schema, name, type, Metadata.empty());
    }

    /** {@link #withOutput(StructType, String, DataType)} with the column's ML attribute {@code metadata} (Spark's models declare their outputs' sizes). */
    protected static StructType withOutput(StructType schema, String name, DataType type, Metadata metadata) {
        if (name.isEmpty()) return schema; // not written
        if (java.util.Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("Column " + name + " already exists; choose another output column name (e.g. with "
                    + "setPredictionCol) or drop it first");
        }
        return schema.add(name, type, false, metadata);
    }

    /**
     * {@code core}, when it is a classifier ({@code classification}) or a regression model as asked; a
     * clear error otherwise, naming {@code source} (what holds it) and the {@code method} of the other
     * model class that takes it.
     */
    protected static Model requireKind(Model core, boolean classification, String source, String method) {
        if (core.task().isClassification() != classification) {
            throw new IllegalArgumentException(source + " holds a " + (classification ? "regression model (a numeric target)" : "classifier ("
                    + core.task().classCount() + " classes)") + "; " + (classification ? "DendriteClassificationModel needs a classifier: use "
                    + "DendriteRegressionModel." : "DendriteRegressionModel needs a regression model: use DendriteClassificationModel.") + method);
        }
        return core;
    }

    /**
     * One row's outputs through the core (class probabilities, or the value), as transform writes
     * them: with monteCarloPasses >= 2 the passes' mean. The vector is checked as training checks it
     * (the column named in errors).
     */
    protected double[] outputs(org.apache.spark.ml.linalg.Vector v) {
        int passes = getMonteCarloPasses();
        return passes < 2 ? core.predictRow(features(v)) : core.predictRowMonteCarlo(features(v), passes, core.provenance().seed()).mean()[0];
    }

    /**
     * {@code dataset} with the outputs in column {@code col} (a vector of them, or the one value), then
     * the columns {@code then} adds from it (given its name; {@code derived}: it adds at least one), and,
     * with monteCarloPasses >= 2, their variance in the uncertainty column, both from one evaluation of
     * a row's passes: each column added in its place, no column selected by name (an input holding a
     * name twice, as a join makes, stays as it is). An empty {@code col} or uncertainty column is not
     * written, as in Spark's own models (the outputs pass through a column dropped at the end); with no
     * output column at all, the rows come back as they are, with a warning.
     */
    protected Dataset<Row> withOutputs(Dataset<?> dataset, String col, Metadata metadata, boolean vector, boolean derived,
                                       java.util.function.BiFunction<Dataset<Row>, String, Dataset<Row>> then) {
        int passes = getMonteCarloPasses();
        String uncertainty = passes < 2 ? "" : getUncertaintyCol();
        if (col.isEmpty() && !derived && uncertainty.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(DendriteModel.class).warn("{}.transform: every output column's name is empty, so nothing was "
                    + "predicted and the rows are returned as they are", getClass().getSimpleName());
            return dataset.toDF();
        }
        String out = col.isEmpty() ? unused(dataset, "_dendrite_outputs") : col;
        org.apache.spark.sql.Column features = col(getFeaturesCol());
        DataType type = vector ? SQLDataTypes.VectorType() : DataTypes.DoubleType;
        Dataset<Row> d;
        if (passes < 2) {
            d = then.apply(dataset.withColumn(out, functions.udf((UDF1<Vector, Object>) v -> cell(outputs(v), vector), type)
                    .withName("dendrite_predict").apply(features), metadata), out);
        } else {
            long seed = core.provenance().seed();
            UserDefinedFunction both = functions.udf((UDF1<Vector, Row>) v -> {
                Model.MonteCarloPrediction mc = core.predictRowMonteCarlo(features(v), passes, seed);
                return RowFactory.create(cell(mc.mean()[0], vector), cell(mc.variance()[0], vector));
            }, new StructType().add("mean", type).add("variance", type)).withName("dendrite_predict_monte_carlo");
            String tmp = unused(dataset, "_dendrite_monte_carlo");
            d = then.apply(dataset.withColumn(tmp, both.apply(features)).withColumn(out, functions.col(tmp + ".mean"), metadata), out);
            if (!uncertainty.isEmpty()) d = d.withColumn(uncertainty, functions.col(tmp + ".variance"));
            d = d.drop(tmp);
        }
        return col.isEmpty() ? d.drop(out) : d;
    }

    /** {@code name}, with underscores added until no column of {@code dataset} has it (an input column of that name stays as it is). */
    private static String unused(Dataset<?> dataset, String name) {
        while (java.util.Arrays.asList(dataset.columns()).contains(name)) name += "_";
        return name;
    }

    /** A row's value in an output column: the outputs as a vector, or the one value. */
    private static Object cell(double[] values, boolean vector) {
        return vector ? Vectors.dense(values) : (Object) values[0];
    }

    /**
     * {@code out} (the output schema without it) with the uncertainty column when monteCarloPasses >= 2
     * ({@code vector}: one variance per output), refused without dropout in the network.
     */
    protected StructType withUncertainty(StructType out, boolean vector) {
        int passes = getMonteCarloPasses();
        if (passes < 2) return out;
        if (!core.network().hasStochasticLayers()) {
            throw new IllegalArgumentException("monteCarloPasses = " + passes + " needs a network with dropout; this one has none");
        }
        return withOutput(out, getUncertaintyCol(), vector ? SQLDataTypes.VectorType() : DataTypes.DoubleType);
    }

    /** One row's prediction, as transform writes it in the prediction column (Spark's {@code PredictionModel.predict}). */
    public abstract double predict(org.apache.spark.ml.linalg.Vector features);

    /** The size of the features vector the model takes. */
    public int numFeatures() {
        return core.preprocessor().columns().size();
    }

    /** As Spark's own models print themselves: the class, the uid and the model's shape. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + ": uid=" + uid + (core.task().isClassification() ? ", numClasses=" + core.task().classCount() : "")
                + ", numFeatures=" + numFeatures();
    }

    /** A row's features, checked as training checks them (the size before a sparse vector is made dense). */
    double[] features(org.apache.spark.ml.linalg.Vector v) {
        String col = getFeaturesCol(), note = "the model was trained on size %d";
        int width = core.preprocessor().columns().size();
        if (v != null) RowCheck.checkSize(v.size(), col, width, note, -1, -1);
        return RowCheck.checkFeatures(v == null ? null : v.toArray(), col, width, note, -1, -1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public M copy(ParamMap extra) {
        M copy = create(uid, core);
        ((DendriteModel<M>) copy).search = search;
        return (M) copyValues(copy, extra).setParent(parent());
    }

    /** A new model of this class around {@code core}. */
    protected abstract M create(String uid, Model core);

    @Override
    public MLWriter write() {
        DendriteModel<M> self = this;
        SearchResult search = this.search;
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                DefaultParamsWriter.saveMetadata(self, path, sparkSession().sparkContext(), Option.empty(), Option.empty());
                Path file = new Path(path, "model.json");
                try {
                    FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                    try (FSDataOutputStream out = fs.create(file, true)) {
                        out.write(ModelIO.toJson(core).getBytes(StandardCharsets.UTF_8));
                    }
                    if (search != null) {
                        try (FSDataOutputStream out = fs.create(new Path(path, "search-trials.json"), true)) {
                            out.write(SearchFormat.trialsJson(search).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("Could not write " + file, e);
                }
            }
        };
    }

    /**
     * The search's trials table saved beside the model, or null when the model had no search, or its
     * table cannot be read (of version 1, of a later Dendrite, damaged): it is the record of how the
     * configuration was chosen, not part of the model, which then loads without its searchResult(),
     * with a warning naming the file (a damaged or newer table made a sound model.json unloadable).
     */
    private static SearchResult readTrials(Path file, SparkSession spark) {
        String problem;
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(file)) return null;
            try (FSDataInputStream in = fs.open(file)) {
                SearchResult r = SearchFormat.readTrials(in, file.toString());
                if (r != null) return r;
                problem = file + " was written by an earlier Dendrite (trials table format version 1, without the trials' configurations)";
            }
        } catch (IOException | ModelFormatException e) {
            problem = "The search's trials table cannot be read (" + e.getMessage() + ")";
        }
        org.slf4j.LoggerFactory.getLogger(DendriteModel.class).warn("{}: the model loads without its searchResult()", problem);
        return null;
    }

    /** Reads Spark's metadata of the model saved at {@code path}: its errors (Spark's own, naming no file) name the folder's metadata. */
    private static <T> T metadata(String path, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (Exception e) { // Spark's json4s errors are checked exceptions, thrown from Scala undeclared
            throw new IllegalArgumentException(new Path(path, "metadata") + " (Spark's record of the saved model's class and params) cannot be "
                    + "read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads what {@link #write()} saved; {@code factory} makes the concrete model class, which holds a
     * classifier when {@code classification} (a model.json of the other kind is refused).
     */
    protected static <T extends DendriteModel<T>> MLReader<T> reader(Class<T> type, boolean classification,
                                                                     java.util.function.BiFunction<String, Model, T> factory) {
        return new MLReader<T>() {
            @Override
            public T load(String path) {
                SparkSession spark = sparkSession();
                DefaultParamsReader.Metadata meta = metadata(path, () -> DefaultParamsReader.loadMetadata(path, spark.sparkContext(), type.getName()));
                Path file = new Path(path, "model.json");
                Model core;
                try {
                    FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
                    if (!fs.exists(file)) {
                        throw new ModelFormatException(file + " does not exist (expected the Dendrite model JSON saved with the model)");
                    }
                    if (fs.getFileStatus(file).isDirectory()) {
                        throw new ModelFormatException(file + " is a directory, not a file (expected the Dendrite model JSON saved with the model)");
                    }
                    try (FSDataInputStream in = fs.open(file)) {
                        core = ModelIO.read(in, file.toString());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("Could not read " + file + ": " + e.getMessage() + (e instanceof org.apache.hadoop.fs.ChecksumException
                            ? " (the file differs from the checksum Hadoop saved beside it, .model.json.crc: it changed after the save; if that "
                            + "was intended, delete the .crc file)" : ""), e);
                }
                T m = factory.apply(meta.uid(), requireKind(core, classification, file.toString(), "load"));
                metadata(path, () -> {
                    meta.getAndSetParams(m, Option.empty());
                    return null;
                });
                m.setSearchResult(readTrials(new Path(path, "search-trials.json"), spark));
                return m;
            }
        };
    }
}
