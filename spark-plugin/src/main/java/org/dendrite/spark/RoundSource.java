package org.dendrite.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Task;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.optim.Sgd;
import org.dendrite.core.tensor.Parallelism;
import org.dendrite.core.train.FrozenParameters;
import org.dendrite.core.train.LocalSteps;
import org.dendrite.core.train.TrainingConfig;

/**
 * Rounds of local steps (local SGD, Stich 2019; model averaging, Zinkevich et al. 2010): in one
 * Spark job every partition takes {@code localSteps} minibatch steps on its own rows from the
 * round's starting weights (the core's {@link LocalSteps}: its own shuffle of its own rows, epoch
 * after epoch, a fresh optimizer state each round), and the rows-weighted mean of the partitions'
 * weight changes is the pseudo-gradient the loop applies with the {@link #outerOptimizer()}: SGD at
 * rate 1, which is plain model averaging. Batch-norm running
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

    /** One round: every partition's {@link LocalSteps} from the current weights; their mean weight change is the pseudo-gradient. */
    @Override
    public double gradient(Network network) {
        final Network.Snapshot weights = network.snapshot();
        final TrainingConfig c = config;
        final Loss l = loss;
        final int classes = task.classCount(), outputs = network.outputWidth();
        final LocalSteps.Round r = new LocalSteps.Round(round * localSteps, localSteps, rate, frozenLayers, pruneMask);
        LocalSteps.Partial total = blocks.filter(x -> !x.heldOut() && x.rows() > 0)
                .map(x -> Parallelism.singleThreaded(() -> new LocalSteps(c, l, classes, x.dataset(), x.partition(), outputs).run(weights, r)))
                .reduce(LocalSteps.Partial::merge);
        weight = total.weightSum();
        return LocalSteps.apply(total, network);
    }
}
