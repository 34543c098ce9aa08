package org.dendrite.core.schedule;

import org.dendrite.core.check.Check;

/** Power scheduling: lr = base / (1 + t / s)^c (c = 1 is the classic 1/t decay). PyTorch has no equivalent. */
public record Power(double s, double c, Unit unit) implements Schedule {
    /** The defaults: the values a spec's absent fields take and the Weka options start from. */
    public static final Power DEFAULT = new Power(10, 1, Unit.EPOCH);

    public Power {
        Check.positive("s", s);
        Check.positive("c", c);
        if (unit == null) throw Check.invalid("unit", "A schedule needs a unit: step or epoch");
    }

    @Override public String name() { return "power"; }

    @Override
    public double learningRate(double base, Position p) {
        return base / Math.pow(1 + p.t(unit) / s, c);
    }
}
