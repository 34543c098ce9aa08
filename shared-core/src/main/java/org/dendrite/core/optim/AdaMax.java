package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.layer.Parameter;

/**
 * AdaMax, Adam's infinity-norm variant (Kingma and Ba 2015, section 7.1), as {@code torch.optim.Adamax}:
 * <pre>
 * g = g + weightDecay * w
 * m = beta1 m + (1 - beta1) g
 * u = max(beta2 u, |g| + eps)
 * w = w - lr / (1 - beta1^t) * m / u
 * </pre>
 */
public record AdaMax(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) implements Optimizer {
    public static final double DEFAULT_LEARNING_RATE = 2e-3;

    public AdaMax {
        Check.learningRate(learningRate);
        Check.range("beta1", beta1, 0, 1, false);
        Check.range("beta2", beta2, 0, 1, false);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
    }

    public AdaMax(double learningRate) {
        this(learningRate, Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, Adam.DEFAULT_EPSILON, 0);
    }

    @Override public String name() { return "adamax"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new OptimizerState(parameters) {
            private static final long serialVersionUID = 1L;

            @Override
            protected void update(int index, float[] w, float[] g, double lr) {
                float b1 = (float) beta1, oneMinus = (float) (1 - beta1), b2 = (float) beta2, eps = (float) epsilon, wd = (float) weightDecay;
                float clr = (float) -(lr / (1 - Math.pow(beta1, steps())));
                float[] m = buffer(index, "exp_avg"), u = buffer(index, "exp_inf");
                for (int i = 0; i < w.length; i++) {
                    float gi = wd != 0 ? g[i] + wd * w[i] : g[i];
                    m[i] = m[i] * b1 + oneMinus * gi;
                    u[i] = Math.max(u[i] * b2, Math.abs(gi) + eps);
                    w[i] += clr * m[i] / u[i];
                }
            }
        };
    }
}
