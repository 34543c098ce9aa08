package org.dendrite.weka.optim;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.optim.Adam}. */
public class Adam extends MomentOptimizer {
    private static final long serialVersionUID = 1L;

    private boolean amsgrad;

    /**
     * The classifier's default optimizer, when it is Adam (its rate, 0.01, not torch's 0.001): choosing
     * Adam, or setting one of its other options, keeps the rate a user had (it was divided by 10).
     */
    public Adam() {
        this(org.dendrite.core.train.TrainingConfig.DEFAULT_OPTIMIZER instanceof org.dendrite.core.optim.Adam a ? a
                : new org.dendrite.core.optim.Adam(org.dendrite.core.optim.Adam.DEFAULT_LEARNING_RATE));
    }

    public Adam(org.dendrite.core.optim.Adam c) {
        super(c.learningRate(), c.beta1(), c.beta2(), c.epsilon(), c.weightDecay());
        amsgrad = c.amsgrad();
    }

    @Override
    public String globalInfo() {
        return "Adam (Kingma and Ba 2015, \"Adam: A Method for Stochastic Optimization\"): m = beta1 m + (1 - beta1) g, "
                + "v = beta2 v + (1 - beta2) g^2, w -= lr m_hat / (sqrt(v_hat) + eps), with bias correction, optional AMSGrad "
                + "(Reddi et al. 2018) and L2 weight decay added to the gradient, as torch.optim.Adam. For decoupled decay use AdamW.";
    }

    @Override
    protected org.dendrite.core.optim.Adam build() {
        return new org.dendrite.core.optim.Adam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon(), getWeightDecay(), amsgrad);
    }

    @OptionMetadata(displayName = "AMSGrad", description = "Use the running maximum of the second moment (AMSGrad).",
            commandLineParamName = "amsgrad", commandLineParamSynopsis = "-amsgrad", commandLineParamIsFlag = true, displayOrder = 5)
    public boolean getAmsgrad() { return amsgrad; }
    public void setAmsgrad(boolean v) { amsgrad = v; }
}
