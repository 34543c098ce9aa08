package org.dendrite.core.train;

import org.dendrite.core.layer.Parameter;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.OptimizerState;
import org.dendrite.core.schedule.Schedule;

/**
 * One optimizer step the way every Dendrite trainer takes it: on one machine ({@link TrainingRun}),
 * in Spark's synchronous mode (the gradient is a sum over partitions) and inside each partition's
 * local steps in local SGD, so the rules cannot drift apart between them.
 *
 * <p>Per objective evaluation (once, or several times for L-BFGS): data loss and its gradient ->
 * penalty value and gradient -> gradient clipping -> finite check of the gradients. Then the
 * optimizer update, divergence checks on the loss (non-finite, or above
 * {@link #EXPLOSION_FACTOR} times the initial loss) and on the weights, and the proximal L1 /
 * max-norm step. The learning rate comes from {@link #learningRate}.
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

    /** Steps {@code network}'s parameters with {@code optimizer} (a state over those same parameters). */
    public TrainingStep(TrainingConfig config, Network network, OptimizerState optimizer) {
        this.config = config;
        this.network = network;
        this.optimizer = optimizer;
    }

    /**
     * The learning rate of the step at {@code step} in (0-based) {@code epoch}: the schedule at that
     * position, fed the monitored validation value of each finished epoch in {@code history} (the
     * training loss where there is none), times {@code scale} (a rollback's) and the linear scaling rule.
     */
    public static double learningRate(TrainingConfig config, long step, int epoch, History history, double scale) {
        double[] monitor = new double[history.size()];
        for (int i = 0; i < monitor.length; i++) {
            EpochRecord r = history.epochs().get(i);
            double v = r.monitored(config.earlyStopping().monitor());
            monitor[i] = Double.isNaN(v) ? r.trainLoss() : v;
        }
        return config.schedule().learningRate(config.optimizer().learningRate(), new Schedule.Position(step, epoch, monitor))
                * scale * config.learningRateScale(config.batchSize());
    }

    /**
     * Takes the optimizer step at {@code step} (0-based, in 0-based {@code epoch}) with learning rate
     * {@code rate}; returns the data loss at the first evaluation, the one a history records.
     * {@code initialLoss} is the loss before training (NaN: no explosion check).
     *
     * @throws TrainingDivergedException when the loss, a gradient or a weight stops being finite, or the loss explodes
     */
    public double take(double rate, int epoch, long step, double initialLoss, Gradient gradient) {
        double[] dataLoss = {Double.NaN};
        double l = optimizer.step(rate, () -> {
            double value = gradient.compute();
            if (Double.isNaN(dataLoss[0])) {
                dataLoss[0] = value;
            }
            if (config.regularization().isActive()) {
                value += config.regularization().penalty(network.parameters());
                config.regularization().addGradient(network.parameters());
            }
            if (config.clipping().enabled()) {
                config.clipping().apply(network.parameters());
            }
            if (Double.isFinite(value)) {
                checkFinite(true, epoch, step, rate);
            }
            return value;
        });
        if (!Double.isFinite(l)) {
            throw TrainingDivergedException.of(epoch + 1, step + 1, null, "the loss", l, rate);
        }
        if (l > EXPLOSION_FACTOR * Math.max(initialLoss, 1e-3)) {
            throw TrainingDivergedException.of(epoch + 1, step + 1, null, "the loss (" + initialLoss + " before training)", l, rate);
        }
        checkFinite(false, epoch, step, rate);
        config.regularization().afterStep(network.layers(), rate);
        return dataLoss[0];
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
