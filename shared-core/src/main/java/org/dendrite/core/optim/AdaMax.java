package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * AdaMax, the infinity-norm variant of Adam (Kingma and Ba 2015, "Adam: A Method for Stochastic
 * Optimization", section 7.1), exactly as {@code torch.optim.Adamax} (PyTorch 1.13):
 * <pre>
 * g = g + weightDecay * w
 * m = beta1 m + (1 - beta1) g
 * u = max(beta2 u, |g| + eps)
 * w = w - lr / (1 - beta1^t) * m / u
 * </pre>
 */
public record AdaMax(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) implements Optimizer {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 2e-3;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_WEIGHT_DECAY = 0;

    public AdaMax {
        Check.learningRate(learningRate);
        Check.range("beta1", beta1, 0, 1, false);
        Check.range("beta2", beta2, 0, 1, false);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
    }

    public AdaMax(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, DEFAULT_WEIGHT_DECAY);
    }

    @Override public String name() { return "adamax"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new State(this, parameters);
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;

        @Override
        protected java.util.Set<String> parameterBuffers() {
            return java.util.Set.of("exp_avg", "exp_inf");
        }
        private final AdaMax c;

        State(AdaMax c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            float[] m = buffer(index, "exp_avg"), u = buffer(index, "exp_inf");
            float negClr = (float) -(learningRate / (1 - Math.pow(c.beta1, steps())));
            float wd = (float) c.weightDecay, eps = (float) c.epsilon, b1 = (float) c.beta1, b2 = (float) c.beta2;
            float oneMinusB1 = (float) (1 - c.beta1);
            for (int i = 0; i < w.length; i++) {
                float d = c.weightDecay != 0 ? Math.fma(wd, w[i], g[i]) : g[i];
                m[i] = Math.fma(oneMinusB1, d, m[i] * b1);
                u[i] = Math.max(u[i] * b2, Math.abs(d) + eps);
                w[i] += negClr * m[i] / u[i];
            }
        }
    }
}
