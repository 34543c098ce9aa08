package org.dendrite.core.regularization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

class RegularizationTest {
    private static Parameter weight(float... w) {
        return new Parameter("0.weight", w, true, w.length, 1);
    }

    @Test
    void penaltyValueAndGradientByHand() {
        Parameter w = weight(1f, -2f, 0f);
        Parameter b = new Parameter("0.bias", new float[] {3f}, false, 3, 1);
        Regularization r = new Regularization(0.1, 0.5, false, false, 0);
        // 0.1 * (1 + 2 + 0) + 0.5 / 2 * (1 + 4 + 0) = 0.3 + 1.25; the bias is excluded
        assertEquals(1.55, r.penalty(List.of(w, b)), 1e-9);
        r.addGradient(List.of(w, b));
        assertEquals(0.1 + 0.5, w.grad()[0], 1e-6);
        assertEquals(-0.1 - 1.0, w.grad()[1], 1e-6);
        assertEquals(0, w.grad()[2], 0); // sign(0) = 0
        assertEquals(0, b.grad()[0], 0);
        Regularization withBias = new Regularization(0, 0.5, false, true, 0);
        assertEquals(0.25 * (1 + 4 + 9), withBias.penalty(List.of(w, b)), 1e-9);
    }

    @Test
    void elasticNetSplitsLambda() {
        Regularization e = Regularization.elasticNet(0.2, 0.25);
        assertEquals(0.05, e.l1(), 1e-12);
        assertEquals(0.15, e.l2(), 1e-12);
        var ex = assertThrows(IllegalArgumentException.class, () -> Regularization.elasticNet(0.1, 1.5));
        assertTrue(ex.getMessage().contains("1.5"));
    }

    @Test
    void proximalL1SoftThresholdsToExactZeros() {
        Network net = Network.build(new NetworkSpec(List.of()), 3, 1, 1);
        Parameter w = net.parameters().get(0);
        System.arraycopy(new float[] {0.05f, -0.5f, 0.2f}, 0, w.value(), 0, 3);
        new Regularization(1.0, 0, true, false, 0).afterStep(net.layers(), 0.1);
        assertEquals(0f, w.value()[0], 0f); // |0.05| < 0.1 -> 0 exactly
        assertEquals(-0.4f, w.value()[1], 1e-7f);
        assertEquals(0.1f, w.value()[2], 1e-7f);
    }

    @Test
    void maxNormLimitsEachUnitsIncomingWeights() {
        Network net = Network.build(new NetworkSpec(List.of(new DenseSpec(4, new Relu()))), 3, 2, 1);
        Parameter w = net.parameters().get(0); // 3 x 4, column j = unit j's incoming weights
        for (int i = 0; i < w.size(); i++) w.value()[i] = 2f;
        new Regularization(0, 0, false, false, 1.5).afterStep(net.layers(), 0.1);
        for (int j = 0; j < 4; j++) {
            double s = 0;
            for (int i = 0; i < 3; i++) s += w.value()[i * 4 + j] * w.value()[i * 4 + j];
            assertEquals(1.5, Math.sqrt(s), 1e-5);
        }
    }

    @Test
    void maxNormRescalesOnlyTheUnitsAboveTheLimit() {
        Network net = Network.build(new NetworkSpec(List.of(new DenseSpec(4, new Relu()))), 3, 2, 1);
        Parameter w = net.parameters().get(0); // 3 x 4, w[i * 4 + j]: column j = unit j's incoming weights
        // columns: (1, 2, 2) norm 3 below the limit 5; (3, 4, 0) norm exactly 5 (5^2 = 25 exactly in float and double);
        // (6, 8, 0) norm 10; (2, 4, 4) norm 6. Rows (norms sqrt 50, sqrt 100, sqrt 20) would be rescaled differently.
        float[] given = {
            1f, 3f, 6f, 2f,
            2f, 4f, 8f, 4f,
            2f, 0f, 0f, 4f};
        System.arraycopy(given, 0, w.value(), 0, given.length);
        Parameter out = net.parameters().get(2); // the output layer's 4 x 2 weights: column norms 1, below the limit
        assertEquals("output.weight", out.name());
        float[] outGiven = {0.5f, -0.5f, 0.5f, 0.5f, -0.5f, 0.5f, 0.5f, -0.5f};
        System.arraycopy(outGiven, 0, out.value(), 0, outGiven.length);
        new Regularization(0, 0, false, false, 5).afterStep(net.layers(), 0.1);
        float[] w2 = w.value();
        // below and exactly at the limit: untouched, bit for bit
        for (int i = 0; i < 3; i++) {
            assertEquals(given[i * 4], w2[i * 4], 0f, "unit 0 (norm 3 < 5) row " + i);
            assertEquals(given[i * 4 + 1], w2[i * 4 + 1], 0f, "unit 1 (norm 5 = 5) row " + i);
        }
        // above: scaled by 5 / norm, to norm 5 exactly: (6, 8, 0) * 5/10 = (3, 4, 0); (2, 4, 4) * 5/6 = (5/3, 10/3, 10/3)
        assertEquals(3.0, w2[2], 1e-6);
        assertEquals(4.0, w2[6], 1e-6);
        assertEquals(0.0, w2[10], 0);
        assertEquals(5.0 / 3, w2[3], 1e-6);
        assertEquals(10.0 / 3, w2[7], 1e-6);
        assertEquals(10.0 / 3, w2[11], 1e-6);
        for (int i = 0; i < outGiven.length; i++) assertEquals(outGiven[i], out.value()[i], 0f, "output weight " + i);
        // a limit every unit is within leaves the weights as they were
        float[] before = w2.clone();
        new Regularization(0, 0, false, false, 5.0001).afterStep(net.layers(), 0.1);
        for (int i = 0; i < before.length; i++) assertEquals(before[i], w2[i], 0f, "weight " + i + " within the limit");
    }

