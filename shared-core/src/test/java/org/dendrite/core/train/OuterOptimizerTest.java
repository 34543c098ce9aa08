package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.optim.OptimizerState;
import org.junit.jupiter.api.Test;

/** The outer optimizers of rounds: names as options spell them, and averaging as outer SGD at rate 1. */
class OuterOptimizerTest {
    @Test
    void namesAreReadInAnyCaseAndABadOneNamesTheAllowed() {
        assertEquals(OuterOptimizer.NESTEROV, OuterOptimizer.named(" Nesterov "));
        assertEquals(OuterOptimizer.AVERAGE, OuterOptimizer.named("average"));
        assertEquals("nesterov", OuterOptimizer.NESTEROV.label());
        var e = assertThrows(IllegalArgumentException.class, () -> OuterOptimizer.named("adam"));
        assertEquals("Invalid outerOptimizer: adam (allowed: average, nesterov)", e.getMessage());
    }

    /**
     * By hand: the pseudo-gradient is w - mean, and SGD at its rate 1 steps to w - (w - mean) = mean,
     * so averaging lands exactly on the shards' mean, round after round (no momentum carried).
     */
    @Test
    void averagingLandsOnTheMean() {
        Parameter p = new Parameter("w", new float[] {1f, -2f, 0.5f}, true, 3, 1);
        OptimizerState s = OuterOptimizer.AVERAGE.optimizer().newState(List.of(p));
        for (float[] mean : List.of(new float[] {0.25f, 4f, -1f}, new float[] {3f, 3f, 3f})) {
            for (int i = 0; i < 3; i++) p.grad()[i] = p.value()[i] - mean[i];
            s.step(OuterOptimizer.AVERAGE.optimizer().learningRate());
            assertArrayEquals(mean, p.value(), 0f);
        }
        assertTrue(OuterOptimizer.NESTEROV.optimizer().learningRate() == 0.7, "DiLoCo's outer rate");
    }
}
