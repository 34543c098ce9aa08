package org.dendrite.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.dendrite.core.data.Task;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.network.Network;
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
    final JavaRDD<Block> blocks;
    /** The number of training rows (held-out rows excluded). */
    final long rows;
    final boolean hasValidation;
    final TrainingConfig config;
    final Task task;
    final Loss loss;

    BlockSource(JavaRDD<Block> blocks, long rows, boolean hasValidation, TrainingConfig config, Task task, Loss loss) {
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