    /**
     * An ensemble's output is one block of weights per member (its head): each head's units are held
     * to the limit as a single network's output layer is (the heads escaped the constraint). Two heads
     * of 2 inputs x 2 units, by hand: head 0's unit 0 (3, 4) norm 5 stays, unit 1 (6, 8) becomes (3, 4);
     * head 1's unit 0 (0, 10) becomes (0, 5), unit 1 (1, 0) stays.
     */
    @Test
    void maxNormHoldsEachEnsembleHeadsUnits() {
        org.dendrite.core.layer.MemberHeadsLayer heads = new org.dendrite.core.layer.MemberHeadsLayer(2, 2, 2, new java.util.SplittableRandom(1));
        float[] w = heads.parameters().get(0).value();
        float[] given = {3f, 6f, 4f, 8f, 0f, 1f, 10f, 0f};
        System.arraycopy(given, 0, w, 0, given.length);
        new Regularization(0, 0, false, false, 5).afterStep(List.of(heads), 0.1);
        assertArrayEquals(new float[] {3f, 3f, 4f, 4f, 0f, 1f, 5f, 0f}, w, 1e-6f);
    }

    /**
     * Pruning holds at zero the weights it pruned and no others: of 20 weights, 8 already zero (as an
     * L1 step leaves them) and a 10% target, the 2 pruned are zeros (the smallest magnitudes) and the
     * other 6 zeros stay free to move (every zero weight was held: 8 where 2 were pruned).
     */
    @Test
    void pruningHoldsOnlyTheWeightsItPruned() {
        float[] w = new float[20];
        for (int i = 0; i < 20; i++) w[i] = i % 5 < 2 ? 0f : (i + 1) * 0.1f;
        Parameter p = new Parameter("0.weight", w, true, 20, 1);
        List<float[]> mask = new Pruning(0.1, 1, 1).afterEpoch(List.of(p), 1, null, q -> false);
        int held = 0;
        for (float z : mask.get(0)) held += z == 0f ? 1 : 0;
        assertEquals(2, held);
        java.util.Arrays.fill(w, 0.5f);
        Pruning.keepPruned(List.of(p), mask);
        int zero = 0;
        for (float v : w) zero += v == 0f ? 1 : 0;
        assertEquals(2, zero, "only the pruned stay zero");
    }

    /**
     * A gradual schedule's masks only grow (Zhu and Gupta's; PyTorch's iterative pruning adds to its
     * mask): weights pruned at one epoch stay pruned at the next even when other weights, earlier in
     * order, have since become zero (as an L1 step makes them; the ties among zeros released 3 pruned
     * weights); at epoch 3 the schedule's full 60% are pruned.
     */
    @Test
    void gradualPruningNeverReleasesAPrunedWeight() {
        float[] w = new float[10];
        for (int i = 0; i < 10; i++) w[i] = 10 - i;
        Parameter p = new Parameter("0.weight", w, true, 10, 1);
        Pruning schedule = new Pruning(0.6, 1, 3);
        List<float[]> first = schedule.afterEpoch(List.of(p), 2, null, q -> false);
        java.util.Set<Integer> prunedFirst = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) if (first.get(0)[i] == 0f) prunedFirst.add(i);
        assertEquals((int) Math.ceil(schedule.sparsityAt(2) * 10), prunedFirst.size());
        for (int i = 0; i < 3; i++) w[i] = 0f;
        List<float[]> second = schedule.afterEpoch(List.of(p), 3, first, q -> false);
        int pruned = 0;
        for (int i = 0; i < 10; i++) pruned += second.get(0)[i] == 0f ? 1 : 0;
        for (int i : prunedFirst) assertEquals(0f, second.get(0)[i], "weight " + i + " pruned at epoch 2");
        assertEquals(6, pruned);
    }

    @Test
    void pruningReachesTheRequestedSparsityAndTheModelStillPredicts() {
        Network net = Network.build(new NetworkSpec(List.of(new DenseSpec(32, new Relu()), new DenseSpec(16, new Relu()))), 10, 3, 7);
        double achieved = Pruning.prune(net.parameters(), 0.8);
        assertTrue(achieved >= 0.8 && achieved < 0.8 + 1.0 / 848, "achieved " + achieved); // 10*32 + 32*16 + 16*3 = 880 weights
        assertEquals(achieved, Pruning.sparsity(net.parameters()), 0);
        Matrix x = new Matrix(4, 10);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) r.nextGaussian();
        float[] out = net.forward(x, false, r).data();
        for (int i = 0; i < 12; i++) assertTrue(Float.isFinite(out[i]));
        for (Parameter p : net.parameters()) {
            if (!p.regularized()) {
                boolean anyNonZero = false;
                for (float v : p.value()) anyNonZero |= v != 0;
                // biases start at zero and are never pruned: still all zero, untouched
                assertTrue(!anyNonZero);
            }
        }
    }

    @Test
    void gradualPruningFollowsTheCubicSchedule() {
        Pruning p = new Pruning(0.9, 2, 6);
        assertTrue(Double.isNaN(p.sparsityAt(1)));
        assertEquals(0, p.sparsityAt(2), 1e-12);
        assertEquals(0.9 * (1 - Math.pow(0.5, 3)), p.sparsityAt(4), 1e-12);
        assertEquals(0.9, p.sparsityAt(6), 1e-12);
        assertEquals(0.9, p.sparsityAt(10), 1e-12);
    }
}
