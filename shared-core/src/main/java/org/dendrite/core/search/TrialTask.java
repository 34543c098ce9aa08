package org.dendrite.core.search;

import java.io.Serializable;
import java.util.List;
import org.dendrite.core.train.Checkpoint;
import org.dendrite.core.train.TrainingConfig;

/**
 * One training job of a search as data, so it can run anywhere (a local worker thread, a Spark
 * executor): trial {@code trialId}'s configuration (its own seed set), trained to {@code target}
 * epochs in all, from scratch ({@code restart}) or from {@code checkpoints} (one per validation
 * split, taken after {@code fromEpoch} epochs), keeping new checkpoints when it may be promoted
 * again, scored after every epoch by {@code metric}.
 */
public record TrialTask(int trialId, TrainingConfig config, int target, boolean restart, int fromEpoch, List<Checkpoint> checkpoints,
                        boolean keepCheckpoints, Metric metric) implements Serializable {
    private static final long serialVersionUID = 1L;
}
