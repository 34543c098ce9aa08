package org.dendrite.core.train;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.Table;
import org.dendrite.core.data.ValidationSplit;
import org.dendrite.core.diagnostics.ConfigWarnings;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.loss.MeanSquaredError;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.OptimizerState;
import org.dendrite.core.tensor.FlushToZero;
import org.dendrite.core.tensor.Matrix;

/**
 * One training run, advanced an epoch at a time (Weka's IterativeClassifier drives it this way;
 * {@link Trainer#fit} runs it to the end). Same seed and data give bit-identical weights on one thread.
 *
 * <p>Per step: schedule -> (augment) -> forward -> loss (+ penalty) -> backward -> penalty gradient ->
 * finite checks -> optimizer step -> proximal/max-norm/pruning masks. Per epoch: pruning schedule,
 * validation metrics, early stopping, sanity checks, listener.
 */
public final class TrainingRun {
    private final TrainingConfig config;
    private final Task task;
    private final Preprocessor preprocessor;
    private final Dataset data;
    private final Dataset validation;
    private final Loss loss;
    private Network network;
    private OptimizerState optimizer;
    private final Batches batches;
    private SplittableRandom rng;
    private History history = new History();
    private final Provenance provenance;
    private final TrainingListener listener;
    private final double initialLoss;
    private Matrix grad;
    private FrozenParameters frozen = FrozenParameters.NONE;
    /** The step's gradient over the batch {@link #batches} holds: made once, not per step. */
    private final TrainingStep.Gradient batchGradient;
    /** Takes the steps; made again when {@link #resume} replaces the network and optimizer. */
    private TrainingStep stepper;
    private Matrix augmentedX;
    private Matrix augmentedY;
    private List<float[]> pruneMask;
    private long step;
    private int epoch;
    private double lrScale = 1;
    private int rollbacks;
    private EarlyStopper stopper;

    /**
     * Prepares a run on raw rows. {@code classes} empty means a numeric target. {@code target} holds
     * class indices or values; {@code weights} may be null.
     */
    public TrainingRun(TrainingConfig config, Table table, String targetName, List<String> classes, double[] target, float[] weights) {
        this(config, table, targetName, classes, target, weights, TrainingListener.NONE);
    }

    public TrainingRun(TrainingConfig config, Table table, String targetName, List<String> classes, double[] target, float[] weights,
                       TrainingListener listener) {
        this(config, table, targetName, classes, target, weights, listener, null, 0);
    }

