package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * A batch split into shards (as Spark partitions hold it) gives the gradient, loss and batch-norm
 * running statistics of the whole batch on one machine.
 */
class ShardedBatchTest {
    private static final NetworkSpec BN = new NetworkSpec(List.of(new DenseSpec(7, new Tanh(), null, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0),
            new DenseSpec(6, new Relu(), null, true, DenseSpec.BatchNorm.AFTER_ACTIVATION, 0)));
    private static final SoftmaxCrossEntropy LOSS = new SoftmaxCrossEntropy();

    private record Batch(Matrix x, Matrix y, float[] w) {
        Batch rows(int from, int to) {
            int d = x.cols();
            Matrix xs = new Matrix(to - from, d), ys = new Matrix(to - from, 1);
            System.arraycopy(x.data(), from * d, xs.data(), 0, (to - from) * d);
            System.arraycopy(y.data(), from, ys.data(), 0, to - from);
            return new Batch(xs, ys, java.util.Arrays.copyOfRange(w, from, to));
        }
    }

    private static Batch batch(int n) {
        SplittableRandom r = new SplittableRandom(3);
        Matrix x = new Matrix(n, 5), y = new Matrix(n, 1);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 5; j++) x.set(i, j, (float) (r.nextGaussian() * (j + 1) + j));
            y.set(i, 0, r.nextInt(3));
            w[i] = i % 4 == 0 ? 0f : (float) (0.5 + r.nextDouble());
        }
        return new Batch(x, y, w);
    }

    /** The whole batch on one machine: loss, then gradients and buffers in the network. */
    private static double whole(Network net, Batch b, long seed) {
        Matrix out = net.forward(b.x(), true, new SplittableRandom(seed));
        Matrix grad = new Matrix(out.rows(), out.cols());
        double l = LOSS.compute(out, b.y(), b.w(), grad);
        net.backward(grad);
        return l;
    }

    private static double sharded(Network net, Batch b, int[] cuts, long seed) {
        List<Batch> shards = new ArrayList<>();
        for (int s = 0; s + 1 < cuts.length; s++) shards.add(b.rows(cuts[s], cuts[s + 1]));
        int[] passes = {0};
        double l = ShardedBatch.gradient(net, request -> {
            passes[0]++;
            ShardedBatch.Partial total = new ShardedBatch.Partial(request.kind());
            // merged in reverse: the order must not matter
            for (int s = shards.size() - 1; s >= 0; s--) {
                Batch shard = shards.get(s);
                total.merge(ShardedBatch.pass(request, LOSS, shard.x(), shard.y(), shard.w(), new SplittableRandom(seed + s)));
            }
            return total;
        }).meanLoss();
        long norms = net.layers().stream().filter(x -> x instanceof org.dendrite.core.layer.BatchNormLayer).count();
        assertEquals(b.x().rows() > 1 ? 2 * norms + 1 : Math.min(norms, 1) + 1, passes[0], "passes per gradient");
        return l;
    }

    private static void assertSameState(Network a, Network b, double tolerance) {
        for (int i = 0; i < a.parameters().size(); i++) {
            Parameter p = a.parameters().get(i), q = b.parameters().get(i);
            for (int j = 0; j < p.size(); j++) {
                assertEquals(p.grad()[j], q.grad()[j], tolerance * Math.max(1e-2, Math.abs(p.grad()[j])), p.name() + " gradient [" + j + "]");
            }
        }
        List<float[]> ab = new ArrayList<>(a.buffers().values()), bb = new ArrayList<>(b.buffers().values());
        for (int i = 0; i < ab.size(); i++) assertArrayEquals(ab.get(i), bb.get(i), 1e-5f, "buffer " + i);
    }

    @Test
    void batchNormOverShardsEqualsTheWholeBatch() {
        Batch b = batch(40);
        Network one = Network.build(BN, 5, 3, 11), split = Network.build(BN, 5, 3, 11);
        for (int step = 0; step < 3; step++) {
            double l1 = whole(one, b, 5);
            double l2 = sharded(split, b, new int[] {0, 9, 9, 27, 40}, 5);
            assertEquals(l1, l2, 1e-6 * Math.abs(l1));
            assertSameState(one, split, 2e-4);
            // move both the same way so the next step starts from other weights and buffers
            for (Network n : List.of(one, split)) {
                for (Parameter p : n.parameters()) for (int j = 0; j < p.size(); j++) p.value()[j] -= 0.1f * one.parameters().get(
                        n.parameters().indexOf(p)).grad()[j];
            }
        }
        // the running statistics moved away from their initial 0 / 1
        float[] runningMean = one.buffers().values().iterator().next();
        assertTrue(Math.abs(runningMean[0]) > 1e-3, "running mean " + runningMean[0]);
    }

    @Test
    void withoutBatchNormOnePassAndTheSameGradient() {
        NetworkSpec plain = new NetworkSpec(List.of(new DenseSpec(8, new Tanh())));
        Batch b = batch(25);
        Network one = Network.build(plain, 5, 3, 2), split = Network.build(plain, 5, 3, 2);
        double l1 = whole(one, b, 1), l2 = sharded(split, b, new int[] {0, 3, 25}, 1);
        assertEquals(l1, l2, 1e-6 * Math.abs(l1));
        assertSameState(one, split, 1e-4);
    }

    @Test
    void aBatchOfOneRowUsesTheRunningStatisticsLikeOneMachine() {
        Batch b = batch(2).rows(1, 2);
        Network one = Network.build(BN, 5, 3, 4), split = Network.build(BN, 5, 3, 4);
        assertEquals(whole(one, b, 1), sharded(split, b, new int[] {0, 0, 1}, 1), 1e-6);
        assertSameState(one, split, 1e-5);
    }

    @Test
    void dropoutMasksAgreeAcrossPasses() {
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(7, new Tanh(), null, true, DenseSpec.BatchNorm.AFTER_ACTIVATION, 0.3)));
        Batch b = batch(30);
        Network one = Network.build(spec, 5, 3, 6), split = Network.build(spec, 5, 3, 6);
        // one shard seeded like the whole batch draws the same masks, in every one of its three passes
        double l1 = whole(one, b, 9), l2 = sharded(split, b, new int[] {0, 30}, 9);
        assertEquals(l1, l2, 1e-6 * Math.abs(l1));
        assertSameState(one, split, 1e-4);
    }

    /**
     * Synchronous shards ({@link SyncShard}) holding the rows of global indices 0-16, 17-29 and 30-49
     * together give the gradient of the step's rows: positions 10..34 of the epoch's permutation,
     * gathered here by hand from {@link org.dendrite.core.data.Seeds}, on one machine.
     */
    @Test
    void syncShardsTakeTheStepsSliceOfTheEpochsPermutation() {
        Batch b = batch(50);
        long seed = 21;
        int epoch = 2, from = 10, to = 35;
        int[] perm = new int[50];
        org.dendrite.core.data.Seeds.permutation(org.dendrite.core.data.Seeds.epoch(seed, epoch), perm);
        Matrix x = new Matrix(to - from, 5), y = new Matrix(to - from, 1);
        float[] w = new float[to - from];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < 5; j++) x.set(i - from, j, b.x().get(perm[i], j));
            y.set(i - from, 0, b.y().get(perm[i], 0));
            w[i - from] = b.w()[perm[i]];
        }
        Network one = Network.build(BN, 5, 3, 11), split = Network.build(BN, 5, 3, 11);
        double l1 = whole(one, new Batch(x, y, w), 1);
        SyncShard step = new SyncShard(seed, epoch, 50, from, to, 4, org.dendrite.core.augment.Augmentation.NONE, 3);
        int[] cuts = {0, 17, 30, 50};
        double l2 = ShardedBatch.gradient(split, request -> {
            ShardedBatch.Partial total = new ShardedBatch.Partial(request.kind());
            for (int s = 0; s + 1 < cuts.length; s++) {
                Batch part = b.rows(cuts[s], cuts[s + 1]);
                total.merge(step.pass(request, LOSS, new org.dendrite.core.data.Dataset(part.x(), part.y(), part.w()), cuts[s], s));
            }
            return total;
        }).meanLoss();
        assertEquals(l1, l2, 1e-6 * Math.abs(l1));
        assertSameState(one, split, 2e-4);
    }
}
