package org.dendrite.core.layer;

import static org.dendrite.core.testutil.JsonValues.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.activation.PRelu;
import org.dendrite.core.activation.RRelu;
import org.dendrite.core.activation.Softmax;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.testutil.TestData;
import org.junit.jupiter.api.Test;

/**
 * The layers whose forward pass a gradient check cannot vouch for (it only checks backward against
 * forward) against PyTorch 1.13 in float64: batch norm in training (with the running statistics after
 * the step) and inference, layer norm, PReLU, RReLU at inference, alpha dropout under torch's own mask,
 * softmax as an activation, and the scale layer and periodic embedding against their documented formulas
 * differentiated by torch's autograd. Outputs, input gradients and parameter gradients for a fixed upstream
 * gradient; references from {@code test-data/reference/functions/make_function_reference.py}
 * ({@code layers.json}, {@code activations.json}'s softmax section).
 */
class LayerParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** float32 against float64: a few units in float's last place of the values involved. */
    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-5 + 1e-5 * Math.abs(expected), what);
    }

    private static void set(float[] target, JsonNode values) {
        values = flatten(values);
        assertEquals(values.size(), target.length);
        for (int i = 0; i < target.length; i++) target[i] = (float) values.get(i).asDouble();
    }

    private static void compare(JsonNode expected, float[] actual, String what) {
        JsonNode flat = flatten(expected);
        assertEquals(flat.size(), actual.length, what + " size");
        for (int i = 0; i < actual.length; i++) close(flat.get(i).asDouble(), actual[i], what + " [" + i + "]");
    }

    /** The numbers of a nested array, row-major (a number stays itself). */
    private static JsonNode flatten(JsonNode values) {
        var out = JSON.createArrayNode();
        if (!values.isArray()) return out.add(values);
        for (JsonNode v : values) flatten(v).forEach(out::add);
        return out;
    }

    /** A generator whose draws keep the units {@code mask} marks 1 and drop the others (a drop layer keeps a unit for a small draw). */
    private static RandomGenerator masking(JsonNode mask) {
        JsonNode flat = flatten(mask);
        return new RandomGenerator() {
            private int i;

            @Override
            public long nextLong() {
                return flat.get(i++).asDouble() == 1 ? 0L : -1L;
            }
        };
    }

    private static Layer layer(JsonNode c) {
        JsonNode k = c.get("kwargs");
        return switch (c.get("case").asText()) {
            case "batch_norm_training", "batch_norm_inference" -> new BatchNormLayer(new BatchNormSpec(k.get("eps").asDouble(),
                    k.has("momentum") ? k.get("momentum").asDouble() : BatchNormSpec.DEFAULT_MOMENTUM), 4, "0.");
            case "layer_norm" -> new LayerNormLayer(new LayerNormSpec(k.get("eps").asDouble()), 4, "0.");
            case "prelu_per_unit" -> new PReluLayer(new PRelu(0.25f, false), 4);
            case "prelu_shared" -> new PReluLayer(new PRelu(0.25f, true), 4);
            case "rrelu_inference" -> new RReluLayer(new RRelu((float) k.get("lower").asDouble(), (float) k.get("upper").asDouble()), 4);
            case "alpha_dropout" -> new DropoutLayer(new DropoutSpec(k.get("p").asDouble(), true), 4);
            case "scale" -> new ScaleLayer(new ScaleSpec(k.get("rate_factor").asDouble()), 4, "0.");
            case "periodic_embedding", "periodic_embedding_inputs" -> new PeriodicEmbeddingSpec(k.get("frequencies").asInt(), k.get("dimensions").asInt(),
                    0.1, k.has("inputs") ? java.util.Arrays.stream(org.dendrite.core.testutil.JsonValues.ints(k.get("inputs"))).boxed().toList() : null)
                    .build(4, new java.util.SplittableRandom(1), 0).get(0);
            default -> throw new AssertionError("no Dendrite layer for reference case " + c.get("case").asText());
        };
    }

    @Test
    void layersMatchTorch() throws Exception {
        JsonNode doc = JSON.readTree(TestData.file("reference/functions/layers.json").toFile());
        int checked = 0;
        for (JsonNode c : doc.get("cases")) {
            String name = c.get("case").asText();
            Layer layer = layer(c);
            List<Parameter> params = layer.parameters();
            List<String> names = switch (name) {
                case "prelu_per_unit", "prelu_shared" -> List.of("slope");
                case "scale" -> List.of("scale");
                case "periodic_embedding", "periodic_embedding_inputs" -> List.of("frequency", "phase", "weight", "bias");
                case "rrelu_inference", "alpha_dropout" -> List.of();
                default -> List.of("gamma", "beta");
            };
            assertEquals(names.size(), params.size(), name);
            for (int p = 0; p < names.size(); p++) set(params.get(p).value(), c.get("params").get(names.get(p)));
            boolean training = !c.get("kwargs").path("mode").asText().equals("eval");
            if (layer instanceof BatchNormLayer bn && !training) {
                set(bn.runningMean(), c.get("kwargs").get("running_mean"));
                set(bn.runningVariance(), c.get("kwargs").get("running_var"));
            }
            RandomGenerator rng = c.has("mask") ? masking(c.get("mask")) : new java.util.SplittableRandom(1);
            Matrix y = layer.forward(matrix(c.get("input")), training, rng).copy();
            compare(c.get("output"), y.data(), name + " output");
            Matrix dx = layer.backward(matrix(c.get("upstream")), true);
            compare(c.get("input_grad"), dx.data(), name + " input gradient");
            for (int p = 0; p < names.size(); p++) compare(c.get("param_grads").get(names.get(p)), params.get(p).grad(), name + " d" + names.get(p));
            if (c.has("running_mean")) {
                BatchNormLayer bn = (BatchNormLayer) layer;
                compare(c.get("running_mean"), bn.runningMean(), name + " running mean");
                compare(c.get("running_var"), bn.runningVariance(), name + " running variance");
            }
            checked++;
        }
        assertEquals(10, checked, "every case of layers.json");
    }

    /** Softmax as a hidden activation (not fused into the loss): each row's values and the vector-Jacobian product with a given upstream. */
    @Test
    void softmaxActivationMatchesTorch() throws Exception {
        JsonNode soft = JSON.readTree(TestData.file("reference/functions/activations.json").toFile()).get("softmax");
        Matrix rows = matrix(soft.get("rows"));
        Layer layer = new Softmax().newLayer(rows.cols());
        compare(soft.get("softmax").get("value"), layer.forward(rows, false, null).copy().data(), "softmax");
        compare(soft.get("softmax").get("vjp"), layer.backward(matrix(soft.get("upstream")), true).data(), "softmax vjp");
    }
}
