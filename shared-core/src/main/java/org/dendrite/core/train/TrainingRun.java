package org.dendrite.core.train;

import java.util.List;
import java.util.Locale;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.Task;
import org.dendrite.core.data.TrainingData;
import org.dendrite.core.diagnostics.ConfigWarnings;
import org.dendrite.core.diagnostics.Diagnosis;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.loss.MemberMean;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.data.Seeds;
import org.dendrite.core.network.DataInit;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.optim.OptimizerState;
import org.dendrite.core.schedule.Schedule;

/**
 * The one training loop of Dendrite, advanced an epoch at a time (Weka's IterativeClassifier drives
 * it so; {@link Trainer#fit} runs it to the end; Spark feeds it distributed gradients). It owns the
 * epochs and steps, the schedule's clock, rollbacks on divergence, pruning, the warnings
 * (configuration, the ln(C) initial loss, a loss that did not move), early stopping, progress to the
 * listener, per-layer statistics, the history, provenance and checkpoints. Where each step's
 * gradient comes from is a {@link GradientSource}. Same seed and data give bit-identical weights on
 * one thread.
 *
 * <p>Per step: learning rate from the schedule -> the source's gradient -> penalty gradient ->
 * clipping -> optimizer update -> divergence check -> proximal L1 / max-norm -> frozen values and
 * pruned weights kept ({@link TrainingStep}). Per epoch: the weight scan, the pruning schedule,
 * validation metrics, the history record, early stopping, the listener.
 */
public final class TrainingRun {
    private TrainingConfig config;
    private final Preprocessor preprocessor;
    private final Task task;
    private final Loss loss;
    private final GradientSource source;
    private final Network network;
    private final OptimizerState optimizer;
    private final TrainingStep stepper;
    /** The outer optimizer's rate for a pseudo-gradient source; NaN when steps take the scheduled rate. */
    private final double outerRate;
    private final TrainingListener listener;
    private final Provenance provenance;
    private final double initialLoss;
    /** What a step's loss is compared with to tell an explosion ({@link GradientSource#unweightedTrainingLoss}). */
    private final double explosionReference;
    /** The step's gradient callback: made once, not per step. */
    private final TrainingStep.Gradient gradient;
    private FrozenParameters frozen = FrozenParameters.NONE;
    private History history = new History();
    private EarlyStopper stopper;
    private List<float[]> pruneMask;
    private int epoch;
    /** Optimizer steps taken (a round of local steps counts one). */
    private long step;
    /** The schedule's clock: steps as the schedule counts them (a round of H local steps counts H). */
    private long clock;
    /** The steps after which the run checks that the loss moved at all. */
    static final long LOSS_CHECK_STEPS = 10;
    /** The start of the warning that the loss did not move (a resumed run finds it in the history it restores). */
    private static final String LOSS_UNCHANGED = "The loss did not change";
    private boolean lossChecked;
    private double lrScale = 1;
    private int rollbacks;
    /** The rows a single-machine run trains on, for its checkpoints (null for a distributed one). */
    private Checkpoint.Rows rows;

    /**
     * Refuses, before anything is allocated, a network of {@code resolved} (the configuration resolved
     * for the rows) whose training on {@code rows} rows would not fit the memory budget (half of the
     * heap, as for the preprocessed rows): its state, and the largest batch through it, a training
     * step's or an evaluation's chunk ({@link Model#PREDICTION_BATCH} rows). A distributed trainer
     * calls it as soon as the preprocessing is known, before it fills its blocks.
     */
    public static void requireNetworkFits(TrainingConfig resolved, Preprocessor preprocessor, Task task, Loss loss, long rows) {
        requireNetworkFits(resolved, preprocessor, task, loss, rows, false);
    }