    /**
     * A warm start: training continues from {@code initial}'s network (its architecture, weights and
     * input preprocessing, so the inputs are scaled as the weights expect) instead of a fresh one; the
     * first {@code frozenLayers} layers with parameters keep their weights. The task must match the
     * initial model's (same classes, or both numeric) and the table its input columns.
     */
    public TrainingRun(TrainingConfig config, Table table, String targetName, List<String> classes, double[] target, float[] weights,
                       TrainingListener listener, Model initial, int frozenLayers) {
        this.config = initial == null ? config : config.withNetwork(initial.network().spec());
        this.listener = listener == null ? TrainingListener.NONE : listener;
        if (table.size() == 0) {
            throw new IllegalArgumentException("The training data is empty: training needs at least one row");
        }
        if (target.length != table.size()) {
            throw new IllegalArgumentException("There are " + table.size() + " rows but " + target.length + " target values");
        }
        if (weights != null && weights.length != table.size()) {
            throw new IllegalArgumentException("There are " + table.size() + " rows but " + weights.length + " instance weights");
        }
        boolean classification = classes != null && !classes.isEmpty();
        if (classification) {
            Task.classification(targetName, classes);
            checkClasses(targetName, classes, target);
        } else {
            for (int i = 0; i < target.length; i++) {
                if (!Double.isFinite(target[i])) {
                    throw new IllegalArgumentException("Target '" + targetName + "' of row " + i + " is " + target[i] + "; a numeric target must be finite");
                }
            }
        }
        int[] trainRows = null, validRows = null;
        double fraction = config.effectiveValidationFraction();
        if (fraction > 0) {
            int[] strata = null;
            if (classification) {
                strata = new int[target.length];
                for (int i = 0; i < target.length; i++) strata[i] = (int) target[i];
            }
            ValidationSplit split = ValidationSplit.of(table.size(), fraction, strata, config.seed());
            trainRows = split.train();
            validRows = split.validation();
        }
        Table trainTable = trainRows == null ? table : table.subset(trainRows);
        double[] trainTarget = trainRows == null ? target : pick(target, trainRows);
        float[] trainWeights = trainRows == null || weights == null ? weights : pick(weights, trainRows);
        if (classification && trainRows != null) {
            checkClasses(targetName, classes, trainTarget);
        }
        double mean = 0, scale = 1;
        if (!classification && config.preprocessing().standardizeTarget()) {
            double m = 0, m2 = 0;
            for (int i = 0; i < trainTarget.length; i++) {
                double delta = trainTarget[i] - m;
                m += delta / (i + 1);
                m2 += delta * (trainTarget[i] - m);
            }
            double std = Math.sqrt(m2 / trainTarget.length);
            mean = m;
            scale = std > 0 ? std : 1;
        }
        if (initial != null && !classification) {
            // the initial output layer predicts in its own target scaling
            mean = initial.task().targetMean();
            scale = initial.task().targetScale();
        }
        this.task = classification ? Task.classification(targetName, classes) : new Task(targetName, List.of(), mean, scale);
        if (initial != null) {
            checkWarmStart(initial, classification, classes, table.columns().size(), frozenLayers);
        }
        this.preprocessor = initial != null ? initial.preprocessor() : Preprocessor.fit(trainTable, config.preprocessing());
        this.data = new Dataset(preprocessor.transform(trainTable), targets(trainTarget, targetName), trainWeights);
        this.validation = validRows == null ? null
                : new Dataset(preprocessor.transform(table.subset(validRows)), targets(pick(target, validRows), targetName),
                        weights == null ? null : pick(weights, validRows));
        this.loss = config.loss() != null ? config.loss() : classification ? new SoftmaxCrossEntropy() : new MeanSquaredError();
        loss.validateTarget(data.targets(), task.classCount());
        this.network = Network.build(this.config.network(), preprocessor.outputWidth(), loss.outputWidth(1, task.classCount()), config.seed());
        if (initial != null) {
            network.restore(initial.network().snapshot());
            frozen = FrozenParameters.of(network, frozenLayers);
        }
        this.optimizer = config.optimizer().newState(network.parameters());
        this.stepper = new TrainingStep(config, network, optimizer);
        this.batches = new Batches(data, config.optimizer().requiresFullBatch() ? data.size() : config.batchSize());
        this.batchGradient = () -> gradient(batches.features(), batches.targets(), batches.weights());
        this.rng = epochRandom(0);
        this.stopper = new EarlyStopper(config.earlyStopping(), classification);
        this.provenance = new Provenance(Provenance.currentVersion(), config.seed(), config.toString(), Instant.now().toString());
        for (String w : ConfigWarnings.check(this.config.network(), config.preprocessing().standardize(), config.batchSize(), data.size())) {
            warn(w);
        }
        this.initialLoss = Evaluation.Predictions.of(network, loss, data).meanLoss();
        if (classification && loss instanceof SoftmaxCrossEntropy) {
            double expected = Math.log(task.classCount());
            if (Math.abs(initialLoss - expected) > 0.5 * expected) {
                warn(String.format(java.util.Locale.ROOT, "The initial loss %.4f is far from ln(%d) = %.4f expected of an untrained "
                        + "%d-class classifier: check the initialization and the input scaling.", initialLoss, task.classCount(), expected,
                        task.classCount()));
            }
        }
    }

    /**
     * Checks that {@code initial} can start training on data with this task and {@code inputColumns}
     * input columns, with its first {@code frozenLayers} layers with weights frozen; a clear
     * IllegalArgumentException otherwise. For every trainer that warm-starts (Spark's too).
     */
    public static void checkWarmStart(Model initial, boolean classification, List<String> classes, int inputColumns, int frozenLayers) {
        if (classification != initial.task().isClassification()
                || (classification && initial.task().classCount() != classes.size())) {
            throw new IllegalArgumentException("The initial model predicts " + (initial.task().isClassification()
                    ? initial.task().classCount() + " classes " + initial.task().classes() : "a numeric target") + "; this data has "
                    + (classification ? classes.size() + " classes " + classes : "a numeric target"));
        }
        if (inputColumns != initial.preprocessor().columns().size()) {
            throw new IllegalArgumentException("The initial model takes " + initial.preprocessor().columns().size() + " input columns; this data has "
                    + inputColumns);
        }
        int parameterized = 0;
        for (org.dendrite.core.layer.Layer l : initial.network().layers()) if (!l.parameters().isEmpty()) parameterized++;
        if (frozenLayers < 0 || frozenLayers > parameterized) {
            throw new IllegalArgumentException("Invalid number of frozen layers: " + frozenLayers + " (allowed: 0.." + parameterized
                    + ", the initial model's layers with weights)");
        }
    }

    private Matrix targets(double[] values, String targetName) {
        Matrix y = new Matrix(values.length, 1);
        for (int i = 0; i < values.length; i++) {
            double z = (values[i] - taskMean()) / taskScale();
            if (Math.abs(z) > Float.MAX_VALUE) {
                throw new IllegalArgumentException("Target '" + targetName + "' of row " + i + " is " + values[i]
                        + ", too large for float32 training; turn on target standardization or rescale it");
            }
            y.data()[i] = (float) z;
        }
        return y;
    }

