package org.dendrite.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.regularization.Regularization;
import org.junit.jupiter.api.Test;

/**
 * Dendrite's L2 penalty is PyTorch's weight decay on the weights: the MLP of the optimizer parity
 * tests trained by torch with {@code weight_decay} 0.01 on its two weight matrices and 0 on its biases
 * (two parameter groups; SGD with momentum, and Adam, whose weight decay is the coupled L2), against
 * the same optimizer without weight decay and {@link Regularization} adding l2 w to the weights'
 * gradients (references: {@code test-data/reference/optim/make_l2_reference.py}). Tolerance as in
 * {@link OptimizerParityTest}.
 */
class L2ParityTest {
    @Test
    void l2IsTorchsWeightDecayOnTheWeights() throws Exception {
        JsonNode root = TorchReference.read("l2_as_weight_decay.json");
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            String id = c.get("case").asText();
            Optimizer optimizer = TorchReference.fromTorch(c.get("optimizer").asText(), c.get("options"));
            Regularization l2 = new Regularization(0, c.get("l2").asDouble(), false, false, 0);
            ParityProblem p = ParityProblem.mlp();
            p.setFlat(org.dendrite.core.testutil.JsonValues.doubles(c.get("initial")));
            List<Parameter> params = p.parameters();
            assertEquals(List.of(true, false, true, false), params.stream().map(Parameter::regularized).toList(), "weights, not biases");
            Objective loss = p.objective();
            Objective penalized = () -> {
                double l = loss.evaluate();
                l2.addGradient(params);
                return l;
            };
            OptimizerState state = optimizer.newState(params);
            double lr = c.get("options").get("lr").asDouble();
            JsonNode trajectory = c.get("trajectory");
            for (int k = 0; k < trajectory.size(); k++) {
                double before = state.step(lr, penalized);
                double want = c.get("loss").get(k).asDouble();
                assertEquals(want, before, OptimizerParityTest.RELATIVE * Math.abs(want) + OptimizerParityTest.ABSOLUTE, id + " loss before step " + (k + 1));
                double[] expected = org.dendrite.core.testutil.JsonValues.doubles(trajectory.get(k)), got = p.flat();
                for (int i = 0; i < expected.length; i++) {
                    double scale = Math.max(Math.abs(expected[i]), Math.abs(got[i]));
                    assertTrue(Math.abs(got[i] - expected[i]) <= OptimizerParityTest.RELATIVE * scale + OptimizerParityTest.ABSOLUTE,
                            id + " step " + (k + 1) + " parameter " + i + ": " + got[i] + " vs torch " + expected[i]);
                }
            }
            checked++;
        }
        assertEquals(2, checked);
    }
}
