package org.dendrite.spark;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.train.Model;

/** A trained regressor: adds {@code prediction} in the label's units. */
public class DendriteRegressionModel extends DendriteModel<DendriteRegressionModel> {
    private static final long serialVersionUID = 1L;

    public DendriteRegressionModel(String uid, Model core) {
        super(uid, core);
    }

    @Override
    protected DendriteRegressionModel create(String uid, Model core) {
        return new DendriteRegressionModel(uid, core);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        checkFeatures(schema);
        return withUncertainty(withOutput(schema, getPredictionCol(), DataTypes.DoubleType), false);
    }

    @Override
    public double predict(Vector features) {
        return outputs(features)[0];
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        return withOutputs(dataset, getPredictionCol(), org.apache.spark.sql.types.Metadata.empty(), false, false, (d, prediction) -> d);
    }

    /**
     * Wraps a core model trained elsewhere (the Weka plugin, the core; read with {@code ModelIO}); its
     * input columns become the features vector's elements in order (a nominal column's element is its
     * category index).
     */
    public static DendriteRegressionModel fromCoreModel(Model core) {
        return new DendriteRegressionModel(org.apache.spark.ml.util.Identifiable.randomUID("dendrite"), requireKind(core, false, "The core model", "fromCoreModel"));
    }

    public static MLReader<DendriteRegressionModel> read() {
        return reader(DendriteRegressionModel.class, false, DendriteRegressionModel::new);
    }

    public static DendriteRegressionModel load(String path) {
        return read().load(path);
    }
}
