package org.dendrite.weka.optim;

import weka.core.OptionMetadata;

/** Options of {@link org.dendrite.core.optim.AdamW}. */
public class AdamW extends MomentOptimizer {
    private static final long serialVersionUID = 1L;

    private boolean amsgrad;

    public AdamW() {
        this(new org.dendrite.core.optim.AdamW(org.dendrite.core.optim.AdamW.DEFAULT_LEARNING_RATE));
    }

    public AdamW(org.dendrite.core.optim.AdamW c) {
        super(c.learningRate(), c.beta1(), c.beta2(), c.epsilon(), c.weightDecay());
        amsgrad = c.amsgrad();
    }

    @Override
    public String globalInfo() {
        return "AdamW: Adam with decoupled weight decay (Loshchilov and Hutter 2019, \"Decoupled Weight Decay Regularization\"): "
                + "w = w (1 - lr weightDecay) before the Adam step, with optional AMSGrad, as torch.optim.AdamW.";
    }

    @Override
    protected org.dendrite.core.optim.AdamW build() {
        return new org.dendrite.core.optim.AdamW(getLearningRate(), getBeta1(), getBeta2(), getEpsilon(), getWeightDecay(), amsgrad);
    }

    @OptionMetadata(displayName = "AMSGrad", description = "Use the running maximum of the second moment (AMSGrad).",
            commandLineParamName = "amsgrad", commandLineParamSynopsis = "-amsgrad", commandLineParamIsFlag = true, displayOrder = 5)
    public boolean getAmsgrad() { return amsgrad; }
    public void setAmsgrad(boolean v) { amsgrad = v; }
}
