package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.loss.MeanSquaredError;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The shards' inner states on a worker: two fits side by side with 40 shards each on one worker
 * took each other's states (at most 64 were kept, the least recently used first), so their inner
 * optimizers silently restarted and the models differed from the same fits one after the other
 * (CrossValidator's avgMetrics changed with setParallelism); a fit of more than 64 shards on one
 * worker lost all of them between rounds. Every shard of a run is kept; runs go whole.
 */
class InnerStatesTest {
    private static final LocalSteps STATE = new LocalSteps(TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(2, new Relu()))))
            .withBatchSize(2), new MeanSquaredError(), 0, new Dataset(new Matrix(4, 3), new Matrix(4, 1), null), 0, 1);

    /** Asks for every shard of {@code run} and returns how many states had to be made. */
    private static int made(String run, int shards) {
        AtomicInteger made = new AtomicInteger();
        Supplier<LocalSteps> make = () -> {
            made.incrementAndGet();
            return STATE;
        };
        for (int s = 0; s < shards; s++) InnerStates.get(run, s, make);
        return made.get();
    }

    @Test
    void runsSideBySideKeepEveryShardAndFinishedRunsGoWhole() {
        String a = "test-a-" + System.nanoTime() + "/", b = "test-b-" + System.nanoTime() + "/";
        assertEquals(200, made(a + "0", 200));
        assertEquals(40, made(b + "0", 40));
        // the next rounds, interleaved: every state is still there
        for (int round = 0; round < 3; round++) {
            assertEquals(0, made(a + "0", 200), "run a, round " + round);
            assertEquals(0, made(b + "0", 40), "run b, round " + round);
        }
        InnerStates.forget(a);
        assertEquals(200, made(a + "0", 200), "a finished run's states are gone");
        assertEquals(0, made(b + "0", 40), "the other run's stay");
        // 17 fits side by side (16 runs were kept: every model changed), and then a new generation of one of them
        for (int r = 0; r < 17; r++) made("test-side-" + r + "/0", 3);
        for (int r = 0; r < 17; r++) assertEquals(0, made("test-side-" + r + "/0", 3), "fit " + r + " of 17 keeps its states");
        assertEquals(3, made("test-side-0/1", 3), "a new generation starts afresh");
        assertEquals(3, made("test-side-0/0", 3), "and its fit's earlier generation is dropped");
        // runs that ended without forgetting theirs: beyond MAX_RUNS the least recently used goes, whole
        for (int r = 0; r < InnerStates.MAX_RUNS; r++) made("test-leak-" + r + "/0", 1);
        assertEquals(40, made(b + "0", 40), "b was the least recently used of more than MAX_RUNS runs");
        // and one unused for an hour goes when another run starts, unless a task of it is still in progress (a round of an hour)
        String idle = "test-idle-" + System.nanoTime() + "/";
        long now = System.nanoTime();
        InnerStates.get(idle + "0", 0, () -> STATE, now);
        InnerStates.get("test-meanwhile/0", 0, () -> STATE, now + InnerStates.IDLE_NANOS + 1);
        AtomicInteger kept = new AtomicInteger();
        InnerStates.get(idle + "0", 0, () -> {
            kept.incrementAndGet();
            return STATE;
        }, now + InnerStates.IDLE_NANOS + 2);
        assertEquals(0, kept.get(), "in progress: kept");
        InnerStates.release(idle + "0");
        InnerStates.release(idle + "0");
        // released (its idle clock starts at the release), then an hour later another run starts
        long later = System.nanoTime() + InnerStates.IDLE_NANOS + 1_000_000_000L;
        InnerStates.get("test-later/0", 0, () -> STATE, later);
        AtomicInteger again = new AtomicInteger();
        InnerStates.get(idle + "0", 0, () -> {
            again.incrementAndGet();
            return STATE;
        }, later + 1);
        assertEquals(1, again.get(), "an hour unused: dropped");
        InnerStates.forget(a);
        InnerStates.forget(b);
        InnerStates.forget("test-");
    }
}