    /**
     * {@link #requireNetworkFits}; {@code allRowsAtOnce}: every step takes all {@code rows} through the network as one
     * batch (L-BFGS on one machine, whose batch is its training rows: 20,000 rows through hidden layers of 3,000 units
     * passed the check of a 1,024-row batch and ran out of the heap in the first step).
     */
    static void requireNetworkFits(TrainingConfig resolved, Preprocessor preprocessor, Task task, Loss loss, long rows, boolean allRowsAtOnce) {
        long batchRows = allRowsAtOnce ? Math.max(1, rows) : Math.min(Math.max(resolved.batchSize(), Model.PREDICTION_BATCH), Math.max(1, rows));
        Network.requireFits(resolved.network(), preprocessor.outputWidth(), loss.outputWidth(1, task.classCount()), batchRows,
                org.dendrite.core.data.HeapBudget.bytes(), !allRowsAtOnce && batchRows > Model.PREDICTION_BATCH, resolved.optimizer(), null);
    }

    /**
     * A distributed trainer's partitions, checked as {@link #requireNetworkFits} checks one machine's training: each of
     * {@code sideBySide} partitions in one JVM ({@code sharers}: the tasks an executor runs at once, or the partitions whose
     * inner states it keeps between rounds) takes a batch of {@code partitionRows} rows through its own copy of the network,
     * with its own optimizer state where {@code ownOptimizer} (rounds of local steps: L-BFGS's history too), in its share of
     * the budget (of this thread's: a fit on a thread that shares it gives its partitions its share); {@code batchAdvice}
     * (", ...") says what makes a partition's batch smaller. On Spark the check counted one
     * batch of at most 1,024 rows, while L-BFGS takes all of a partition's rows at each step: 16,000 rows in 2 partitions
     * through 2,000 units (local[2], -Xmx512m) ran the JVM out of memory in the first step.
     */
    public static void requirePartitionsFit(TrainingConfig resolved, Preprocessor preprocessor, Task task, Loss loss, long partitionRows,
                                            boolean ownOptimizer, int sideBySide, String sharers, String batchAdvice) {
        org.dendrite.core.data.HeapBudget.sharedAgainBy(sideBySide, sharers, () -> {
            Network.requireFits(resolved.network(), preprocessor.outputWidth(), loss.outputWidth(1, task.classCount()), Math.max(1, partitionRows),
                    org.dendrite.core.data.HeapBudget.bytes(), false, ownOptimizer ? resolved.optimizer() : null, batchAdvice);
            return null;
        });
    }

