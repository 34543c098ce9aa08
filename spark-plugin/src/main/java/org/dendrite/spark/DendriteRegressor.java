package org.dendrite.spark;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.train.Model;

/** Dendrite as a Spark ML regressor: a numeric label, features a Vector. */
public class DendriteRegressor extends DendriteEstimator<DendriteRegressionModel, DendriteRegressor> {
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

    @Override
    protected StructType outputSchema(StructType schema) {
        return DendriteModel.withOutput(schema, getPredictionCol(), DataTypes.DoubleType);
    }

    public static MLReader<DendriteRegressor> read() {
        return new DefaultParamsReader<>();
    }

    public static DendriteRegressor load(String path) {
        return read().load(path);
    }
}
