package org.dendrite.core.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.data.Seeds;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.OptimizerState;

/**
 * One shard's part of a round of local SGD (Stich 2019, "Local SGD Converges Fast and Communicates
 * Little"): from the round's starting weights, {@code steps} minibatch steps on the shard's own rows,
 * each the core's {@link TrainingStep} with the configured optimizer, penalties and clipping, the
 * frozen layers' values and pruned weights kept after each. The shard walks its own stream of shuffled
 * epochs of its own rows ({@link Seeds#shard}), continued round after round, so no shard needs
 * another's row indices. The shards' {@link Partial}s add up (in any order) to the mean of their
 * weights weighted by each shard's instance-weight sum (its row count when rows are unweighted: its
 * share of the whole objective), which {@link #apply} turns into the round's pseudo-gradient for the
 * loop's outer optimizer. A shard without rows (rows of weight 0 are removed before training) takes no steps and adds nothing. An
 * instance keeps its optimizer state, so a shard that runs several rounds with the same instance
 * continues its inner optimizer (Adam's moments) across them; a new instance starts afresh.
 */
public final class LocalSteps {
    /**
     * What a round asks of every shard: its first local step (in each shard's own count), how many, the
     * learning rate of each (the schedule's, step by step, as one machine takes them), the loop's constraints.
     */
    public record Round(long firstStep, int steps, double[] rates, int frozenLayers, List<float[]> pruneMask) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Round {
            if (rates.length != steps) throw new IllegalArgumentException("A round of " + steps + " steps needs as many rates, got " + rates.length);
        }

        /** A round whose steps all take {@code rate}. */
        public Round(long firstStep, int steps, double rate, int frozenLayers, List<float[]> pruneMask) {
            this(firstStep, steps, constant(steps, rate), frozenLayers, pruneMask);
        }

