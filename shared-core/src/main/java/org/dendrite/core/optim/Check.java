package org.dendrite.core.optim;

/** Hyperparameter validation shared by the optimizers: each message names the value given and what is allowed. */
final class Check {
    private Check() {}

    static void learningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("Invalid learning rate: " + lr + " (allowed: a finite number > 0)");
        }
    }

    static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + v + " (allowed: a finite number >= 0)");
        }
    }

    static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + v + " (allowed: a finite number > 0)");
        }
    }

    /** An integer of at least {@code min}. */
    static void atLeast(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException("Invalid " + name + ": " + v + " (allowed: an integer >= " + min + ")");
        }
    }

    /** {@code v} in [lo, hi) or, with {@code closed}, [lo, hi]. */
    static void range(String name, double v, double lo, double hi, boolean closed) {
        boolean ok = v >= lo && (closed ? v <= hi : v < hi);
        if (!ok) {
            throw new IllegalArgumentException("Invalid " + name + ": " + v + " (allowed: " + lo + " <= " + name + (closed ? " <= " : " < ") + hi + ")");
        }
    }
}
