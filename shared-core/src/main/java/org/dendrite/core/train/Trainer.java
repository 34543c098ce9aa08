package org.dendrite.core.train;

import java.util.List;
import org.dendrite.core.data.Table;

/** Trains a model to the configured number of epochs. */
public final class Trainer {
    private Trainer() {}

    /** Trains on raw rows; {@code classes} empty means a numeric target; {@code weights} may be null. */
    public static Model fit(TrainingConfig config, Table table, String targetName, List<String> classes, double[] target, float[] weights) {
        TrainingRun run = new TrainingRun(config, table, targetName, classes, target, weights);
        while (run.hasNextEpoch()) {
            run.nextEpoch();
        }
        return run.model();
    }
}
