package org.dendrite.core.train;

import org.dendrite.core.data.LabeledTable;

/** Trains a model on one machine to the configured number of epochs (or early stopping). */
public final class Trainer {
    private Trainer() {}

    /** Trains on labeled rows with {@code config}. */
    public static Model fit(TrainingConfig config, LabeledTable table) {
        return TrainingRun.local(config, table).run();
    }
}
