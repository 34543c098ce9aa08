package org.dendrite.weka.optim;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.optim.ClassicMomentum}. */
public class ClassicMomentum extends FirstOrderOptimizer {
    private static final long serialVersionUID = 1L;

    private double momentum;

    public ClassicMomentum() {
        this(new org.dendrite.core.optim.ClassicMomentum(org.dendrite.core.optim.ClassicMomentum.DEFAULT_LEARNING_RATE));
    }

    public ClassicMomentum(org.dendrite.core.optim.ClassicMomentum c) {
        super(c.learningRate(), c.weightDecay());
        momentum = c.momentum();
    }

    @Override
    public String globalInfo() {
        return "Gradient descent with momentum in the textbook form (Polyak 1964; Rumelhart, Hinton and Williams 1986): "
                + "v = momentum v - lr g, w = w + v. Unlike Sgd's PyTorch form, a learning-rate change affects only new gradients.";
    }

    @Override
    protected org.dendrite.core.optim.ClassicMomentum build() {
        return new org.dendrite.core.optim.ClassicMomentum(getLearningRate(), momentum, getWeightDecay());
    }

    @OptionMetadata(displayName = "momentum", description = "Momentum factor, 0 <= momentum < 1.",
            commandLineParamName = "momentum", commandLineParamSynopsis = "-momentum <m>", displayOrder = 2)
    public double getMomentum() { return momentum; }
    public void setMomentum(double v) { momentum = v; }
}
