package org.dendrite.spark;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.dendrite.core.train.Model;

/** Dendrite as a Spark ML regressor: a numeric label, features a Vector. */
public class DendriteRegressor extends DendriteEstimator<DendriteRegressionModel> {
    private static final long serialVersionUID = 1L;

    public DendriteRegressor(String uid) {
        super(uid);
    }

    public DendriteRegressor() {
        this(Identifiable.randomUID("dendriteRegressor"));
    }

    @Override
    protected boolean classification() {
        return false;
    }

    @Override
    protected DendriteRegressionModel createModel(String uid, Model core) {
        return new DendriteRegressionModel(uid, core);
    }

    public static MLReader<DendriteRegressor> read() {
        return new DefaultParamsReader<>();
    }

    public static DendriteRegressor load(String path) {
        return read().load(path);
    }
}