    /**
     * A run over {@code source}'s rows: a fresh network for {@code config} (or the warm start's),
     * inputs from {@code preprocessor}, outputs for {@code task} through {@code loss}.
     */
    public TrainingRun(TrainingConfig config, Preprocessor preprocessor, Task task, Loss loss, GradientSource source, TrainingListener listener,
                       WarmStart warm) {
        this.config = warm.apply(config).resolve(source.rows(), preprocessor);
        String ignored = warm.ignored(config.network());
        String ignoredPreprocessing = warm.ignoredPreprocessing(config.preprocessing());
        config = this.config;
        this.preprocessor = preprocessor;
        this.task = task;
        this.loss = loss;
        this.source = source;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        requireNetworkFits(this.config, preprocessor, task, loss, source.rows(), source instanceof MinibatchSource
                && this.config.optimizer().requiresFullBatch());
        this.config.requirePlateauDirection(source.hasValidation());
        int outputs = loss.outputWidth(1, task.classCount());
        this.network = Network.build(this.config.network(), preprocessor.outputWidth(), outputs, config.seed());
        if (network.nameHeldTwice() != null) {
            // refused before training: the model it trained was saved, then refused by its own reader
            throw org.dendrite.core.check.Check.invalid("network", "The network holds two tensors named '" + network.nameHeldTwice() + "' (two "
                    + "PReLU activations, whose slopes are all named 'slope'): a model file cannot tell them apart. Use PReLU in one layer only");
        }
        if (warm.enabled()) {
            network.restore(warm.initial().network().snapshot());
            frozen = FrozenParameters.of(network, warm.frozenLayers());
        } else if (this.config.network().dataInit() != DataInit.NONE) {
            long s = Seeds.dataInit(config.seed());
            // the rows are drawn with seed s; the bias points from a generator split off it (another stream, not the same draws again)
            this.config.network().dataInit().apply(network, source.sample(DataInit.SAMPLE_ROWS, s), new java.util.SplittableRandom(s).split());
        }
        Optimizer outer = source.outerOptimizer();
        this.optimizer = (outer != null ? outer : config.optimizer()).newState(network.parameters());
        this.outerRate = outer != null ? outer.learningRate() : Double.NaN;
        this.stepper = new TrainingStep(this.config, network, optimizer, outer == null);
        this.gradient = () -> source.gradient(network);
        this.stopper = new EarlyStopper(config.earlyStopping(), task.isClassification());
        this.provenance = Provenance.of(this.config);
        for (String w : ConfigWarnings.check(this.config.network(), config.preprocessing().standardize(),
                // a full-batch optimizer (L-BFGS) takes every row whatever the batch size: no batch-size warning
                config.optimizer().requiresFullBatch() ? 0 : config.batchSize(), source.rows())) {
            warn(w);
        }
        for (String w : preprocessor.fitWarnings()) warn(w);
        if (warm.enabled()) warn(warm.note());
        if (ignored != null) warn(ignored);
        if (ignoredPreprocessing != null) warn(ignoredPreprocessing);
        if (!this.config.network().layers().isEmpty() && this.config.network().layers().get(0) instanceof org.dendrite.core.layer.CategoryEmbeddingSpec ce
                && ce.blocks() != null && ce.blocks().isEmpty()) {
            warn("The category embedding finds no nominal column of at least " + ce.minCategories() + " values in these rows: it passes every "
                    + "input through as it is.");
        }
        for (String w : pastRun(this.config, source.clockPerEpoch())) warn(w);
        if (this.config.optimizer().requiresFullBatch() && (network.hasStochasticLayers() || this.config.augmentation().enabled())) {
            warn(this.config.optimizer().name() + " estimates the curvature from the gradients (and losses) of a step's evaluations, "
                    + "taking them to be of one objective, but " + (network.hasStochasticLayers() ? "dropout draws new masks"
                    : "the augmentation (noise, mixup) draws new rows") + " at each evaluation: the estimate is of noise, and its steps may "
                    + "stop early or go astray. Train with a minibatch optimizer (Adam), or without them.");
        }
        if (preprocessor.ignoresEveryInput()) {
            warn("No input varies in the training rows (" + (preprocessor.columns().isEmpty() ? "there are no input columns"
                    : "every input column is constant or missing") + "): the model can learn only the target's " + (task.isClassification()
                    ? "class shares" : "mean") + ", the same prediction for every row.");
        }
        source.constrain(frozen, pruneMask);
        this.initialLoss = source.trainingLoss(network);
        double unweighted = source.unweightedTrainingLoss(network);
        // a batch of light rows (one row holding nearly all the weight) starts near the unweighted mean: no divergence at step 1
        this.explosionReference = Double.isNaN(unweighted) ? initialLoss : Math.max(initialLoss, unweighted);
        // an untrained classifier's loss is about ln(C); a warm start's trained network is not expected to be
        if (!warm.enabled() && task.isClassification() && (loss instanceof MemberMean m ? m.loss() : loss) instanceof SoftmaxCrossEntropy) {
            double expected = Math.log(task.classCount());
            if (Math.abs(initialLoss - expected) > 0.5 * expected) {
                warn(String.format(Locale.ROOT, "The initial loss %.4f is far from ln(%d) = %.4f expected of an untrained "
                        + "%d-class classifier: check the initialization and the input scaling.", initialLoss, task.classCount(), expected,
                        task.classCount()));
            }
        }
    }

    /** The end of the warning that a pruning window lies past the run ({@link #pruningPastRun}). */
    private static final String PRUNING_PAST_RUN = "Set the pruning epochs within the run.";

