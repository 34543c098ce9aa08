package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * NAdam: Adam with Nesterov momentum (Dozat 2016, "Incorporating Nesterov Momentum into Adam"),
 * with the momentum schedule of PyTorch 1.13's {@code torch.optim.NAdam}, implemented exactly as
 * there:
 * <pre>
 * g     = g + weightDecay * w
 * mu_t  = beta1 (1 - 0.5 * 0.96^(t * momentumDecay))
 * P_t   = mu_1 ... mu_t                         (product kept as float32 state, like PyTorch)
 * m     = beta1 m + (1 - beta1) g
 * v     = beta2 v + (1 - beta2) g^2
 * r     = sqrt(v / (1 - beta2^t)) + eps
 * w     = w - lr (1 - mu_t) / (1 - P_t) * g / r - lr mu_(t+1) / (1 - P_t mu_(t+1)) * m / r
 * </pre>
 */
public record Nadam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, double momentumDecay)
        implements Optimizer {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 2e-3;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    public static final double DEFAULT_MOMENTUM_DECAY = 4e-3;

    public Nadam {
        Check.learningRate(learningRate);
        Check.range("beta1", beta1, 0, 1, false);
        Check.range("beta2", beta2, 0, 1, false);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
        Check.nonNegative("momentumDecay", momentumDecay);
    }

    public Nadam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, DEFAULT_WEIGHT_DECAY, DEFAULT_MOMENTUM_DECAY);
    }

    @Override public String name() { return "nadam"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new State(this, parameters);
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;

        @Override
        protected java.util.Set<String> parameterBuffers() {
            return java.util.Set.of("exp_avg", "exp_avg_sq");
        }

        @Override
        public int bufferLength(String name) {
            // the running product of the momentum schedule, one value per parameter
            return name.endsWith(".mu_product") && parameterOf(name) != null ? 1 : super.bufferLength(name);
        }
        private final Nadam c;

        State(Nadam c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            long t = steps();
            String productName = parameters.get(index).name() + ".mu_product";
            boolean fresh = !hasGlobalBuffer(productName);
            float[] product = globalBuffer(productName, 1);
            if (fresh) {
                product[0] = 1f;
            }
            float[] m = buffer(index, "exp_avg"), v = buffer(index, "exp_avg_sq");
            double bc2 = 1 - Math.pow(c.beta2, t);
            double mu = c.beta1 * (1 - 0.5 * Math.pow(0.96, t * c.momentumDecay));
            double muNext = c.beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * c.momentumDecay));
            product[0] *= (float) mu;
            float productNext = product[0] * (float) mu * (float) muNext;
            float gradScale = (float) (-learningRate * (1 - mu) / (1 - product[0]));
            float momentumScale = (float) (-learningRate * muNext / (1 - productNext));
            float wd = (float) c.weightDecay, eps = (float) c.epsilon, b1 = (float) c.beta1, b2 = (float) c.beta2;
            float oneMinusB1 = (float) (1 - c.beta1), oneMinusB2 = (float) (1 - c.beta2), bc2f = (float) bc2;
            for (int i = 0; i < w.length; i++) {
                float d = c.weightDecay != 0 ? Math.fma(wd, w[i], g[i]) : g[i];
                m[i] = Math.fma(oneMinusB1, d, m[i] * b1);
                v[i] = Math.fma(oneMinusB2 * d, d, v[i] * b2);
                float r = (float) Math.sqrt(v[i] / bc2f) + eps;
                w[i] += gradScale * d / r;
                w[i] += momentumScale * m[i] / r;
            }
        }
    }
}
