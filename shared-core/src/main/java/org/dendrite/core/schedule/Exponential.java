package org.dendrite.core.schedule;

import org.dendrite.core.check.Check;

/**
 * Exponential decay: lr = base * rate^(t / every). PyTorch's ExponentialLR is every = 1
 * (lr = base gamma^t); the form of the "Fundamentals of Deep Learning" primer, base * 0.1^(t/s) is rate 0.1, every s.
 */
public record Exponential(double rate, double every, Unit unit) implements Schedule {
    /** The defaults: the values a spec's absent fields take and the Weka options start from. */
    public static final Exponential DEFAULT = new Exponential(0.95, 1, Unit.EPOCH);

    public Exponential {
        Check.positive("rate", rate);
        Check.positive("every", every);
        if (unit == null) throw Check.invalid("unit", "A schedule needs a unit: step or epoch");
    }

    @Override public String name() { return "exponential"; }

    @Override
    public double learningRate(double base, Position p) {
        return base * Math.pow(rate, p.t(unit) / every);
    }
}
