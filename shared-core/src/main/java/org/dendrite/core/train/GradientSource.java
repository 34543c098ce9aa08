package org.dendrite.core.train;

import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.Optimizer;

/**
 * Where the gradient of each step of the one training loop ({@link TrainingRun}) comes from. The
 * loop owns epochs, the schedule clock, the optimizer, rollbacks, pruning, early stopping, history
 * and checkpoints; a source only knows its rows:
 *
 * <ul>
 *   <li>{@link MinibatchSource}: minibatches of rows in memory (one machine);</li>
 *   <li>Spark's synchronous mode: each step's global minibatch split over the partitions, the
 *       gradient summed by {@link ShardedBatch};</li>
 *   <li>Spark's rounds: every partition takes local steps from the same weights and the weights'
 *       change, averaged, is a pseudo-gradient that the loop applies with an {@link #outerOptimizer()}.</li>
 * </ul>
 *
 * <p>Per epoch the loop calls {@link #beginEpoch}, then for each step {@link #select},
 * {@link #gradient} (several times within one step for L-BFGS, which must see the same rows) and
 * {@link #weight}. A rollback calls {@link #beginEpoch} again for the same epoch, which must then
 * repeat its steps.
 */
public interface GradientSource {
    /** The number of rows the source trains on (for the configuration warnings). */
    long rows();

    /** Starts (0-based) epoch {@code epoch} and returns how many steps it has. */
    long beginEpoch(int epoch);

    /**
     * Makes step {@code index} (0-based, in order) of the epoch current: {@code step} is the run's
     * global step count, {@code rate} the learning rate scheduled for it.
     */
    void select(long index, long step, double rate);

    /**
     * For a source whose step is many local steps (a round, {@link #ticks}): {@code rateAt(k)} is the
     * scheduled rate of the current step's k-th local step (the clock at its start plus k), so that a
     * schedule by steps (warm-up, one-cycle) reaches each local step as one machine's step; given before
     * each {@link #select}. A source of single steps needs only {@link #select}'s rate.
     */
    default void schedule(java.util.function.LongToDoubleFunction rateAt) {}

    /** The summed weight of the current step's rows, known after its {@link #gradient} (the epoch's loss is the weighted mean of its steps' losses). */
    double weight();

    /**
     * The current step's data loss (weighted mean over its rows) at {@code network}'s current
     * weights, with its gradient written into every parameter's gradient.
     */
    double gradient(Network network);

    /**
     * Up to {@code n} of the training rows' (preprocessed) features, a uniform draw reproducible from
     * {@code seed}: the sample that data-dependent initialization ({@code network.DataInit}) sets the
     * first weights from.
     */
    org.dendrite.core.tensor.Matrix sample(int n, long seed);

    /** Inference-mode predictions and loss of {@code network} over the training rows. */
    Evaluation.Predictions training(Network network);

    /** The same over the held-out validation rows, or null when there are none. */
    Evaluation.Predictions validation(Network network);

    /** Whether there are held-out validation rows ({@link #validation} gives predictions). */
    boolean hasValidation();

    /**
     * The inference-mode weighted mean loss of {@code network} over the training rows: the training
     * predictions' mean loss; a distributed source sums the loss where the rows are instead of
     * gathering a prediction per row.
     */
    default double trainingLoss(Network network) {
        return training(network).meanLoss();
    }

    /**
     * The unweighted mean loss of {@code network} over the training rows, or NaN where the source
     * does not compute it (its rows weigh alike, or are not in one place). With instance weights of
     * very different sizes a minibatch of light rows, whose weighted mean divides their weights out,
     * starts near this mean, far above the weighted one: the loop's explosion check compares a step's
     * loss with the larger of the two, so that such a batch is not taken for a divergence.
     */
    default double unweightedTrainingLoss(Network network) {
        return Double.NaN;
    }

    /**
     * The loop's constraints as they change (at the start and after each epoch's pruning): the frozen
     * layers and the pruning masks (null: nothing pruned). The loop itself restores frozen values and
     * zeroes pruned weights after each of its steps; a source whose gradient comes from local steps
     * (rounds) applies them after each of those too.
     */
    default void constrain(FrozenParameters frozen, java.util.List<float[]> pruneMask) {}

    /**
     * How far one epoch advances the schedule's clock: its steps, or for rounds a partition's local
     * steps in an epoch; 0 when unknown (a schedule's length in steps is then not compared with the run's).
     */
    default long clockPerEpoch() {
        return 0;
    }

    /** How far the current step advances the schedule's clock: 1, or a round's number of local steps. */
    default long ticks() {
        return 1;
    }

    /**
     * Null for a true gradient (the loop steps with the configured optimizer). Otherwise
     * {@link #gradient} yields a pseudo-gradient, the weights' change over local steps that already
     * applied the configured optimizer, penalties and clipping; the loop then takes its step with
     * this optimizer at its own learning rate (plain SGD at rate 1 is model averaging).
     */
    default Optimizer outerOptimizer() {
        return null;
    }
}
