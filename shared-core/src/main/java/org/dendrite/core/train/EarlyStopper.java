package org.dendrite.core.train;

import java.io.Serializable;
import org.dendrite.core.network.Network;

/**
 * The running state of {@link EarlyStopping} over one training run (the record is the config):
 * the best monitored value so far, its epoch and weights, and the epochs since. Every trainer (one
 * machine, Spark) feeds it each epoch's record, so they stop and restore alike.
 */
public final class EarlyStopper implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EarlyStopping config;
    private final boolean classification;
    private double best = Double.NaN;
    private int bestEpoch;
    private int sinceBest;
    private Network.Snapshot bestWeights;
    private boolean stopped;

    /** {@code classification} only words the error for a monitor the task does not have. */
    public EarlyStopper(EarlyStopping config, boolean classification) {
        this.config = config;
        this.classification = classification;
        // refused before training rather than after its first epoch
        boolean defined = switch (config.monitor()) {
            case VALIDATION_LOSS -> true;
            case ACCURACY, AUC -> classification;
            case RMSE -> !classification;
        };
        if (config.enabled() && !defined) throw undefined();
    }

    private IllegalArgumentException undefined() {
        // named as the JSON spells them ($.earlyStopping.monitor)
        return org.dendrite.core.check.Check.invalid("earlyStopping", "Early stopping monitors " + config.monitor().name().toLowerCase(java.util.Locale.ROOT)
                + ", which is undefined for this " + (classification ? "classification" : "regression") + " task; choose "
                + (classification ? "validation_loss, accuracy or auc" : "validation_loss or rmse"));
    }

    /**
     * Looks at a finished epoch (its weights are {@code network}'s). After {@code patience} epochs
     * without improvement it stops and, with restoreBest, writes the best epoch's weights back into
     * {@code network} and records that epoch in {@code history}. Returns true once stopped.
     */
    public boolean update(EpochRecord r, Network network, History history) {
        if (!config.enabled()) {
            return stopped;
        }
        double value = r.monitored(config.monitor());
        if (Double.isNaN(value)) throw undefined();
        if (config.improves(value, best)) {
            best = value;
            bestEpoch = r.epoch();
            sinceBest = 0;
            if (config.restoreBest()) {
                bestWeights = network.snapshot();
            }
        } else if (++sinceBest >= config.patience()) {
            stopped = true;
            if (config.restoreBest() && bestWeights != null) {
                network.restore(bestWeights);
                history.setBestEpoch(bestEpoch);
            }
        }
        return stopped;
    }

    /** True when early stopping ended the run. */
    public boolean stopped() {
        return stopped;
    }

    /** The best monitored value so far (NaN before the first epoch or without early stopping). */
    public double best() {
        return best;
    }

    /** The running state as data, for checkpoints. */
    public record State(double best, int bestEpoch, int sinceBest, boolean stopped, Network.Snapshot bestWeights) implements java.io.Serializable {}

    public State state() {
        return new State(best, bestEpoch, sinceBest, stopped, bestWeights);
    }

    /** Continues from a {@link #state()}. */
    public void restore(State s) {
        best = s.best();
        bestEpoch = s.bestEpoch();
        sinceBest = s.sinceBest();
        stopped = s.stopped();
        bestWeights = s.bestWeights();
    }

    /** The epoch (1-based) of the best monitored value, 0 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
