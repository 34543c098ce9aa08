package org.dendrite.core.search;

import java.io.Serializable;
import java.util.Map;
import org.dendrite.core.train.TrainingConfig;

/**
 * One trial of a search as it ended: its id (the order it was drawn in), the Hyperband bracket it
 * ran in (0 for other schedulers), its candidate values and full configuration (epochs = the budget
 * it last trained to), the epochs it reached, its validation score there, the score after every
 * epoch of its last run ({@code curve[e - 1]} after epoch e), the score at each budget it was
 * evaluated at, its training time and the epochs it trained in all (a restarted trial trains its
 * first epochs again), whether it reached the scheduler's final budget, and the error
 * that stopped it (null when none).
 */
public record TrialRecord(int id, int bracket, Candidate candidate, TrainingConfig config, int epochs, double score, double[] curve,
                          Map<Integer, Double> rungScores, double seconds, int epochsTrained, boolean complete,
                          String failure) implements Serializable {
    private static final long serialVersionUID = 1L;

    public TrialRecord {
        curve = curve.clone();
        rungScores = Map.copyOf(rungScores);
    }

    @Override
    public double[] curve() {
        return curve.clone();
    }

    public boolean failed() {
        return failure != null;
    }
}
