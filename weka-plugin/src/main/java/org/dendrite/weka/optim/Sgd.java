package org.dendrite.weka.optim;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.optim.Sgd}. */
public class Sgd extends FirstOrderOptimizer {
    private static final long serialVersionUID = 1L;

    private double momentum, dampening;
    private boolean nesterov;

    public Sgd() {
        this(new org.dendrite.core.optim.Sgd(org.dendrite.core.optim.Sgd.DEFAULT_LEARNING_RATE));
    }

    public Sgd(org.dendrite.core.optim.Sgd c) {
        super(c.learningRate(), c.weightDecay());
        momentum = c.momentum();
        dampening = c.dampening();
        nesterov = c.nesterov();
    }

    @Override
    public String globalInfo() {
        return "Stochastic gradient descent with optional heavy-ball momentum (Polyak 1964), dampening and Nesterov momentum "
                + "(Sutskever et al. 2013), as torch.optim.SGD: b = momentum b + (1 - dampening) g, g = nesterov ? g + momentum b : b, "
                + "w -= lr g. For the textbook form v = momentum v - lr g use ClassicMomentum.";
    }

    @Override
    protected org.dendrite.core.optim.Sgd build() {
        return new org.dendrite.core.optim.Sgd(getLearningRate(), momentum, dampening, nesterov, getWeightDecay());
    }

    @OptionMetadata(displayName = "momentum", description = "Momentum factor, 0 <= momentum < 1 (0: plain SGD).",
            commandLineParamName = "momentum", commandLineParamSynopsis = "-momentum <m>", displayOrder = 2)
    public double getMomentum() { return momentum; }
    public void setMomentum(double v) { momentum = v; }

    @OptionMetadata(displayName = "dampening", description = "Dampening of the gradient entering the momentum buffer, 0 <= dampening <= 1.",
            commandLineParamName = "dampening", commandLineParamSynopsis = "-dampening <d>", displayOrder = 3)
    public double getDampening() { return dampening; }
    public void setDampening(double v) { dampening = v; }

    @OptionMetadata(displayName = "Nesterov", description = "Nesterov momentum (needs momentum > 0 and dampening 0).",
            commandLineParamName = "nesterov", commandLineParamSynopsis = "-nesterov", commandLineParamIsFlag = true, displayOrder = 4)
    public boolean getNesterov() { return nesterov; }
    public void setNesterov(boolean v) { nesterov = v; }
}
