package org.dendrite.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dendrite.core.activation.Elu;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.io.ModelFormatException;
import org.dendrite.core.io.SearchFormat;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.layer.PeriodicEmbeddingSpec;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.AdamW;
import org.dendrite.core.optim.Sgd;
import org.dendrite.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** Search spaces: each parameter's mapping onto the configuration, the JSON round trip, and the errors for bad spaces. */
class SearchSpaceTest {
    private static final SearchSpace ALL_KINDS = new SearchSpace(List.of(
            new SearchParameter("optimizer", Choice.of("adam", "adamw")),
            new SearchParameter("learningRate", new LogUniform(1e-4, 0.1)),
            new SearchParameter("hiddenLayers", new IntUniform(1, 3)),
            new SearchParameter("units", new IntUniform(16, 256, true)),
            new SearchParameter("dropout", new Uniform(0, 0.5)),
            new SearchParameter("batchSize", Choice.of(16, 32, 64)),
            new SearchParameter("periodicEmbedding", Choice.of(true, false)),
            new SearchParameter("labelSmoothing", Choice.of(0.0, 0.1))));

    @Test
    void eachParameterChangesItsPartOfTheConfiguration() {
        NetworkSpec base = new NetworkSpec(List.of(new PeriodicEmbeddingSpec(8, 2, 0.1), new DenseSpec(10, new Elu()), new DenseSpec(20, new Relu())));
        TrainingConfig c = TrainingConfig.DEFAULT.withNetwork(base).withOptimizer(new Sgd(0.1));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("units", 7);
        v.put("hiddenLayers", 3);
        v.put("dropout", 0.25);
        v.put("learningRate", 0.003);
        v.put("optimizer", "adamw");
        v.put("weightDecay", 0.02);
        v.put("l2", 0.0);
        v.put("members", 4);
        v.put("scaling", "robust");
        v.put("labelSmoothing", 0.1);
        v.put("batchSize", 64);
        v.put("epochs", 11);
        TrainingConfig t = ConfigParameters.apply(c, v);
        List<LayerSpec> layers = t.network().layers();
        assertEquals(4, layers.size(), "the embedding kept, then 3 copies of the first dense layer: " + layers);
        assertEquals(new PeriodicEmbeddingSpec(8, 2, 0.1), layers.get(0));
        for (int i = 1; i < 4; i++) {
            DenseSpec d = (DenseSpec) layers.get(i);
            assertEquals(7, d.units());
            assertEquals(0.25, d.dropout());
            assertEquals("elu", d.activation().name(), "copies of the first dense layer");
        }
        assertEquals(4, t.network().members());
        // the optimizer is chosen first (with the base rate), then its rate and decay are set, whatever the map's order
        assertEquals(new AdamW(0.003, 0.02), t.optimizer());
        assertEquals(0.0, t.regularization().l2());
        assertEquals(PreprocessingConfig.Scaling.ROBUST, t.preprocessing().scaling());
        assertEquals(new SoftmaxCrossEntropy(0.1), t.loss());
        assertEquals(64, t.batchSize());
        assertEquals(11, t.epochs());
        // the embedding switch adds the default one and removes any
        TrainingConfig off = ConfigParameters.apply(c, Map.of("periodicEmbedding", false));
        assertEquals(2, off.network().layers().size());
        TrainingConfig on = ConfigParameters.apply(off, Map.of("periodicEmbedding", true));
        assertEquals(PeriodicEmbeddingSpec.DEFAULT, on.network().layers().get(0));
        // behind a category embedding, which must stay the first layer; depth and dataInit keep it and the members
        TrainingConfig withCategories = c.withNetwork(new org.dendrite.core.network.NetworkSpec(List.of(
                org.dendrite.core.layer.CategoryEmbeddingSpec.DEFAULT, new org.dendrite.core.layer.DenseSpec(8, new org.dendrite.core.activation.Relu())), 3));
        TrainingConfig both = ConfigParameters.apply(withCategories, Map.of("periodicEmbedding", true, "hiddenLayers", 2, "dataInit", "biases"));
        assertEquals(List.of(org.dendrite.core.layer.CategoryEmbeddingSpec.DEFAULT, PeriodicEmbeddingSpec.DEFAULT,
                new org.dendrite.core.layer.DenseSpec(8, new org.dendrite.core.activation.Relu()),
                new org.dendrite.core.layer.DenseSpec(8, new org.dendrite.core.activation.Relu())), both.network().layers());
        assertEquals(3, both.network().members());
        assertEquals(org.dendrite.core.network.DataInit.BIASES, both.network().dataInit());
    }

