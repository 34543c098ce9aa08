package org.dendrite.core.train;

import java.util.List;
import org.dendrite.core.diagnostics.LayerStatistics;
import org.dendrite.core.diagnostics.StatisticsSampler;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.OptimizerState;
import org.dendrite.core.regularization.Pruning;
import org.dendrite.core.schedule.Schedule;

/**
 * One optimizer step the way Dendrite takes it: in the training loop ({@link TrainingRun}), whatever
 * the {@link GradientSource}, and inside each partition's local steps of a Spark round, so the rules
 * cannot drift apart.
 *
 * <p>Per objective evaluation (once, or several times for L-BFGS): data loss and its gradient ->
 * penalty gradient -> gradient clipping. Then the optimizer update, the divergence check on the loss
 * (non-finite, or above {@link #EXPLOSION_FACTOR} times the initial loss; on divergence the
 * gradients and weights are scanned to name the parameter), and the proximal L1 / max-norm step.
 * Trainers scan the weights once per epoch with {@link #checkWeights}. The learning rate comes from
 * {@link #learningRate}. A step allocates nothing.
 */
public final class TrainingStep {
    /**
     * A batch loss this many times the initial loss counts as divergence: it is caught while the
     * weights are still finite, so a rollback has something sane to return to.
     */
    public static final double EXPLOSION_FACTOR = 1e6;

    /** The batch's data loss (weighted mean, without penalty) at the current weights, its gradient left in every parameter's grad. */
    @FunctionalInterface
    public interface Gradient {
        double compute();
    }

    private final TrainingConfig config;
    private final Network network;
    private final OptimizerState optimizer;
    /** False for an outer step on a pseudo-gradient: the local steps already applied penalties, clipping and the proximal step. */
    private final boolean direct;
    /** The current step's gradient callback and first data loss: fields, so nothing is allocated per step. */
    private Gradient gradient;
    /** The current step's frozen parameters and pruning mask (null: none pruned). */
    private FrozenParameters frozen = FrozenParameters.NONE;
    private List<float[]> pruneMask;
    private double dataLoss;
    private final org.dendrite.core.optim.Objective objective = this::evaluate;
    /** The weights before a sampled step, for the update statistics (one copy, reused). */
    private List<float[]> weightsBefore;

    /** Steps {@code network}'s parameters with {@code optimizer} (a state over those same parameters). */
    public TrainingStep(TrainingConfig config, Network network, OptimizerState optimizer) {
        this(config, network, optimizer, true);
    }

    /**
     * {@code direct} false: the steps apply pseudo-gradients (a round's averaged weight change) with
     * an outer optimizer, without the penalty gradient, clipping and proximal step, which the local
     * steps that made them already applied.
     */
    public TrainingStep(TrainingConfig config, Network network, OptimizerState optimizer, boolean direct) {
        this.config = config;
        this.network = network;
        this.optimizer = optimizer;
        this.direct = direct;
    }

    /**
     * The learning rate of the step at {@code step} in (0-based) {@code epoch}: the schedule at that
     * position, fed the monitored validation value of each finished epoch in {@code history} (the
     * training loss where there is none), times {@code scale} (a rollback's) and the linear scaling rule.
     */
    public static double learningRate(TrainingConfig config, long step, int epoch, History history, double scale) {
        double[] monitor = history.monitored(config.earlyStopping().monitor());
        return config.schedule().learningRate(config.optimizer().learningRate(), new Schedule.Position(step, epoch, monitor, config.epochs()))
                * scale * config.learningRateScale(config.batchSize());
    }

