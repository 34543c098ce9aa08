package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.layer.Parameter;

/**
 * Nadam: Adam with Nesterov momentum (Dozat 2016), with the momentum-decay schedule of
 * {@code torch.optim.NAdam} (PyTorch 1.13):
 * <pre>
 * mu_t = beta1 (1 - 0.5 * 0.96^(t * momentumDecay)),  P_t = prod_{i<=t} mu_i   (kept in float32, as PyTorch)
 * m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;  d = sqrt(v / (1 - beta2^t)) + eps
 * w = w - lr (1 - mu_t) / (1 - P_t) * g / d - lr mu_{t+1} / (1 - P_t mu_t mu_{t+1}) * m / d
 * </pre>
 * The second denominator is PyTorch 1.13's (its {@code mu_product_next} multiplies mu_t in twice;
 * Dozat's paper has P_t mu_{t+1}). Dendrite follows the reference implementation so trajectories match.
 */
public record Nadam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, double momentumDecay)
        implements Optimizer {
    public static final double DEFAULT_LEARNING_RATE = 2e-3;
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
        this(learningRate, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON, 0, DEFAULT_MOMENTUM_DECAY);
    }

    @Override public String name() { return "nadam"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new OptimizerState(parameters) {
            private static final long serialVersionUID = 1L;

            @Override
            protected void update(int index, float[] w, float[] g, double lr) {
                long t = steps();
                float[] product = scalar(index, "mu_product");
                if (t == 1) product[0] = 1f;
                double mu = beta1 * (1. - 0.5 * Math.pow(0.96, t * momentumDecay));
                double muNext = beta1 * (1. - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
                product[0] = product[0] * (float) mu;
                float productNext = product[0] * (float) mu * (float) muNext;
                float bc2 = (float) (1 - Math.pow(beta2, t));
                float c1 = (float) (-lr * (1. - mu) / (1. - product[0]));
                float c2 = (float) (-lr * muNext / (1. - productNext));
                float b1 = (float) beta1, om1 = (float) (1 - beta1), b2 = (float) beta2, om2 = (float) (1 - beta2);
                float eps = (float) epsilon, wd = (float) weightDecay;
                float[] m = buffer(index, "exp_avg"), v = buffer(index, "exp_avg_sq");
                for (int i = 0; i < w.length; i++) {
                    float gi = wd != 0 ? g[i] + wd * w[i] : g[i];
                    m[i] = m[i] * b1 + om1 * gi;
                    v[i] = v[i] * b2 + om2 * gi * gi;
                    float denom = (float) Math.sqrt(v[i] / bc2) + eps;
                    w[i] += c1 * gi / denom;
                    w[i] += c2 * m[i] / denom;
                }
            }

        };
    }
}
