package org.dendrite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dendrite.core.io.ModelFormatException;
import org.dendrite.core.io.ModelIO;
import org.dendrite.core.testutil.DamagedModels;
import org.dendrite.core.testutil.DamagedModels.Case;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of test-data/damaged-models/ through Spark's two ways in: as the model.json of a saved
 * model (next to valid Spark metadata) loaded with {@code DendriteClassificationModel.load}, and as
 * the estimator's {@code initialModel}. Each ends in a model (a warm start) or a clear error naming
 * the file and the field; the corpus file is never modified. A classification model refuses a
 * regression model.json, and the reverse.
 */
@Timeout(900)
class DamagedModelsSparkTest {
    @TempDir
    static Path tmp;
    private static Path classifierTemplate, regressorTemplate;

    /** Rows shaped like the corpus models: features (a, b in {0, 1, 2}, c), a 0/1 label or a numeric one. */
    static Dataset<Row> data(boolean classification) {
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), false),
            DataTypes.createStructField("label", DataTypes.DoubleType, false)});
        List<Row> rows = new ArrayList<>();
        Random r = new Random(16);
        for (int i = 0; i < 40; i++) {
            double a = r.nextGaussian() * 5 + 2;
            rows.add(RowFactory.create(Vectors.dense(a, r.nextInt(3), r.nextGaussian()), classification ? (a > 2 ? 1.0 : 0.0) : 3 * a));
        }
        return SparkTestSupport.spark().createDataFrame(rows, schema).coalesce(1);
    }

    @BeforeAll
    static void saveTemplates() throws Exception {
        classifierTemplate = tmp.resolve("classifier-template");
        regressorTemplate = tmp.resolve("regressor-template");
        new DendriteClassifier().setEpochs(1).fit(data(true)).write().save(classifierTemplate.toString());
        new DendriteRegressor().setEpochs(1).fit(data(false)).write().save(regressorTemplate.toString());
    }

    /** A copy of the template's metadata with {@code modelJson} (a file, a directory, or absent) as its model.json. */
    private static Path savedWith(Path template, Path modelJson, String name) throws Exception {
        Path dir = tmp.resolve("load-" + name);
        Files.createDirectories(dir.resolve("metadata"));
        try (Stream<Path> files = Files.list(template.resolve("metadata"))) {
            for (Path f : files.toList()) Files.copy(f, dir.resolve("metadata").resolve(f.getFileName()));
        }
        if (Files.isDirectory(modelJson)) {
            Files.createDirectory(dir.resolve("model.json"));
        } else if (Files.exists(modelJson)) {
            Files.copy(modelJson, dir.resolve("model.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileThroughLoadAndInitialModel() throws Exception {
        return DamagedModels.cases().stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.name() + " as a saved model's model.json", () -> load(c)),
                DynamicTest.dynamicTest(c.name() + " as initialModel", () -> initialModel(c))));
    }

    private static void load(Case c) throws Exception {
        String before = DamagedModels.hash(c.file());
        Path dir = savedWith(classifierTemplate, c.file(), c.name());
        String source = new org.apache.hadoop.fs.Path(dir.toString(), "model.json").toString();
        Throwable error = null;
        DendriteClassificationModel m = null;
        try {
            m = DendriteClassificationModel.load(dir.toString());
        } catch (Throwable t) {
            error = t;
        }
        if (c.loads() && !ModelIO.read(c.file()).task().isClassification()) {
            if (!(error instanceof IllegalArgumentException) || !error.getMessage().contains("holds a regression model")) {
                throw new AssertionError(c.name() + ": a regression model.json should be refused by the classification model, got " + error, error);
            }
        } else if (c.loads()) {
            if (error != null) throw new AssertionError(c.name() + " should load: " + error, error);
            assertEquals(2, m.numClasses());
            assertEquals(ModelIO.toJson(ModelIO.read(c.file())), ModelIO.toJson(m.coreModel()), c.name());
        } else {
            if (error == null || error.getClass() != ModelFormatException.class) {
                throw new AssertionError(c.name() + ": expected a ModelFormatException from load, got " + error, error);
            }
            c.assertClearError(error, source);
        }
        DamagedModels.assertUnchanged(c, before);
    }

    private static void initialModel(Case c) throws Exception {
        String before = DamagedModels.hash(c.file());
        boolean classification = !c.loads() || ModelIO.read(c.file()).task().isClassification();
        DendriteEstimator<?, ?> e = classification ? new DendriteClassifier() : new DendriteRegressor();
        e.setEpochs(1).setInitialModel(c.file().toString());
        Throwable error = null;
        try {
            org.dendrite.core.train.Model m = ((DendriteModel<?>) e.fit(data(classification))).coreModel();
            assertEquals(classification, m.task().isClassification());
        } catch (Throwable t) {
            error = t;
        }
        // a valid model warm-starts, one with nominal inputs too: the features vector's element is the category index, one-hot encoded by
        // the model's own preprocessing (the corpus rows carry indices 0..2 where the classifier's column "b" has three categories)
        if (c.loads()) {
            if (error != null) throw new AssertionError(c.name() + " should warm-start Spark: " + error, error);
        } else {
            if (!(error instanceof IllegalArgumentException) || !(error.getCause() instanceof ModelFormatException)) {
                throw new AssertionError(c.name() + ": expected an IllegalArgumentException around a ModelFormatException, got " + error, error);
            }
            c.assertClearError(error, c.file().toString());
            assertTrue(error.getMessage().contains("initialModel"), error.getMessage());
        }
        DamagedModels.assertUnchanged(c, before);
    }

    @Test
    void aClassificationModelRefusesARegressionModelAndTheReverse() throws Exception {
        Path regressionJson = regressorTemplate.resolve("model.json"), classificationJson = classifierTemplate.resolve("model.json");
        Path asClassifier = savedWith(classifierTemplate, regressionJson, "regression-as-classification");
        var e1 = assertThrows(IllegalArgumentException.class, () -> DendriteClassificationModel.load(asClassifier.toString()));
        assertTrue(e1.getMessage().contains("model.json holds a regression model") && e1.getMessage().contains("DendriteRegressionModel.load"),
                e1.getMessage());
        Path asRegressor = savedWith(regressorTemplate, classificationJson, "classification-as-regression");
        var e2 = assertThrows(IllegalArgumentException.class, () -> DendriteRegressionModel.load(asRegressor.toString()));
        assertTrue(e2.getMessage().contains("model.json holds a classifier (2 classes)") && e2.getMessage().contains("DendriteClassificationModel.load"),
                e2.getMessage());
        // each still loads as its own kind
        assertEquals(2, DendriteClassificationModel.load(classifierTemplate.toString()).numClasses());
        DendriteRegressionModel.load(regressorTemplate.toString());
    }

    /**
     * A saved model's search trials table damaged, or of a later Dendrite's format version: the model
     * (a sound model.json) loads without its searchResult() (it was refused as a whole: the table is
     * the record of how its configuration was chosen, as a version-1 table, already loaded so).
     */
    @Test
    void aDamagedOrNewerTrialsTableLeavesTheModelLoadable() throws Exception {
        for (String table : List.of("{\"format\": \"dendrite-search-trials\", \"formatVersion\": 99}", "{\"format\": \"dendrite-search-trials\", \"formatVer")) {
            Path dir = savedWith(classifierTemplate, classifierTemplate.resolve("model.json"), "trials-" + table.length());
            Files.writeString(dir.resolve("search-trials.json"), table);
            DendriteClassificationModel m = DendriteClassificationModel.load(dir.toString());
            assertEquals(2, m.numClasses());
            assertEquals(null, m.searchResult());
            assertEquals(DendriteClassificationModel.load(classifierTemplate.toString()).coreModel().predictRow(new double[] {1, 2, 3})[1],
                    m.coreModel().predictRow(new double[] {1, 2, 3})[1]);
        }
    }

    /**
     * A saved model's folder damaged outside model.json: Spark's own messages (json4s's "Do not know how
     * to convert JString(abc) into int", Hadoop's bare checksum error) named no file; the load names
     * the metadata, or says that model.json changed after the save and what to do.
     */
    @Test
    void damagedSparkMetadataAndAStaleChecksumNameTheFile() throws Exception {
        Path bad = savedWith(classifierTemplate, classifierTemplate.resolve("model.json"), "metadata-damaged");
        Path part = bad.resolve("metadata").resolve("part-00000");
        String meta = Files.readString(part);
        assertTrue(meta.contains("\"monteCarloPasses\":0"), meta);
        Files.writeString(part, meta.replace("\"monteCarloPasses\":0", "\"monteCarloPasses\":\"abc\""));
        Files.deleteIfExists(bad.resolve("metadata").resolve(".part-00000.crc"));
        var e = assertThrows(IllegalArgumentException.class, () -> DendriteClassificationModel.load(bad.toString()));
        assertTrue(e.getMessage().startsWith(new org.apache.hadoop.fs.Path(bad.toString(), "metadata") + " (Spark's record of the saved model's "
                + "class and params) cannot be read: "), e.getMessage());
        // model.json replaced after the save (the exchange format invites it): Hadoop's checksum beside it no longer fits
        Path saved = tmp.resolve("replaced-model-json");
        DendriteClassificationModel.load(classifierTemplate.toString()).write().save(saved.toString());
        assertTrue(Files.exists(saved.resolve(".model.json.crc")));
        Files.writeString(saved.resolve("model.json"), Files.readString(saved.resolve("model.json")) + "\n");
        var c = assertThrows(java.io.UncheckedIOException.class, () -> DendriteClassificationModel.load(saved.toString()));
        assertTrue(c.getMessage().contains("it changed after the save; if that was intended, delete the .crc file"), c.getMessage());
        Files.delete(saved.resolve(".model.json.crc"));
        assertEquals(2, DendriteClassificationModel.load(saved.toString()).numClasses());
    }
}
