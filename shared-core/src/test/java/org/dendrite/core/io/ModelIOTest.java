package org.dendrite.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.activation.Selu;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Table;
import org.dendrite.core.data.Whitening;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.testutil.TestData;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.Trainer;
import org.dendrite.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIOTest {
    /**
     * A classifier whose loss gives one output (sigmoid cross-entropy, mse, mae, huber; a file edited by
     * hand, or written when training took such a loss for classes) is refused naming $.loss: it loaded,
     * and Weka's evaluation then failed with an ArrayIndexOutOfBoundsException on the second class.
     */
    @Test
    void aClassifierWithoutAProbabilityPerClassIsRefused() {
        for (org.dendrite.core.loss.Loss loss : List.of(new org.dendrite.core.loss.SigmoidBinaryCrossEntropy(), new org.dendrite.core.loss.MeanSquaredError(),
                new org.dendrite.core.loss.MeanAbsoluteError(), new org.dendrite.core.loss.Huber(1))) {
            String json = ModelIO.toJson(SyntheticModels.oneOutputClassifier(loss));
            var e = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(json), loss.name());
            assertTrue(e.getMessage().contains("$.loss: " + loss.name() + " gives no probability per class, but the model is a classifier of 2 "
                    + "classes ($.task.classes); a classifier's loss is softmax_cross_entropy"), e.getMessage());
        }
    }

    /**
     * A 43 KB model file of format version 4 (its periodic embedding lists no inputs) with that layer
     * stacked 31 times: refused by the network's size, as 3 or 10 layers were (its width, tripled by
     * each, was listed input by input first: an OutOfMemoryError).
     */
    @Test
    void stackedPeriodicEmbeddingsInAnOldFileAreRefusedBySize(@TempDir Path dir) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                Files.readString(Path.of(ModelIOTest.class.getResource("/models/v4-periodic-credit.json").toURI())));
        com.fasterxml.jackson.databind.node.ArrayNode layers = (com.fasterxml.jackson.databind.node.ArrayNode) m.at("/network/spec/layers");
        for (int i = 0; i < 30; i++) layers.insert(0, layers.get(0).deepCopy());
        Path file = dir.resolve("stacked.json");
        json.writeValue(file.toFile(), m);
        var e = assertThrows(ModelFormatException.class, () -> ModelIO.read(file));
        assertTrue(e.getMessage().contains("(a layer wider than 2^31 values)") && e.getMessage().endsWith("refusing to build it"), e.getMessage());
    }

    /**
     * A field a later format version added, in a file of an earlier one, is refused as such: a version-4
     * model (every numeric input embedded) listing its periodic embedding's {@code inputs}, a version-5
     * field, was refused for its weights' count ("frequency has 252 values, expected 4"), and a
     * version-1 file's input scaling (a version-2 field) was read.
     */
    @Test
    void aFieldOfALaterVersionInAnOlderFileIsRefusedAsSuch() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                Files.readString(Path.of(ModelIOTest.class.getResource("/models/v4-periodic-credit.json").toURI())));
        ModelIO.fromJson(json.writeValueAsString(m)); // read as it is
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.at("/network/spec/layers/0")).putArray("inputs").add(0).add(1);
        var e = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(json.writeValueAsString(m)));
        assertTrue(e.getMessage().contains("$.network.spec.layers[0].inputs: is a field of format version 5 and later; this file says version 4"),
                e.getMessage());
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.at("/network/spec/layers/0")).remove("inputs");
        // the version-2 fields of a version-4 file (the first read: the input scaling) in a file that says version 1
        m.put("formatVersion", 1);
        e = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(json.writeValueAsString(m)));
        assertTrue(e.getMessage().contains("$.preprocessing.config.scaling: is a field of format version 2 and later; this file says version 1"),
                e.getMessage());
    }

    static final List<Column> COLS = List.of(Column.numeric("a"), Column.nominal("b", List.of("x", "y", "z")), Column.numeric("c"));

    static Table table(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {r.nextGaussian() * 5 + 2, r.nextInt(3), i % 7 == 0 ? Double.NaN : r.nextGaussian()};
        }
        return new Table(COLS, rows);
    }

    static Model trained(boolean classification) {
        Table t = table(120, 1);
        double[] y = new double[120];
        for (int i = 0; i < 120; i++) {
            double[] row = t.rows()[i];
            y[i] = classification ? (row[0] > 2 ? 1 : 0) : row[0] * 3 + row[1];
        }
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(6, new Tanh(), null, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0.1),
                new DenseSpec(4, new Selu())));
        TrainingConfig c = TrainingConfig.DEFAULT.withEpochs(3).withNetwork(spec)
                .withPreprocessing(new PreprocessingConfig(true, true, true, true, Whitening.Kind.ZCA));
        return Trainer.fit(c, new LabeledTable(t, "y", classification ? List.of("neg", "pos") : List.of(), y, null));
    }

    @Test
    void saveLoadRoundTripGivesIdenticalPredictions(@TempDir Path dir) throws Exception {
        for (boolean classification : new boolean[] {true, false}) {
            Model m = trained(classification);
            Table test = table(50, 9);
            double[][] before = m.predict(test);
            Path f = dir.resolve("m.json");
            ModelIO.write(m, f);
            Model back = ModelIO.read(f);
            assertArrayEquals(before, back.predict(test), "JSON round trip");
            assertEquals(m.task(), back.task());
            assertEquals(m.history().size(), back.history().size());
            assertEquals(m.network().spec(), back.network().spec());
            assertEquals(ModelIO.toJson(m), ModelIO.toJson(back), "writing the loaded model reproduces the file");

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(m);
            }
            Model ser;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                ser = (Model) in.readObject();
            }
            assertArrayEquals(before, ser.predict(test), "Java serialization round trip");
        }
    }

    /**
     * A weight of -0.0 (what training leaves, e.g. a product rounded to zero from below) reads back as
     * -0.0: the reader parsed numbers as exact decimals, which have no negative zero, so it came back as
     * +0.0 and the "bit for bit" round trip of docs/model-format.md did not hold (predictions were equal).
     * Expected values: the float written (Float.floatToIntBits(-0.0f) = 0x80000000).
     */
    @Test
    void aNegativeZeroWeightReadsBackBitForBit() {
        Model m = trained(false);
        float[] w = m.network().parameters().get(0).value();
        w[0] = -0.0f;
        w[1] = 0.0f;
        String json = ModelIO.toJson(m);
        Model back = ModelIO.fromJson(json);
        float[] r = back.network().parameters().get(0).value();
        assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(r[0]), "-0.0 keeps its sign");
        assertEquals(Float.floatToIntBits(0.0f), Float.floatToIntBits(r[1]), "0.0 stays positive");
        for (int i = 0; i < w.length; i++) assertEquals(Float.floatToIntBits(w[i]), Float.floatToIntBits(r[i]), "weight " + i);
        assertEquals(json, ModelIO.toJson(back), "writing the loaded model reproduces the file");
        // other spellings of negative zero, and the refusal of numbers beyond the float32 and double ranges, as before
        for (String zero : new String[] {"-0.0e5", "-0E-3", "-0.000"}) {
            float z = JsonValue.float32(JsonInput.parse("[" + zero + "]", "t", v -> v.node()).get(0));
            assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(z), zero);
        }
        for (String big : new String[] {"1e400", "-1e400", "1e39"}) {
            String edited = json.replaceFirst("-0\\.0(?=[,\\s\\]])", big);
            assertEquals(1, json.split("-0\\.0(?=[,\\s\\]])", -1).length - 1, "the weight -0.0 is the only -0.0 in the file");
            assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(edited), big);
        }
    }

    private static String json() {
        return ModelIO.toJson(trained(true));
    }

    @Test
    void truncatedFile() {
        String j = json();
        var e = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(j.substring(0, j.length() / 2)));
        assertTrue(e.getMessage().contains("not valid JSON (truncated or malformed)"), e.getMessage());
    }

    @Test
    void futureFormatVersion() {
        String j = json().replace("\"formatVersion\" : " + ModelIO.FORMAT_VERSION, "\"formatVersion\" : 7");
        var e = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(j));
        assertTrue(e.getMessage().contains("unknown model format version 7") && e.getMessage().contains("up to " + ModelIO.FORMAT_VERSION),
                e.getMessage());
    }

    @Test
    void unknownLayerAndActivationTypesAndFields() {
        String j = json();
        var layer = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(j.replaceFirst("\"type\" : \"dense\"", "\"type\" : \"conv2d\"")));
        assertTrue(layer.getMessage().contains("$.network.spec.layers[0].type: unknown layer type 'conv2d'")
                && layer.getMessage().contains("dense"), layer.getMessage());
        var act = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(j.replaceFirst("\"activation\" : \"tanh\"", "\"activation\" : \"tanhh\"")));
        assertTrue(act.getMessage().contains("layers[0].activation: unknown activation 'tanhh'"), act.getMessage());
        var field = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(j.replaceFirst("\"units\" : 6", "\"units\" : 6, \"colour\" : 3")));
        assertTrue(field.getMessage().contains("layers[0].colour: unknown field"), field.getMessage());
        var cls = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(j.replaceFirst("\"type\" : \"dense\"",
                "\"type\" : \"java.lang.Runtime\"")));
        assertTrue(cls.getMessage().contains("unknown layer type 'java.lang.Runtime'"), cls.getMessage());
    }

    @Test
    void wrongParameterLengthOrNotAModel() {
        String j = json().replaceFirst("\"output.bias\" : \\[ ([^,\\]]+),", "\"output.bias\" : [");
        var e = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(j));
        assertTrue(e.getMessage().contains("parameters.output.bias has 1 values, expected 2"), e.getMessage());
        var n = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson("{\"hello\": 1}"));
        assertTrue(n.getMessage().contains("Not a Dendrite model"), n.getMessage());
    }

    /**
     * A model written by format version 1, committed: later versions must keep reading it and predict
     * what its weights mean. The expected probabilities come from an independent numpy forward pass of
     * the same file (test-data/reference/models/make_v1_predictions.py): preprocessing with one-hot,
     * imputation, missing indicators and ZCA whitening, batch norm, tanh, SELU, softmax.
     */
    @Test
    void readsAVersion1FileFromTheRepositoryAndPredictsWhatItsWeightsMean() throws Exception {
        checkCommitted("v1-classifier.json", 1);
    }

    /**
     * The same model written by format version 2 (v2-classifier.json: the version 1 file read and
     * written again by the Dendrite of commit b1e7e4e): same weights, so the same independent
     * predictions; a version 2 file has no {@code network.spec.dataInit} and means none.
     */
    @Test
    void readsAVersion2FileFromTheRepositoryAndPredictsWhatItsWeightsMean() throws Exception {
        Model m = checkCommitted("v2-classifier.json", 2);
        assertEquals(org.dendrite.core.network.DataInit.NONE, m.network().spec().dataInit());
    }

    /**
     * The same model written by format versions 3, 4 and 5 (v3-classifier.json: the version 1 file read
     * and written again by the Dendrite of commit c094a19, the last to write version 3; v4-classifier.json:
     * by the Dendrite of 2026-12-07; v5-classifier.json: v4's read and written again at the stop that made
     * version 5): same weights, so the same independent predictions. Version 3 gives {@code dataInit} and
     * no {@code preprocessing.unseen} (read as none); versions 4 and 5 give both.
     */
    @Test
    void readsVersion3And4FilesFromTheRepositoryAndPredictWhatTheirWeightsMean() throws Exception {
        for (int v = 3; v <= 5; v++) {
            Model m = checkCommitted("v" + v + "-classifier.json", v);
            assertEquals(org.dendrite.core.network.DataInit.NONE, m.network().spec().dataInit());
        }
        Path v3 = Path.of(ModelIOTest.class.getResource("/models/v3-classifier.json").toURI());
        assertFalse(Files.readString(v3).contains("\"unseen\""));
    }

    /** The versioning policy (docs/model-format.md): a file written by every version this Dendrite reads is committed and read by a test. */
    @Test
    void everyFormatVersionHasACommittedFile() {
        for (int v = 1; v <= ModelIO.FORMAT_VERSION; v++) {
            assertNotNull(ModelIOTest.class.getResource("/models/v" + v + "-classifier.json"), "no committed file of format version " + v
                    + ": write the committed model with this version and add it to the tests above");
        }
    }

    /** Version 3 added {@code network.spec.dataInit}: a version 3 file must give it, and it is written and read back. */
    @Test
    void version3NeedsTheDataInitAndKeepsIt() {
        Table t = table(80, 2);
        double[] y = new double[80];
        for (int i = 0; i < 80; i++) y[i] = t.rows()[i][0] > 2 ? 1 : 0;
        TrainingConfig c = TrainingConfig.DEFAULT.withEpochs(2)
                .withNetwork(new NetworkSpec(List.of(new DenseSpec(5, new Tanh()))).withDataInit(org.dendrite.core.network.DataInit.SCALED));
        Model m = Trainer.fit(c, new LabeledTable(t, "y", List.of("neg", "pos"), y, null));
        String j = ModelIO.toJson(m);
        assertTrue(j.contains("\"dataInit\" : \"scaled\""), j);
        assertEquals(org.dendrite.core.network.DataInit.SCALED, ModelIO.fromJson(j).network().spec().dataInit());
        var e = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(j.replace("\"dataInit\" : \"scaled\",", "")
                .replace(",\n      \"dataInit\" : \"scaled\"", "")));
        assertTrue(e.getMessage().contains("$.network.spec.dataInit: missing (required in a model file)"), e.getMessage());
    }

    private static Model checkCommitted(String name, int version) throws Exception {
        Path f = Path.of(ModelIOTest.class.getResource("/models/" + name).toURI());
        assertTrue(Files.readString(f).contains("\"formatVersion\" : " + version));
        Model m = ModelIO.read(f);
        assertEquals(List.of("neg", "pos"), m.task().classes());
        com.fasterxml.jackson.databind.JsonNode ref = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(TestData.file("reference/models/v1-classifier-predictions.json").toFile());
        int n = ref.get("rows").size();
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            com.fasterxml.jackson.databind.JsonNode r = ref.get("rows").get(i);
            rows[i] = new double[r.size()];
            for (int j = 0; j < r.size(); j++) rows[i][j] = r.get(j).isNull() ? Double.NaN : r.get(j).asDouble();
        }
        double[][] p = m.predict(new Table(COLS, rows));
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(ref.get("probabilities").get(i).get(k).asDouble(), p[i][k], 2e-6, "row " + i + ", class " + k);
            }
        }
        return m;
    }
}
