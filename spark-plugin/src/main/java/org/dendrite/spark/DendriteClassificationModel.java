package org.dendrite.spark;

import java.util.List;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
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
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.train.Model;

/**
 * A trained classifier: adds, in the order of Spark's probabilistic classifiers, {@code rawPrediction}
 * (the class probabilities, as Spark's evaluators accept them), {@code probability} (the same vector)
 * and {@code prediction}: the most probable class, or with {@code thresholds} the class of largest
 * probability / threshold, as Spark's probabilistic classifiers choose it. A column whose name is set
 * empty is left out, as there.
 */
public class DendriteClassificationModel extends DendriteModel<DendriteClassificationModel> implements ClassifierParams<DendriteClassificationModel> {
    private static final long serialVersionUID = 1L;

    public DendriteClassificationModel(String uid, Model core) {
        super(uid, core);
    }

    /** Refuses thresholds {@code t} (null: none) whose number is not {@code classes}; {@code source} says whose classes ("the model has"). */
    static void requireThresholds(double[] t, int classes, String source) {
        if (t != null && t.length != classes) {
            throw new IllegalArgumentException("Param thresholds has " + t.length + " values, but " + source + " " + classes + " classes (one "
                    + "threshold per class, in label order)");
        }
    }

    /**
     * The input {@code schema} with a classifier's output columns, in the order transform adds them,
     * Spark's probabilistic classifiers' order: raw prediction, probability, prediction; with the ML
     * attribute metadata Spark's classification models give them for the model's {@code classes}
     * (none: unknown yet, no metadata, as Spark's estimators declare them): a vector of that size, a
     * nominal prediction.
     */
    static StructType outputSchema(StructType schema, String probability, String rawPrediction, String prediction, List<String> classes) {
        int k = classes.size();
        return withOutput(withOutput(withOutput(schema, rawPrediction, SQLDataTypes.VectorType(), vectorOf(rawPrediction, k)), probability,
                SQLDataTypes.VectorType(), vectorOf(probability, k)), prediction, DataTypes.DoubleType, classOf(classes));
    }

    /** Metadata of a vector column {@code name} of one value per class (VectorAssembler reads its size from it), none for 0 classes. */
    private static Metadata vectorOf(String name, int classes) {
        return classes == 0 || name.isEmpty() ? Metadata.empty() : new AttributeGroup(name, classes).toMetadata();
    }

    /**
     * Metadata of a prediction column: a nominal attribute of the model's {@code classes} (none: no
     * metadata), named, so that IndexToString reads the index as the class it is: the names a label
     * indexed by StringIndexer or a model trained in Weka gives, or a label's own numbers "0".."k-1"
     * (StringIndexer's names of a label of 0s and 1s are those too; IndexToString failed on a count).
     */
    private static Metadata classOf(List<String> classes) {
        return classes.isEmpty() ? Metadata.empty() : NominalAttribute.defaultAttr().withValues(classes.toArray(new String[0])).toMetadata();
    }

    /** The class predicted from probabilities {@code p} with {@code thresholds} {@code t} (null: none): Spark's rule. */
    static double predicted(Vector p, double[] t) {
        if (t == null) return p.argmax();
        double[] scaled = new double[t.length];
        for (int k = 0; k < t.length; k++) scaled[k] = t[k] == 0 ? Double.POSITIVE_INFINITY : p.apply(k) / t[k];
        return Vectors.dense(scaled).argmax();
    }

    /** One row's class probabilities, as transform writes them (Spark's {@code ProbabilisticClassificationModel.predictProbability}). */
    public Vector predictProbability(Vector features) {
        return Vectors.dense(outputs(features));
    }

    /** One row's raw prediction: its class probabilities, as in the rawPrediction column. */
    public Vector predictRaw(Vector features) {
        return predictProbability(features);
    }

    /** One row's predicted class, as transform writes it: with thresholds, the largest probability / threshold. */
    @Override
    public double predict(Vector features) {
        return predicted(predictProbability(features), getThresholds());
    }

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
        requireThresholds(getThresholds(), numClasses(), "the model has");
        return withUncertainty(outputSchema(schema, getProbabilityCol(), getRawPredictionCol(), getPredictionCol(), coreModel().task().classes()), true);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        double[] t = getThresholds();
        UserDefinedFunction argmax = functions.udf((UDF1<Vector, Double>) p -> predicted(p, t), DataTypes.DoubleType).withName("dendrite_predicted_class");
        String probability = getProbabilityCol(), prediction = getPredictionCol(), rawPrediction = getRawPredictionCol();
        int k = numClasses();
        Metadata classes = classOf(coreModel().task().classes());
        return withOutputs(dataset, rawPrediction, vectorOf(rawPrediction, k), true, !probability.isEmpty() || !prediction.isEmpty(), (d, raw) -> {
            Dataset<Row> withProbability = probability.isEmpty() ? d : d.withColumn(probability, col(raw), vectorOf(probability, k));
            return prediction.isEmpty() ? withProbability : withProbability.withColumn(prediction, argmax.apply(col(raw)), classes);
        });
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
