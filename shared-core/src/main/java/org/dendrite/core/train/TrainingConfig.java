package org.dendrite.core.train;

import java.io.Serializable;
import org.dendrite.core.augment.Augmentation;
import org.dendrite.core.check.Check;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.diagnostics.DiagnosticsConfig;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Adam;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.regularization.Pruning;
import org.dendrite.core.regularization.Regularization;
import org.dendrite.core.schedule.Cosine;
import org.dendrite.core.schedule.Schedule;

/**
 * Everything that decides how a model is trained. A null loss means the task's default: softmax
 * cross-entropy for a nominal target, mean squared error for a numeric one. A validation fraction
 * above 0 holds out that share of the training rows (stratified for a nominal target) to monitor
 * generalization; early stopping needs it.
 */
public record TrainingConfig(NetworkSpec network, Loss loss, Optimizer optimizer, Schedule schedule, int epochs, int batchSize,
                             long seed, PreprocessingConfig preprocessing, Regularization regularization, double validationFraction,
                             EarlyStopping earlyStopping, Augmentation augmentation, Pruning pruning, DiagnosticsConfig diagnostics,
                             GradientClipping clipping, int referenceBatchSize)
        implements Serializable {
    /** 0: chosen from the number of training rows by {@link SizeRule} (100 for small data). */
    public static final int DEFAULT_EPOCHS = 0;
    /** 0: chosen from the number of training rows by {@link SizeRule} (32 below 3,000 rows, 128 from there). */
    public static final int DEFAULT_BATCH_SIZE = 0;
    public static final long DEFAULT_SEED = 1;
    /** Adam at 1e-2, annealed to 0 over the run by {@link #DEFAULT_SCHEDULE} (the study: docs/design.md). */
    public static final Optimizer DEFAULT_OPTIMIZER = new Adam(1e-2);
    /** Cosine annealing over the configured epochs (it follows any change of the epoch count). */
    public static final Schedule DEFAULT_SCHEDULE = Cosine.WHOLE_RUN;
    /**
     * L2 penalty 3e-3 on weights (on the mean loss; see {@link Regularization}), in full up to
     * {@link SizeRule#LARGE_ROWS} training rows and weakening as 1/n beyond.
     */
    public static final Regularization DEFAULT_REGULARIZATION = new Regularization(0, 3e-3, false, false, 0, SizeRule.LARGE_ROWS);
    /** The validation share used when early stopping is on and no fraction was given. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    public static final TrainingConfig DEFAULT = new TrainingConfig(NetworkSpec.DEFAULT, null, DEFAULT_OPTIMIZER, DEFAULT_SCHEDULE,
            DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_SEED, PreprocessingConfig.DEFAULT, DEFAULT_REGULARIZATION, 0, EarlyStopping.OFF,
            Augmentation.NONE, Pruning.NONE, DiagnosticsConfig.DEFAULT, GradientClipping.NONE, 0);

    public TrainingConfig {
        if (network == null || optimizer == null || schedule == null || preprocessing == null) {
            throw new IllegalArgumentException("A training config needs a network, an optimizer, a schedule and preprocessing settings");
        }
        if (epochs < 0) {
            throw Check.invalid("epochs", "Invalid epochs: " + epochs + " (allowed: a whole number >= 1, or 0: chosen from the number of "
                    + "training rows)");
        }
        if (batchSize < 0) {
            throw Check.invalid("batchSize", "Invalid batch size: " + batchSize + " (allowed: a whole number >= 1, or 0: chosen from the "
                    + "number of training rows)");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw Check.invalid("validationFraction", "Invalid validation fraction: " + validationFraction + " (allowed: 0 <= fraction < 1; 0 = none)");
        }
        regularization = regularization == null ? Regularization.NONE : regularization;
        earlyStopping = earlyStopping == null ? EarlyStopping.OFF : earlyStopping;
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
        pruning = pruning == null ? Pruning.NONE : pruning;
        diagnostics = diagnostics == null ? DiagnosticsConfig.DEFAULT : diagnostics;
        clipping = clipping == null ? GradientClipping.NONE : clipping;
        if (referenceBatchSize < 0) {
            throw Check.invalid("referenceBatchSize", "Invalid referenceBatchSize: " + referenceBatchSize
                    + " (allowed: 0 = no linear scaling, or the batch size the learning rate was tuned for)");
        }
        if (referenceBatchSize > 0 && optimizer.requiresFullBatch()) {
            // the rule scaled the rate by a batch size the optimizer ignores: batchSize 64 over 16 made lbfgs's rate 4 and the loss 476
            throw Check.invalid("referenceBatchSize", "Invalid referenceBatchSize: " + referenceBatchSize + " with lbfgs: the linear scaling "
                    + "rule multiplies the learning rate by batchSize / referenceBatchSize, but lbfgs takes every step on all the training "
                    + "rows whatever the batch size (allowed with lbfgs: 0, no scaling)");
        }
    }

    /**
     * This configuration for {@code rows} training rows: the values left at 0, "chosen from the data"
     * (a dense layer's units, the epochs, the batch size), filled in by {@link SizeRule}, and the L2
     * penalty for that many rows ({@link Regularization#forRows}); unchanged when none applies.
     */
    public TrainingConfig resolve(long rows) {
        int b = batchSize == 0 ? SizeRule.batchSize(rows) : batchSize;
        int e = epochs == 0 ? SizeRule.epochs(rows, b) : epochs;
        NetworkSpec n = SizeRule.network(network, rows);
        Regularization r = regularization.forRows(rows);
        if (b == batchSize && e == epochs && n == network && r == regularization) {
            return this;
        }
        return new TrainingConfig(n, loss, optimizer, schedule, e, b, seed, preprocessing, r, validationFraction, earlyStopping,
                augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    /**
     * {@link #resolve(long)}, and the input layers told the input's layout ({@code preprocessor}'s): a
     * category embedding in front which nominal one-hot blocks it embeds, a periodic embedding which
     * inputs are numeric ({@link NetworkSpec#withInputs}).
     */
    public TrainingConfig resolve(long rows, org.dendrite.core.data.Preprocessor preprocessor) {
        if (preprocessor.whitening() != null && !network.layers().isEmpty()
                && network.layers().get(0) instanceof org.dendrite.core.layer.CategoryEmbeddingSpec) {
            // it embedded whitened components, mixtures of every input, as if they were a nominal column's categories
            throw Check.invalid("whitening", "A category embedding embeds the nominal columns' one-hot blocks, which whitening ("
                    + preprocessing.whitening().name().toLowerCase(java.util.Locale.ROOT) + ") mixes with every other input: use one or the other");
        }
        TrainingConfig c = resolve(rows);
        NetworkSpec n = c.network.withInputs(preprocessor.nominalBlocks(), preprocessor.numericOutputs());
        return n == c.network ? c : c.withNetwork(n);
    }

    /** True when some value is left to be chosen from the data ({@link #resolve}). */
    public boolean needsResolving() {
        return resolve(1) != this;
    }

    /**
     * The linear scaling rule (Goyal et al. 2017): with a reference batch size set, the learning rate
     * is multiplied by batchSize / referenceBatchSize (used when a cluster's global batch grows).
     */
    public double learningRateScale(int effectiveBatchSize) {
        return referenceBatchSize == 0 ? 1 : effectiveBatchSize / (double) referenceBatchSize;
    }

    /**
     * The loss in force for {@code task}: the configured one, or softmax cross-entropy for classes and
     * mean squared error for numbers; for an ensemble network, the mean of its members' losses. A loss
     * that does not fit the task (a regression loss for classes, a classification loss for numbers) is
     * refused.
     */
    /**
     * True when the loss is a robust one (mae, huber; an ensemble's members' too): a numeric target is
     * then scaled by its median and interquartile range, since an outlier's standard deviation would
     * shrink the other rows below what float32 training resolves (one row of 1e7 among values of 3
     * gave test RMSE 1,391 with mae, 0.11 scaled robustly).
     */
    public boolean robustTarget() {
        Loss base = loss instanceof org.dendrite.core.loss.MemberMean m ? m.loss() : loss;
        return base instanceof org.dendrite.core.loss.MeanAbsoluteError || base instanceof org.dendrite.core.loss.Huber;
    }

    public Loss lossFor(org.dendrite.core.data.Task task) {
        Loss base = loss != null ? loss : task.isClassification() ? new org.dendrite.core.loss.SoftmaxCrossEntropy()
                : new org.dendrite.core.loss.MeanSquaredError();
        if (base instanceof org.dendrite.core.loss.MemberMean m) {
            if (m.members() != network.members()) {
                // the network's members decide; a loss saying otherwise was dropped silently, and the saved configuration kept it
                throw Check.invalid("loss", "The loss member_mean's members (" + m.members() + ") differ from the network's members ("
                        + network.members() + "): give the members once, in the network (the trainer chooses member_mean for it)");
            }
            base = m.loss();
        }
        if (base instanceof org.dendrite.core.loss.SigmoidBinaryCrossEntropy) {
            // the two refusals below contradicted each other for it ("is for a nominal target", "use softmax_cross_entropy")
            throw Check.invalid("loss", "The loss sigmoid_cross_entropy is for targets that are probabilities per output (multi-label), "
                    + "which '" + task.targetName() + "' is not: use " + (task.isClassification() ? "softmax_cross_entropy (the default for a "
                    + "nominal target)" : "a regression loss (" + REGRESSION_LOSSES + ")"));
        }
        if (!task.isClassification() && base instanceof org.dendrite.core.loss.SoftmaxCrossEntropy) {
            boolean smoothing = base instanceof org.dendrite.core.loss.SoftmaxCrossEntropy ce && ce.labelSmoothing() > 0;
            throw Check.invalid(smoothing ? "labelSmoothing" : "loss", "The loss " + base.name()
                    + (smoothing ? " (label smoothing " + ((org.dendrite.core.loss.SoftmaxCrossEntropy) base).labelSmoothing() + ")" : "")
                    + " is for a nominal target, but '" + task.targetName() + "' is numeric"
                    + (smoothing ? "; label smoothing applies to classes only: leave it at 0" : "; use a regression loss (" + REGRESSION_LOSSES + ")"));
        }
        if (task.isClassification() && base instanceof org.dendrite.core.loss.SoftmaxCrossEntropy ce
                && ce.labelSmoothing() >= (task.classCount() - 1) / (double) task.classCount()) {
            // at (K-1)/K the smoothed target is uniform, above it the true class is the least likely: iris at 0.99999 trained to 28%
            throw Check.invalid("labelSmoothing", String.format(java.util.Locale.ROOT, "Invalid labelSmoothing: %s (allowed below (K - 1) / K = "
                    + "%.4g for the %d classes of '%s': there the smoothed target is uniform, and above it the true class is the least likely)",
                    ce.labelSmoothing(), (task.classCount() - 1) / (double) task.classCount(), task.classCount(), task.targetName()));
        }
        if (task.isClassification() && !(base instanceof org.dendrite.core.loss.SoftmaxCrossEntropy)) {
            // a loss of one output per target value would give one number where the model's users read a probability per class
            throw Check.invalid("loss", "The loss " + base.name() + " does not give a probability per class, but '" + task.targetName()
                    + "' is nominal; use softmax_cross_entropy (the default for a nominal target)");
        }
        return network.members() > 1 ? new org.dendrite.core.loss.MemberMean(base, network.members()) : base;
    }

    private static final String REGRESSION_LOSSES = "mse, mae, huber";

    /**
     * Refuses a reduce-on-plateau schedule (alone or inside a warm-up) whose {@code maximize} disagrees
     * with the value it reads: early stopping's monitor on the validation rows ({@code validation}), or
     * the training loss without them. It halved the rate after every epoch the validation accuracy rose
     * (maximize false, the default) and, without validation rows, after every epoch the loss fell.
     */
    public void requirePlateauDirection(boolean validation) {
        Schedule s = schedule instanceof org.dendrite.core.schedule.WarmUp w ? w.inner() : schedule;
        if (!(s instanceof org.dendrite.core.schedule.ReduceOnPlateau p)) return;
        Monitor m = earlyStopping.monitor();
        boolean higher = validation && m.higherIsBetter();
        if (p.maximize() != higher) {
            throw Check.invalid("maximize", "The reduce_on_plateau schedule has maximize " + p.maximize() + ", but it reads "
                    + (validation ? "the validation " + m.name().toLowerCase(java.util.Locale.ROOT).replace("validation_", "")
                    + " (early stopping's monitor)" : "the training loss (there are no validation rows)") + ", which is better when "
                    + (higher ? "larger" : "smaller") + ": set maximize to " + higher);
        }
    }

    /** The validation share in force: the one given, or the default when early stopping needs one. */
    public double effectiveValidationFraction() {
        return holdsOutForEarlyStopping() ? DEFAULT_VALIDATION_FRACTION : validationFraction;
    }

    /**
     * {@code split}, which holds out {@link #effectiveValidationFraction}; where that is early stopping's
     * default holdout (no validation fraction given), a refusal of the split names the patience that
     * asked for it (it named a validation fraction the user never set).
     */
    public <T> T holdingOut(java.util.function.Supplier<T> split) {
        try {
            return split.get();
        } catch (org.dendrite.core.check.InvalidSettingException e) {
            if (!holdsOutForEarlyStopping() || !e.setting().equals("validationFraction")) throw e;
            throw Check.invalid("patience", earlyStoppingHoldout() + ": " + e.getMessage()
                    + "; give a validation fraction, or turn early stopping off (patience 0)");
        }
    }

    /** Whether the rows held out are early stopping's own: none given, and early stopping on ({@link #effectiveValidationFraction}). */
    public boolean holdsOutForEarlyStopping() {
        return validationFraction == 0 && earlyStopping.enabled();
    }

    /** What a refusal of early stopping's own holdout says first: which setting asked for it. */
    public String earlyStoppingHoldout() {
        return "Early stopping (patience " + earlyStopping.patience() + ") watches a holdout of " + DEFAULT_VALIDATION_FRACTION
                + " of the rows where no validation fraction is given";
    }

    public TrainingConfig withNetwork(NetworkSpec v) {
        return new TrainingConfig(v, loss, optimizer, schedule, epochs, batchSize, seed, preprocessing, regularization, validationFraction,
                earlyStopping, augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withLoss(Loss v) {
        return new TrainingConfig(network, v, optimizer, schedule, epochs, batchSize, seed, preprocessing, regularization, validationFraction,
                earlyStopping, augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withOptimizer(Optimizer v) {
        return new TrainingConfig(network, loss, v, schedule, epochs, batchSize, seed, preprocessing, regularization, validationFraction,
                earlyStopping, augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withSchedule(Schedule v) {
        return new TrainingConfig(network, loss, optimizer, v, epochs, batchSize, seed, preprocessing, regularization, validationFraction,
                earlyStopping, augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withEpochs(int v) {
        return new TrainingConfig(network, loss, optimizer, schedule, v, batchSize, seed, preprocessing, regularization, validationFraction,
                earlyStopping, augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withBatchSize(int v) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, v, seed, preprocessing, regularization, validationFraction,
                earlyStopping, augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withSeed(long v) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, v, preprocessing, regularization, validationFraction,
                earlyStopping, augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withPreprocessing(PreprocessingConfig v) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, seed, v, regularization, validationFraction,
                earlyStopping, augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withRegularization(Regularization v) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, seed, preprocessing, v, validationFraction,
                earlyStopping, augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withValidationFraction(double v) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, seed, preprocessing, regularization, v,
                earlyStopping, augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withEarlyStopping(EarlyStopping v) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, seed, preprocessing, regularization, validationFraction,
                v, augmentation, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withAugmentation(Augmentation v) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, seed, preprocessing, regularization, validationFraction,
                earlyStopping, v, pruning, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withPruning(Pruning v) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, seed, preprocessing, regularization, validationFraction,
                earlyStopping, augmentation, v, diagnostics, clipping, referenceBatchSize);
    }

    public TrainingConfig withDiagnostics(DiagnosticsConfig v) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, seed, preprocessing, regularization, validationFraction,
                earlyStopping, augmentation, pruning, v, clipping, referenceBatchSize);
    }

    public TrainingConfig withClipping(GradientClipping v) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, seed, preprocessing, regularization, validationFraction,
                earlyStopping, augmentation, pruning, diagnostics, v, referenceBatchSize);
    }

    public TrainingConfig withReferenceBatchSize(int v) {
        return new TrainingConfig(network, loss, optimizer, schedule, epochs, batchSize, seed, preprocessing, regularization, validationFraction,
                earlyStopping, augmentation, pruning, diagnostics, clipping, v);
    }
}
