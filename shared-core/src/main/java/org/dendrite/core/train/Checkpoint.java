package org.dendrite.core.train;

import java.util.List;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.Task;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.OptimizerState;

/**
 * Everything a run needs to continue after its last completed epoch, as plain data in the spirit of
 * PyTorch's {@code state_dict()}: the configuration (epochs as extended so far), the fitted
 * preprocessing and task, the network's weights and buffers, the optimizer's buffers, scalars and
 * step count, the loop's counters (epoch, step, schedule clock, rollback learning-rate scale and
 * count), early stopping's state, the pruning masks (null: nothing pruned yet), the frozen layers
 * with the values they keep, the history and the rows trained on ({@link Rows}). Written and read as versioned JSON by
 * {@code io.CheckpointIO} (docs/model-format.md); {@link TrainingRun#resume} continues from it bit
 * for bit on one thread. Serializable too, to travel between JVMs within one job (a search's trial
 * run on a Spark executor); files are the JSON.
 */
public record Checkpoint(TrainingConfig config, Preprocessor preprocessor, Task task, int inputWidth, int outputWidth, int epoch, long step,
                         long clock, double lrScale, int rollbacks, Network.Snapshot network, OptimizerState.Snapshot optimizer,
                         EarlyStopper.State earlyStopping, List<float[]> pruneMask, int frozenLayers, List<float[]> frozenValues,
                         History history, Rows rows) implements java.io.Serializable {
    /**
     * The rows a run trained on, by their number and a 64-bit fingerprint of every value, target and
     * weight in order ({@code data.LabeledTable.fingerprint}): a resume on other rows is refused. Null
     * where the rows are not known in one place (a distributed run) or were not recorded (checkpoints
     * of format version 1, Weka models kept before).
     */
    public record Rows(long count, long fingerprint) implements java.io.Serializable {
        public static Rows of(org.dendrite.core.data.LabeledTable table) {
            return new Rows(table.size(), table.fingerprint());
        }
    }

    /**
     * A checkpoint Java-serialized before periodic embeddings listed their inputs (a Weka model kept
     * with -resume) has a configuration without them, for layers that embedded every input: listed, as
     * its network's spec is (Network's readResolve), so that the run it resumes builds those layers.
     */
    private Object readResolve() {
        org.dendrite.core.network.NetworkSpec listed = config.network().withEveryInputEmbedded(inputWidth);
        return listed == config.network() ? this : new Checkpoint(config.withNetwork(listed), preprocessor, task, inputWidth, outputWidth, epoch, step,
                clock, lrScale, rollbacks, network, optimizer, earlyStopping, pruneMask, frozenLayers, frozenValues, history, rows);
    }
}
