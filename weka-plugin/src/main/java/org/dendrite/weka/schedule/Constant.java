package org.dendrite.weka.schedule;

import org.dendrite.core.schedule.ConstantSchedule;

/** Options of {@link ConstantSchedule} (none). */
public class Constant extends ScheduleOption {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "No schedule: the optimizer's learning rate at every step.";
    }

    @Override
    protected ConstantSchedule build() {
        return new ConstantSchedule();
    }
}
