package org.dendrite.core.schedule;

import java.io.Serializable;

/**
 * A learning-rate schedule: a stateless function from the optimizer's base rate and the training
 * position to the learning rate; the trainer applies it to any optimizer. Schedules that count
 * epochs see {@link Position#epoch()}, those that count optimizer steps see {@link Position#step()};
 * performance scheduling reads the monitored validation history.
 */
public interface Schedule extends Serializable {
    /** Whether a schedule's clock counts optimizer steps or epochs. */
    enum Unit { STEP, EPOCH }

    /**
     * Where training is: {@code step} optimizer steps and {@code epoch} epochs completed before the
     * step about to be taken, the monitored value of every completed epoch (NaN where none), and
     * the run's configured length in epochs ({@code runEpochs}, 0 when unknown).
     */
    record Position(long step, int epoch, double[] monitor, int runEpochs) {
        public Position(long step, int epoch) {
            this(step, epoch, new double[0], 0);
        }

        public Position(long step, int epoch, double[] monitor) {
            this(step, epoch, monitor, 0);
        }

        /** The clock value in {@code unit}. */
        public long t(Unit unit) {
            return unit == Unit.STEP ? step : epoch;
        }
    }

    /** The name used in specs and options. */
    String name();

    double learningRate(double baseRate, Position position);

    /**
     * True when the rate depends on the run's configured length ({@link Position#runEpochs()}), as the
     * whole-run cosine's does: such a run continued to more epochs differs from one configured for
     * them from the start (a hyperparameter search then has to decide whether to continue or restart).
     */
    default boolean dependsOnRunLength() {
        return false;
    }

    /**
     * True when the schedule sets the rates itself (one-cycle, cyclic: absolute rates), so that the
     * optimizer's own learning rate is not used.
     */
    default boolean setsItsOwnRates() {
        return false;
    }

    /**
     * A warning when this schedule's own length does not fit a run of {@code epochs} epochs and
     * {@code steps} optimizer steps (the clock's two lengths; {@code steps} 0 when unknown): what the
     * run then trains at (a cycle cut short, a warm-up never finished, a milestone never reached, a
     * cosine rising again), ending with {@link #FIT_THE_RUN}; null when it fits or has no length of
     * its own. A length within {@link #LENGTH_SLACK} of the run's counts as fitting.
     */
    default String pastRun(long steps, int epochs) {
        return null;
    }

    /** The last sentence of every {@link #pastRun} warning. */
    String FIT_THE_RUN = "Fit the schedule to the run's length.";

    /** The relative difference between a schedule's length and the run's that {@link #pastRun} passes over. */
    double LENGTH_SLACK = 0.05;

    /** The run's length in {@code unit}: {@code steps} or {@code epochs} (0 when unknown), for {@link #pastRun}. */
    static long runLength(Unit unit, long steps, int epochs) {
        return unit == Unit.STEP ? steps : epochs;
    }

    /** The run's length in {@code unit} ({@link #runLength}) and the unit's name, for {@link #pastRun}. */
    static String length(Unit unit, long steps, int epochs) {
        return String.format(java.util.Locale.ROOT, "%,d %s", runLength(unit, steps, epochs), units(unit));
    }

    /** The plural of {@code unit}, as {@link #pastRun} warnings name it. */
    static String units(Unit unit) {
        return unit == Unit.STEP ? "steps" : "epochs";
    }
}
