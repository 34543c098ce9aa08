package org.dendrite.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.core.activation.Activation;
import org.dendrite.core.activation.Activations;
import org.dendrite.core.activation.LeakyRelu;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.init.Constant;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.init.Initializers;
import org.dendrite.core.init.Normal;
import org.dendrite.core.layer.ActivationSpec;
import org.dendrite.core.layer.BatchNormSpec;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.DropoutSpec;
import org.dendrite.core.layer.LayerNormSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Adam;
import org.dendrite.core.optim.Sgd;
import org.dendrite.core.regularization.Regularization;
import org.dendrite.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;

class SpecFormatTest {
    /**
     * A number beyond a double's range is said to be so, not shown as the Infinity the parser made of it
     * ("expected a whole number >= 1, got the number Infinity" for a file that says 1e400).
     */
    @Test
    void aNumberBeyondADoublesRangeIsSaidToBe() {
        for (String units : new String[] {"1e400", "-1e400", "1" + "0".repeat(400)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SpecFormat.readNetwork("{\"layers\": [{\"type\": \"dense\", \"units\": " + units + "}]}"));
            assertTrue(e.getMessage().contains("$.layers[0].units") && e.getMessage().contains("a number beyond the range of a double")
                    && !e.getMessage().contains("number Infinity"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecFormat.readTrainingConfig("{\"optimizer\": {\"type\": \"adam\", \"learningRate\": 1e400}}"));
        // it trained at an infinite rate, or was refused as "Invalid learning rate: Infinity"
        assertTrue(e.getMessage().contains("learningRate: is a number beyond the range of a double"), e.getMessage());
    }

    /**
     * L-BFGS's maxEval left out follows the maxIter given (maxIter x 5 / 4, PyTorch's max_eval=None,
     * as Weka's -max-eval 0): {"maxIter": 5} kept the default maxIter's 25.
     */
    @Test
    void lbfgsMaxEvalFollowsTheMaxIterGiven() {
        java.util.function.Function<String, org.dendrite.core.optim.Lbfgs> read = o -> (org.dendrite.core.optim.Lbfgs) SpecFormat
                .readTrainingConfig("{\"optimizer\": {\"type\": \"lbfgs\"" + o + "}}").optimizer();
        assertEquals(6, read.apply(", \"maxIter\": 5").maxEval());
        assertEquals(9, read.apply(", \"maxIter\": 5, \"maxEval\": 9").maxEval());
        assertEquals(25, read.apply("").maxEval());
    }

    /**
     * A record's own check names its field (an activation's alpha, a loss's delta, an initializer's std):
     * the path pointed at the record ("$.layers[0].activation: Leaky ReLU alpha ...").
     */
    @Test
    void aRecordsCheckNamesTheField() {
        String[][] cases = {
                {"{\"layers\": [{\"type\": \"dense\", \"units\": 4, \"activation\": {\"type\": \"leaky_relu\", \"alpha\": 1.5}}]}",
                        "The network spec: $.layers[0].activation.alpha: Leaky ReLU alpha must be in [0, 1), got 1.5"},
                {"{\"layers\": [{\"type\": \"dense\", \"units\": 4, \"initializer\": {\"type\": \"normal\", \"std\": 0}}]}",
                        "The network spec: $.layers[0].initializer.std: Normal initializer std must be a finite number > 0, got 0.0"}};
        for (String[] c : cases) assertEquals(c[1], assertThrows(ModelFormatException.class, () -> SpecFormat.readNetwork(c[0])).getMessage());
        var huber = assertThrows(ModelFormatException.class, () -> SpecFormat.readTrainingConfig("{\"loss\": {\"type\": \"huber\", \"delta\": 0}}"));
        assertEquals("The training config: $.loss.delta: Huber delta must be a finite number >= 1.17549435E-38 (float32's smallest normal), got 0.0", huber.getMessage());
        // positive values float32 holds as 0 (or a subnormal) stopped training without a word but "the learning rate is too small", and
        // noise beyond float32 made the inputs infinite: refused
        for (String[] c : new String[][] {{"{\"loss\": {\"type\": \"huber\", \"delta\": 1e-300}}", "$.loss.delta"},
                {"{\"clipping\": {\"maxValue\": 1e-50}}", "$.clipping.maxValue"}, {"{\"clipping\": {\"maxNorm\": 1e-320}}", "$.clipping.maxNorm"},
                {"{\"augmentation\": {\"noiseStd\": 1e300}}", "$.augmentation.noiseStd"}}) {
            var e = assertThrows(ModelFormatException.class, () -> SpecFormat.readTrainingConfig(c[0]), c[0]);
            assertTrue(e.getMessage().startsWith("The training config: " + c[1] + ": "), e.getMessage());
        }
    }

    @Test
    void everyActivationInitializerAndLayerTypeRoundTrips() {
        List<LayerSpec> layers = new java.util.ArrayList<>();
        for (Activation a : Activations.ALL) layers.add(new DenseSpec(3, a));
        for (Initializer i : Initializers.ALL) layers.add(new DenseSpec(4, new Relu(), i, false));
        layers.add(new DenseSpec(5, new LeakyRelu(0.3f), new Constant(0.2f), true, DenseSpec.BatchNorm.AFTER_ACTIVATION, 0.25));
        layers.add(new DenseSpec(5, new Relu(), new Normal(0.05), true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0));
        layers.add(new BatchNormSpec(1e-3, 0.2));
        layers.add(new LayerNormSpec());
        layers.add(new DropoutSpec(0.1, true));
        layers.add(new ActivationSpec(new LeakyRelu(0.05f)));
        layers.add(new DenseSpec(2, new Relu(), Initializer.OUTPUT, true));
        NetworkSpec spec = new NetworkSpec(layers);
        assertEquals(spec, SpecFormat.readNetwork(SpecFormat.write(spec)));
    }

    @Test
    void readsTheDocumentedShortForms() {
        NetworkSpec s = SpecFormat.readNetwork("""
                {"layers":[{"type":"dense","units":64,"activation":"relu"},
                           {"type":"dense","units":32,"activation":{"type":"leaky_relu","alpha":0.2},"initializer":"he_uniform","dropout":0.1}]}""");
        assertEquals(new DenseSpec(64, new Relu()), s.layers().get(0));
        assertEquals(new DenseSpec(32, new LeakyRelu(0.2f), Initializer.HE_UNIFORM, true, DenseSpec.BatchNorm.NONE, 0.1), s.layers().get(1));
        // the names the docs give besides (were refused in JSON, taken by the flat options)
        NetworkSpec aliases = SpecFormat.readNetwork("""
                {"layers":[{"type":"dense","units":4,"activation":"linear","initializer":"glorot_uniform"},
                           {"type":"dense","units":4,"activation":{"type":"linear"},"initializer":"glorot_normal"}]}""");
        assertEquals(new DenseSpec(4, new org.dendrite.core.activation.Identity(), Initializer.XAVIER_UNIFORM, true, DenseSpec.BatchNorm.NONE, 0),
                aliases.layers().get(0));
        assertEquals(new DenseSpec(4, new org.dendrite.core.activation.Identity(), Initializer.XAVIER_NORMAL, true, DenseSpec.BatchNorm.NONE, 0),
                aliases.layers().get(1));
        // a preset given a field became another initializer of its type without a word
        var preset = assertThrows(ModelFormatException.class, () -> SpecFormat.readNetwork(
                "{\"layers\":[{\"type\":\"dense\",\"units\":4,\"initializer\":{\"type\":\"he_uniform\",\"scale\":5}}]}"));
        assertTrue(preset.getMessage().contains("$.layers[0].initializer: he_uniform is a preset and takes no fields; write the type it stands "
                + "for with its fields instead: {\"type\":\"variance_scaling\""), preset.getMessage());
        assertEquals(Initializer.HE_UNIFORM, ((DenseSpec) SpecFormat.readNetwork(
                "{\"layers\":[{\"type\":\"dense\",\"units\":4,\"initializer\":{\"type\":\"he_uniform\"}}]}").layers().get(0)).initializer());
    }

    @Test
    void invalidValuesNameThePathAndTheRule() {
        var e = assertThrows(ModelFormatException.class, () -> SpecFormat.readNetwork("{\"layers\":[{\"type\":\"dense\",\"units\":-2}]}"));
        assertTrue(e.getMessage().contains("$.layers[0].units: ") && e.getMessage().contains("-2"), e.getMessage());
        // a record's own check names its field (it was "$: Invalid epochs: -1")
        var epochs = assertThrows(ModelFormatException.class, () -> SpecFormat.readTrainingConfig("{\"epochs\": -1}"));
        assertTrue(epochs.getMessage().contains("$.epochs: Invalid epochs: -1"), epochs.getMessage());
        var b = assertThrows(ModelFormatException.class, () -> SpecFormat.readNetwork("{\"layers\":[{\"type\":\"dense\",\"units\":3,\"batchNorm\":\"sideways\"}]}"));
        assertTrue(b.getMessage().contains("batchNorm: unknown value 'sideways'; allowed: none, before_activation, after_activation"), b.getMessage());
        var t = assertThrows(ModelFormatException.class, () -> SpecFormat.readNetwork("{\"layers\":[{\"type\":\"dense\",\"units\":\"many\"}]}"));
        assertTrue(t.getMessage().contains("units: expected a whole number"), t.getMessage());
        // a spec that is null: it read as no network, and the fit failed with a NullPointerException
        for (String json : new String[] {"null", " null "}) {
            var n = assertThrows(ModelFormatException.class, () -> SpecFormat.readNetwork(json));
            assertTrue(n.getMessage().contains("$: null is not allowed here; give the spec as an object"), n.getMessage());
        }
    }

    @Test
    void trainingConfigRoundTripsAndPartialConfigsTakeDefaults() {
        TrainingConfig c = TrainingConfig.DEFAULT.withOptimizer(new Sgd(0.05, 0.9, 0, true, 1e-4)).withEpochs(7)
                .withRegularization(new Regularization(0.001, 0, true, false, 3));
        assertEquals(c, SpecFormat.readTrainingConfig(SpecFormat.write(c)));
        TrainingConfig partial = SpecFormat.readTrainingConfig("{\"epochs\": 12, \"optimizer\": {\"type\": \"adam\", \"learningRate\": 0.01},"
                + " \"regularization\": {\"l1\": 0.5}}");
        assertEquals(12, partial.epochs());
        assertEquals(new Adam(0.01), partial.optimizer());
        assertEquals(0.5, partial.regularization().l1());
        assertEquals(TrainingConfig.DEFAULT.regularization().l2(), partial.regularization().l2(), "absent nested fields keep the defaults");
        // null where the default is a value: "regularization": null was read as no regularization, the default L2 silently dropped
        for (String field : new String[] {"{\"regularization\": null}", "{\"regularization\": {\"l2\": null}}", "{\"epochs\": null}"}) {
            var e = assertThrows(ModelFormatException.class, () -> SpecFormat.readTrainingConfig(field));
            assertTrue(e.getMessage().contains(": null is not allowed here; leave the field out for its default"), field + ": " + e.getMessage());
        }
        assertEquals(TrainingConfig.DEFAULT.loss(), SpecFormat.readTrainingConfig("{\"loss\": null}").loss(), "null where the default is none");
        // a null in a list is named by its place (a null layer was named by the spec it failed: "$.network: Layer 0 ... is null")
        var inList = assertThrows(ModelFormatException.class, () -> SpecFormat.readTrainingConfig("{\"network\": {\"layers\": [{\"type\": \"dense\", \"units\": 4}, null]}}"));
        assertTrue(inList.getMessage().endsWith("$.network.layers[1]: null is not allowed in a list; remove it"), inList.getMessage());
        assertEquals(TrainingConfig.DEFAULT, SpecFormat.readTrainingConfig(SpecFormat.write(TrainingConfig.DEFAULT)), "what the writer writes reads back");
        assertEquals(TrainingConfig.DEFAULT.network(), partial.network());
        assertEquals(new Adam(1e-3), SpecFormat.readOptimizer("adam"));
        for (String name : new String[] {"sgd", "momentum", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam", "lbfgs"}) {
            var o = SpecFormat.readOptimizer(name);
            assertEquals(o, SpecFormat.readOptimizer(SpecFormat.write(o)), name);
            assertEquals(name, o.name());
        }
        for (String name : new String[] {"constant", "step", "multi_step", "exponential", "power", "cosine", "cyclic", "one_cycle", "warm_up",
                "reduce_on_plateau"}) {
            var s = SpecFormat.readSchedule(name);
            assertEquals(s, SpecFormat.readSchedule(SpecFormat.write(s)), name);
        }
        var warm = SpecFormat.readSchedule("{\"type\":\"warm_up\",\"inner\":{\"type\":\"cosine\",\"period\":20},\"totalSteps\":50}");
        assertEquals("cosine", ((org.dendrite.core.schedule.WarmUp) warm).inner().name());
        var e = assertThrows(ModelFormatException.class, () -> SpecFormat.readOptimizer("{\"type\":\"adam\",\"beta1\":2}"));
        assertTrue(e.getMessage().contains("beta1: 2.0"), e.getMessage());
    }

    /**
     * A configuration written as its changes from the defaults reads back to itself: the defaults, the
     * values chosen from the rows of a small and a large dataset, one field of a plain record, and
     * typed parts (optimizer, schedule, loss, layers) that differ from the defaults in one field or in
     * their type. The expected texts of the first cases are written by hand from the format
     * (docs/model-format.md).
     */
    @Test
    void aConfigurationWrittenAsItsChangesFromTheDefaultsReadsBackToItself() {
        TrainingConfig d = TrainingConfig.DEFAULT;
        assertEquals("{}", SpecFormat.writeChanges(d));
        assertEquals("{\"epochs\":7}", SpecFormat.writeChanges(d.withEpochs(7)));
        TrainingConfig l1 = d.withRegularization(new Regularization(0.01, d.regularization().l2(), false, false, 0, d.regularization().l2FullRows()));
        assertEquals("{\"regularization\":{\"l1\":0.01}}", SpecFormat.writeChanges(l1));
        List<TrainingConfig> configs = List.of(d, d.resolve(135), d.resolve(200_000), l1, d.withSeed(42).withValidationFraction(0.2),
                d.withOptimizer(new Sgd(0.1)), d.withOptimizer(new Adam(3e-3)),
                SpecFormat.readTrainingConfig("{\"schedule\":{\"type\":\"constant\"},\"loss\":\"huber\",\"preprocessing\":{\"scaling\":\"robust\"},"
                        + "\"earlyStopping\":{\"patience\":5},\"network\":{\"layers\":[{\"type\":\"dense\",\"units\":32,\"activation\":\"gelu\","
                        + "\"dropout\":0.1,\"batchNorm\":\"before_activation\"},{\"type\":\"dense\",\"units\":8,\"activation\":{\"type\":\"leaky_relu\",\"alpha\":0.3}}],"
                        + "\"members\":4}}"));
        for (TrainingConfig c : configs) {
            String json = SpecFormat.writeChanges(c);
            assertEquals(c, SpecFormat.readTrainingConfig(json), json);
            assertTrue(!json.contains("\n"), json);
        }
        // a float (the leaky ReLU's alpha) written as the float it is, not as its double widening 0.30000001192092896
        assertTrue(SpecFormat.writeChanges(configs.get(7)).contains("\"alpha\":0.3}"), SpecFormat.writeChanges(configs.get(7)));
    }
}
