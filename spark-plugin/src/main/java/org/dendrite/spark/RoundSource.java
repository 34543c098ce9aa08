package org.dendrite.spark;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.dendrite.core.data.ShardBlock;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Task;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.tensor.Parallelism;
import org.dendrite.core.train.FrozenParameters;
import org.dendrite.core.train.InnerStates;
import org.dendrite.core.train.LocalSteps;
import org.dendrite.core.train.OuterOptimizer;
import org.dendrite.core.train.RoundLength;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingDivergedException;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * Rounds of local steps (local SGD: Stich 2019; model averaging: Zinkevich et al. 2010; with an
 * outer optimizer: DiLoCo, Douillard et al. 2023): in one Spark job every partition takes H
 * minibatch steps on its own rows from the round's starting weights (the core's {@link LocalSteps}:
 * its own shuffle of its own rows, epoch after epoch), and the mean of the partitions' weight changes,
 * each weighted by its rows' instance-weight sum, is a pseudo-gradient that the loop applies with the
 * {@link #outerOptimizer()}: SGD at rate 1 is plain model averaging; Nesterov momentum is DiLoCo's
 * outer step ({@link OuterOptimizer}). Batch-norm running statistics are averaged the same way.
 *
 * <p>A loop step is a round; it advances the schedule's clock by the round's local steps. Where the
 * rounds fall and how long they are (fixed, or adaptive from {@link RoundLength#INITIAL_STEPS} local
 * steps, doubling after each improving epoch up to one round per epoch) is the core's
 * {@link RoundLength}.
 *
 * <p>The weights reach the executors once per round by broadcast. Each partition's inner state (the
 * optimizer's moments, its place in its row stream) stays on the executor that holds the partition
 * and continues across rounds; a partition that moves to another executor (a lost worker) starts its
 * inner optimizer afresh there, and so does every partition after a rollback. A task attempt run again on the
 * executor that holds the state (the first failed or was killed part-way) repeats the round from the inner state the
 * first attempt started from ({@link LocalSteps#run}). Given the seed and the
 * training partitions (the input's, coalesced to the cluster's parallelism), rounds are deterministic as long as no
 * partition moves.
 */
final class RoundSource extends BlockSource {
    private final OuterOptimizer outer;
    private final long batch;
    private final RoundLength rounds;
    private final String run = UUID.randomUUID().toString();
    /** The tag of this fit's round jobs (Spark's job tags), by which a stopped round is cancelled. */
    private final String jobTag = "dendrite-rounds-" + run;
    private double rate;
    /** The scheduled rate of the current round's k-th local step (the loop's, {@link #schedule}). */
    private java.util.function.LongToDoubleFunction rateAt;
    private double weight;
    private int frozenLayers;
    private List<float[]> pruneMask;
    /** Above this many bytes of partials in all, the executors merge them (a tree) before the driver sees one. */
    private long directMergeBytes = DIRECT_MERGE_BYTES;

    /**
     * The most bytes of partition results (8 a weight or buffer value, per partition) the driver takes
     * at once: beyond it (many partitions, or a large network) they would pass Spark's 1 GB
     * {@code spark.driver.maxResultSize} and the driver's heap, so {@code treeReduce} adds them up on
     * the executors first.
     */
    static final long DIRECT_MERGE_BYTES = 64L << 20;

    /** {@code localSteps}: H, or 0 for the adaptive round length. */
    RoundSource(JavaRDD<ShardBlock> blocks, long rows, boolean hasValidation, TrainingConfig config, Task task, Loss loss, int localSteps, OuterOptimizer outer) {
        super(blocks, rows, hasValidation, config, task, loss);
        this.outer = outer;
        long perPartition = (rows + blocks.getNumPartitions() - 1) / blocks.getNumPartitions();
        // a full-batch optimizer (L-BFGS) steps on all of a partition's rows (LocalSteps), as on one machine
        this.batch = config.optimizer().requiresFullBatch() ? Math.max(1, perPartition) : Math.max(1, Math.min(config.batchSize(), rows));
        this.rounds = new RoundLength(localSteps, Math.max(1, Batches.count(perPartition, batch)));
    }

    @Override
    String plan() {
        return "rounds of local steps over " + partitions(blocks.getNumPartitions()) + " (each partition's batch " + batch + " rows; "
                + rounds.describe() + "; the weight changes combined by " + outer.label() + "); "
                + rounds.rounds() + " rounds in all, the last " + rounds.steps() + " steps long";
    }

    @Override
    public Optimizer outerOptimizer() {
        return outer.optimizer();
    }

    @Override
    public void constrain(FrozenParameters frozen, List<float[]> mask) {
        frozenLayers = frozen.layers();
        pruneMask = mask;
    }

    @Override
    public long clockPerEpoch() {
        return rounds.stepsPerEpoch();
    }

    @Override
    public long ticks() {
        return rounds.steps();
    }

    @Override
    public long beginEpoch(int epoch) {
        return rounds.beginEpoch(epoch);
    }

    @Override
    public void select(long index, long step, double rate) {
        rounds.select(index);
        this.rate = rate;
        SparkJobs.describe(blocks.context(), "Dendrite epoch " + (rounds.epoch() + 1) + ", round " + (index + 1) + " (" + rounds.steps()
                + " local steps per partition at rate " + (float) rate + ")");
    }

    @Override
    public void schedule(java.util.function.LongToDoubleFunction rateAt) {
        this.rateAt = rateAt;
    }

    @Override
    public double weight() {
        return weight;
    }

    /** One round: every partition's local steps from the current weights; their mean weight change is the pseudo-gradient. */
    @Override
    public double gradient(Network network) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(blocks.context());
        Network.Snapshot start = network.snapshot();
        Broadcast<Boxed<Network.Snapshot>> weights = jsc.broadcast(Boxed.of(start));
        blocks.context().addJobTag(jobTag);
        try {
            RoundTask job = new RoundTask(run + "/" + rounds.generation(), weights, new LocalSteps.Setup(config, loss, task.classCount(),
                    network.outputWidth()), new LocalSteps.Round(rounds.firstStep(), rounds.steps(), rates(), frozenLayers, pruneMask));
            LocalSteps.Partial total = new LocalSteps.Partial();
            // each partition answers with the snapshot's values, as doubles
            if ((double) start.values() * Double.BYTES * blocks.getNumPartitions() <= directMergeBytes) {
                Object[] parts = (Object[]) blocks.context().runJob(blocks.rdd(), job, ClassTag$.MODULE$.apply(Boxed.class));
                for (Object p : parts) total.merge(((Boxed<LocalSteps.Partial>) p).get());
            } else {
                total.merge(Boxed.treeReduce(blocks.mapPartitions(it -> List.of(job.run(it)).iterator()), LocalSteps.Partial::merge));
            }
            weight = total.weightSum();
            double l = LocalSteps.apply(total, network);
            rounds.finished(l, weight);
            return l;
        } catch (Exception e) {
            // a round whose wait was interrupted runs on in Spark: cancelled, so that none of its tasks starts later (it would read the
            // weights destroyed below, and keep an inner state after close() had forgotten them)
            blocks.context().cancelJobsWithTag(jobTag);
            // a partition's local step that diverged reaches the loop as the divergence it is, which rolls back (as one machine and
            // the synchronous mode do) instead of failing the fit wrapped in Spark's job failure
            for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof TrainingDivergedException d) throw d;
            throw e;
        } finally {
            blocks.context().removeJobTag(jobTag);
            weights.destroy();
        }
    }

    /** The scheduled rate of each local step of the current round, from the loop's schedule (the round's first rate without one). */
    private double[] rates() {
        double[] r = new double[rounds.steps()];
        for (int k = 0; k < r.length; k++) r[k] = rateAt == null ? rate : rateAt.applyAsDouble(k);
        return r;
    }

    /** Merges the partitions' results on the executors whenever they exceed {@code bytes} in all (tests set 0 to take that path). */
    RoundSource mergeOnExecutorsAbove(long bytes) {
        directMergeBytes = bytes;
        return this;
    }

    /**
     * Forgets the partitions' inner states on the executors that hold them (the fit is over), a fit
     * stopped by an interrupt too: the job is run with the interrupt set aside, which is kept for the
     * caller (on the interrupted thread it failed at once, and every stopped fit's states, copies of
     * the network and its optimizer's buffers holding the partition's rows, stayed on the executors
     * for an hour).
     */
    void close() {
        String prefix = run + "/";
        boolean interrupted = Thread.interrupted();
        try {
            SparkJobs.describe(blocks.context(), "Dendrite: releasing the partitions' inner states");
            blocks.foreachPartition(it -> InnerStates.forget(prefix));
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /**
     * A partition's part of a round, as a named function (Spark's closure cleaner re-parses lambdas'
     * classes at every job): its {@link LocalSteps} from the executor's cache (created on a miss) run
     * from the broadcast weights.
     */
    private static final class RoundTask extends AbstractFunction2<TaskContext, scala.collection.Iterator<ShardBlock>, Boxed<LocalSteps.Partial>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final Broadcast<Boxed<Network.Snapshot>> weights;
        private final LocalSteps.Setup setup;
        private final LocalSteps.Round round;

        RoundTask(String key, Broadcast<Boxed<Network.Snapshot>> weights, LocalSteps.Setup setup, LocalSteps.Round round) {
            this.key = key;
            this.weights = weights;
            this.setup = setup;
            this.round = round;
        }

        @Override
        public Boxed<LocalSteps.Partial> apply(TaskContext context, scala.collection.Iterator<ShardBlock> blocks) {
            return Boxed.of(run(new java.util.Iterator<>() {
                @Override public boolean hasNext() { return blocks.hasNext(); }

                @Override public ShardBlock next() { return blocks.next(); }
            }));
        }

        /** The partition's part of the round: its local steps from the broadcast weights, on its cached inner state. */
        LocalSteps.Partial run(java.util.Iterator<ShardBlock> blocks) {
            LocalSteps.Partial out = new LocalSteps.Partial();
            while (blocks.hasNext()) {
                ShardBlock b = blocks.next();
                if (b.heldOut() || b.rows() == 0) continue;
                LocalSteps steps = InnerStates.get(key, b.shard(), () -> setup.of(b.dataset(), b.shard()));
                try {
                    // one task per core already: Dendrite's kernels stay on the task's thread
                    out.merge(Parallelism.singleThreaded(() -> steps.run(weights.value().get(), round)));
                } finally {
                    InnerStates.release(key);
                }
            }
            return out;
        }
    }
}
