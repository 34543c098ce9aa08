package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Adam;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * A shard's round that fails part-way (a Spark task attempt that throws, or is killed, after some of
 * its local steps) and is run again on the same worker (Spark's retry of the task, on the executor
 * that keeps the shard's inner state): the failed attempt had advanced the inner optimizer's moments
 * and step count, so the retry started from them and its weights differed from a round that never
 * failed. The retry must give the round a clean run gives.
 */
class LocalStepsRetryTest {
    /** Softmax cross-entropy that throws at its {@code failAt}-th evaluation (1-based; 0: never). */
    private static final class FailingLoss implements Loss {
        private static final long serialVersionUID = 1L;
        private final SoftmaxCrossEntropy inner = new SoftmaxCrossEntropy();
        int calls;
        int failAt;

        @Override public int outputWidth(int targetWidth, int classes) { return inner.outputWidth(targetWidth, classes); }

        @Override
        public double compute(Matrix output, Matrix target, float[] weights, Matrix grad) {
            if (++calls == failAt) throw new IllegalStateException("the task attempt fails here");
            return inner.compute(output, target, weights, grad);
        }

        @Override public void validateTarget(Matrix target, int classes) { inner.validateTarget(target, classes); }

        @Override public String name() { return inner.name(); }

        @Override public void predict(Matrix output, Matrix prediction) { inner.predict(output, prediction); }
    }

    /** Adam on one tanh layer of 6 units, batches of 4 of the 24 rows. */
    private static final TrainingConfig CONFIG = TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(6, new Tanh()))))
            .withOptimizer(new Adam(0.05)).withBatchSize(4).resolve(24);
    /** The weights every round starts from (a round's broadcast). */
    private static final Network.Snapshot START = Network.build(CONFIG.network(), 3, 2, 5).snapshot();

    /** A shard of the 24 rows, its inner state as a worker keeps it across rounds, whose loss is {@code loss}. */
    private static LocalSteps shard(Loss loss) {
        return new LocalSteps(CONFIG, loss, 2, data(), 0, 2);
    }

    private static Dataset data() {
        SplittableRandom g = new SplittableRandom(11);
        Matrix x = new Matrix(24, 3), y = new Matrix(24, 1);
        for (int r = 0; r < 24; r++) {
            for (int j = 0; j < 3; j++) x.set(r, j, (float) g.nextGaussian());
            y.set(r, 0, x.get(r, 0) + 0.5f * x.get(r, 1) > 0 ? 1 : 0);
        }
        return new Dataset(x, y, null);
    }

    private static double[] state(LocalSteps.Partial p) {
        return p.state.clone();
    }

    /**
     * Rounds of 3 Adam steps on batches of 4 of 24 rows: the clean shard's rounds 2 and 3 against a
     * shard whose round 2 fails at its second step and is run again. Expected: the clean run's values
     * exactly (the same steps on the same rows from the same inner state).
     */
    @Test
    void aRoundRunAgainAfterFailingPartWayEqualsTheRoundThatNeverFailed() {
        LocalSteps.Round[] rounds = {new LocalSteps.Round(0, 3, 0.05, 0, null), new LocalSteps.Round(3, 3, 0.05, 0, null),
            new LocalSteps.Round(6, 3, 0.05, 0, null)};

        FailingLoss plain = new FailingLoss();
        LocalSteps clean = shard(plain);
        double[][] expected = new double[rounds.length][];
        for (int r = 0; r < rounds.length; r++) expected[r] = state(clean.run(START, rounds[r]));

        FailingLoss failing = new FailingLoss();
        LocalSteps retried = shard(failing);
        assertArrayEquals(expected[0], state(retried.run(START, rounds[0])), "round 1");
        // round 2's second step (the fifth evaluation) fails; its first step has moved the moments
        failing.failAt = failing.calls + 2;
        assertThrows(IllegalStateException.class, () -> retried.run(START, rounds[1]));
        assertArrayEquals(expected[1], state(retried.run(START, rounds[1])), "round 2, run again after failing part-way");
        assertArrayEquals(expected[2], state(retried.run(START, rounds[2])), "round 3, after the retried round");
    }

    /**
     * A round whose attempt finished but whose result was not taken (a killed Spark task that ran on to the end, a
     * speculative copy's loser) and is run again: the same as the round run once.
     */
    @Test
    void aRoundRunAgainAfterAFinishedAttemptEqualsTheRoundRunOnce() {
        LocalSteps.Round first = new LocalSteps.Round(0, 4, 0.05, 0, null), second = new LocalSteps.Round(4, 4, 0.05, 0, null);
        LocalSteps clean = shard(new FailingLoss());
        clean.run(START, first);
        double[] expected = state(clean.run(START, second));

        LocalSteps twice = shard(new FailingLoss());
        twice.run(START, first);
        twice.run(START, second);
        assertArrayEquals(expected, state(twice.run(START, second)), "round 2 run a second time");
    }
}
