package org.dendrite.core.train;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.Table;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.loss.MeanSquaredError;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.OptimizerState;
import org.dendrite.core.tensor.Matrix;

/**
 * One training run, advanced an epoch at a time (Weka's IterativeClassifier drives it this way;
 * {@link Trainer#fit} runs it to the end). Same seed and data give bit-identical weights on one thread.
 */
public final class TrainingRun {
    private final TrainingConfig config;
    private final Task task;
    private final Preprocessor preprocessor;
    private final Dataset data;
    private final Loss loss;
    private final Network network;
    private final OptimizerState optimizer;
    private final Batches batches;
    private final SplittableRandom rng;
    private final History history = new History();
    private final Provenance provenance;
    private Matrix grad;
    private long step;
    private int epoch;

    /**
     * Prepares a run on raw rows. {@code classes} empty means a numeric target. {@code target} holds
     * class indices or values; {@code weights} may be null.
     */
    public TrainingRun(TrainingConfig config, Table table, String targetName, List<String> classes, double[] target, float[] weights) {
        this.config = config;
        if (table.size() == 0) {
            throw new IllegalArgumentException("The training data is empty: training needs at least one row");
        }
        if (target.length != table.size()) {
            throw new IllegalArgumentException("There are " + table.size() + " rows but " + target.length + " target values");
        }
        boolean classification = classes != null && !classes.isEmpty();
        Matrix y = new Matrix(table.size(), 1);
        double mean = 0, scale = 1;
        if (classification) {
            Task.classification(targetName, classes);
            checkClasses(targetName, classes, target);
            for (int i = 0; i < target.length; i++) y.data()[i] = (float) target[i];
            this.task = Task.classification(targetName, classes);
        } else {
            double m = 0, m2 = 0;
            for (int i = 0; i < target.length; i++) {
                double v = target[i];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Target '" + targetName + "' of row " + i + " is " + v + "; a numeric target must be finite");
                }
                double delta = v - m;
                m += delta / (i + 1);
                m2 += delta * (v - m);
            }
            double std = Math.sqrt(m2 / target.length);
            if (config.preprocessing().standardizeTarget()) {
                mean = m;
                scale = std > 0 ? std : 1;
            }
            for (int i = 0; i < target.length; i++) {
                double z = (target[i] - mean) / scale;
                if (Math.abs(z) > Float.MAX_VALUE) {
                    throw new IllegalArgumentException("Target '" + targetName + "' of row " + i + " is " + target[i]
                            + ", too large for float32 training; turn on target standardization or rescale it");
                }
                y.data()[i] = (float) z;
            }
            this.task = new Task(targetName, List.of(), mean, scale);
        }
        this.preprocessor = Preprocessor.fit(table, config.preprocessing());
        this.data = new Dataset(preprocessor.transform(table), y, weights);
        this.loss = config.loss() != null ? config.loss() : classification ? new SoftmaxCrossEntropy() : new MeanSquaredError();
        loss.validateTarget(y, task.classCount());
        this.network = Network.build(config.network(), preprocessor.outputWidth(), loss.outputWidth(1, task.classCount()), config.seed());
        this.optimizer = config.optimizer().newState(network.parameters());
        this.batches = new Batches(data, config.optimizer().requiresFullBatch() ? data.size() : config.batchSize());
        this.rng = new SplittableRandom(config.seed() ^ 0x9E3779B97F4A7C15L);
        this.provenance = new Provenance(Provenance.currentVersion(), config.seed(), config.toString(), Instant.now().toString());
    }

    private static void checkClasses(String targetName, List<String> classes, double[] target) {
        int k = classes.size();
        boolean[] seen = new boolean[k];
        int distinct = 0;
        for (int i = 0; i < target.length; i++) {
            double v = target[i];
            if (!(v >= 0 && v < k) || v != Math.rint(v)) {
                throw new IllegalArgumentException("Target '" + targetName + "' of row " + i + " is " + v + "; allowed: a class index 0.."
                        + (k - 1) + " " + classes);
            }
            if (!seen[(int) v]) {
                seen[(int) v] = true;
                distinct++;
            }
        }
        if (distinct < 2) {
            int only = 0;
            while (!seen[only]) only++;
            throw new IllegalArgumentException("Target '" + targetName + "' has only one class ('" + classes.get(only)
                    + "') in the training data; a classifier needs rows of at least two classes");
        }
    }

    public int epoch() { return epoch; }
    public long steps() { return step; }
    public History history() { return history; }
    public Network network() { return network; }
    public Task task() { return task; }

    /** True while epochs remain. */
    public boolean hasNextEpoch() {
        return epoch < config.epochs();
    }

    /** Trains one more epoch (beyond the configured count too, for -continue-iterating) and records it. */
    public EpochRecord nextEpoch() {
        long start = System.nanoTime();
        batches.shuffle(rng);
        double lossSum = 0, weightSum = 0;
        double lr = config.optimizer().learningRate();
        while (batches.hasNext()) {
            double[] batchResult = new double[2];
            final double rate = config.schedule().learningRate(config.optimizer().learningRate(), step, epoch);
            lr = rate;
            batches.next((x, y, w) -> {
                double l = optimizer.step(rate, () -> {
                    Matrix out = network.forward(x, true, rng);
                    grad = Matrix.reuse(grad, out.rows(), out.cols());
                    double value = loss.compute(out, y, w, grad);
                    network.backward(grad);
                    return value;
                });
                if (!Double.isFinite(l)) {
                    throw new IllegalStateException("Training diverged at epoch " + (epoch + 1) + ", step " + (step + 1) + ": the loss is " + l
                            + " (learning rate " + rate + "). Usual causes: a learning rate too high, unnormalized inputs, log of zero.");
                }
                batchResult[0] = l;
                batchResult[1] = Loss.weightSum(w, x.rows());
            });
            step++;
            lossSum += batchResult[0] * batchResult[1];
            weightSum += batchResult[1];
        }
        epoch++;
        EpochRecord r = new EpochRecord(epoch, lossSum / weightSum, lr, (System.nanoTime() - start) / 1e9);
        history.add(r);
        return r;
    }

    /** The model as trained so far (shares the live network). */
    public Model model() {
        return new Model(preprocessor, network, loss, task, provenance, history);
    }

    /** The training data after preprocessing. */
    public Dataset data() {
        return data;
    }
}
