package org.dendrite.weka.schedule;

import org.dendrite.core.schedule.Schedule.Unit;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/** A schedule whose clock counts either optimizer steps or epochs. */
public abstract class ClockSchedule extends ScheduleOption {
    private static final long serialVersionUID = 1L;

    private Unit unit;

    protected ClockSchedule(Unit unit) {
        this.unit = unit;
    }

    protected Unit unit() {
        return unit;
    }

    @OptionMetadata(displayName = "unit", description = "What t counts: epoch or step (optimizer steps).",
            commandLineParamName = "unit", commandLineParamSynopsis = "-unit <epoch|step>", displayOrder = 20)
    public SelectedTag getUnit() { return tag(unit); }
    public void setUnit(SelectedTag v) { unit = value(v, Unit.class); }
}
