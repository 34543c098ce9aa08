package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import org.dendrite.core.layer.Parameter;
import org.junit.jupiter.api.Test;

/**
 * The same seed and data give bit-identical weights; another seed gives other weights; trainings
 * running at once on several threads (Weka's Bagging with execution slots, a search's trials, Spark
 * tasks in one executor) give the weights each gives alone.
 */
class DeterminismTest {
    private static Model train(long seed) {
        return train(seed, TrainingConfig.DEFAULT.network(), 200, 0);
    }

    /** {@code n} rows, in batches of {@code batch} (0: the default). */
    private static Model train(long seed, org.dendrite.core.network.NetworkSpec network, int n, int batch) {
        SplittableRandom r = new SplittableRandom(42);
        double[][] rows = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 3; j++) rows[i][j] = r.nextGaussian();
            y[i] = rows[i][0] + 0.5 * rows[i][1] > 0 ? 1 : 0;
        }
        Table t = new Table(List.of(Column.numeric("a"), Column.numeric("b"), Column.numeric("c")), rows);
        return Trainer.fit(TrainingConfig.DEFAULT.withNetwork(network).withEpochs(5).withBatchSize(batch).withSeed(seed), new LabeledTable(t, "y", List.of("n", "p"), y, null));
    }

    private static float[] weights(Model m) {
        List<Parameter> ps = m.network().parameters();
        int n = 0;
        for (Parameter p : ps) n += p.size();
        float[] all = new float[n];
        int o = 0;
        for (Parameter p : ps) {
            System.arraycopy(p.value(), 0, all, o, p.size());
            o += p.size();
        }
        return all;
    }

    @Test
    void sameSeedSameWeights() {
        assertArrayEquals(weights(train(7)), weights(train(7)));
    }

    @Test
    void otherSeedOtherWeights() {
        assertFalse(Arrays.equals(weights(train(7)), weights(train(8))));
    }

    /**
     * Every activation with a per-thread scratch or a vectorized loop, and dropout's masks: five
     * trainings alone, then each twice at once on ten threads, eight times; batches of 500 rows of 128
     * units, so that the threads' passes overlap (a softplus scratch shared by the threads failed it in
     * each of five runs; a race fails only when threads meet, so this is a likelihood, not a proof).
     */
    @Test
    void trainingsAtOnceOnSeveralThreadsGiveTheirWeightsAlone() throws Exception {
        List<org.dendrite.core.network.NetworkSpec> nets = new java.util.ArrayList<>();
        for (String a : List.of("relu", "softplus", "gelu", "tanh", "selu")) {
            nets.add(new org.dendrite.core.network.NetworkSpec(List.of(new org.dendrite.core.layer.DenseSpec(128,
                    org.dendrite.core.activation.Activations.byName(a), null, true, org.dendrite.core.layer.DenseSpec.BatchNorm.NONE, 0.2))));
        }
        List<float[]> alone = new java.util.ArrayList<>();
        for (var n : nets) alone.add(weights(train(3, n, 2000, 500)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2 * nets.size());
        try {
            for (int round = 0; round < 8; round++) {
                List<java.util.concurrent.Future<float[]>> at = new java.util.ArrayList<>();
                for (var n : nets) for (int copy = 0; copy < 2; copy++) at.add(pool.submit(() -> weights(train(3, n, 2000, 500))));
                for (int i = 0; i < at.size(); i++) {
                    assertArrayEquals(alone.get(i / 2), at.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS), "network " + i / 2 + ", round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
