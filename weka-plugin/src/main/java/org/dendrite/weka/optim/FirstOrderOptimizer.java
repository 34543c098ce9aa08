package org.dendrite.weka.optim;

import weka.core.OptionMetadata;

/** The gradient-step optimizers (all but L-BFGS): a learning rate and weight decay. */
public abstract class FirstOrderOptimizer extends OptimizerOption {
    private static final long serialVersionUID = 1L;

    private double weightDecay;

    protected FirstOrderOptimizer(double learningRate, double weightDecay) {
        super(learningRate);
        this.weightDecay = weightDecay;
    }

    @OptionMetadata(displayName = "weight decay", description = "Weight decay (>= 0): added to the gradient as weightDecay * w "
            + "(L2), except in AdamW, where it shrinks the weights directly.", commandLineParamName = "weight-decay",
            commandLineParamSynopsis = "-weight-decay <wd>", displayOrder = 9)
    public double getWeightDecay() { return weightDecay; }
    public void setWeightDecay(double v) { weightDecay = v; }
}
