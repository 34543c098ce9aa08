package org.dendrite.spark;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.train.Model;

/**
 * Dendrite as a Spark ML classifier: labels 0..k-1 (as StringIndexer makes), features a Vector; its
 * model's output columns and thresholds are set here as on Spark's probabilistic classifiers.
 */
public class DendriteClassifier extends DendriteEstimator<DendriteClassificationModel, DendriteClassifier> implements ClassifierParams<DendriteClassifier> {
    private static final long serialVersionUID = 1L;

    public DendriteClassifier(String uid) {
        super(uid);
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

    public static MLReader<DendriteClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static DendriteClassifier load(String path) {
        return read().load(path);
    }
}
