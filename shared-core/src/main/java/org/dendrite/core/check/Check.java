package org.dendrite.core.check;

/**
 * The core's validation of configuration values, shared by every config record: each failure is an
 * {@link InvalidSettingException} naming the setting, the value given and what is allowed.
 */
public final class Check {
    private Check() {}

    /** {@code s} as a message shows a value: whole up to 60 characters, else its start and its length. */
    public static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "... (" + s.length() + " characters)";
    }

    /** An error for setting {@code name} with {@code message}. */
    public static InvalidSettingException invalid(String name, String message) {
        return new InvalidSettingException(name, message);
    }

    public static void learningRate(double lr) {
        // the steps are taken in float32: a rate beyond its range was Infinity there, and failed later as a divergence
        if (!(lr > 0) || lr > Float.MAX_VALUE) {
            throw invalid("learningRate", "Invalid learning rate: " + lr + " (allowed: a number > 0 and at most " + Float.MAX_VALUE
                    + ", float32's largest)");
        }
    }

    public static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw invalid(name, "Invalid " + name + ": " + v + " (allowed: a finite number >= 0)");
        }
    }

    public static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw invalid(name, "Invalid " + name + ": " + v + " (allowed: a finite number > 0)");
        }
    }

    /** An integer of at least {@code min}. */
    public static void atLeast(String name, long v, long min) {
        if (v < min) {
            throw invalid(name, "Invalid " + name + ": " + v + " (allowed: an integer >= " + min + ")");
        }
    }

    /** An integer from {@code min} to {@code max}. */
    public static void between(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw invalid(name, "Invalid " + name + ": " + v + " (allowed: an integer from " + min + " to " + max + ")");
        }
    }

    /** {@code v} in [lo, hi) or, with {@code closed}, [lo, hi]. */
    public static void range(String name, double v, double lo, double hi, boolean closed) {
        boolean ok = v >= lo && (closed ? v <= hi : v < hi);
        if (!ok) {
            throw invalid(name, "Invalid " + name + ": " + v + " (allowed: " + lo + " <= " + name + (closed ? " <= " : " < ") + hi + ")");
        }
    }

    /** A factor in (0, 1]. */
    public static void factor(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw invalid(name, "Invalid " + name + ": " + v + " (allowed: 0 < " + name + " <= 1)");
        }
    }
}
