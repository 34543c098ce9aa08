package org.dendrite.core.schedule;

import org.dendrite.core.check.Check;

/**
 * Cyclical learning rates (Smith 2017, "Cyclical Learning Rates for Training Neural Networks"),
 * between {@code lowerRate} and {@code upperRate} (absolute rates; the optimizer's own rate is not
 * used), rising over stepsUp and falling over stepsDown; modes triangular, triangular2 (amplitude
 * halved each cycle) and exp_range (amplitude times gamma^t), as torch's CyclicLR.
 */
public record Cyclic(double lowerRate, double upperRate, int stepsUp, int stepsDown, Mode mode, double gamma, Unit unit) implements Schedule {
    public enum Mode { TRIANGULAR, TRIANGULAR2, EXP_RANGE }

    /** The defaults: the values a spec's absent fields take and the Weka options start from. */
    public static final Cyclic DEFAULT = new Cyclic(1e-4, 1e-2, 2000, 2000, Mode.TRIANGULAR, 1, Unit.STEP);

    public Cyclic {
        Check.positive("lowerRate", lowerRate);
        Check.positive("upperRate", upperRate);
        if (upperRate < lowerRate) throw Check.invalid("upperRate", "Invalid rates: upperRate " + upperRate + " < lowerRate " + lowerRate);
        if (stepsUp < 1 || stepsDown < 1) {
            throw Check.invalid("stepsUp", "Invalid cycle: stepsUp " + stepsUp + ", stepsDown " + stepsDown + " (allowed: >= 1 each)");
        }
        if (mode == null) throw Check.invalid("mode", "A cyclic schedule needs a mode: triangular, triangular2 or exp_range");
        Check.factor("gamma", gamma);
        if (unit == null) throw Check.invalid("unit", "A schedule needs a unit: step or epoch");
    }

    @Override
    public boolean setsItsOwnRates() {
        return true;
    }

    @Override public String name() { return "cyclic"; }

    @Override
    public double learningRate(double base, Position p) {
        long t = p.t(unit);
        double total = stepsUp + stepsDown, ratio = stepsUp / total;
        double cycle = Math.floor(1 + t / total);
        double x = 1. + t / total - cycle;
        double scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
        double amplitude = (upperRate - lowerRate) * scale;
        double f = switch (mode) {
            case TRIANGULAR -> 1.;
            case TRIANGULAR2 -> 1 / Math.pow(2., cycle - 1);
            case EXP_RANGE -> Math.pow(gamma, t);
        };
        return lowerRate + amplitude * f;
    }
}