    @Test
    void unknownNamesAndUnsuitableValuesAreErrorsNamingTheParameter() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> new SearchParameter("learningrate", new LogUniform(0.1, 1)));
        assertTrue(e.getMessage().contains("Unknown search parameter 'learningrate'; allowed: optimizer, learningRate,"), e.getMessage());
        e = assertThrows(InvalidSettingException.class, () -> new SearchParameter("dropout", new Uniform(0, 1.2)));
        assertEquals("dropout", e.setting());
        assertTrue(e.getMessage().contains("dropout = 1.2"), e.getMessage());
        e = assertThrows(InvalidSettingException.class, () -> new SearchParameter("units", new LogUniform(8, 64)));
        assertTrue(e.getMessage().contains("units takes a whole number; a log_uniform distribution"), e.getMessage());
        e = assertThrows(InvalidSettingException.class, () -> new SearchParameter("optimizer", Choice.of("adam", "adamm")));
        assertTrue(e.getMessage().contains("adamm") && e.getMessage().contains("allowed"), e.getMessage());
        e = assertThrows(InvalidSettingException.class, () -> new SearchSpace(List.of()));
        assertTrue(e.getMessage().contains("at least one parameter"), e.getMessage());
        e = assertThrows(InvalidSettingException.class, () -> new SearchSpace(List.of(new SearchParameter("l2", new LogUniform(1e-4, 1e-2)),
                new SearchParameter("l2", new LogUniform(1e-3, 1e-1)))));
        assertTrue(e.getMessage().contains("l2 appears twice"), e.getMessage());
        // contradictory: L-BFGS has no weight decay
        SearchSpace contradictory = new SearchSpace(List.of(new SearchParameter("optimizer", Choice.of("adam", "lbfgs")),
                new SearchParameter("weightDecay", new LogUniform(1e-4, 1e-2))));
        e = assertThrows(InvalidSettingException.class, () -> contradictory.checkAgainst(TrainingConfig.DEFAULT));
        assertTrue(e.getMessage().contains("Contradictory search space: optimizer = lbfgs with weightDecay")
                && e.getMessage().contains("has no weightDecay"), e.getMessage());
    }

    @Test
    void defaultSpaceFollowsTheBaseConfiguration() {
        TrainingConfig base = TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(100, new Relu()), new DenseSpec(50, new Relu()))))
                .withBatchSize(20);
        SearchSpace s = SearchSpace.defaultFor(base);
        double lr = base.optimizer().learningRate();
        assertEquals(new LogUniform(lr / 10, lr * 3), s.get("learningRate").distribution());
        assertEquals(new IntUniform(25, 400, true), s.get("units").distribution());
        assertEquals(new IntUniform(1, 3), s.get("hiddenLayers").distribution());
        assertEquals(Choice.of(10, 20, 40), s.get("batchSize").distribution());
        assertNull(s.get("epochs"), "epochs are the scheduler's budget");
        s.checkAgainst(base);
        // a base without hidden layers (Weka's -no-hidden-layers: a logistic model asked for) stays one: it searched 1-2 hidden layers
        TrainingConfig linear = TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of())).withBatchSize(32);
        assertEquals(List.of("learningRate", "l2", "batchSize"), SearchSpace.defaultFor(linear).names());
        // L-BFGS steps on every row whatever the batch size: a third of the draws differed in nothing
        assertEquals(List.of("learningRate", "l2"), SearchSpace.defaultFor(linear.withOptimizer(new org.dendrite.core.optim.Lbfgs(1))).names());
    }

    @Test
    void spaceJsonRoundTrips() {
        String json = SearchFormat.writeSpace(ALL_KINDS);
        assertEquals(ALL_KINDS, SearchFormat.readSpace(json));
        assertTrue(json.contains("\"format\" : \"dendrite-search-space\"") && json.contains("\"formatVersion\" : 1"), json);
        // a bare array is a choice; format fields are optional
        SearchSpace s = SearchFormat.readSpace("{\"parameters\": {\"batchSize\": [16, 32], \"scaling\": [\"standard\", \"robust\"],"
                + " \"l2\": {\"distribution\": \"log_uniform\", \"min\": 1e-5, \"max\": 1e-2}}}");
        assertEquals(Choice.of(16, 32), s.get("batchSize").distribution());
        assertEquals(List.of("batchSize", "scaling", "l2"), s.names());
        SearchConfig c = SearchConfig.DEFAULT.withSpace(ALL_KINDS).withSampler(new ZoomSampler(4, 2, 0.4))
                .withScheduler(new Asha(12, 2, 30, 3, 3)).withValidation(new Validation(0.2, 5)).withMetric(Metric.ACCURACY)
                .withContinuation(Continuation.RESTART).withThreads(2);
        assertEquals(c, SearchFormat.readSearch(SearchFormat.writeSearch(c)));
        assertEquals(SearchConfig.DEFAULT, SearchFormat.readSearch(SearchFormat.writeSearch(SearchConfig.DEFAULT)));
        assertEquals(SearchConfig.DEFAULT.withScheduler(new SuccessiveHalving(27, 0, 40, 3)),
                SearchFormat.readSearch("{\"scheduler\": {\"type\": \"successive_halving\", \"maxEpochs\": 40}}"), "absent fields take the defaults");
    }

    @Test
    void spaceJsonErrorsNameThePathAndWhatIsAllowed() {
        assertError("{\"parameters\": {}}", "The search space: $.parameters: a search space needs at least one parameter; allowed names: optimizer,");
        assertError("{\"parameters\": {\"lr\": [0.1]}}", "The search space: $.parameters.lr: Unknown search parameter 'lr'; allowed: optimizer, learningRate");
        assertError("{\"parameters\": {\"learningRate\": {\"distribution\": \"log_uniform\", \"min\": 0.1}}}",
                "$.parameters.learningRate.max: missing (required: a finite number)");
        assertError("{\"parameters\": {\"learningRate\": {\"distribution\": \"log_uniform\", \"min\": 0.1, \"max\": 0.01}}}",
                "$.parameters.learningRate: Invalid log_uniform range: max 0.01 must be above min 0.1");
        assertError("{\"parameters\": {\"learningRate\": {\"distribution\": \"normal\", \"min\": 0.1, \"max\": 1}}}",
                "$.parameters.learningRate.distribution: unknown distribution \"normal\"; allowed: log_uniform, uniform, int, choice");
        assertError("{\"parameters\": {\"units\": {\"distribution\": \"int\", \"min\": 8, \"max\": \"many\"}}}",
                "$.parameters.units.max: expected a whole number, got a string \"many\"");
        assertError("{\"parameters\": {\"units\": {\"distribution\": \"int\", \"min\": 8, \"max\": 64, \"step\": 8}}}",
                "$.parameters.units.step: unknown field; allowed: distribution, min, max, log");
        assertError("{\"formatVersion\": 2, \"parameters\": {\"units\": [8]}}", "$.formatVersion: unknown search space format version 2");
        assertError("{\"format\": \"dendrite-model\", \"parameters\": {\"units\": [8]}}", "$.format: expected \"dendrite-search-space\"");
        assertError("{\"parameters\": {\"dropout\": [0.1, 1.5]}}", "$.parameters.dropout: Search parameter dropout = 1.5:");
        assertError("{\"parameters\": {\"units\": [8, 8]}}", "$.parameters.units: A choice lists a value twice");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> SearchFormat.readSearch("{\"scheduler\": {\"type\": \"hyperband\", \"eta\": 1}}"));
        assertTrue(e.getMessage().contains("$.scheduler.eta: Invalid eta: 1 (allowed: an integer >= 2)"), e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> SearchFormat.readSearch("{\"scheduler\": \"bohb\"}"));
        assertTrue(e.getMessage().contains("unknown scheduler 'bohb'; allowed: full_budget, successive_halving, hyperband, asha"), e.getMessage());
    }

    /**
     * A choice of whole numbers written with a decimal point (Python's json.dumps of floats writes 16.0) is
     * a choice of whole numbers, as docs/model-format.md has whole-number fields take {@code 6.0} (the
     * configuration's own batchSize does): it was refused as "a choice distribution of [16.0, 32.0] does not
     * fit (allowed: int, or a choice of whole numbers)". Names in a refused choice are quoted: ["true"] read
     * as "a choice distribution of [true] does not fit (allowed: a choice of true/false)".
     */
    @Test
    void wholeNumbersWithADecimalPointAreWholeAndRefusedNamesAreQuoted() {
        assertEquals(TrainingConfig.DEFAULT.withBatchSize(16), org.dendrite.core.io.SpecFormat.readTrainingConfig("{\"batchSize\": 16.0}"), "the configuration's rule");
        SearchSpace s = SearchFormat.readSpace("{\"parameters\": {\"batchSize\": [16.0, 32.0], \"units\": [8, 64.0]}}");
        assertEquals(Choice.of(16, 32), s.get("batchSize").distribution(), "drawn, shown and written as the whole numbers they are");
        assertEquals(Choice.of(8, 64), s.get("units").distribution());
        assertEquals(s, SearchFormat.readSpace(SearchFormat.writeSpace(s)));
        assertError("{\"parameters\": {\"batchSize\": [16.5]}}", "a choice distribution of [16.5] does not fit");
        assertError("{\"parameters\": {\"units\": [8, 8.0]}}", "$.parameters.units: A choice lists a value twice");
        assertError("{\"parameters\": {\"periodicEmbedding\": [\"true\"]}}",
                "takes true or false; a choice distribution of [\"true\"] does not fit (allowed: a choice of true/false)");
        assertError("{\"parameters\": {\"units\": [8, \"16\"]}}", "a choice distribution of [8, \"16\"] does not fit");
    }

    private static void assertError(String json, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SearchFormat.readSpace(json));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
