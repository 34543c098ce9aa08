package org.dendrite.core.schedule;

import java.io.Serializable;

/**
 * A learning-rate schedule: a stateless function of the optimizer's base rate, the global step
 * (0-based count of optimizer steps taken before this one) and the epoch (0-based). The trainer
 * applies it to any optimizer.
 */
public interface Schedule extends Serializable {
    /** The name used in specs and options. */
    String name();

    double learningRate(double baseRate, long step, int epoch);
}
