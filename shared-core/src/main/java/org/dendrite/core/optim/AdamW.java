package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov and Hutter 2019, "Decoupled Weight Decay
 * Regularization"), with optional AMSGrad, exactly as {@code torch.optim.AdamW} (PyTorch 1.13):
 * <pre>
 * w    = w (1 - lr_t * weightDecay)          (decay applied to the weights, not the gradient)
 * m    = beta1 m + (1 - beta1) g
 * v    = beta2 v + (1 - beta2) g^2
 * vmax = max(vmax, v)                         (AMSGrad; v below means vmax)
 * w    = w - lr_t / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * As in PyTorch the decay is multiplied by the current learning rate, so a schedule scales it too.
 */
public record AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, boolean amsgrad)
        implements Optimizer {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_WEIGHT_DECAY = 1e-2;
    public static final boolean DEFAULT_AMSGRAD = false;

    public AdamW {
        Check.learningRate(learningRate);
        Check.range("beta1", beta1, 0, 1, false);
        Check.range("beta2", beta2, 0, 1, false);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
    }

    /** AdamW with PyTorch's defaults except the learning rate and weight decay. */
    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, weightDecay, DEFAULT_AMSGRAD);
    }

    /** AdamW with PyTorch's defaults except the learning rate. */
    public AdamW(double learningRate) {
        this(learningRate, DEFAULT_WEIGHT_DECAY);
    }

    @Override public String name() { return "adamw"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new State(this, parameters);
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;

        @Override
        protected java.util.Set<String> parameterBuffers() {
            return java.util.Set.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq");
        }
        private final AdamW c;

        State(AdamW c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            float[] m = buffer(index, "exp_avg"), v = buffer(index, "exp_avg_sq");
            float[] vmax = c.amsgrad ? buffer(index, "max_exp_avg_sq") : null;
            float decay = (float) (1 - learningRate * c.weightDecay);
            for (int i = 0; i < w.length; i++) w[i] *= decay;
            AdamStep.apply(w, g, m, v, vmax, steps(), learningRate, c.beta1, c.beta2, c.epsilon, 0);
        }
    }
}
