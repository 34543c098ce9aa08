package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * Adam (Kingma and Ba 2015, "Adam: A Method for Stochastic Optimization") with bias correction,
 * optional AMSGrad (Reddi, Kale and Kumar 2018, "On the Convergence of Adam and Beyond") and L2
 * weight decay coupled into the gradient, exactly as {@code torch.optim.Adam} (PyTorch 1.13):
 * <pre>
 * g    = g + weightDecay * w
 * m    = beta1 m + (1 - beta1) g
 * v    = beta2 v + (1 - beta2) g^2
 * vmax = max(vmax, v)                           (AMSGrad; v below means vmax)
 * w    = w - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * For decoupled weight decay use {@link AdamW}.
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, boolean amsgrad)
        implements Optimizer {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    public static final boolean DEFAULT_AMSGRAD = false;

    public Adam {
        Check.learningRate(learningRate);
        Check.range("beta1", beta1, 0, 1, false);
        Check.range("beta2", beta2, 0, 1, false);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
    }

    /** Adam with PyTorch's defaults except the learning rate. */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, DEFAULT_WEIGHT_DECAY, DEFAULT_AMSGRAD);
    }

    @Override public String name() { return "adam"; }

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
        private final Adam c;

        State(Adam c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            float[] m = buffer(index, "exp_avg"), v = buffer(index, "exp_avg_sq");
            float[] vmax = c.amsgrad ? buffer(index, "max_exp_avg_sq") : null;
            AdamStep.apply(w, g, m, v, vmax, steps(), learningRate, c.beta1, c.beta2, c.epsilon, c.weightDecay);
        }
    }
}
