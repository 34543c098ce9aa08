package org.dendrite.weka.optim;

/** Options of {@link org.dendrite.core.optim.AdaMax}. */
public class AdaMax extends MomentOptimizer {
    private static final long serialVersionUID = 1L;

    public AdaMax() {
        this(new org.dendrite.core.optim.AdaMax(org.dendrite.core.optim.AdaMax.DEFAULT_LEARNING_RATE));
    }

    public AdaMax(org.dendrite.core.optim.AdaMax c) {
        super(c.learningRate(), c.beta1(), c.beta2(), c.epsilon(), c.weightDecay());
    }

    @Override
    public String globalInfo() {
        return "AdaMax, the infinity-norm variant of Adam (Kingma and Ba 2015, section 7.1): m = beta1 m + (1 - beta1) g, "
                + "u = max(beta2 u, |g| + eps), w -= lr / (1 - beta1^t) m / u, as torch.optim.Adamax.";
    }

    @Override
    protected org.dendrite.core.optim.AdaMax build() {
        return new org.dendrite.core.optim.AdaMax(getLearningRate(), getBeta1(), getBeta2(), getEpsilon(), getWeightDecay());
    }
}
