package org.dendrite.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A state rebuilt from {@code steps()} + {@code buffers()} continues exactly like the uninterrupted run. */
public class OptimizerCheckpointTest {
    static final int BEFORE = 7, AFTER = 6;

    public static List<Optimizer> all() {
        return List.of(new Sgd(0.1, 0.9, 0.1, false, 0.01), new Sgd(0.1, 0.9, 0, true, 0), new ClassicMomentum(0.1, 0.9, 0.01),
                new Adagrad(0.1, 0.01, 0.01, 0.1, 1e-10), new RmsProp(0.01, 0.99, 1e-8, 0.01, 0.5, true),
                new Adadelta(1, 0.9, 1e-6, 0.01), new Adam(0.01, 0.9, 0.999, 1e-8, 0.01, true), new AdamW(0.01, 0.9, 0.999, 1e-8, 0.1, true),
                new AdaMax(0.02, 0.9, 0.999, 1e-8, 0.01), new Nadam(0.02, 0.9, 0.999, 1e-8, 0.01, 0.01),
                new Lbfgs(0.5, 2, 3, 1e-7, 1e-9, 3, Lbfgs.LineSearch.STRONG_WOLFE), new Lbfgs(0.1, 2, 3, 1e-7, 1e-9, 3, Lbfgs.LineSearch.NONE));
    }

    @Test
    void restoredStateContinuesBitForBit() throws IOException {
        double[] start = ParityProblem.mlp().flat();
        for (Optimizer o : all()) {
            // uninterrupted
            ParityProblem a = ParityProblem.mlp();
            OptimizerState sa = o.newState(a.parameters());
            for (int k = 0; k < BEFORE + AFTER; k++) sa.step(lr(o, k), a.objective());

            // interrupted after BEFORE steps: copy the checkpoint, build everything anew, restore, continue
            ParityProblem b = ParityProblem.mlp();
            OptimizerState sb = o.newState(b.parameters());
            for (int k = 0; k < BEFORE; k++) sb.step(lr(o, k), b.objective());
            OptimizerState.Snapshot saved = sb.snapshot();
            double[] weights = b.flat();
            assertFalse(saved.buffers().isEmpty() && saved.scalars().isEmpty(), o + " keeps state");

            ParityProblem c = ParityProblem.mlp();
            c.setFlat(weights);
            OptimizerState sc = o.newState(c.parameters());
            sc.restore(saved);
            for (int k = BEFORE; k < BEFORE + AFTER; k++) sc.step(lr(o, k), c.objective());

            assertArrayEquals(a.flat(), c.flat(), 0.0, o.toString());
            assertNotEquals(start[0], a.flat()[0], o + " moved the weights");

            // and the state matters: a fresh state from the same weights ends elsewhere
            ParityProblem d = ParityProblem.mlp();
            d.setFlat(weights);
            OptimizerState sd = o.newState(d.parameters());
            for (int k = BEFORE; k < BEFORE + AFTER; k++) sd.step(lr(o, k), d.objective());
            assertFalse(java.util.Arrays.equals(a.flat(), d.flat()), o + ": without the checkpoint the run differs");
        }
    }

    /** A changing rate, so a checkpoint that lost the step count or mixed rates would show. */
    private static double lr(Optimizer o, int k) {
        return o.learningRate() * (1 + 0.05 * k);
    }
}
