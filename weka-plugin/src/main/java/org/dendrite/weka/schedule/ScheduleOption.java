package org.dendrite.weka.schedule;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.schedule.Schedule;
import org.dendrite.weka.NestedOption;

/**
 * A learning-rate schedule as a Weka option object, e.g.
 * {@code -schedule "org.dendrite.weka.schedule.Cosine -period 100"}: one class per core schedule
 * (org.dendrite.core.schedule), each starting from the core's defaults (the classifier's own
 * schedule, Cosine, from the classifier's: the whole run).
 */
public abstract class ScheduleOption extends NestedOption<Schedule> {
    private static final long serialVersionUID = 1L;

    /** The Weka option object for a core schedule. */
    public static ScheduleOption of(Schedule s) {
        if (s instanceof org.dendrite.core.schedule.ConstantSchedule) return new Constant();
        if (s instanceof org.dendrite.core.schedule.StepDecay c) return new StepDecay(c);
        if (s instanceof org.dendrite.core.schedule.MultiStep c) return new MultiStep(c);
        if (s instanceof org.dendrite.core.schedule.Exponential c) return new Exponential(c);
        if (s instanceof org.dendrite.core.schedule.Power c) return new Power(c);
        if (s instanceof org.dendrite.core.schedule.Cosine c) return new Cosine(c);
        if (s instanceof org.dendrite.core.schedule.Cyclic c) return new Cyclic(c);
        if (s instanceof org.dendrite.core.schedule.OneCycle c) return new OneCycle(c);
        if (s instanceof org.dendrite.core.schedule.WarmUp c) return new WarmUp(c);
        if (s instanceof org.dendrite.core.schedule.ReduceOnPlateau c) return new ReduceOnPlateau(c);
        throw unsupported(s);
    }

    /** One of each, with the core's defaults (Cosine with the classifier's). */
    public static List<ScheduleOption> all() {
        return new ArrayList<>(List.of(new Constant(), new StepDecay(), new MultiStep(), new Exponential(), new Power(), new Cosine(),
                new Cyclic(), new OneCycle(), new WarmUp(), new ReduceOnPlateau()));
    }
}
