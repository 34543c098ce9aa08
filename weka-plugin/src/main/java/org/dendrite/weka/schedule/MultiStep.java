package org.dendrite.weka.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.schedule.MultiStep}. */
public class MultiStep extends ClockSchedule {
    private static final long serialVersionUID = 1L;

    private String milestones;
    private double gamma;

    public MultiStep() {
        this(org.dendrite.core.schedule.MultiStep.DEFAULT);
    }

    public MultiStep(org.dendrite.core.schedule.MultiStep c) {
        super(c.unit());
        milestones = c.milestones().stream().map(String::valueOf).collect(Collectors.joining(","));
        gamma = c.gamma();
    }

    @Override
    public String globalInfo() {
        return "Piecewise constant: lr = base * gamma^(number of milestones <= t), as torch.optim.lr_scheduler.MultiStepLR.";
    }

    @Override
    protected org.dendrite.core.schedule.MultiStep build() {
        List<Integer> m = new ArrayList<>();
        for (String s : milestones.split(",")) {
            try {
                m.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw org.dendrite.core.check.Check.invalid("milestones", "Invalid milestones '" + milestones + "' (allowed: increasing whole numbers >= 1, "
                        + "comma-separated)");
            }
        }
        return new org.dendrite.core.schedule.MultiStep(m, gamma, unit());
    }

    @OptionMetadata(displayName = "milestones", description = "Epochs (or steps) at which the rate is multiplied by gamma, "
            + "increasing and comma-separated, e.g. 30,80.", commandLineParamName = "milestones",
            commandLineParamSynopsis = "-milestones <t1,t2,...>", displayOrder = 1)
    public String getMilestones() { return milestones; }
    public void setMilestones(String v) { milestones = v == null ? "" : v; }

    @OptionMetadata(displayName = "gamma", description = "Factor applied at each milestone (> 0).",
            commandLineParamName = "gamma", commandLineParamSynopsis = "-gamma <g>", displayOrder = 2)
    public double getGamma() { return gamma; }
    public void setGamma(double v) { gamma = v; }
}
