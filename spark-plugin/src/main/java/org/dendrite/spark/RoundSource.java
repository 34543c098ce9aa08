package org.dendrite.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Seeds;
import org.dendrite.core.data.Task;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.optim.OptimizerState;
import org.dendrite.core.optim.Sgd;
import org.dendrite.core.regularization.Pruning;
import org.dendrite.core.tensor.Parallelism;
import org.dendrite.core.train.FrozenParameters;
import org.dendrite.core.train.MinibatchSource;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingStep;

/**
 * Rounds of local steps (local SGD, Stich 2019; model averaging, Zinkevich et al. 2010): in one
 * Spark job every partition takes {@code localSteps} minibatch steps on its own rows from the
 * round's starting weights (its own shuffle of its own rows, epoch after epoch; the core's
 * {@link TrainingStep}, with a fresh optimizer state each round), and the rows-weighted mean of the
 * partitions' weight changes is the pseudo-gradient the loop applies with the
 * {@link #outerOptimizer()}: SGD at rate 1, which is plain model averaging. Batch-norm running
 * statistics are averaged directly. A loop step is a round; it advances the schedule's clock by the
 * round's local steps, and an epoch has as many rounds as cover a partition's share of the rows once.
 */
final class RoundSource extends BlockSource {
    private final int localSteps;
    private final long batch;
    private final int partitions;
    private long round;
    private double rate;
    private double weight;
    private int frozenLayers;
    private List<float[]> pruneMask;

    RoundSource(JavaRDD<Block> blocks, long rows, boolean hasValidation, TrainingConfig config, Task task, Loss loss, int localSteps) {
        super(blocks, rows, hasValidation, config, task, loss);
        this.localSteps = localSteps;
        this.batch = Math.max(1, Math.min(config.batchSize(), rows));
        this.partitions = blocks.getNumPartitions();
    }

    @Override
    public Optimizer outerOptimizer() {
        return new Sgd(1);
    }

    @Override
    public void constrain(FrozenParameters frozen, List<float[]> mask) {
        frozenLayers = frozen.layers();
        pruneMask = mask;
    }

    @Override
    public long ticks() {
        return localSteps;
    }

    @Override
    public long beginEpoch(int epoch) {
        long perPartition = (rows + partitions - 1) / partitions;
        return Math.max(1, (Batches.count(perPartition, batch) + localSteps - 1) / localSteps);
    }

    @Override
    public void select(long index, long step, double rate) {
        this.round = step;
        this.rate = rate;
        SparkJobs.describe(blocks.context(), "Dendrite round " + (step + 1) + " (" + localSteps + " local steps per partition at rate "
                + (float) rate + ")");
    }

    @Override
    public double weight() {
        return weight;
    }

    /** One round; the rows-weighted mean weight change goes into the parameters' gradients, the mean batch-norm statistics into the buffers. */
    @Override
    public double gradient(Network network) {
        List<float[]> start = new ArrayList<>();
        for (Parameter p : network.parameters()) start.add(p.value());
        List<float[]> buffers = new ArrayList<>(network.buffers().values());
        Network.Snapshot weights = network.snapshot();
        final Local job = new Local(config, loss, task.classCount(), network.outputWidth(), localSteps, this.round, batch, rate, frozenLayers,
                pruneMask);
        List<double[]> parts = blocks.filter(x -> !x.heldOut() && x.rows() > 0)
                .map(x -> Parallelism.singleThreaded(() -> job.run(x, weights))).collect();
        double[] sum = parts.get(0).clone();
        for (int i = 1; i < parts.size(); i++) for (int j = 0; j < sum.length; j++) sum[j] += parts.get(i)[j];
        int n = sum.length - 3;
        double count = sum[n], lossSum = sum[n + 1];
        weight = sum[n + 2];
        int o = 0;
        for (int k = 0; k < start.size(); k++) {
            float[] w = start.get(k), g = network.parameters().get(k).grad();
            for (int i = 0; i < w.length; i++) g[i] = (float) (w[i] - sum[o++] / count);
        }
        for (float[] buf : buffers) for (int i = 0; i < buf.length; i++) buf[i] = (float) (sum[o++] / count);
        return lossSum / weight;
    }

    /**
     * What a partition needs for its part of a round: the configuration, the round's number and
     * learning rate, and the loop's constraints (frozen layers, pruning masks).
     */
    private record Local(TrainingConfig config, Loss loss, int classes, int outputWidth, int h, long round, long batch, double rate,
                         int frozenLayers, List<float[]> pruneMask) implements java.io.Serializable {
        /**
         * {@code h} local steps from {@code weights} over the block's rows (its own stream of shuffled
         * epochs, continued where the previous round stopped). Returns its weights and buffers times
         * its row count, then the row count, the weighted loss sum and the weight sum.
         */
        double[] run(Block x, Network.Snapshot weights) {
            Network local = Network.build(config.network(), x.width(), outputWidth, 0);
            local.restore(weights);
            OptimizerState opt = config.optimizer().newState(local.parameters());
            TrainingStep stepper = new TrainingStep(config, local, opt);
            FrozenParameters frozen = FrozenParameters.of(local, frozenLayers);
            // each partition's own stream: seeded by the run's seed and the partition, so no partition needs another's row indices
            int b = (int) Math.min(batch, x.rows());
            MinibatchSource rowsOf = new MinibatchSource(x.dataset(), null, loss, config.augmentation(), classes,
                    Seeds.shard(config.seed(), x.partition()), b);
            long perEpoch = Batches.count(x.rows(), b);
            double lossSum = 0, weightSum = 0;
            for (int s = 0; s < h; s++) {
                long at = round * h + s;
                if (s == 0 || at % perEpoch == 0) {
                    rowsOf.beginEpoch((int) (at / perEpoch));
                    rowsOf.seek(at % perEpoch);
                }
                rowsOf.select(s, at, rate);
                double l = stepper.take(rate, (int) (at / perEpoch), at, Double.NaN, () -> rowsOf.gradient(local));
                frozen.restore();
                if (pruneMask != null) Pruning.keepPruned(local.parameters(), pruneMask);
                lossSum += l * rowsOf.weight();
                weightSum += rowsOf.weight();
            }
            // a non-finite local weight must not be averaged into the model
            stepper.checkWeights(0, round * h + h - 1, rate);
            List<float[]> state = new ArrayList<>();
            for (Parameter p : local.parameters()) state.add(p.value());
            state.addAll(local.buffers().values());
            int size = 0;
            for (float[] v : state) size += v.length;
            double[] out = new double[size + 3];
            int o = 0;
            for (float[] v : state) for (float f : v) out[o++] = f * (double) x.rows();
            out[size] = x.rows();
            out[size + 1] = lossSum;
            out[size + 2] = weightSum;
            return out;
        }
    }
}
