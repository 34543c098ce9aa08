package org.dendrite.weka.optim;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.optim.Adagrad}. */
public class Adagrad extends FirstOrderOptimizer {
    private static final long serialVersionUID = 1L;

    private double lrDecay, initialAccumulatorValue, epsilon;

    public Adagrad() {
        this(new org.dendrite.core.optim.Adagrad(org.dendrite.core.optim.Adagrad.DEFAULT_LEARNING_RATE));
    }

    public Adagrad(org.dendrite.core.optim.Adagrad c) {
        super(c.learningRate(), c.weightDecay());
        lrDecay = c.lrDecay();
        initialAccumulatorValue = c.initialAccumulatorValue();
        epsilon = c.epsilon();
    }

    @Override
    public String globalInfo() {
        return "Adagrad (Duchi, Hazan and Singer 2011, \"Adaptive Subgradient Methods for Online Learning and Stochastic "
                + "Optimization\"): s = s + g^2, w -= lr / (1 + (t - 1) lrDecay) g / (sqrt(s) + eps), as torch.optim.Adagrad.";
    }

    @Override
    protected org.dendrite.core.optim.Adagrad build() {
        return new org.dendrite.core.optim.Adagrad(getLearningRate(), lrDecay, getWeightDecay(), initialAccumulatorValue, epsilon);
    }

    @OptionMetadata(displayName = "learning-rate decay", description = "Learning-rate decay per step (>= 0).",
            commandLineParamName = "lr-decay", commandLineParamSynopsis = "-lr-decay <d>", displayOrder = 2)
    public double getLrDecay() { return lrDecay; }
    public void setLrDecay(double v) { lrDecay = v; }

    @OptionMetadata(displayName = "initial accumulator", description = "Starting value of the sum of squared gradients (>= 0).",
            commandLineParamName = "initial-accumulator", commandLineParamSynopsis = "-initial-accumulator <s0>", displayOrder = 3)
    public double getInitialAccumulatorValue() { return initialAccumulatorValue; }
    public void setInitialAccumulatorValue(double v) { initialAccumulatorValue = v; }

    @OptionMetadata(displayName = "epsilon", description = "Added to the denominator for numerical stability (> 0).",
            commandLineParamName = "epsilon", commandLineParamSynopsis = "-epsilon <eps>", displayOrder = 4)
    public double getEpsilon() { return epsilon; }
    public void setEpsilon(double v) { epsilon = v; }
}
