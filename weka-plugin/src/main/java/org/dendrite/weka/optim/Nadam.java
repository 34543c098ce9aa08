package org.dendrite.weka.optim;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.optim.Nadam}. */
public class Nadam extends MomentOptimizer {
    private static final long serialVersionUID = 1L;

    private double momentumDecay;

    public Nadam() {
        this(new org.dendrite.core.optim.Nadam(org.dendrite.core.optim.Nadam.DEFAULT_LEARNING_RATE));
    }

    public Nadam(org.dendrite.core.optim.Nadam c) {
        super(c.learningRate(), c.beta1(), c.beta2(), c.epsilon(), c.weightDecay());
        momentumDecay = c.momentumDecay();
    }

    @Override
    public String globalInfo() {
        return "NAdam: Adam with Nesterov momentum (Dozat 2016, \"Incorporating Nesterov Momentum into Adam\"), with the momentum "
                + "schedule mu_t = beta1 (1 - 0.5 * 0.96^(t momentumDecay)) of torch.optim.NAdam.";
    }

    @Override
    protected org.dendrite.core.optim.Nadam build() {
        return new org.dendrite.core.optim.Nadam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon(), getWeightDecay(), momentumDecay);
    }

    @OptionMetadata(displayName = "momentum decay", description = "Momentum decay of the schedule mu_t (>= 0).",
            commandLineParamName = "momentum-decay", commandLineParamSynopsis = "-momentum-decay <d>", displayOrder = 5)
    public double getMomentumDecay() { return momentumDecay; }
    public void setMomentumDecay(double v) { momentumDecay = v; }
}
