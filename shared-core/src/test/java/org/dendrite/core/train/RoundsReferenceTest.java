package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.augment.Augmentation;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.data.Seeds;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.DropoutSpec;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Lbfgs;
import org.dendrite.core.optim.OptimizerState;
import org.dendrite.core.optim.Sgd;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The core side of rounds of local steps against their definitions: DiLoCo's outer step
 * (Douillard et al. 2023, Algorithm 1, with PyTorch's SGD(nesterov=True)), and a shard's local steps
 * as the steps of a single machine on the shard's own stream of rows (Stich 2019; the design's
 * "one partition's rounds equal single-machine training on that partition's stream").
 */
class RoundsReferenceTest {
    private static final Loss LOSS = new SoftmaxCrossEntropy();

    private static float[] flat(Network n) {
        int size = 0;
        for (Parameter p : n.parameters()) size += p.size();
        float[] out = new float[size];
        int o = 0;
        for (Parameter p : n.parameters()) for (float v : p.value()) out[o++] = v;
        return out;
    }

    private static void setFlat(Network n, float[] v) {
        int o = 0;
        for (Parameter p : n.parameters()) for (int i = 0; i < p.size(); i++) p.value()[i] = v[o++];
    }

    /** The parameter values (not the buffers) a shard's part of a round holds, divided by its share. */
    private static float[] weightsOf(LocalSteps.Partial p, int size) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) out[i] = (float) (p.state[i] / p.share);
        return out;
    }

    /**
     * Outer gradient theta - sum_i s_i theta_i / sum_i s_i, applied by the loop's outer step
     * (TrainingStep without penalties, OuterOptimizer.NESTEROV's state at its rate): the trajectory of
     * torch.optim.SGD(lr=0.7, momentum=0.9, nesterov=True) over 6 rounds, two shards of shares 3 and 1
     * whose local steps move theta a fraction c_i toward t_i. Expected values:
     * test-data/reference/rounds/make_outer_reference.py (PyTorch 1.13).
     */
    @Test
    void outerNesterovFollowsTorchsSgdOnThePseudoGradient() {
        Network net = Network.build(new NetworkSpec(List.of()), 2, 1, 1);
        setFlat(net, new float[] {0.5f, -1.25f, 2.0f});
        float[][] targets = {{1f, 1f, -1f}, {-2f, 0.5f, 3f}};
        float[] c = {0.5f, 0.2f};
        double[] shares = {3, 1};
        OptimizerState outer = OuterOptimizer.NESTEROV.optimizer().newState(net.parameters());
        TrainingStep step = new TrainingStep(TrainingConfig.DEFAULT, net, outer, false);
        float[][] expected = {
            {0.583124995f, -0.0114375446f, 0.570250034f},
            {0.654701054f, 1.05504632f, -0.66085881f},
            {0.697681427f, 1.69545436f, -1.40012193f},
            {0.709795594f, 1.87595475f, -1.60848475f},
            {0.69879055f, 1.71197951f, -1.41919792f},
            {0.676442444f, 1.3789922f, -1.03480995f},
        };
        for (int r = 0; r < expected.length; r++) {
            step.take(OuterOptimizer.NESTEROV.optimizer().learningRate(), 0, r, Double.NaN, () -> {
                float[] w = flat(net);
                LocalSteps.Partial total = new LocalSteps.Partial();
                for (int k = 0; k < 2; k++) {
                    LocalSteps.Partial p = new LocalSteps.Partial();
                    p.state = new double[w.length];
                    for (int i = 0; i < w.length; i++) p.state[i] = (w[i] - c[k] * (w[i] - targets[k][i])) * shares[k];
                    p.share = shares[k];
                    p.weightSum = 1;
                    total.merge(p);
                }
                return LocalSteps.apply(total, net);
            }, FrozenParameters.NONE, null);
            assertArrayEquals(expected[r], flat(net), 2e-6f, "round " + (r + 1));
        }
    }

    /**
     * A shard walks one stream of its rows, continued round after round: its second round of one step
     * (local step 1 of epoch 0) is step 1 of a single machine on the shard's stream (seed
     * Seeds.shard(seed, 0), batches of 1 row), whose dropout masks continue the epoch's generator
     * after step 0's. Both rows are the same, so the two rounds from the same start differ only by
     * their masks: they must not be equal.
     */
    @Test
    void aShardsSecondRoundContinuesItsRandomStreamInsteadOfRepeatingTheFirstRoundsDropoutMasks() {
        TrainingConfig c = TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(16, new Tanh()), new DropoutSpec(0.5))))
                .withOptimizer(new Sgd(0.1)).withBatchSize(1).resolve(2);
        Matrix x = new Matrix(2, 3), y = new Matrix(2, 1);
        for (int r = 0; r < 2; r++) {
            x.set(r, 0, 0.3f);
            x.set(r, 1, -0.7f);
            x.set(r, 2, 1.1f);
            y.set(r, 0, 1);
        }
        Dataset data = new Dataset(x, y, null);
        Network.Snapshot start = Network.build(c.network(), 3, 2, 5).snapshot();
        double rate = 0.1;

        // the single machine on the shard's stream: steps 0 and 1 of epoch 0, each from the start
        Network ref = Network.build(c.network(), 3, 2, 0);
        MinibatchSource stream = new MinibatchSource(data, null, LOSS, Augmentation.NONE, 2, Seeds.shard(c.seed(), 0), 1);
        TrainingStep steps = new TrainingStep(c, ref, c.optimizer().newState(ref.parameters()));
        stream.beginEpoch(0);
        List<float[]> expected = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            ref.restore(start);
            stream.select(s, s, rate);
            steps.take(rate, 0, s, Double.NaN, () -> stream.gradient(ref), FrozenParameters.NONE, null);
            expected.add(flat(ref));
        }
        assertFalse(java.util.Arrays.equals(expected.get(0), expected.get(1)), "the reference's two steps drew different masks");

        LocalSteps shard = new LocalSteps(c, LOSS, 2, data, 0, 2);
        int size = expected.get(0).length;
        float[] first = weightsOf(shard.run(start, new LocalSteps.Round(0, 1, rate, 0, null)), size);
        float[] second = weightsOf(shard.run(start, new LocalSteps.Round(1, 1, rate, 0, null)), size);
        assertArrayEquals(expected.get(0), first, 0f, "round 1 = the stream's step 0");
        assertFalse(java.util.Arrays.equals(first, second), "the second round repeated the first's dropout masks: the same weights");
        assertArrayEquals(expected.get(1), second, 0f, "round 2 = the stream's step 1 (its dropout masks continue the epoch's generator)");
    }

    /**
     * L-BFGS is a full-batch method (Nocedal and Wright, Algorithm 7.5; the core's MinibatchSource
     * gives it the whole training set per step, and so does Spark's synchronous mode): a shard's local
     * L-BFGS step is a step over all of the shard's 10 rows, not over a batch of 4, and it equals the
     * single machine's first step on that shard's stream.
     */
    @Test
    void localLbfgsStepsAreFullBatchAsOnOneMachine() {
        TrainingConfig c = TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(4, new Tanh()))))
                .withOptimizer(new Lbfgs(1)).withBatchSize(4).resolve(10);
        SplittableRandom g = new SplittableRandom(3);
        Matrix x = new Matrix(10, 3), y = new Matrix(10, 1);
        for (int r = 0; r < 10; r++) {
            for (int j = 0; j < 3; j++) x.set(r, j, (float) g.nextGaussian());
            y.set(r, 0, r % 2);
        }
        Dataset data = new Dataset(x, y, null);
        Network.Snapshot start = Network.build(c.network(), 3, 2, 5).snapshot();
        double rate = 1;

        Network ref = Network.build(c.network(), 3, 2, 0);
        ref.restore(start);
        MinibatchSource stream = new MinibatchSource(data, null, LOSS, Augmentation.NONE, 2, Seeds.shard(c.seed(), 0), data.size());
        TrainingStep steps = new TrainingStep(c, ref, c.optimizer().newState(ref.parameters()));
        stream.beginEpoch(0);
        stream.select(0, 0, rate);
        steps.take(rate, 0, 0, Double.NaN, () -> stream.gradient(ref), FrozenParameters.NONE, null);

        LocalSteps.Partial p = new LocalSteps(c, LOSS, 2, data, 0, 2).run(start, new LocalSteps.Round(0, 1, rate, 0, null));
        assertEquals(10.0, p.weightSum(), 0.0, "the local step's rows");
        assertArrayEquals(flat(ref), weightsOf(p, flat(ref).length), 1e-6f);
    }

    /**
     * Rounds of local steps as the core's loop drives them (what Spark's RoundSource does, on one
     * shard): the loop's source, each round the shard's {@link LocalSteps} from the loop's weights,
     * applied by outer SGD at rate 1.
     */
    private static final class OneShardRounds implements GradientSource {
        private final Dataset train;
        private final Loss loss;
        private final LocalSteps shard;
        private final RoundLength rounds;
        private double rate;
        private java.util.function.LongToDoubleFunction rateAt;
        private double weight;

        OneShardRounds(TrainingConfig c, Loss loss, int classes, Dataset train, int localSteps) {
            this.train = train;
            this.loss = loss;
            this.shard = new LocalSteps(c, loss, classes, train, 0, loss.outputWidth(1, classes));
            this.rounds = new RoundLength(localSteps, org.dendrite.core.data.Batches.count(train.size(), c.batchSize()));
        }

        @Override public long rows() { return train.size(); }
        @Override public long beginEpoch(int epoch) { return rounds.beginEpoch(epoch); }
        @Override public void select(long index, long step, double rate) {
            rounds.select(index);
            this.rate = rate;
        }
        @Override public void schedule(java.util.function.LongToDoubleFunction f) { rateAt = f; }
        @Override public double weight() { return weight; }
        @Override public double gradient(Network network) {
            double[] rates = new double[rounds.steps()];
            for (int k = 0; k < rates.length; k++) rates[k] = rateAt.applyAsDouble(k);
            LocalSteps.Partial p = shard.run(network.snapshot(), new LocalSteps.Round(rounds.firstStep(), rounds.steps(), rates, 0, null));
            weight = p.weightSum();
            double l = LocalSteps.apply(p, network);
            rounds.finished(l, weight);
            return l;
        }
        @Override public Matrix sample(int n, long seed) { return train.sample(n, new SplittableRandom(seed)); }
        @Override public org.dendrite.core.metrics.Evaluation.Predictions training(Network network) {
            return org.dendrite.core.metrics.Evaluation.Predictions.of(network, loss, train);
        }
        @Override public org.dendrite.core.metrics.Evaluation.Predictions validation(Network network) { return null; }
        @Override public boolean hasValidation() { return false; }
        @Override public long ticks() { return rounds.steps(); }
        @Override public org.dendrite.core.optim.Optimizer outerOptimizer() { return OuterOptimizer.AVERAGE.optimizer(); }
    }

    /**
     * One partition's rounds equal single-machine training on that partition's stream (docs/design.md,
     * Spark rounds; model averaging over one shard is the identity), schedules included (README: "schedules
     * ... work the same on Spark"). A step-clock schedule, a linear warm-up from 0.25 to 1 times the rate
     * over the first 4 steps (Goyal et al. 2017), gives one machine's 4 steps of the epoch the rates
     * 0.025, 0.04375, 0.0625, 0.08125; a round of those 4 local steps must take the same rates, not the
     * round's first rate 4 times (post-local SGD, Lin et al. 2020, and DiLoCo's inner steps follow the
     * schedule step by step).
     */
    @Test
    void aRoundsLocalStepsFollowAStepSchedule() {
        // the harness: under a constant rate the round is one machine's epoch
        float[][] constant = oneMachineAndOneRound(new org.dendrite.core.schedule.ConstantSchedule());
        assertArrayEquals(constant[0], constant[1], 1e-6f, "constant rate");
        float[][] warmUp = oneMachineAndOneRound(new org.dendrite.core.schedule.WarmUp(new org.dendrite.core.schedule.ConstantSchedule(), 0.25, 1, 4));
        assertArrayEquals(warmUp[0], warmUp[1], 1e-6f, "warm-up over the round's 4 steps");
    }

    /** The weights after one epoch of 4 steps on 16 rows: on one machine, and in one round of 4 local steps on one shard. */
    private static float[][] oneMachineAndOneRound(org.dendrite.core.schedule.Schedule schedule) {
        int n = 16;
        double[][] x = new double[n][];
        double[] y = new double[n];
        SplittableRandom g = new SplittableRandom(11);
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {g.nextGaussian(), g.nextGaussian()};
            y[i] = x[i][0] + x[i][1] > 0 ? 1 : 0;
        }
        org.dendrite.core.data.LabeledTable table = new org.dendrite.core.data.LabeledTable(new org.dendrite.core.data.Table(List.of(
                org.dendrite.core.data.Column.numeric("a"), org.dendrite.core.data.Column.numeric("b")), x), "label", List.of("no", "yes"), y);
        TrainingConfig c = TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(4, new Tanh())))).withOptimizer(new Sgd(0.1))
                .withSchedule(schedule).withEpochs(1).withBatchSize(4).resolve(n);
        org.dendrite.core.data.TrainingData data = org.dendrite.core.data.TrainingData.prepare(table, c.preprocessing(), c.robustTarget(), 0,
                c.seed(), null, null);
        Loss loss = c.lossFor(data.task());
        int classes = data.task().classCount();
        TrainingRun one = new TrainingRun(c, data.preprocessor(), data.task(), loss, new MinibatchSource(data.train(), null, loss,
                c.augmentation(), classes, Seeds.shard(c.seed(), 0), c.batchSize()), TrainingListener.NONE, WarmStart.NONE);
        one.nextEpoch();
        TrainingRun rounds = new TrainingRun(c, data.preprocessor(), data.task(), loss, new OneShardRounds(c, loss, classes, data.train(), 4),
                TrainingListener.NONE, WarmStart.NONE);
        rounds.nextEpoch();
        assertEquals(4, one.steps());
        assertEquals(1, rounds.steps(), "one round of 4 local steps");
        return new float[][] {flat(one.network()), flat(rounds.network())};
    }
}
