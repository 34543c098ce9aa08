package org.dendrite.spark;

import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.train.Model;

/**
 * Dendrite as a Spark ML classifier: labels 0..k-1 (as StringIndexer makes), features a Vector; its
 * model's output columns and thresholds are set here as on Spark's probabilistic classifiers.
 */
public class DendriteClassifier extends DendriteEstimator<DendriteClassificationModel, DendriteClassifier> {
    private static final long serialVersionUID = 1L;

    private final Param<String> probabilityCol;
    private final Param<String> rawPredictionCol;
    private final DoubleArrayParam thresholds;

    public DendriteClassifier(String uid) {
        super(uid);
        probabilityCol = output("probabilityCol", "class probability column", "probability");
        rawPredictionCol = output("rawPredictionCol", "raw prediction column: the class probabilities, as Spark's evaluators read them (not pre-softmax scores)", "rawPrediction");
        thresholds = DendriteClassificationModel.thresholds(this);
    }

    public DendriteClassifier() {
        this(Identifiable.randomUID("dendriteClassifier"));
    }

    @Override
    protected boolean classification() {
        return true;
    }

    @Override
    protected DendriteClassificationModel createModel(String uid, Model core) {
        return new DendriteClassificationModel(uid, core);
    }

    @Override
    protected StructType outputSchema(StructType schema) {
        return DendriteClassificationModel.outputSchema(schema, getProbabilityCol(), getRawPredictionCol(), getPredictionCol(), java.util.List.of());
    }

    @Override
    protected void checkClasses(int classes, String source) {
        DendriteClassificationModel.requireThresholds(getThresholds(), classes, source);
    }

    public Param<String> probabilityCol() { return probabilityCol; }
    public Param<String> rawPredictionCol() { return rawPredictionCol; }
    public DoubleArrayParam thresholds() { return thresholds; }
    public String getProbabilityCol() { return getOrDefault(probabilityCol); }
    public String getRawPredictionCol() { return getOrDefault(rawPredictionCol); }
    public DendriteClassifier setProbabilityCol(String v) { set(probabilityCol, v); return this; }
    public DendriteClassifier setRawPredictionCol(String v) { set(rawPredictionCol, v); return this; }
    public DendriteClassifier setThresholds(double[] v) { set(thresholds, v); return this; }
    /** The thresholds, null when unset (as the model's). */
    public double[] getThresholds() { return isDefined(thresholds) ? getOrDefault(thresholds) : null; }

    public static MLReader<DendriteClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static DendriteClassifier load(String path) {
        return read().load(path);
    }
}