    /**
     * Takes the optimizer step at {@code step} (0-based, in 0-based {@code epoch}) with learning rate
     * {@code rate}; returns the data loss at the first evaluation, the one a history records.
     * {@code initialLoss} is the loss before training, the larger of its weighted and unweighted means (NaN: no explosion check).
     *
     * {@code frozen}'s values are restored after the step and the weights zero in {@code pruneMask} (null:
     * none pruned yet) kept at zero; neither counts in gradient clipping's norm.
     *
     * @throws TrainingDivergedException when the loss, a gradient or a weight stops being finite, or the loss explodes
     */
    public double take(double rate, int epoch, long step, double initialLoss, Gradient gradient, FrozenParameters frozen, List<float[]> pruneMask) {
        this.gradient = gradient;
        this.frozen = frozen;
        this.pruneMask = pruneMask;
        dataLoss = Double.NaN;
        double l;
        try {
            l = optimizer.step(rate, objective);
        } finally {
            this.gradient = null;
        }
        if (!Double.isFinite(l) || l > EXPLOSION_FACTOR * Math.max(initialLoss, 1e-3)) {
            // name a parameter that went non-finite when there is one, else the loss
            checkFinite(true, epoch, step, rate);
            checkWeights(epoch, step, rate);
            throw TrainingDivergedException.of(epoch + 1, step + 1, null,
                    Double.isFinite(l) ? "the loss (" + initialLoss + " before training)" : "the loss", l, rate);
        }
        if (direct) {
            config.regularization().afterStep(network.layers(), rate);
        }
        // last, after the proximal L1 and max-norm steps too, which would move them
        frozen.restore();
        if (pruneMask != null) {
            Pruning.keepPruned(network.parameters(), pruneMask);
        }
        return dataLoss;
    }

    /**
     * {@link #take} at {@code stepRate} with what the loop does around a step: per-layer statistics
     * every {@code statisticsEvery} steps of the diagnostics config (weights copied before, sampled
     * after), the frozen layers' values restored, pruned weights kept at zero ({@code pruneMask} null:
     * none pruned yet), and the scheduled learning rate {@code rate} and the data loss recorded in
     * {@code history}. {@code stepRate} is {@code rate}, or an outer optimizer's own rate. Returns the data loss.
     */
    public double takeRecorded(double rate, double stepRate, int epoch, long step, double initialLoss, Gradient gradient, FrozenParameters frozen,
                               List<float[]> pruneMask, History history) {
        int every = config.diagnostics().statisticsEvery();
        boolean sample = every > 0 && step % every == 0;
        if (sample) {
            weightsBefore = StatisticsSampler.copyWeights(network, weightsBefore);
        }
        double dataLoss = take(stepRate, epoch, step, initialLoss, gradient, frozen, pruneMask);
        if (sample) {
            for (LayerStatistics s : StatisticsSampler.sample(network, step, weightsBefore)) history.addStatistics(s);
        }
        history.addStepRate(rate);
        history.addStepLoss(dataLoss);
        return dataLoss;
    }

    /**
     * One objective evaluation: data loss and gradient, penalty gradient (its value only for
     * optimizers that compare objective values: L-BFGS's line search; the others need only the
     * gradient, one pass less over the weights), clipping.
     */
    private double evaluate() {
        double value = gradient.compute();
        if (Double.isNaN(dataLoss)) {
            dataLoss = value;
        }
        if (!direct) {
            return value;
        }
        if (config.regularization().isActive()) {
            if (config.optimizer().requiresFullBatch()) {
                value += config.regularization().penalty(network.parameters());
            }
            config.regularization().addGradient(network.parameters());
        }
        if (config.clipping().enabled() || config.optimizer().requiresFullBatch()) {
            // what does not move has no gradient (PyTorch: a frozen parameter has none, a pruned weight's is 0). Counted in
            // clipping's norm, a network pruned to 80% was clipped 3,500 times harder than asked; seen by L-BFGS, whose direction
            // and line search mix all weights, a step moved the frozen (or pruned) weights that were then put back, and the
            // training loss of a warm start with frozen layers rose epoch after epoch (0.46 to 1.16 in 8 epochs of strong Wolfe)
            frozen.zeroGradients();
            if (pruneMask != null) Pruning.zeroPrunedGradients(network.parameters(), pruneMask);
        }
        if (config.clipping().enabled()) {
            config.clipping().apply(network.parameters());
        }
        return value;
    }

    /**
     * Throws {@link TrainingDivergedException} naming the first parameter with a non-finite weight.
     * Trainers call it once per epoch: a scan of every weight at every step would cost more than the
     * update itself, and a non-finite weight shows in the next step's loss anyway (caught there, with
     * this scan naming the parameter).
     */
    public void checkWeights(int epoch, long step, double rate) {
        checkFinite(false, epoch, step, rate);
    }

    private void checkFinite(boolean gradients, int epoch, long step, double rate) {
        for (Parameter p : network.parameters()) {
            float[] a = gradients ? p.grad() : p.value();
            for (float v : a) {
                if (!Float.isFinite(v)) {
                    throw TrainingDivergedException.of(epoch + 1, step + 1, "parameter " + p.name(), gradients ? "a gradient" : "a weight", v, rate);
                }
            }
        }
    }
}
