package org.dendrite.weka.optim;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.optim.Adadelta}. */
public class Adadelta extends FirstOrderOptimizer {
    private static final long serialVersionUID = 1L;

    private double rho, epsilon;

    public Adadelta() {
        this(new org.dendrite.core.optim.Adadelta(org.dendrite.core.optim.Adadelta.DEFAULT_LEARNING_RATE));
    }

    public Adadelta(org.dendrite.core.optim.Adadelta c) {
        super(c.learningRate(), c.weightDecay());
        rho = c.rho();
        epsilon = c.epsilon();
    }

    @Override
    public String globalInfo() {
        return "Adadelta (Zeiler 2012, \"ADADELTA: An Adaptive Learning Rate Method\"): s = rho s + (1 - rho) g^2, "
                + "dx = sqrt(u + eps) / sqrt(s + eps) g, u = rho u + (1 - rho) dx^2, w -= lr dx, as torch.optim.Adadelta "
                + "(learning rate 1 is Zeiler's method).";
    }

    @Override
    protected org.dendrite.core.optim.Adadelta build() {
        return new org.dendrite.core.optim.Adadelta(getLearningRate(), rho, epsilon, getWeightDecay());
    }

    @OptionMetadata(displayName = "rho", description = "Decay rate of the running averages, 0 <= rho <= 1.",
            commandLineParamName = "rho", commandLineParamSynopsis = "-rho <r>", displayOrder = 2)
    public double getRho() { return rho; }
    public void setRho(double v) { rho = v; }

    @OptionMetadata(displayName = "epsilon", description = "Added inside the square roots for numerical stability (> 0).",
            commandLineParamName = "epsilon", commandLineParamSynopsis = "-epsilon <eps>", displayOrder = 3)
    public double getEpsilon() { return epsilon; }
    public void setEpsilon(double v) { epsilon = v; }
}
