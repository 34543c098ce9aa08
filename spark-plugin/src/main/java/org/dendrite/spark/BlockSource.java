package org.dendrite.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import java.util.SplittableRandom;
import org.dendrite.core.data.ShardBlock;
import org.dendrite.core.data.Seeds;
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
 * loop's inference passes over them, run on the executors (the predictions, a few floats a row, are
 * joined in row order on the driver, where the core's {@link Evaluation} computes the metrics as on
 * one machine).
 */
abstract class BlockSource implements GradientSource {
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
        List<scala.Tuple2<Integer, float[]>> parts = blocks.filter(b -> !b.heldOut() && b.rows() > 0).map(b -> {
            Matrix m = b.dataset().sample((int) Math.min(b.rows(), (n * (long) b.rows() + total - 1) / total),
                    new SplittableRandom(Seeds.shard(seed, b.shard())));
            return new scala.Tuple2<>(b.width(), java.util.Arrays.copyOf(m.data(), m.size()));
        }).collect();
        if (parts.isEmpty()) return new Matrix(0, 0);
        int width = parts.get(0)._1(), values = 0;
        for (scala.Tuple2<Integer, float[]> p : parts) values += p._2().length;
        Matrix all = new Matrix(width == 0 ? 0 : values / width, width);
        int at = 0;
        for (scala.Tuple2<Integer, float[]> p : parts) {
            System.arraycopy(p._2(), 0, all.data(), at, p._2().length);
            at += p._2().length;
        }
        return all;
    }

    @Override
    public Evaluation.Predictions training(Network network) {
        return predictions(network, false);
    }

    @Override
    public Evaluation.Predictions validation(Network network) {
        return hasValidation ? predictions(network, true) : null;
    }

    private Evaluation.Predictions predictions(Network network, boolean heldOut) {
        Loss l = loss;
        SparkJobs.describe(blocks.context(), "Dendrite: evaluating the " + (heldOut ? "held-out" : "training") + " rows");
        List<Evaluation.Predictions> parts = blocks.filter(b -> b.heldOut() == heldOut && b.rows() > 0)
                .map(b -> Parallelism.singleThreaded(() -> Evaluation.Predictions.of(network, l, b.dataset()))).collect();
        Evaluation.Predictions all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) all = all.concat(parts.get(i));
        return all;
    }
}
