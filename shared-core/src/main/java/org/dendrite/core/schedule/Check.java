package org.dendrite.core.schedule;

/** Schedule parameter validation: each message names the value given and what is allowed. */
final class Check {
    private Check() {}

    static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + v + " (allowed: a finite number > 0)");
        }
    }

    static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + v + " (allowed: a finite number >= 0)");
        }
    }

    static void factor(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + v + " (allowed: 0 < " + name + " <= 1)");
        }
    }

    static void unit(Schedule.Unit u) {
        if (u == null) {
            throw new IllegalArgumentException("A schedule needs a unit: step or epoch");
        }
    }
}
