package org.dendrite.spark;

import org.apache.spark.api.java.JavaRDD;
import org.dendrite.core.data.ShardBlock;
import org.dendrite.core.data.Task;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.network.Network;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.tensor.Parallelism;
import org.dendrite.core.train.GradientSource;
import org.dendrite.core.train.TrainingConfig;

/**
 * What the Spark gradient sources share: the cached blocks of training and held-out rows, and the
 * loop's inference passes over them, run on the executors: the training rows' loss as sums; the
 * held-out rows' predictions, a few floats a row, joined in row order on the driver, where the core's
 * {@link Evaluation} computes the metrics (AUC needs every score) as on one machine.
 */
abstract class BlockSource implements GradientSource {
    /** "1 partition", "3 partitions". */
    static String partitions(int n) {
        return n + (n == 1 ? " partition" : " partitions");
    }

    final JavaRDD<ShardBlock> blocks;
    /** The number of training rows (held-out rows excluded). */
    final long rows;
    final boolean hasValidation;
    final TrainingConfig config;
    final Task task;
    final Loss loss;

    BlockSource(JavaRDD<ShardBlock> blocks, long rows, boolean hasValidation, TrainingConfig config, Task task, Loss loss) {
        this.blocks = blocks;
        this.rows = rows;
        this.hasValidation = hasValidation;
        this.config = config;
        this.task = task;
        this.loss = loss;
    }

    @Override
    public long rows() {
        return rows;
    }

    /** How this source trained on the cluster, for the model's summary (after the fit: with its counts). */
    abstract String plan();

    /**
     * Each partition's training rows contribute their share of {@code n} (rounded up), drawn with
     * the partition's own generator; the driver joins them in partition order (one small job).
     */
    @Override
    public Matrix sample(int n, long seed) {
        long total = rows;
        SparkJobs.describe(blocks.context(), "Dendrite: sampling training rows for data-dependent initialization");
        return Matrix.stackRows(Boxed.collect(blocks.filter(b -> !b.heldOut() && b.rows() > 0).map(b -> b.sample(n, total, seed))));
    }

    @Override
    public Evaluation.Predictions training(Network network) {
        return predictions(network, false);
    }

    /** Each partition's loss and weight sums, added on the driver: no prediction per row reaches it. */
    @Override
    public double trainingLoss(Network network) {
        // added in block order: the same sum on every run
        double[] sums = SparkJobs.sumPairsInOrder(perBlock(network, false, "the training rows' loss").map(p -> new double[] {p.lossSum(), p.weightSum()}));
        return sums[0] / sums[1];
    }

    @Override
    public boolean hasValidation() {
        return hasValidation;
    }

    @Override
    public Evaluation.Predictions validation(Network network) {
        return hasValidation ? predictions(network, true) : null;
    }

    private Evaluation.Predictions predictions(Network network, boolean heldOut) {
        return Evaluation.Predictions.join(Boxed.collect(perBlock(network, heldOut, "evaluating the " + (heldOut ? "held-out" : "training")
                + " rows")));
    }

    /** The inference passes of {@code network} over the held-out or the training blocks, one per block, on the executors ({@code what} names the job). */
    private JavaRDD<Evaluation.Predictions> perBlock(Network network, boolean heldOut, String what) {
        Loss l = loss;
        SparkJobs.describe(blocks.context(), "Dendrite: " + what);
        return blocks.filter(b -> b.heldOut() == heldOut && b.rows() > 0)
                .map(b -> Parallelism.singleThreaded(() -> Evaluation.Predictions.of(network, l, b.dataset())));
    }
}
