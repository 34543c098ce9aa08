package org.dendrite.spark;

import org.apache.spark.api.java.JavaRDD;
import org.dendrite.core.data.ShardBlock;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Task;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.tensor.Parallelism;
import org.dendrite.core.train.ShardedBatch;
import org.dendrite.core.train.SyncShard;
import org.dendrite.core.train.TrainingConfig;

/**
 * Synchronous data-parallel gradients: each step's global minibatch is a slice of the epoch's
 * permutation of all training rows (the same generator and shuffle as on one machine),
 * every partition computes its rows' share through the core's {@link SyncShard} and {@link ShardedBatch}
 * (one aggregation; 2B + 1 with B batch-norm layers, whose statistics then span the global batch),
 * and the driver's loop takes the step: the same mathematics as one machine with the same global
 * batch, up to float32 summation order. One Spark job per step (or per L-BFGS evaluation).
 */
final class SyncSource extends BlockSource {
    private final long batch;
    private int epoch;
    private long from;
    private long to;
    private long step;
    private double weight;
    private long partialBytes;

    SyncSource(JavaRDD<ShardBlock> blocks, long rows, boolean hasValidation, TrainingConfig config, Task task, Loss loss) {
        super(blocks, rows, hasValidation, config, task, loss);
        this.batch = config.optimizer().requiresFullBatch() ? rows : Math.min(config.batchSize(), rows);
    }

    @Override
    String plan() {
        return "synchronous: one Spark job per step over the global batch of " + batch + " rows, split across "
                + partitions(blocks.getNumPartitions());
    }

    @Override
    public long clockPerEpoch() {
        return Batches.count(rows, batch);
    }

    @Override
    public long beginEpoch(int e) {
        epoch = e;
        return Batches.count(rows, batch);
    }

    @Override
    public void select(long index, long step, double rate) {
        this.from = index * batch;
        this.to = Batches.end(from, rows, batch);
        this.step = step;
        SparkJobs.describe(blocks.context(), "Dendrite epoch " + (epoch + 1) + ", step " + (step + 1) + " (synchronous, rows " + from + ".." + to
                + " of the epoch's order)");
    }

    @Override
    public double gradient(Network network) {
        // a partial holds up to two values per parameter, as doubles
        partialBytes = 16L * network.parameterCount() + 1024;
        ShardedBatch.Partial g = ShardedBatch.gradient(network, this::aggregate);
        weight = g.weight();
        return g.meanLoss();
    }

    @Override
    public double weight() {
        return weight;
    }

    /** One pass of {@code request} over this step's rows of the global batch (each partition's share: the core's {@link SyncShard}). */
    private ShardedBatch.Partial aggregate(ShardedBatch.Request request) {
        final SyncShard shard = new SyncShard(config.seed(), epoch, rows, from, to, step, config.augmentation(), task.classCount());
        final Loss l = loss;
        // one task per core already: Dendrite's kernels stay on the task's thread
        ShardedBatch.Kind kind = request.kind();
        // a partition's blocks in their order, the partitions' partials in theirs: the same sums on every run
        return SparkJobs.mergeInOrder(blocks.mapPartitions(it -> {
            ShardedBatch.Partial acc = new ShardedBatch.Partial(kind);
            while (it.hasNext()) {
                ShardBlock b = it.next();
                if (!b.heldOut() && b.rows() > 0) acc.merge(Parallelism.singleThreaded(() -> shard.pass(request, l, b.dataset(), b.offset(), b.shard())));
            }
            return java.util.List.of(acc).iterator();
        }), ShardedBatch.Partial::merge, partialBytes);
    }
}
