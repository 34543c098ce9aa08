package org.dendrite.core.train;

/**
 * Where the rounds of local steps of a data-parallel trainer fall (local SGD: every shard takes H
 * minibatch steps from the round's starting weights, then their changes are combined): the round's
 * first step on the shards' local clock and its length H, epoch by epoch, for the loop's
 * {@link GradientSource#beginEpoch} and {@link GradientSource#select}.
 *
 * <p>A fixed length ({@code localSteps} > 0) is used as given, up to one round per epoch. With
 * {@code localSteps} 0 the length adapts (post-local SGD, Lin et al., ICLR 2020: few local steps while
 * the loss falls fast, more later): it starts at {@link #INITIAL_STEPS} and doubles after every epoch
 * whose mean training loss (over its rounds, weighted) was below the epoch's before, up to one round
 * per epoch, so that a round's fixed cost becomes a small share of it. Epoch e's rounds cover the
 * shards' local steps e x stepsPerEpoch onwards (the loop runs every round of an epoch before the
 * next), so an epoch begun again (the loop rolled back to it) starts from its first step once more;
 * it bumps the {@link #generation()}, which tells the shards to start their inner state afresh.
 */
public final class RoundLength {
    /**
     * The adaptive length's start: 256 local steps. Measured on the five Spark benchmark datasets
     * (docs/benchmarks.md, Spark; local[2], the defaults otherwise): starting at 4, the fit on 200,000
     * rows took 313 jobs whose median ran 1 ms of tasks in 30 ms; starting at 32 took 0.5-0.8 of that
     * time at the same accuracy within 0.2 points; one round per epoch from the start took 0.69-0.80 of
     * the 32-step start's time on teacher, teacher8, clusters and shuttle (letter has fewer than 32
     * steps per partition and epoch, so one round per epoch either way) at the same or better accuracy
     * (+0.05, +0.5, 0.0, 0.0 points), and a fixed 128 steps lay between the two in time. Small early
     * rounds bought no accuracy there; 256 keeps the growth (doubling per improving epoch) for data
     * with far more steps per shard and epoch than these.
     */
    public static final int INITIAL_STEPS = 256;

    /**
     * The fewest local steps a partition takes per epoch under adaptive rounds ({@code localSteps} 0):
     * partitions holding fewer rows than that many batches are coalesced until each holds enough, to
     * one partition (one machine's training) for rows that fit in that many batches. A round of single
     * steps averages the partitions' Adam-normalized steps, which is not a step over their union and
     * undertrains: 2 rows in 2 partitions fitted 0.19 and 0.76 for targets 0 and 1 where one machine
     * gives 0.003 and 0.997. The benchmark datasets (docs/benchmarks.md) take 70 or more steps per
     * partition and epoch, so this never coalesces them.
     */
    public static final int MIN_LOCAL_STEPS = 4;

    /**
     * The partitions adaptive rounds train {@code trainRows} training rows on, in batches of
     * {@code batchSize}, from {@code partitions}: as many as give each {@link #MIN_LOCAL_STEPS} steps
     * per epoch, at least one, at most {@code partitions}.
     */
    public static int partitions(long trainRows, int batchSize, int partitions) {
        return (int) Math.max(1, Math.min(partitions, trainRows / ((long) MIN_LOCAL_STEPS * batchSize)));
    }

    private final int fixed;
    private final long stepsPerEpoch;
    private int lastEpoch = -1;
    private int generation;
    private int length;
    private int rounds;
    private int roundSteps;
    private long roundFirst;
    private double epochLoss;
    private double epochWeight;
    private double previousEpochLoss = Double.NaN;

    /** A shard's minibatch steps in one epoch. */
    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** {@code localSteps}: H, or 0 for the adaptive length; {@code stepsPerEpoch}: a shard's minibatch steps in one epoch. */
    public RoundLength(int localSteps, long stepsPerEpoch) {
        if (localSteps < 0) throw new IllegalArgumentException("localSteps must be >= 0 (0 = adaptive), got " + localSteps);
        if (stepsPerEpoch < 1) throw new IllegalArgumentException("stepsPerEpoch must be >= 1, got " + stepsPerEpoch);
        this.fixed = localSteps;
        this.stepsPerEpoch = stepsPerEpoch;
        this.length = (int) Math.min(stepsPerEpoch, localSteps > 0 ? localSteps : INITIAL_STEPS);
    }

    /** Begins {@code epoch} (again, after a rollback, when it is not past the last one begun); returns its number of rounds. */
    public long beginEpoch(int epoch) {
        if (epoch <= lastEpoch) {
            generation++;
        } else if (fixed == 0 && epochWeight > 0) {
            double loss = epochLoss / epochWeight;
            if (loss < previousEpochLoss) length = (int) Math.min(stepsPerEpoch, 2L * length);
            previousEpochLoss = loss;
        }
        lastEpoch = epoch;
        epochLoss = 0;
        epochWeight = 0;
        return (stepsPerEpoch + length - 1) / length;
    }

    /** Places round {@code index} of the current epoch: its first step and length (the epoch's last round may be shorter). */
    public void select(long index) {
        long start = lastEpoch * stepsPerEpoch;
        roundFirst = start + index * length;
        roundSteps = (int) Math.min(length, start + stepsPerEpoch - roundFirst);
    }

    /** Records the selected round as done, with its mean training loss over {@code weight} rows. */
    public void finished(double loss, double weight) {
        rounds++;
        epochLoss += loss * weight;
        epochWeight += weight;
    }

    /** The selected round's first step on the shards' local clock. */
    public long firstStep() {
        return roundFirst;
    }

    /** The selected round's local steps. */
    public int steps() {
        return roundSteps;
    }

    /** The current round length (the epoch's rounds are this long, the last one possibly shorter). */
    public int length() {
        return length;
    }

    /** Bumped each time an epoch begins again: the shards' inner states of an older generation are stale. */
    public int generation() {
        return generation;
    }

    /** The epoch begun last (0-based). */
    public int epoch() {
        return lastEpoch;
    }

    /** Rounds done in all. */
    public int rounds() {
        return rounds;
    }

    /** The rule, for a person: the fixed length or how it adapts. */
    public String describe() {
        if (fixed > 0) return Math.min(fixed, stepsPerEpoch) + " local steps per round";
        // an epoch shorter than the first round: it read "from 6 local steps, doubling ... up to 6"
        if (stepsPerEpoch <= INITIAL_STEPS) {
            return "round length adaptive, here one round per epoch (" + stepsPerEpoch + " local steps; rounds start from " + INITIAL_STEPS + ")";
        }
        return "round length adaptive: from " + INITIAL_STEPS + " local steps, doubling after each epoch that improved the loss, up to "
                + stepsPerEpoch + " (one round per epoch)";
    }
}
