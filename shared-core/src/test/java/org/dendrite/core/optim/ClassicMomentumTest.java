package org.dendrite.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.core.layer.Parameter;
import org.junit.jupiter.api.Test;

/**
 * The textbook momentum form against PyTorch's: equal at a constant rate, different when the rate
 * changes; and its weight decay, which has no PyTorch counterpart, against a hand derivation.
 */
class ClassicMomentumTest {
    @Test
    void equalsPyTorchMomentumAtConstantLearningRate() {
        ParityProblem a = ParityProblem.rosenbrock(), b = ParityProblem.rosenbrock();
        a.setFlat(new double[] {-1.5, 2.0});
        b.setFlat(new double[] {-1.5, 2.0});
        OptimizerState classic = new ClassicMomentum(2e-4, 0.9, 0).newState(a.parameters());
        OptimizerState torch = new Sgd(2e-4, 0.9, 0, false, 0).newState(b.parameters());
        Objective fa = a.objective(), fb = b.objective();
        double start = Math.abs(a.flat()[0] - (-1.5));
        for (int k = 0; k < 200; k++) {
            classic.step(2e-4, fa);
            torch.step(2e-4, fb);
            for (int i = 0; i < 2; i++) {
                // same values in exact arithmetic; float32 rounds lr * sum(g) and sum(lr * g) differently
                assertEquals(b.flat()[i], a.flat()[i], 1e-5 * Math.abs(b.flat()[i]), "step " + (k + 1));
            }
        }
        assertTrue(Math.abs(a.flat()[0] + 1.5) > 0.1 + start, "the run moved, so the comparison means something");
    }

    /**
     * Hand-derived: f(w) = w (gradient 1 everywhere), w0 = 1, momentum 0.5, lr 0.1 then 0.2.
     * PyTorch form: b1 = 1, w1 = 1 - 0.1 * 1 = 0.9; b2 = 0.5 * 1 + 1 = 1.5, w2 = 0.9 - 0.2 * 1.5 = 0.6.
     * Textbook form: v1 = -0.1, w1 = 0.9; v2 = 0.5 * -0.1 - 0.2 * 1 = -0.25, w2 = 0.65.
     * With lr 0.1 twice both give 0.9 - 0.1 * 1.5 = 0.75 = 0.9 - 0.15.
     */
    @Test
    void differsFromPyTorchMomentumWhenTheRateChanges() {
        assertEquals(0.6, twoSteps(new Sgd(0.1, 0.5, 0, false, 0), 0.1, 0.2), 1e-6);
        assertEquals(0.65, twoSteps(new ClassicMomentum(0.1, 0.5, 0), 0.1, 0.2), 1e-6);
        assertEquals(0.75, twoSteps(new Sgd(0.1, 0.5, 0, false, 0), 0.1, 0.1), 1e-6);
        assertEquals(0.75, twoSteps(new ClassicMomentum(0.1, 0.5, 0), 0.1, 0.1), 1e-6);
    }

    /**
     * Hand-derived, with weight decay: f(w) = w (gradient 1 everywhere), w0 = 1, momentum 0.5,
     * weight decay 0.1, lr 0.1, 0.2, 0.1. Textbook form with L2 decay: d = 1 + 0.1 w,
     * v = 0.5 v - lr d, w = w + v.
     * Step 1: d = 1 + 0.1 * 1 = 1.1; v = 0 - 0.1 * 1.1 = -0.11; w = 1 - 0.11 = 0.89.
     * Step 2: d = 1 + 0.1 * 0.89 = 1.089; v = 0.5 * -0.11 - 0.2 * 1.089 = -0.055 - 0.2178 = -0.2728; w = 0.89 - 0.2728 = 0.6172.
     * Step 3: d = 1 + 0.1 * 0.6172 = 1.06172; v = 0.5 * -0.2728 - 0.1 * 1.06172 = -0.1364 - 0.106172 = -0.242572;
     * w = 0.6172 - 0.242572 = 0.374628.
     * Decay of the wrong sign (d = 1 - 0.1 w) gives 0.91 after step 1, no decay 0.9, decay not
     * scaled by the rate (v = 0.5 v - lr g - 0.1 w) 0.8: all more than the tolerance away.
     */
    @Test
    void weightDecayEntersTheVelocityScaledByTheCurrentRate() {
        double[] w = steps(new ClassicMomentum(0.1, 0.5, 0.1), 0.1, 0.2, 0.1);
        assertEquals(0.89, w[0], 1e-6, "step 1");
        assertEquals(0.6172, w[1], 1e-6, "step 2");
        assertEquals(0.374628, w[2], 1e-6, "step 3");
    }

    private static double[] steps(Optimizer o, double... rates) {
        Parameter w = new Parameter("w", new float[] {1f}, false, 1, 1);
        OptimizerState s = o.newState(List.of(w));
        Objective linear = () -> {
            w.grad()[0] = 1f;
            return w.value()[0];
        };
        double[] out = new double[rates.length];
        for (int k = 0; k < rates.length; k++) {
            s.step(rates[k], linear);
            out[k] = w.value()[0];
        }
        return out;
    }

    private static double twoSteps(Optimizer o, double lr1, double lr2) {
        Parameter w = new Parameter("w", new float[] {1f}, false, 1, 1);
        OptimizerState s = o.newState(List.of(w));
        Objective linear = () -> {
            w.grad()[0] = 1f;
            return w.value()[0];
        };
        s.step(lr1, linear);
        s.step(lr2, linear);
        return w.value()[0];
    }
}
