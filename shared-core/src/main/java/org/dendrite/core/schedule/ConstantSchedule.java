package org.dendrite.core.schedule;

/** The base learning rate at every step. */
public record ConstantSchedule() implements Schedule {
    @Override public String name() { return "constant"; }

    @Override
    public double learningRate(double baseRate, Position p) {
        return baseRate;
    }
}
