package org.dendrite.core.train;

/** Receives training progress; the Weka and Spark wrappers route it to their logs. All methods optional. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {};

    /** After every epoch; {@code plannedEpochs} is the configured count. */
    default void onEpoch(EpochRecord record, int plannedEpochs) {}

    /** A sanity-check or configuration warning. */
    default void onWarning(String message) {}
}