        private static double[] constant(int steps, double rate) {
            double[] r = new double[steps];
            java.util.Arrays.fill(r, rate);
            return r;
        }
    }

    /** What every shard's local steps are made from, shipped once to where the shards are. */
    public record Setup(TrainingConfig config, Loss loss, int classes, int outputWidth) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The local steps of shard {@code shard}, whose rows are {@code data}. */
        public LocalSteps of(Dataset data, int shard) {
            return new LocalSteps(config, loss, classes, data, shard, outputWidth);
        }
    }

    /**
     * Shards' answers added up: weights and buffers times each shard's share (its instance-weight
     * sum), the shares, the weighted loss sum and the steps' weight sum.
     */
    public static final class Partial implements Serializable {
        private static final long serialVersionUID = 1L;
        double[] state;
        double share;
        double lossSum;
        double weightSum;

        /** Adds {@code o} into this; returns this. */
        public Partial merge(Partial o) {
            if (o.state == null) return this;
            if (state == null) {
                state = o.state.clone();
            } else {
                for (int i = 0; i < state.length; i++) state[i] += o.state[i];
            }
            share += o.share;
            lossSum += o.lossSum;
            weightSum += o.weightSum;
            return this;
        }

        /** The weighted mean loss of the round's local steps; 0 when there were none. */
        public double meanLoss() {
            return weightSum > 0 ? lossSum / weightSum : 0;
        }

        public double weightSum() {
            return weightSum;
        }
    }

    private final TrainingConfig config;
    private final Network local;
    private final OptimizerState optimizer;
    private final TrainingStep stepper;
    private final MinibatchSource rows;
    private final long stepsPerEpoch;
    /** The shard's instance-weight sum: its share of the objective. */
    private final double share;
    /** The local step the shard's row stream stands at (-1: not placed yet): a round that starts there continues it. */
    private long next = -1;
    /**
     * The inner optimizer's state as the latest round began, and that round's first step (-1: none yet). A round
     * that begins there again repeats that round: an attempt of it stopped part-way (a failed or killed Spark task,
     * run again on the worker that keeps this state) or its result was not taken, and that attempt's steps had
     * moved the moments and the step count, so the round starts again from this copy.
     */
    private OptimizerState.Snapshot roundStart;
    private long roundFirst = -1;

    /** A shard of {@code data} rows (its number {@code shard} seeds its stream) for a network of {@code outputWidth} outputs. */
    public LocalSteps(TrainingConfig config, Loss loss, int classes, Dataset data, int shard, int outputWidth) {
        this.config = config;
        this.local = Network.build(config.network(), data.featureCount(), outputWidth, 0);
        this.optimizer = config.optimizer().newState(local.parameters());
        this.stepper = new TrainingStep(config, local, optimizer);
        // a full-batch optimizer (L-BFGS) steps on all of the shard's rows, as on one machine (MinibatchSource)
        int batch = config.optimizer().requiresFullBatch() ? data.size() : Math.min(config.batchSize(), data.size());
        this.rows = new MinibatchSource(data, null, loss, config.augmentation(), classes, Seeds.shard(config.seed(), shard), batch);
        this.stepsPerEpoch = Batches.count(data.size(), batch);
        this.share = Loss.weightSum(data.weights(), data.size());
    }

    /**
     * Takes the round's local steps from {@code start}; returns this shard's part of the round. A round run again
     * (its first step the latest round's: an attempt of it threw part-way, or its result was not taken) starts from
     * the inner state its first attempt started from; two attempts never run at once (a killed attempt that still
     * runs finishes first).
     */
    public synchronized Partial run(Network.Snapshot start, Round r) {
        if (!(share > 0)) return new Partial();
        if (r.firstStep() == roundFirst) {
            // the round again: undo the earlier attempt's steps, and place the stream anew (it stands where that attempt stopped);
            // the rows and the moments are the first attempt's, dropout masks and augmentation draws begin again from the epoch's generator
            optimizer.restore(roundStart);
            next = -1;
        } else {
            // one copy of the inner optimizer's state per round: a fraction of one of the round's steps, which each pass over it too
            roundStart = optimizer.snapshot();
            roundFirst = r.firstStep();
        }
        local.restore(start);
        // the frozen layers keep the round's starting values, the loop's
        FrozenParameters frozen = FrozenParameters.of(local, r.frozenLayers());
        double lossSum = 0, weightSum = 0;
        for (int s = 0; s < r.steps(); s++) {
            long at = r.firstStep() + s;
            // placed anew only where the stream does not stand already: begun again each round, the epoch's generator
            // repeated the first round's dropout masks and augmentation draws in every round of the epoch
            if (at != next || at % stepsPerEpoch == 0) {
                rows.beginEpoch((int) (at / stepsPerEpoch));
                rows.seek(at % stepsPerEpoch);
            }
            rows.select(s, at, r.rates()[s]);
            next = at + 1;
            double l = stepper.take(r.rates()[s], (int) (at / stepsPerEpoch), at, Double.NaN, () -> rows.gradient(local), frozen, r.pruneMask());
            lossSum += l * rows.weight();
            weightSum += rows.weight();
        }
        // a non-finite local weight must not be averaged into the model
        stepper.checkWeights(0, r.firstStep() + r.steps() - 1, r.steps() == 0 ? 0 : r.rates()[r.steps() - 1]);
        List<float[]> state = new ArrayList<>();
        for (Parameter p : local.parameters()) state.add(p.value());
        state.addAll(local.buffers().values());
        int n = 0;
        for (float[] v : state) n += v.length;
        Partial out = new Partial();
        out.state = new double[n];
        int o = 0;
        for (float[] v : state) for (float f : v) out.state[o++] = f * share;
        out.share = share;
        out.lossSum = lossSum;
        out.weightSum = weightSum;
        return out;
    }

    /**
     * Driver side: from the shards' summed {@code total}, writes the pseudo-gradient (the starting
     * weights minus the share-weighted mean of the shards' weights) into {@code network}'s gradients and
     * the mean batch-norm statistics into its buffers; returns the round's mean loss.
     */
    public static double apply(Partial total, Network network) {
        int o = 0;
        for (Parameter p : network.parameters()) {
            float[] w = p.value(), g = p.grad();
            for (int i = 0; i < w.length; i++) g[i] = (float) (w[i] - total.state[o++] / total.share);
        }
        for (float[] b : network.buffers().values()) for (int i = 0; i < b.length; i++) b[i] = (float) (total.state[o++] / total.share);
        return total.meanLoss();
    }
}
