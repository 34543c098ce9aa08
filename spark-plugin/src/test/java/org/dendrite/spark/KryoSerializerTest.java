package org.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.data.ShardBlock;
import org.dendrite.core.io.ModelIO;
import org.junit.jupiter.api.Test;

/**
 * Spark's Kryo serializer ({@code spark.serializer=org.apache.spark.serializer.KryoSerializer}, the
 * setting Spark's tuning guide recommends): every fit failed with "Unable to create serializer
 * FieldSerializer for class org.dendrite.core.data.ShardPass$Summary" (Kryo takes no Java record),
 * where Spark's LogisticRegression and MultilayerPerceptronClassifier train. Now the rounds, the
 * synchronous mode, a held-out split, a regressor and a search train, and train the models the default
 * Java serializer trains (the same JSON: the serializer only carries the objects).
 */
class KryoSerializerTest {
    private static final StructType SCHEMA = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
    private static final String KRYO = "org.apache.spark.serializer.KryoSerializer";

    /** 240 rows of a class that depends on the first two features, in 2 partitions laid out alike in every session. */
    private static Dataset<Row> rows() {
        List<Row> rows = new ArrayList<>();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 240; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian();
            rows.add(RowFactory.create(Vectors.dense(a, b, a * b), a + b > 0 ? 1.0 : 0.0));
        }
        SparkSession s = SparkSession.active();
        return s.createDataFrame(new JavaSparkContext(s.sparkContext()).parallelize(rows, 2), SCHEMA);
    }

    /**
     * {@link #rows()}'s rows as a local relation, repartitioned to 2: no Row object of ours passes Spark's
     * serializer (parallelized Rows would need Spark's own GenericRow registered under registrationRequired).
     */
    private static Dataset<Row> localRows() {
        List<Row> rows = new ArrayList<>();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 240; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian();
            rows.add(RowFactory.create(Vectors.dense(a, b, a * b), a + b > 0 ? 1.0 : 0.0));
        }
        return SparkSession.active().createDataFrame(rows, SCHEMA).repartition(2);
    }

    /** Model {@code m} as JSON without when it was made and how long its epochs took. */
    private static String json(org.dendrite.core.train.Model m) {
        return ModelIO.toJson(m).replaceAll("\"createdAt\" : \"[^\"]*\"", "").replaceAll("\"seconds\" : [0-9.Ee-]+", "");
    }

    /** The models each way of training makes on {@link #rows()}, as JSON ({@link #json}), in the session running now. */
    private static List<String> fits() {
        return fits(rows());
    }

    /** The models each way of training makes on {@code df}, as JSON ({@link #json}), in the session running now. */
    private static List<String> fits(Dataset<Row> df) {
        List<String> models = new ArrayList<>();
        DendriteClassificationModel rounds = new DendriteClassifier().setEpochs(3).setSeed(3).fit(df);
        assertEquals(240, rounds.transform(df).count());
        models.add(json(rounds.coreModel()));
        models.add(json(new DendriteClassifier().setEpochs(2).setLocalSteps(1).setSeed(3).fit(df).coreModel()));
        models.add(json(new DendriteClassifier().setEpochs(2).setValidationFraction(0.25).setSeed(3).fit(df).coreModel()));
        DendriteRegressionModel regressor = new DendriteRegressor().setEpochs(2).setSeed(3).fit(df);
        assertEquals(240, regressor.transform(df).count());
        models.add(json(regressor.coreModel()));
        String search = "{\"space\": {\"parameters\": {\"units\": [4, 8]}}, \"scheduler\": {\"type\": \"successive_halving\", \"trials\": 2, "
                + "\"minEpochs\": 1, \"maxEpochs\": 2, \"eta\": 2}}";
        DendriteClassificationModel searched = new DendriteClassifier().setEpochs(2).setSeed(3).setSearchJson(search).setSearchSampleRows(100).fit(df);
        assertEquals(2, searched.searchResult().trials().size());
        return models;
    }

    @Test
    void fitsUnderKryoTrainWhatJavaSerializationTrains() {
        List<List<String>> each = new ArrayList<>();
        SparkTestSupport.inSession(() -> each.add(fits()));
        SparkTestSupport.inSession(() -> {
            each.add(fits());
            // a cached block written to disk (memory short) goes through Kryo too
            ShardBlock block = new ShardBlock(1, false, 4, 2, 2, new float[] {1, 2, 3, 4}, new float[] {0, 1}, null);
            var kryo = org.apache.spark.SparkEnv.get().serializer().newInstance();
            scala.reflect.ClassTag<Boxed<ShardBlock>> tag = scala.reflect.ClassTag$.MODULE$.apply(Boxed.class);
            ShardBlock back = kryo.deserialize(kryo.serialize(Boxed.of(block), tag), tag).get();
            assertEquals(block.offset(), back.offset());
            assertArrayEquals(block.features(), back.features());
        }, "spark.serializer", KRYO);
        assertTrue(each.get(0).size() == 4 && each.get(0).equals(each.get(1)), "the same models under Java serialization and Kryo");
    }

    /**
     * Under {@code spark.kryo.registrationRequired=true} (where Spark's MultilayerPerceptronClassifier
     * trains) every fit, lrRangeTest and overfitCheck failed in its first job with Kryo's "Class is not
     * registered: org.dendrite.spark.Boxed". The one setting the README names registers all Dendrite needs
     * (the rounds, the synchronous mode, a held-out split, a regressor, a search, the driver's sample); without it,
     * training is refused before any job, naming the setting; scoring needs nothing registered.
     */
    @Test
    void underRegistrationRequiredOneSettingRegistersWhatTrainingNeeds() {
        List<DendriteClassificationModel> trained = new ArrayList<>();
        SparkTestSupport.inSession(() -> {
            Dataset<Row> df = localRows();
            assertEquals(4, fits(df).size());
            assertTrue(Double.isFinite(new DendriteClassifier().setSeed(3).lrRangeTest(df).suggestedRate()));
            new DendriteClassifier().setSeed(3).overfitCheck(df);
            trained.add(new DendriteClassifier().setEpochs(1).setSeed(3).fit(df));
        }, "spark.serializer", KRYO, "spark.kryo.registrationRequired", "true", "spark.kryo.classesToRegister", "org.dendrite.spark.Boxed");
        SparkTestSupport.inSession(() -> {
            Dataset<Row> df = localRows();
            for (org.junit.jupiter.api.function.Executable e : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> new DendriteClassifier().setEpochs(1).fit(df), () -> new DendriteRegressor().setEpochs(1).fit(df),
                    () -> new DendriteClassifier().lrRangeTest(df), () -> new DendriteClassifier().overfitCheck(df))) {
                IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, e);
                assertTrue(refused.getMessage().contains("spark.kryo.registrationRequired=true")
                        && refused.getMessage().contains("set spark.kryo.classesToRegister=org.dendrite.spark.Boxed"), refused.getMessage());
            }
            assertEquals(240, trained.get(0).transform(df).count());
        }, "spark.serializer", KRYO, "spark.kryo.registrationRequired", "true");
    }
}
