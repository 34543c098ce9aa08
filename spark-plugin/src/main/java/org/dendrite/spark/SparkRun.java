package org.dendrite.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.train.EarlyStopper;
import org.dendrite.core.train.EpochRecord;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.train.History;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.Provenance;
import org.dendrite.core.data.Task;
import org.dendrite.core.train.TrainingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both Spark training modes share: the cached blocks (training rows and held-out rows), the
 * driver's network, history and early stopping, and the distributed evaluations (forward passes on
 * the executors, metrics by the core's {@link Evaluation}).
 */
final class SparkRun {
    private static final Logger LOG = LoggerFactory.getLogger(SparkRun.class);

    final JavaRDD<Block> blocks;
    /** The number of training rows (held-out rows excluded). */
    final long rows;
    final boolean hasValidation;
    final Preprocessor preprocessor;
    final Task task;
    final TrainingConfig config;
    final Loss loss;
    final Network network;
    final History history = new History();
    /** Parameters a warm start keeps as they are (synchronous mode). */
    org.dendrite.core.train.FrozenParameters frozen = org.dendrite.core.train.FrozenParameters.NONE;
    final EarlyStopper stopper;

    SparkRun(JavaRDD<Block> blocks, long rows, boolean hasValidation, Preprocessor preprocessor, Task task, TrainingConfig config, Loss loss) {
        this.blocks = blocks;
        this.rows = rows;
        this.hasValidation = hasValidation;
        this.preprocessor = preprocessor;
        this.task = task;
        this.config = config;
        this.loss = loss;
        this.network = Network.build(config.network(), preprocessor.outputWidth(), loss.outputWidth(1, task.classCount()), config.seed());
        this.stopper = new EarlyStopper(config.earlyStopping(), task.isClassification());
    }

    private static Evaluation.Predictions predict(Network net, Loss loss, Block b) {
        return Evaluation.Predictions.of(net, loss, new Matrix(b.rows(), b.width(), b.features()), new Matrix(b.rows(), 1, b.targets()), b.weights());
    }

    /** The loss of the current network over the training rows (the reference of the explosion check). */
    double trainingLoss() {
        Network net = network;
        Loss l = loss;
        double[] sums = blocks.filter(b -> !b.heldOut() && b.rows() > 0).map(b -> {
            Evaluation.Predictions p = predict(net, l, b);
            return new double[] {p.lossSum(), p.weightSum()};
        }).fold(new double[2], (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
        return sums[0] / sums[1];
    }

    /** Loss and metrics of the current network over the held-out rows, in row order. */
    Evaluation validate() {
        Network net = network;
        Loss l = loss;
        List<Evaluation.Predictions> parts = blocks.filter(b -> b.heldOut() && b.rows() > 0).map(b -> predict(net, l, b)).collect();
        Evaluation.Predictions all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) all = all.concat(parts.get(i));
        return all.evaluate(task);
    }

    /**
     * Records epoch {@code epoch} (0-based) with its validation metrics and feeds early stopping;
     * true when training stops here (the best epoch's weights then restored).
     */
    boolean endEpoch(int epoch, double trainLoss, double learningRate, long startNanos, String event) {
        Evaluation v = hasValidation ? validate() : null;
        EpochRecord r = new EpochRecord(epoch + 1, trainLoss, v == null ? Double.NaN : v.loss(), v == null ? Double.NaN : v.accuracy(),
                v == null ? Double.NaN : v.auc(), v == null ? Double.NaN : v.rmse(), learningRate, (System.nanoTime() - startNanos) / 1e9, event);
        history.add(r);
        LOG.info("Dendrite epoch {}/{}: loss {}, validation loss {} ({} s)", r.epoch(), config.epochs(), r.trainLoss(), r.validationLoss(),
                r.seconds());
        return stopper.update(r, network, history);
    }

    Model model() {
        return new Model(preprocessor, network, loss, task, new Provenance(Provenance.currentVersion(), config.seed(), config.toString(),
                java.time.Instant.now().toString()), history);
    }
}
