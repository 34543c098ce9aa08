package org.dendrite.core.train;

import java.util.SplittableRandom;
import org.dendrite.core.augment.Augmentation;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.data.Seeds;
import org.dendrite.core.data.Task;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.network.Network;
import org.dendrite.core.tensor.FlushToZero;
import org.dendrite.core.tensor.Matrix;

/**
 * The gradients of minibatches of rows held in memory: each epoch shuffles the rows with that
 * epoch's generator ({@link Seeds#epoch}), which also draws the dropout masks and augmentation, so
 * a run resumed between epochs repeats them exactly. With a full-batch optimizer (L-BFGS) a step
 * is the whole dataset. Nothing is allocated per step once the buffers exist.
 */
public final class MinibatchSource implements GradientSource {
    private final Dataset train;
    private final Dataset validation;
    private final Loss loss;
    private final Augmentation augmentation;
    private final int classes;
    private final long seed;
    private final Batches batches;
    private SplittableRandom rng;
    private double weight;
    private Matrix grad;
    private Matrix augmentedX;
    private Matrix augmentedY;
    private float[] augmentedW;

    /** Batches of {@code train} (validation may be null) as {@code config} asks; {@code loss} turns outputs into the loss. */
    public MinibatchSource(TrainingConfig config, Task task, Loss loss, Dataset train, Dataset validation) {
        this(train, validation, loss, config.augmentation(), task.classCount(), config.seed(),
                config.optimizer().requiresFullBatch() ? train.size() : config.batchSize());
        loss.validateTarget(train.targets(), task.classCount());
    }

    /** Batches of {@code batchSize} rows of {@code train}, each epoch's order and randomness derived from {@code seed}. */
    public MinibatchSource(Dataset train, Dataset validation, Loss loss, Augmentation augmentation, int classes, long seed, int batchSize) {
        this.train = train;
        this.validation = validation;
        this.loss = loss;
        this.augmentation = augmentation;
        this.classes = classes;
        this.seed = seed;
        this.batches = new Batches(train, batchSize);
    }

    /** The training rows. */
    public Dataset train() {
        return train;
    }

    @Override
    public long rows() {
        return train.size();
    }

    @Override
    public long clockPerEpoch() {
        return batches.batchesPerEpoch();
    }

    @Override
    public long beginEpoch(int epoch) {
        rng = Seeds.epoch(seed, epoch);
        batches.shuffle(rng);
        return batches.batchesPerEpoch();
    }

    @Override
    public void select(long index, long step, double rate) {
        int rows = batches.next();
        weight = Loss.weightSum(batches.weights(), rows);
    }

    @Override
    public double weight() {
        return weight;
    }

    /** Continues the current epoch at its step {@code index} (0-based): the steps before it are skipped. */
    public void seek(long index) {
        batches.seek(index);
    }

    @Override
    public double gradient(Network network) {
        Matrix x = batches.features(), y = batches.targets();
        float[] w = batches.weights();
        if (augmentation.enabled()) {
            augmentedX = Matrix.reuse(augmentedX, x.rows(), x.cols());
            augmentedY = Matrix.reuse(augmentedY, y.rows(), augmentation.targetWidth(y.cols(), classes));
            if (w != null && (augmentedW == null || augmentedW.length < x.rows())) augmentedW = new float[w.length];
            w = augmentation.apply(x, y, w, classes, rng, augmentedX, augmentedY, augmentedW);
            x = augmentedX;
            y = augmentedY;
        }
        Matrix out = network.forward(x, true, rng);
        grad = Matrix.reuse(grad, out.rows(), out.cols());
        double value = loss.compute(out, y, w, grad);
        // a saturated output's gradient of 1e-35 would make the whole backward pass run on slow subnormals
        FlushToZero.flush(grad.data(), grad.size());
        network.backward(grad);
        return value;
    }

    @Override
    public Matrix sample(int n, long seed) {
        return train.sample(n, new SplittableRandom(seed));
    }

    @Override
    public Evaluation.Predictions training(Network network) {
        return Evaluation.Predictions.of(network, loss, train);
    }

    @Override
    public double unweightedTrainingLoss(Network network) {
        return train.weights() == null ? Double.NaN : Evaluation.Predictions.of(network, loss, train.features(), train.targets(), null).meanLoss();
    }

    @Override
    public boolean hasValidation() {
        return validation != null;
    }

    @Override
    public Evaluation.Predictions validation(Network network) {
        return validation == null ? null : Evaluation.Predictions.of(network, loss, validation);
    }
}