    /**
     * The warnings that a length of {@code c}'s does not fit its run of {@code c.epochs()} epochs, each
     * epoch {@code clockPerEpoch} steps of the schedule's clock (0: unknown): the pruning window's and
     * the schedule's ({@link Schedule#pastRun}). Said again when the run's length changes ({@link #extendTo}).
     */
    private static List<String> pastRun(TrainingConfig c, long clockPerEpoch) {
        List<String> w = new java.util.ArrayList<>(2);
        String pruning = pruningPastRun(c);
        if (pruning != null) w.add(pruning);
        String schedule = c.schedule().pastRun(clockPerEpoch * c.epochs(), c.epochs());
        if (schedule != null) w.add(schedule);
        return w;
    }

    /** Whether warning {@code w} is one of {@link #pastRun}'s. */
    private static boolean pastRun(String w) {
        return w.endsWith(PRUNING_PAST_RUN) || w.endsWith(Schedule.FIT_THE_RUN);
    }

    /** The warning that {@code c}'s pruning window lies past its epochs (taken and silently never, or never fully, applied), or null. */
    private static String pruningPastRun(TrainingConfig c) {
        org.dendrite.core.regularization.Pruning pruning = c.pruning();
        if (!pruning.enabled() || pruning.endEpoch() <= c.epochs()) return null;
        return String.format(Locale.ROOT, "Pruning %s at epoch %d, after the run's %d epochs: %s. " + PRUNING_PAST_RUN,
                pruning.startEpoch() > c.epochs() ? "starts" : "reaches its target sparsity " + pruning.targetSparsity(),
                pruning.startEpoch() > c.epochs() ? pruning.startEpoch() : pruning.endEpoch(), c.epochs(),
                pruning.startEpoch() > c.epochs() ? "no weight is pruned" : String.format(Locale.ROOT,
                        "the run ends at sparsity %.3g", pruning.sparsityAt(c.epochs())));
    }

    /** A single-machine run on raw labeled rows: the data prepared ({@link TrainingData}), minibatches in memory. */
    public static TrainingRun local(TrainingConfig config, LabeledTable table, TrainingListener listener, WarmStart warm) {
        warm.check(table.classes(), table.features().columns().size());
        TrainingData data = config.holdingOut(() -> TrainingData.prepare(table, config.preprocessing(), config.robustTarget(),
                config.effectiveValidationFraction(), config.seed(), warm.enabled() ? warm.initial().preprocessor() : null,
                warm.enabled() ? warm.task(table.targetName(), table.classes()) : null));
        TrainingConfig c = warm.apply(config).resolve(data.train().size());
        Loss loss = c.lossFor(data.task());
        // the run is given the options' own network: it warns when the warm start's replaces another
        TrainingRun run = new TrainingRun(config, data.preprocessor(), data.task(), loss, new MinibatchSource(c, data.task(), loss, data.train(),
                data.validation()), listener, warm);
        run.rows = Checkpoint.Rows.of(table);
        return run;
    }

    /** {@link #local(TrainingConfig, LabeledTable, TrainingListener, WarmStart)} without listener or warm start. */
    public static TrainingRun local(TrainingConfig config, LabeledTable table) {
        return local(config, table, TrainingListener.NONE, WarmStart.NONE);
    }

    private void warn(String w) {
        history.warn(w);
        listener.onWarning(w);
    }

    public TrainingConfig config() { return config; }
    public int epoch() { return epoch; }
    public long steps() { return step; }
    public History history() { return history; }
    public Network network() { return network; }
    public Task task() { return task; }
    public Loss loss() { return loss; }
    public double initialLoss() { return initialLoss; }
    public GradientSource source() { return source; }

    /** True while epochs remain and early stopping has not stopped the run. */
    public boolean hasNextEpoch() {
        return epoch < config.epochs() && !stopper.stopped();
    }

    /** True when early stopping ended the run. */
    public boolean stoppedEarly() {
        return stopper.stopped();
    }

