package org.dendrite.weka.optim;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.optim.RmsProp}. */
public class RmsProp extends FirstOrderOptimizer {
    private static final long serialVersionUID = 1L;

    private double alpha, epsilon, momentum;
    private boolean centered;

    public RmsProp() {
        this(new org.dendrite.core.optim.RmsProp(org.dendrite.core.optim.RmsProp.DEFAULT_LEARNING_RATE));
    }

    public RmsProp(org.dendrite.core.optim.RmsProp c) {
        super(c.learningRate(), c.weightDecay());
        alpha = c.alpha();
        epsilon = c.epsilon();
        momentum = c.momentum();
        centered = c.centered();
    }

    @Override
    public String globalInfo() {
        return "RMSProp (Tieleman and Hinton 2012, lecture 6.5), with the centered variant and momentum of Graves 2013: "
                + "s = alpha s + (1 - alpha) g^2, w -= lr g / (sqrt(s) + eps), as torch.optim.RMSprop (eps outside the root).";
    }

    @Override
    protected org.dendrite.core.optim.RmsProp build() {
        return new org.dendrite.core.optim.RmsProp(getLearningRate(), alpha, epsilon, getWeightDecay(), momentum, centered);
    }

    @OptionMetadata(displayName = "alpha", description = "Decay rate of the running squared gradient, 0 <= alpha < 1.",
            commandLineParamName = "alpha", commandLineParamSynopsis = "-alpha <a>", displayOrder = 2)
    public double getAlpha() { return alpha; }
    public void setAlpha(double v) { alpha = v; }

    @OptionMetadata(displayName = "epsilon", description = "Added to the denominator for numerical stability (> 0).",
            commandLineParamName = "epsilon", commandLineParamSynopsis = "-epsilon <eps>", displayOrder = 3)
    public double getEpsilon() { return epsilon; }
    public void setEpsilon(double v) { epsilon = v; }

    @OptionMetadata(displayName = "momentum", description = "Momentum factor, 0 <= momentum < 1 (0: none).",
            commandLineParamName = "momentum", commandLineParamSynopsis = "-momentum <m>", displayOrder = 4)
    public double getMomentum() { return momentum; }
    public void setMomentum(double v) { momentum = v; }

    @OptionMetadata(displayName = "centered", description = "Divide by the estimated variance of the gradient instead of its "
            + "second moment (centered RMSProp).", commandLineParamName = "centered", commandLineParamSynopsis = "-centered",
            commandLineParamIsFlag = true, displayOrder = 5)
    public boolean getCentered() { return centered; }
    public void setCentered(boolean v) { centered = v; }
}
