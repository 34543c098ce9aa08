package org.dendrite.weka.optim;

import weka.core.OptionMetadata;

/** The options the Adam family shares: decay rates of the gradient's moment estimates and epsilon. */
public abstract class MomentOptimizer extends FirstOrderOptimizer {
    private static final long serialVersionUID = 1L;

    private double beta1, beta2, epsilon;

    protected MomentOptimizer(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(learningRate, weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @OptionMetadata(displayName = "beta1", description = "Decay rate of the gradient's running mean (first moment), 0 <= beta1 < 1.",
            commandLineParamName = "beta1", commandLineParamSynopsis = "-beta1 <b>", displayOrder = 2)
    public double getBeta1() { return beta1; }
    public void setBeta1(double v) { beta1 = v; }

    @OptionMetadata(displayName = "beta2", description = "Decay rate of the running squared gradient (second moment), 0 <= beta2 < 1.",
            commandLineParamName = "beta2", commandLineParamSynopsis = "-beta2 <b>", displayOrder = 3)
    public double getBeta2() { return beta2; }
    public void setBeta2(double v) { beta2 = v; }

    @OptionMetadata(displayName = "epsilon", description = "Added to the denominator for numerical stability (> 0).",
            commandLineParamName = "epsilon", commandLineParamSynopsis = "-epsilon <eps>", displayOrder = 4)
    public double getEpsilon() { return epsilon; }
    public void setEpsilon(double v) { epsilon = v; }
}