    /**
     * Asks for {@code epochs} epochs in all (at least the ones done; a run early stopping has stopped
     * trains no further, {@link #hasNextEpoch}). A schedule over the whole run
     * (the default cosine) then spans the new total from here on: continuing a finished run anneals
     * again from where the stretched schedule stands instead of training at its end rate of 0.
     */
    public void extendTo(int epochs) {
        if (epochs < epoch) {
            throw org.dendrite.core.check.Check.invalid("epochs", "Invalid epochs: " + epochs + " (allowed: at least the " + epoch
                    + " epochs the run has already trained)");
        }
        if (epochs != config.epochs()) {
            config = config.withEpochs(Math.max(epochs, 1));
            // the warnings of lengths past the run say what the new length makes true (a run continued past the pruning window kept
            // "the run ends at ...")
            history.replaceWarnings(TrainingRun::pastRun, pastRun(config, source.clockPerEpoch()));
        }
    }

    /**
     * Trains one more epoch and records it. On divergence, rolls back to the start of the epoch
     * with the learning rate divided by 10 when the diagnostics allow it, otherwise throws
     * {@link TrainingDivergedException}. A thread interrupted (Weka's Stop, an executor's cancel)
     * stops between epochs with a {@link java.util.concurrent.CancellationException}, the run whole at
     * its last epoch (it can be continued) and the interrupt left set for the caller.
     */
    public EpochRecord nextEpoch() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("Training was interrupted after epoch " + epoch + " of " + config.epochs()
                    + "; the run holds that epoch's weights");
        }
        long start = System.nanoTime();
        int maxRollbacks = config.diagnostics().maxRollbacks();
        RollbackPoint point = maxRollbacks > 0 ? new RollbackPoint(network, optimizer, step, clock) : null;
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
                point.restore(network, optimizer, history);
                step = point.step();
                clock = point.clock();
                lrScale /= 10;
                event = RollbackPoint.event(rollbacks, e);
                warn(event);
            }
        }
        epoch++;
        List<float[]> mask = config.pruning().afterEpoch(network.parameters(), epoch, pruneMask, frozen::contains);
        if (mask != pruneMask) {
            pruneMask = mask;
            source.constrain(frozen, pruneMask);
        }
        Evaluation.Predictions held = source.validation(network);
        Evaluation v = held == null ? null : held.evaluate(task);
        double lr = Double.isNaN(history.lastStepRate()) ? rate(clock) : history.lastStepRate();
        EpochRecord r = new EpochRecord(epoch, trainLoss, v == null ? Double.NaN : v.loss(), v == null ? Double.NaN : v.accuracy(),
                v == null ? Double.NaN : v.auc(), v == null ? Double.NaN : v.rmse(), lr, (System.nanoTime() - start) / 1e9, event,
                held == null ? List.of() : held.memberMeanLosses());
        history.add(r);
        // whether the loss moved is judged after the first epoch that ends at least LOSS_CHECK_STEPS steps in (or the last
        // epoch): a step or two (a few rows in one batch) move it little at any sound rate. An epoch's loss is its steps' losses
        // before their updates: a run of one step has nothing to judge (its loss is the initial loss)
        if (!lossChecked && clock >= 2 && (clock >= LOSS_CHECK_STEPS || !hasNextEpoch())) {
            lossChecked = true;
            if (!preprocessor.ignoresEveryInput() && Math.abs(trainLoss - initialLoss) <= 1e-4 * Math.max(Math.abs(initialLoss), 1e-12)) {
                warn(String.format(Locale.ROOT, LOSS_UNCHANGED + " in the first %d steps (%.6g -> %.6g): the learning rate "
                        + "%.3g is probably too small.", clock, initialLoss, trainLoss, lr));
            }
        }
        // early stopping watches the epochs from the one that reaches the pruning's target sparsity: an earlier best epoch's
        // weights, restored, were the unpruned network (target 0.95, best epoch before the pruning: a model of sparsity 0)
        if (!config.pruning().enabled() || epoch >= config.pruning().endEpoch()) {
            stopper.update(r, network, history);
        }
        listener.onEpoch(r, config.epochs());
        return r;
    }

    /** Trains epochs until the configured count or early stopping; returns the model. */
    public Model run() {
        while (hasNextEpoch()) {
            nextEpoch();
        }
        return model();
    }

    /** The best monitored validation value so far (NaN without early stopping). */
    public double bestMonitoredValue() {
        return stopper.best();
    }

    private double rate(long atClock) {
        return TrainingStep.learningRate(config, atClock, epoch, history, lrScale);
    }

    private double trainEpoch() {
        long steps = source.beginEpoch(epoch);
        double lossSum = 0, weightSum = 0, rate = Double.NaN;
        for (long i = 0; i < steps; i++) {
            rate = rate(clock);
            long at = clock;
            source.schedule(k -> rate(at + k));
            source.select(i, step, rate);
            // the history reports the data loss, comparable with the validation loss; the penalty is the optimizer's business
            double dataLoss = stepper.takeRecorded(rate, Double.isNaN(outerRate) ? rate : outerRate, epoch, step, explosionReference, gradient, frozen,
                    pruneMask, history);
            step++;
            clock += source.ticks();
            double weight = source.weight();
            lossSum += dataLoss * weight;
            weightSum += weight;
        }
        // a step can leave non-finite weights behind with a finite loss (an infinite gradient): caught here at the latest
        stepper.checkWeights(epoch, step, rate(clock));
        return lossSum / weightSum;
    }

    /** The state after the last completed epoch, as data ({@code io.CheckpointIO} writes it as JSON). */
    public Checkpoint checkpoint() {
        return new Checkpoint(config, preprocessor, task, network.inputWidth(), network.outputWidth(), epoch, step, clock, lrScale, rollbacks,
                network.snapshot(), optimizer.snapshot(), stopper.state(), pruneMask == null ? null : copy(pruneMask), frozen.layers(),
                frozen.values(), history.copy(), rows);
    }

    private static List<float[]> copy(List<float[]> arrays) {
        return arrays.stream().map(float[]::clone).toList();
    }

    /**
     * Continues a single-machine run from {@code checkpoint} on the same rows: exactly as the
     * uninterrupted run would (bit for bit on one thread), with the checkpoint's configuration,
     * preprocessing, frozen layers and history.
     */
    public static TrainingRun resume(Checkpoint checkpoint, LabeledTable table, TrainingListener listener) {
        Checkpoint.Rows these = Checkpoint.Rows.of(table);
        if (checkpoint.rows() != null && !checkpoint.rows().equals(these)) {
            // resumed silently, mixing the two (only renamed columns or another width were refused)
            throw new IllegalArgumentException("The checkpoint was written by a run on other rows than these (" + checkpoint.rows().count() + " rows"
                    + (checkpoint.rows().count() == these.count() ? ", as many, with other values, weights or order" : "; these are "
                    + these.count()) + "): resuming would train one run on both. Resume on the rows it was written on, train afresh, or "
                    + "start from its model's weights (a warm start)");
        }
        TrainingConfig c = checkpoint.config();
        TrainingData data = TrainingData.prepare(table, c.preprocessing(), c.robustTarget(), c.effectiveValidationFraction(), c.seed(),
                checkpoint.preprocessor(), checkpoint.task());
        Loss loss = c.lossFor(data.task());
        TrainingRun run = new TrainingRun(c, data.preprocessor(), data.task(), loss,
                new MinibatchSource(c, data.task(), loss, data.train(), data.validation()), listener, WarmStart.NONE);
        run.restore(checkpoint);
        run.rows = these;
        return run;
    }

    /** Continues from {@code c}, taken from a run of the same configuration and data shape (any gradient source). */
    public void restore(Checkpoint c) {
        if (c.inputWidth() != network.inputWidth() || c.outputWidth() != network.outputWidth()) {
            throw new IllegalArgumentException("The checkpoint's network (" + c.inputWidth() + " inputs, " + c.outputWidth()
                    + " outputs) does not match this data and configuration (" + network.inputWidth() + " inputs, " + network.outputWidth()
                    + " outputs)");
        }
        if (!c.config().network().equals(config.network())) {
            List<org.dendrite.core.layer.LayerSpec> had = c.config().network().layers(), has = config.network().layers();
            int i = 0;
            while (i < Math.min(had.size(), has.size()) && had.get(i).equals(has.get(i))) i++;
            throw new IllegalArgumentException("The checkpoint's network differs from this configuration's " + (i < Math.max(had.size(), has.size())
                    ? "at layer " + i + ": " + (i < had.size() ? had.get(i) : "none") + " in the checkpoint, " + (i < has.size() ? has.get(i) : "none") + " here"
                    : "in its members or data initialization: " + c.config().network().members() + ", " + c.config().network().dataInit()
                            + " in the checkpoint, " + config.network().members() + ", " + config.network().dataInit() + " here"));
        }
        network.restore(c.network());
        optimizer.restore(c.optimizer());
        epoch = c.epoch();
        step = c.step();
        clock = c.clock();
        // judged (or not) before the checkpoint when the run had taken LOSS_CHECK_STEPS steps by then, had ended, or had warned (a
        // run extended past its end): its history holds what was said (a run resumed after an epoch of 3 steps was never judged)
        lossChecked = clock >= LOSS_CHECK_STEPS || (clock >= 2 && epoch >= c.config().epochs())
                || c.history().warnings().stream().anyMatch(w -> w.startsWith(LOSS_UNCHANGED));
        lrScale = c.lrScale();
        rollbacks = c.rollbacks();
        stopper.restore(c.earlyStopping());
        pruneMask = c.pruneMask() == null ? null : copy(c.pruneMask());
        frozen = c.frozenLayers() == 0 ? FrozenParameters.NONE : FrozenParameters.of(network, c.frozenLayers(), c.frozenValues());
        history = c.history().copy();
        source.constrain(frozen, pruneMask);
        if (c.config().epochs() != config.epochs()) {
            extendTo(c.config().epochs());
        }
    }

    /**
     * The bias/variance diagnosis of the model as it is now: training vs validation accuracy (R^2
     * for regression), worded in plain language after the under/overfitting signs of the Georgia
     * Tech CS 4803/7643 Deep Learning lecture on optimization (Zsolt Kira).
     */
    public Diagnosis.BiasVariance biasVariance() {
        // accuracy or RMSE only: the ROC areas of a full Evaluation would cost more than the forward passes
        Evaluation.Predictions tr = source.training(network);
        Evaluation.Predictions va = source.validation(network);
        // the validation loss had stopped improving: early stopping ended the run, or its second half did not lower it
        double[] validationLoss = history.epochs().stream().mapToDouble(EpochRecord::validationLoss).toArray();
        boolean flattened = va != null && (stopper.stopped() || Diagnosis.flattened(validationLoss));
        boolean linear = config.network().layers().isEmpty();
        if (task.isClassification()) {
            return new Diagnosis.BiasVariance(tr.accuracy(), va == null ? Double.NaN : va.accuracy(), "accuracy", tr.majorityShare(), flattened, linear,
                    tr.logLoss(), tr.priorLogLoss());
        }
        double trainR2 = 1 - Math.pow(tr.rmse(task) / tr.targetStandardDeviation(task), 2);
        double validR2 = va == null ? Double.NaN : 1 - Math.pow(va.rmse(task) / va.targetStandardDeviation(task), 2);
        return new Diagnosis.BiasVariance(trainR2, validR2, "R^2", 0, flattened, linear, Double.NaN, Double.NaN);
    }

    /** The model as trained so far (shares the live network). */
    public Model model() {
        return new Model(preprocessor, network, loss, task, provenance.withConfig(config), history);
    }
}
