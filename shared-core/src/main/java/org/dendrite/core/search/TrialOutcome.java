package org.dendrite.core.search;

import java.io.Serializable;
import java.util.List;
import org.dendrite.core.train.Checkpoint;

/**
 * A finished {@link TrialTask}: the epochs reached (fewer than the target when early stopping
 * ended it), the validation score after each epoch this job trained ({@code curve}, the mean over
 * the splits), whether it started from scratch, the new checkpoints (null unless kept), its seconds,
 * the epochs it trained, and the error that stopped it (null when none).
 */
public record TrialOutcome(int target, int epochs, double[] curve, boolean restarted, List<Checkpoint> checkpoints, double seconds,
                           int epochsTrained, String failure) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A job that failed with {@code message} after {@code seconds}. */
    static TrialOutcome failed(TrialTask task, double seconds, String message) {
        return new TrialOutcome(task.target(), task.fromEpoch(), new double[0], false, null, seconds, 0, message);
    }
}
