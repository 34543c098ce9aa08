package org.dendrite.core.train;

import java.io.Serializable;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.optim.Sgd;
import org.dendrite.core.schedule.ConstantSchedule;
import org.dendrite.core.schedule.Schedule;

/**
 * Everything that decides how a model is trained. A null loss means the task's default: softmax
 * cross-entropy for a nominal target, mean squared error for a numeric one.
 */
public record TrainingConfig(NetworkSpec network, Loss loss, Optimizer optimizer, Schedule schedule, int epochs, int batchSize,
                             long seed, PreprocessingConfig preprocessing) implements Serializable {
    public static final int DEFAULT_EPOCHS = 100;
    public static final int DEFAULT_BATCH_SIZE = 32;
    public static final long DEFAULT_SEED = 1;
    public static final Optimizer DEFAULT_OPTIMIZER = new Sgd(0.01, 0.9, 0, false, 0);

    public static final TrainingConfig DEFAULT = new TrainingConfig(NetworkSpec.DEFAULT, null, DEFAULT_OPTIMIZER, new ConstantSchedule(),
            DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_SEED, PreprocessingConfig.DEFAULT);

    public TrainingConfig {
        if (network == null || optimizer == null || schedule == null || preprocessing == null) {
            throw new IllegalArgumentException("A training config needs a network, an optimizer, a schedule and preprocessing settings");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("Invalid epochs: " + epochs + " (allowed: a whole number >= 1)");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("Invalid batch size: " + batchSize + " (allowed: a whole number >= 1)");
        }
    }

    public TrainingConfig withNetwork(NetworkSpec n) {
        return new TrainingConfig(n, loss, optimizer, schedule, epochs, batchSize, seed, preprocessing);
    }

    public TrainingConfig withLoss(Loss l) {
        return new TrainingConfig(network, l, optimizer, schedule, epochs, batchSize, seed, preprocessing);
    }

    public TrainingConfig withOptimizer(Optimizer o) {
        return new TrainingConfig(network, loss, o, schedule, epochs, batchSize, seed, preprocessing);
    }

    public TrainingConfig withSchedule(Schedule s) {
        return new TrainingConfig(network, loss, optimizer, s, epochs, batchSize, seed, preprocessing);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(network, loss, optimizer, schedule, e, batchSize, seed, preprocessing);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, b, seed, preprocessing);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, s, preprocessing);
    }

    public TrainingConfig withPreprocessing(PreprocessingConfig p) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, seed, p);
    }
}
