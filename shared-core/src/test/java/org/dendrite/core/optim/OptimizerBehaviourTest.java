package org.dendrite.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.stream.Stream;
import org.dendrite.core.layer.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour shared by every optimizer: checkpoint through Java serialization (as TrainingRun does) and descent on a smooth objective. */
class OptimizerBehaviourTest {
    static Stream<Optimizer> all() {
        return Stream.of(new Sgd(0.01, 0.9, 0, true, 1e-3), new ClassicMomentum(0.01), new Adagrad(0.1), new RmsProp(0.01, 0.9, 1e-8, 0, 0.5, true),
                new Adadelta(1.0), new Adam(1e-2), new AdamW(1e-2), new Adam(1e-2, 0.9, 0.999, 1e-8, 0, true), new AdaMax(1e-2),
                new Nadam(1e-2), new Lbfgs(0.5, 20, 10, Lbfgs.LineSearch.STRONG_WOLFE));
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


    /**
     * The two momentum forms. PyTorch: v' = mu v' + g, w -= lr v'. Classic: v = mu v - lr g, w += v.
     * Constant lr: v = -lr v' at every step, same weights. Hand example with g = 1 every step, mu = 0.5,
     * lr 1 then 0.1: PyTorch v' = 1, 1.5 so w = -1 then -1 - 0.15 = -1.15; classic v = -1, -0.5 - 0.1 =
     * -0.6 so w = -1 then -1.6.
     */

}
