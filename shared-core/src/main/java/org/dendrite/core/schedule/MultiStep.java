package org.dendrite.core.schedule;

import java.util.List;
import org.dendrite.core.check.Check;

/** Piecewise constant: lr = base * gamma^(number of milestones <= t) (torch MultiStepLR). */
public record MultiStep(List<Integer> milestones, double gamma, Unit unit) implements Schedule {
    /** The defaults: the values a spec's absent fields take and the Weka options start from. */
    public static final MultiStep DEFAULT = new MultiStep(List.of(30, 80), 0.1, Unit.EPOCH);

    public MultiStep {
        if (milestones == null || milestones.isEmpty()) throw Check.invalid("milestones", "Multi-step decay needs at least one milestone");
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i) == null || milestones.get(i) < 1 || (i > 0 && milestones.get(i) <= milestones.get(i - 1))) {
                throw Check.invalid("milestones", "Invalid milestones " + milestones + " (allowed: increasing whole numbers >= 1)");
            }
        }
        milestones = List.copyOf(milestones);
        Check.positive("gamma", gamma);
        if (unit == null) throw Check.invalid("unit", "A schedule needs a unit: step or epoch");
    }

    @Override public String name() { return "multi_step"; }

    @Override
    public double learningRate(double base, Position p) {
        long t = p.t(unit);
        int passed = 0;
        for (int m : milestones) if (t >= m) passed++;
        return base * Math.pow(gamma, passed);
    }

    @Override
    public String pastRun(long steps, int epochs) {
        long run = Schedule.runLength(unit, steps, epochs);
        List<Integer> past = milestones.stream().filter(m -> m >= run).toList();
        if (run < 1 || past.isEmpty()) return null;
        return "The multi-step schedule's " + (past.size() == 1 ? "milestone " + past.get(0) + " is" : "milestones " + past + " are")
                + " not before the run's end (" + Schedule.length(unit, steps, epochs) + "): " + (past.size() == milestones.size()
                ? "the rate never decays. " : "never reached. ") + FIT_THE_RUN;
    }
}