    private double taskMean() {
        return task == null ? 0 : task.targetMean();
    }

    private double taskScale() {
        return task == null ? 1 : task.targetScale();
    }


    private static double[] pick(double[] a, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = a[rows[i]];
        return out;
    }

    private static float[] pick(float[] a, int[] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = a[rows[i]];
        return out;
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

    private void warn(String w) {
        history.warn(w);
        listener.onWarning(w);
    }

    public int epoch() { return epoch; }
    public long steps() { return step; }
    public History history() { return history; }
    public Network network() { return network; }
    public Task task() { return task; }
    public double initialLoss() { return initialLoss; }

    /** True while epochs remain and early stopping has not stopped the run. */
    public boolean hasNextEpoch() {
        return epoch < config.epochs() && !stopper.stopped();
    }

    /** True when early stopping ended the run. */
    public boolean stoppedEarly() {
        return stopper.stopped();
    }

    /**
     * Trains one more epoch (beyond the configured count too, for Weka's -continue-iterating) and
     * records it. On divergence, rolls back to the start of the epoch with the learning rate divided
     * by 10 when the diagnostics allow it, otherwise throws {@link TrainingDivergedException}.
     */
    public EpochRecord nextEpoch() {
        long start = System.nanoTime();
        int maxRollbacks = config.diagnostics().maxRollbacks();
        RollbackPoint point = maxRollbacks > 0 ? new RollbackPoint(network, optimizer, step) : null;
        String event = "";
        double trainLoss;
        while (true) {
            try {
                trainLoss = trainEpoch();
                break;
            } catch (TrainingDivergedException e) {
                if (rollbacks >= maxRollbacks) {
                    throw e;
                }
                rollbacks++;
                step = point.restore(network, optimizer, history);
                lrScale /= 10;
                event = RollbackPoint.event(rollbacks, e);
                warn(event);
            }
        }
        epoch++;
        pruneMask = config.pruning().afterEpoch(network.parameters(), epoch, pruneMask);
        Evaluation v = validation == null ? null : Evaluation.of(network, loss, task, validation);
        double lr = Double.isNaN(history.lastStepRate()) ? rate(step) : history.lastStepRate();
        EpochRecord r = new EpochRecord(epoch, trainLoss, v == null ? Double.NaN : v.loss(), v == null ? Double.NaN : v.accuracy(),
                v == null ? Double.NaN : v.auc(), v == null ? Double.NaN : v.rmse(), lr, (System.nanoTime() - start) / 1e9, event);
        history.add(r);
        if (epoch == 1 && Math.abs(trainLoss - initialLoss) <= 1e-4 * Math.max(Math.abs(initialLoss), 1e-12)) {
            warn(String.format(java.util.Locale.ROOT, "The loss did not change in the first epoch (%.6g -> %.6g): the learning rate "
                    + "%.3g is probably too small.", initialLoss, trainLoss, lr));
        }
        stopper.update(r, network, history);
        listener.onEpoch(r, config.epochs());
        return r;
    }

    /** The best monitored validation value so far (NaN without early stopping). */
    public double bestMonitoredValue() {
        return stopper.best();
    }

    private double rate(long atStep) {
        return TrainingStep.learningRate(config, atStep, epoch, history, lrScale);
    }

    /** Each epoch draws from its own generator derived from (seed, epoch): a checkpoint taken between epochs resumes exactly. */
    private SplittableRandom epochRandom(int e) {
        return new SplittableRandom(config.seed() ^ 0x9E3779B97F4A7C15L ^ (0xBF58476D1CE4E5B9L * (e + 1)));
    }

    private double trainEpoch() {
        rng = epochRandom(epoch);
        batches.shuffle(rng);
        double lossSum = 0, weightSum = 0;
        while (batches.hasNext()) {
            final double rate = rate(step);
            int rows = batches.next();
            // the history reports the data loss, comparable with the validation loss; the penalty is the optimizer's business
            double dataLoss = stepper.takeRecorded(rate, epoch, step, initialLoss, batchGradient, frozen, pruneMask, history);
            step++;
            double weight = Loss.weightSum(batches.weights(), rows);
            lossSum += dataLoss * weight;
            weightSum += weight;
        }
        // a step can leave non-finite weights behind with a finite loss (an infinite gradient): caught here at the latest
        stepper.checkWeights(epoch, step, rate(step));
        return lossSum / weightSum;
    }

    /** The data loss of one batch at the current weights, its gradients left in the parameters. */
    private double gradient(Matrix x, Matrix y, float[] w) {
        Matrix in = x, target = y;
        if (config.augmentation().enabled()) {
            int tw = config.augmentation().targetWidth(y.cols(), task.classCount());
            augmentedX = Matrix.reuse(augmentedX, x.rows(), x.cols());
            augmentedY = Matrix.reuse(augmentedY, y.rows(), tw);
            config.augmentation().apply(x, y, task.classCount(), rng, augmentedX, augmentedY);
            in = augmentedX;
            target = augmentedY;
        }
        Matrix out = network.forward(in, true, rng);
        grad = Matrix.reuse(grad, out.rows(), out.cols());
        double value = loss.compute(out, target, w, grad);
        // a saturated output's gradient of 1e-35 would make the whole backward pass run on slow subnormals
        FlushToZero.flush(grad.data(), grad.size());
        network.backward(grad);
        return value;
    }

    /** Everything a resumed run needs, written in one serialization stream so the optimizer keeps pointing at the network's parameters. */
    private record Checkpoint(Network network, OptimizerState optimizer, int epoch, long step, double lrScale, int rollbacks, EarlyStopper stopper,
                              List<float[]> pruneMask,
                              History history) implements java.io.Serializable {}

    /**
     * The state after the last completed epoch (weights, buffers, optimizer state, counters, early
     * stopping, history) as bytes; {@link #resume} continues from it exactly (bit for bit on one thread).
     */
    public byte[] checkpoint() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new Checkpoint(network, optimizer, epoch, step, lrScale, rollbacks, stopper, pruneMask, history));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not write a training checkpoint", e);
        }
        return bytes.toByteArray();
    }

    /** Prepares a run on the same data and configuration, then continues from {@code checkpoint}. */
    public static TrainingRun resume(TrainingConfig config, Table table, String targetName, List<String> classes, double[] target,
                                     float[] weights, TrainingListener listener, byte[] checkpoint) {
        TrainingRun run = new TrainingRun(config, table, targetName, classes, target, weights, listener);
        Checkpoint c;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(checkpoint))) {
            c = (Checkpoint) in.readObject();
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("Not a readable Dendrite training checkpoint: " + e.getMessage(), e);
        }
        if (c.network().inputWidth() != run.network.inputWidth() || c.network().outputWidth() != run.network.outputWidth()
                || !c.network().spec().equals(config.network())) {
            throw new IllegalArgumentException("The checkpoint's network (" + c.network().inputWidth() + " inputs, " + c.network().outputWidth()
                    + " outputs) does not match this data and configuration");
        }
        run.network = c.network();
        run.optimizer = c.optimizer();
        run.stepper = new TrainingStep(config, run.network, run.optimizer);
        run.epoch = c.epoch();
        run.step = c.step();
        run.lrScale = c.lrScale();
        run.rollbacks = c.rollbacks();
        run.stopper = c.stopper();
        run.pruneMask = c.pruneMask();
        run.history = c.history();
        return run;
    }

    /**
     * The bias/variance diagnosis of the model as it is now: training vs validation accuracy (R^2
     * for regression), in the course's plain language.
     */
    public org.dendrite.core.diagnostics.Diagnosis.BiasVariance biasVariance() {
        // accuracy or RMSE only: the ROC areas of a full Evaluation would cost more than the forward passes
        Evaluation.Predictions tr = Evaluation.Predictions.of(network, loss, data);
        Evaluation.Predictions va = validation == null ? null : Evaluation.Predictions.of(network, loss, validation);
        if (task.isClassification()) {
            return new org.dendrite.core.diagnostics.Diagnosis.BiasVariance(tr.accuracy(), va == null ? Double.NaN : va.accuracy(), "accuracy");
        }
        double trainR2 = 1 - Math.pow(tr.rmse(task) / standardDeviation(data), 2);
        double validR2 = va == null ? Double.NaN : 1 - Math.pow(va.rmse(task) / standardDeviation(validation), 2);
        return new org.dendrite.core.diagnostics.Diagnosis.BiasVariance(trainR2, validR2, "R^2");
    }

    /** The standard deviation of a dataset's target in original units. */
    private double standardDeviation(Dataset d) {
        double m = 0, m2 = 0;
        float[] y = d.targets().data();
        for (int i = 0; i < d.size(); i++) {
            double v = y[i] * task.targetScale() + task.targetMean(), delta = v - m;
            m += delta / (i + 1);
            m2 += delta * (v - m);
        }
        return Math.sqrt(m2 / d.size());
    }

    /** The model as trained so far (shares the live network). */
    public Model model() {
        return new Model(preprocessor, network, loss, task, provenance, history);
    }

    /** The training data after preprocessing. */
    public Dataset data() {
        return data;
    }

    /** The held-out validation rows after preprocessing, or null without a validation split. */
    public Dataset validationData() {
        return validation;
    }
}
