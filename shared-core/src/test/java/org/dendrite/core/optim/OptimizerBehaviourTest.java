package org.dendrite.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.dendrite.core.layer.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OptimizerBehaviourTest {
    static Stream<Optimizer> all() {
        return Stream.of(new Sgd(0.01, 0.9, 0, true, 1e-3), new ClassicMomentum(0.01), new Adagrad(0.1), new RmsProp(0.01, 0.9, 1e-8, 0, 0.5, true),
                new Adadelta(1.0), new Adam(1e-2), Adam.adamW(1e-2, 0.01), new Adam(1e-2, 0.9, 0.999, 1e-8, 0, true, false), new AdaMax(1e-2),
                new Nadam(1e-2), new Lbfgs(0.5));
    }

    /** f(w) = sum (w_i - i)^2 / 2 + sum w_i^4 / 4, gradient written into the parameter. */
    private static Objective quartic(Parameter p) {
        return () -> {
            double f = 0;
            for (int i = 0; i < p.size(); i++) {
                float w = p.value()[i], d = w - i;
                p.grad()[i] = d + w * w * w;
                f += 0.5 * d * d + 0.25 * w * w * w * w;
            }
            return f;
        };
    }

    @ParameterizedTest
    @MethodSource("all")
    void checkpointThenResumeEqualsAnUninterruptedRunBitForBit(Optimizer opt) throws Exception {
        Parameter a = new Parameter("w", new float[] {0.5f, -1f, 2f, 0.1f}, true, 4, 1);
        OptimizerState sa = opt.newState(List.of(a));
        for (int s = 0; s < 20; s++) sa.step(0.01 * (1 + s % 3), quartic(a));

        Parameter b = new Parameter("w", new float[] {0.5f, -1f, 2f, 0.1f}, true, 4, 1);
        OptimizerState sb = opt.newState(List.of(b));
        for (int s = 0; s < 8; s++) sb.step(0.01 * (1 + s % 3), quartic(b));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(sb);
            o.writeObject(b.value());
        }
        OptimizerState resumed;
        float[] values;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            resumed = (OptimizerState) in.readObject();
            values = (float[]) in.readObject();
        }
        Parameter c = resumed.parameters().get(0);
        assertArrayEquals(values, c.value());
        for (int s = 8; s < 20; s++) resumed.step(0.01 * (1 + s % 3), quartic(c));
        assertArrayEquals(a.value(), c.value(), opt.name());
        assertEquals(sa.steps(), resumed.steps());
    }

    @ParameterizedTest
    @MethodSource("all")
    void everyOptimizerDecreasesASmoothObjective(Optimizer opt) {
        Parameter p = new Parameter("w", new float[] {0.5f, -1f, 2f, 0.1f}, true, 4, 1);
        OptimizerState s = opt.newState(List.of(p));
        double first = quartic(p).evaluate();
        for (int i = 0; i < 50; i++) s.step(opt.learningRate(), quartic(p));
        assertTrue(quartic(p).evaluate() < first, opt.name() + ": " + quartic(p).evaluate() + " vs " + first);
    }

    @Test
    void restoringBuffersAlsoResumesExactly() {
        Optimizer opt = new Adam(0.05);
        Parameter a = new Parameter("w", new float[] {1f, 2f}, true, 2, 1);
        OptimizerState sa = opt.newState(List.of(a));
        for (int s = 0; s < 5; s++) sa.step(0.05, quartic(a));
        Parameter b = new Parameter("w", a.value().clone(), true, 2, 1);
        OptimizerState sb = opt.newState(List.of(b));
        sb.restore(sa.steps(), sa.buffers());
        for (int s = 0; s < 5; s++) {
            sa.step(0.05, quartic(a));
            sb.step(0.05, quartic(b));
        }
        assertArrayEquals(a.value(), b.value());
        assertTrue(sa.buffers().containsKey("w.exp_avg") && sa.buffers().containsKey("w.exp_avg_sq"), sa.buffers().keySet().toString());
    }

    /**
     * The two momentum forms. PyTorch: v' = mu v' + g, w -= lr v'. Classic: v = mu v - lr g, w += v.
     * Constant lr: v = -lr v' at every step, same weights. Hand example with g = 1 every step, mu = 0.5,
     * lr 1 then 0.1: PyTorch v' = 1, 1.5 so w = -1 then -1 - 0.15 = -1.15; classic v = -1, -0.5 - 0.1 =
     * -0.6 so w = -1 then -1.6.
     */
    @Test
    void momentumFormsAgreeAtConstantRateAndDifferWhenItChanges() {
        Supplier<Parameter> w0 = () -> new Parameter("w", new float[] {0f}, true, 1, 1);
        Parameter pt = w0.get(), cl = w0.get();
        OptimizerState torch = new Sgd(1, 0.5, 0, false, 0).newState(List.of(pt));
        OptimizerState classic = new ClassicMomentum(1, 0.5).newState(List.of(cl));
        Objective gOne = () -> {
            pt.grad()[0] = 1;
            cl.grad()[0] = 1;
            return 0;
        };
        torch.step(1, gOne);
        classic.step(1, gOne);
        assertEquals(-1f, pt.value()[0]);
        assertEquals(-1f, cl.value()[0]);
        torch.step(0.1, gOne);
        classic.step(0.1, gOne);
        assertEquals(-1.15f, pt.value()[0], 1e-6f);
        assertEquals(-1.6f, cl.value()[0], 1e-6f);

        Parameter a = new Parameter("w", new float[] {0.3f, -2f}, true, 2, 1), b = new Parameter("w", new float[] {0.3f, -2f}, true, 2, 1);
        OptimizerState sa = new Sgd(0.01, 0.9, 0, false, 0).newState(List.of(a)), sb = new ClassicMomentum(0.01, 0.9).newState(List.of(b));
        for (int s = 0; s < 30; s++) {
            sa.step(0.01, quartic(a));
            sb.step(0.01, quartic(b));
        }
        assertArrayEquals(a.value(), b.value(), 1e-5f, "constant rate: the same trajectory up to float rounding");
        assertNotEquals(a.value()[0], 0.3f);
    }

    @Test
    void hyperparametersAreValidatedWithTheValueAndTheRule() {
        var lr = assertThrows(IllegalArgumentException.class, () -> new Adam(-0.1));
        assertTrue(lr.getMessage().contains("-0.1") && lr.getMessage().contains("> 0"), lr.getMessage());
        var beta = assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-8, 0, false, false));
        assertTrue(beta.getMessage().contains("beta1: 1.0") && beta.getMessage().contains("< 1.0"), beta.getMessage());
        var mom = assertThrows(IllegalArgumentException.class, () -> new RmsProp(0.01, 0.99, 1e-8, 0, -0.5, false));
        assertTrue(mom.getMessage().contains("momentum: -0.5"), mom.getMessage());
        var nest = assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, 0, 0, true, 0));
        assertTrue(nest.getMessage().contains("Nesterov"), nest.getMessage());
        var eps = assertThrows(IllegalArgumentException.class, () -> new Adagrad(0.1, 0, 0, 0, 0));
        assertTrue(eps.getMessage().contains("epsilon: 0.0"), eps.getMessage());
        var hist = assertThrows(IllegalArgumentException.class, () -> new Lbfgs(1, 20, 25, 1e-7, 1e-9, 0, true));
        assertTrue(hist.getMessage().contains("historySize: 0"), hist.getMessage());
        var rho = assertThrows(IllegalArgumentException.class, () -> new Adadelta(1, 1.5, 1e-6, 0));
        assertTrue(rho.getMessage().contains("rho: 1.5"), rho.getMessage());
    }
}
