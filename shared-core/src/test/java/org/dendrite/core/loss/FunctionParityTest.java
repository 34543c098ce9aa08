package org.dendrite.core.loss;

import static org.dendrite.core.testutil.JsonValues.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.dendrite.core.activation.Activation;
import org.dendrite.core.activation.Elu;
import org.dendrite.core.activation.Gelu;
import org.dendrite.core.activation.Identity;
import org.dendrite.core.activation.LeakyRelu;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.activation.Selu;
import org.dendrite.core.activation.Sigmoid;
import org.dendrite.core.activation.Softplus;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.testutil.TestData;
import org.junit.jupiter.api.Test;

/**
 * Activations and losses against PyTorch 1.13 in float64 (test-data/reference/functions, made by
 * make_function_reference.py): each activation's value and derivative on a grid with the special
 * points, and each loss's value and gradient, with sample weights, label smoothing and an ensemble's
 * mean of member losses. Dendrite computes in float32, so values agree to float32 rounding.
 */
class FunctionParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Activation> ACTIVATIONS = Map.ofEntries(Map.entry("identity", new Identity()),
            Map.entry("sigmoid", new Sigmoid()), Map.entry("tanh", new Tanh()), Map.entry("relu", new Relu()),
            Map.entry("leaky_relu_0.01", new LeakyRelu(0.01f)), Map.entry("leaky_relu_0.2", new LeakyRelu(0.2f)),
            Map.entry("elu_1.0", new Elu(1f)), Map.entry("elu_0.5", new Elu(0.5f)), Map.entry("selu", new Selu()), Map.entry("gelu", new Gelu()),
            Map.entry("softplus", new Softplus()));

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 2e-6 + 2e-6 * Math.abs(expected), what);
    }

    @Test
    void activationsMatchTorch() throws Exception {
        JsonNode doc = JSON.readTree(TestData.file("reference/functions/activations.json").toFile());
        JsonNode xs = doc.get("x");
        int n = xs.size(), checked = 0;
        Matrix x = new Matrix(1, n);
        for (int i = 0; i < n; i++) x.data()[i] = (float) xs.get(i).asDouble();
        Matrix ones = new Matrix(1, n);
        ones.fill(1f);
        for (JsonNode a : doc.get("activations")) {
            Activation f = ACTIVATIONS.get(a.get("name").asText());
            if (f == null) continue; // gelu_tanh: an approximation Dendrite does not offer
            Layer layer = f.newLayer(n);
            Matrix y = layer.forward(x, false, null).copy();
            Matrix dx = layer.backward(ones, true);
            for (int i = 0; i < n; i++) {
                String at = a.get("name").asText() + " at " + xs.get(i).asDouble();
                close(a.get("value").get(i).asDouble(), y.data()[i], at);
                close(a.get("derivative").get(i).asDouble(), dx.data()[i], at + ", derivative");
            }
            checked++;
        }
        assertEquals(ACTIVATIONS.size(), checked, "every mapped activation has a reference");
    }

    private static Loss loss(String name) {
        return switch (name) {
            case "cross_entropy", "cross_entropy_large_logits", "cross_entropy_sample_weights", "cross_entropy_class_weights" ->
                    new SoftmaxCrossEntropy();
            case "cross_entropy_probabilities" -> new SoftmaxCrossEntropy();
            case "cross_entropy_label_smoothing", "cross_entropy_probabilities_label_smoothing" -> new SoftmaxCrossEntropy(0.1);
            case "cross_entropy_label_smoothing_sample_weights" -> new SoftmaxCrossEntropy(0.2);
            case "member_mean_cross_entropy" -> new MemberMean(new SoftmaxCrossEntropy(), 2);
            case "bce_with_logits", "bce_with_logits_sample_weights", "bce_with_logits_multilabel" -> new SigmoidBinaryCrossEntropy();
            case "mse" -> new MeanSquaredError();
            case "member_mean_mse" -> new MemberMean(new MeanSquaredError(), 3);
            case "l1" -> new MeanAbsoluteError();
            case "huber" -> new Huber(1.0);
            default -> throw new AssertionError("no Dendrite loss for reference case " + name);
        };
    }

    @Test
    void lossesAndTheirGradientsMatchTorch() throws Exception {
        JsonNode doc = JSON.readTree(TestData.file("reference/functions/losses.json").toFile());
        int checked = 0;
        for (JsonNode c : doc.get("cases")) {
            String name = c.get("case").asText();
            Matrix z = matrix(c.get("input")), target = matrix(c.get("target"));
            float[] w = null;
            if (c.has("weights")) {
                w = new float[c.get("weights").size()];
                for (int i = 0; i < w.length; i++) w[i] = (float) c.get("weights").get(i).asDouble();
            }
            Matrix g = new Matrix(z.rows(), z.cols());
            double value = loss(name).compute(z, target, w, g);
            close(c.get("value").asDouble(), value, name);
            Matrix expected = matrix(c.get("grad"));
            for (int i = 0; i < g.size(); i++) close(expected.data()[i], g.data()[i], name + " gradient " + i);
            checked++;
        }
        assertEquals(doc.get("cases").size(), checked);
    }
}
