package org.dendrite.weka.search;

import org.dendrite.core.search.Continuation;
import org.dendrite.core.search.Hyperband;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/**
 * The options of the searches that spend epochs where they pay (successive halving, Hyperband,
 * ASHA): the rungs' minimum and maximum epochs, the reduction factor and what a promoted trial does.
 */
public abstract class EpochBudgetSearch extends SearchSettings {
    private static final long serialVersionUID = 1L;

    private int minEpochs = Hyperband.DEFAULT.minEpochs();
    private int maxEpochs = Hyperband.DEFAULT.maxEpochs();
    private int eta = Hyperband.DEFAULT.eta();
    private Continuation continuation = Continuation.AUTO;

    @Override
    protected Continuation continuation() {
        return continuation;
    }

    @OptionMetadata(displayName = "minimum epochs", description = "The fewest epochs a rung trains (0 = maxEpochs / eta^3 rounded, at least 1): the rungs are "
            + "maxEpochs / eta^k rounded, k = s .. 0, s the largest with minEpochs x eta^s <= maxEpochs.",
            commandLineParamName = "min-epochs", commandLineParamSynopsis = "-min-epochs <n>", displayOrder = 10)
    public int getMinEpochs() { return minEpochs; }
    public void setMinEpochs(int v) { minEpochs = v; }

    @OptionMetadata(displayName = "maximum epochs", description = "The top rung's epochs, the most a trial trains (0 = the classifier's "
            + "-epochs).", commandLineParamName = "max-epochs", commandLineParamSynopsis = "-max-epochs <n>", displayOrder = 11)
    public int getMaxEpochs() { return maxEpochs; }
    public void setMaxEpochs(int v) { maxEpochs = v; }

    @OptionMetadata(displayName = "reduction factor", description = "eta (>= 2): each rung keeps the best 1/eta and trains them eta "
            + "times longer.", commandLineParamName = "eta", commandLineParamSynopsis = "-eta <n>", displayOrder = 12)
    public int getEta() { return eta; }
    public void setEta(int v) { eta = v; }

    @OptionMetadata(displayName = "promoted trials", description = "auto (continue from the checkpoint below the final budget; under a "
            + "schedule that depends on the run's length, such as the default whole-run cosine, the final budget trains from scratch, "
            + "as the refit will; see docs/design.md), continue (always from the checkpoint), or restart (always from scratch).",
            commandLineParamName = "continuation", commandLineParamSynopsis = "-continuation <auto|continue|restart>", displayOrder = 13)
    public SelectedTag getContinuation() { return tag(continuation); }
    public void setContinuation(SelectedTag v) { continuation = value(v, Continuation.class); }
}
