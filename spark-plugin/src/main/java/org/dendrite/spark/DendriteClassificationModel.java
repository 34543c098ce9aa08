package org.dendrite.spark;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.train.Model;

/**
 * A trained classifier: adds {@code probability} (class probabilities), {@code rawPrediction} (the
 * same vector, as Spark's evaluators accept) and {@code prediction} (the most probable class).
 */
public class DendriteClassificationModel extends DendriteModel<DendriteClassificationModel> {
    private static final long serialVersionUID = 1L;

    private final Param<String> probabilityCol;
    private final Param<String> rawPredictionCol;
    private final Param<String> uncertaintyCol;
    private final org.apache.spark.ml.param.IntParam monteCarloPasses;

    public DendriteClassificationModel(String uid, Model core) {
        super(uid, core);
        probabilityCol = new Param<>(this, "probabilityCol", "class probability column");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", "raw prediction column (class scores)");
        uncertaintyCol = new Param<>(this, "uncertaintyCol", "with monteCarloPasses > 1: a column with the Monte-Carlo dropout variance of "
                + "each class probability");
        monteCarloPasses = new org.apache.spark.ml.param.IntParam(this, "monteCarloPasses",
                "Monte-Carlo dropout passes for the uncertainty column (0 = no uncertainty column; needs dropout in the network)");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
        setDefault(uncertaintyCol, "uncertainty");
        setDefault(monteCarloPasses, 0);
    }

    public Param<String> uncertaintyCol() { return uncertaintyCol; }
    public org.apache.spark.ml.param.IntParam monteCarloPasses() { return monteCarloPasses; }

    public DendriteClassificationModel setMonteCarloPasses(int v) {
        set(monteCarloPasses, v);
        return this;
    }

    public Param<String> probabilityCol() { return probabilityCol; }
    public Param<String> rawPredictionCol() { return rawPredictionCol; }

    public int numClasses() {
        return coreModel().task().classCount();
    }

    @Override
    protected DendriteClassificationModel create(String uid, Model core) {
        return new DendriteClassificationModel(uid, core);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        checkFeatures(schema);
        StructType out = withOutput(withOutput(withOutput(schema, getOrDefault(rawPredictionCol), SQLDataTypes.VectorType()),
                getOrDefault(probabilityCol), SQLDataTypes.VectorType()), getOrDefault(predictionCol()), DataTypes.DoubleType);
        return (Integer) getOrDefault(monteCarloPasses) > 1 ? withOutput(out, getOrDefault(uncertaintyCol), SQLDataTypes.VectorType()) : out;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        UserDefinedFunction probability = functions.udf((UDF1<Vector, Vector>) v -> Vectors.dense(predict(v)), SQLDataTypes.VectorType());
        UserDefinedFunction argmax = functions.udf((UDF1<Vector, Double>) p -> (double) p.argmax(), DataTypes.DoubleType);
        Dataset<Row> withP = dataset.withColumn(getOrDefault(probabilityCol), probability.apply(functions.col(getOrDefault(featuresCol()))));
        Dataset<Row> out = withP.withColumn(getOrDefault(rawPredictionCol), functions.col(getOrDefault(probabilityCol)))
                .withColumn(getOrDefault(predictionCol()), argmax.apply(functions.col(getOrDefault(probabilityCol))));
        int passes = (Integer) getOrDefault(monteCarloPasses);
        if (passes > 1) {
            if (!coreModel().network().hasStochasticLayers()) {
                throw new IllegalArgumentException("monteCarloPasses = " + passes + " needs a network with dropout; this one has none");
            }
            Model core = coreModel();
            UserDefinedFunction variance = functions.udf((UDF1<Vector, Vector> & java.io.Serializable) v -> {
                double[] x = features(v);
                return Vectors.dense(core.predictRowMonteCarlo(x, passes, java.util.Arrays.hashCode(x)).variance()[0]);
            }, SQLDataTypes.VectorType());
            out = out.withColumn(getOrDefault(uncertaintyCol), variance.apply(functions.col(getOrDefault(featuresCol()))));
        }
        return out;
    }

    /**
     * Wraps a core model trained elsewhere (the Weka plugin, the core; read with {@code ModelIO}); its
     * input columns become the features vector's elements in order (a nominal column's element is its
     * category index).
     */
    public static DendriteClassificationModel fromCoreModel(Model core) {
        return new DendriteClassificationModel(org.apache.spark.ml.util.Identifiable.randomUID("dendrite"), requireKind(core, true, "The core model", "fromCoreModel"));
    }

    public static MLReader<DendriteClassificationModel> read() {
        return reader(DendriteClassificationModel.class, true, DendriteClassificationModel::new);
    }

    public static DendriteClassificationModel load(String path) {
        return read().load(path);
    }
}
