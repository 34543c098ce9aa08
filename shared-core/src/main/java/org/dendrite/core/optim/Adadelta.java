package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.layer.Parameter;

/**
 * Adadelta (Zeiler 2012), as {@code torch.optim.Adadelta}:
 * <pre>
 * g = g + weightDecay * w
 * v = rho v + (1 - rho) g^2
 * delta = sqrt(u + eps) / sqrt(v + eps) * g
 * u = rho u + (1 - rho) delta^2
 * w = w - lr * delta
 * </pre>
 */
public record Adadelta(double learningRate, double rho, double epsilon, double weightDecay) implements Optimizer {
    public static final double DEFAULT_LEARNING_RATE = 1.0;
    public static final double DEFAULT_RHO = 0.9;
    public static final double DEFAULT_EPSILON = 1e-6;

    public Adadelta {
        Check.learningRate(learningRate);
        Check.range("rho", rho, 0, 1, true);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
    }

    public Adadelta(double learningRate) {
        this(learningRate, DEFAULT_RHO, DEFAULT_EPSILON, 0);
    }

    @Override public String name() { return "adadelta"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new OptimizerState(parameters) {
            private static final long serialVersionUID = 1L;

            @Override
            protected void update(int index, float[] w, float[] g, double lr) {
                float r = (float) rho, oneMinus = (float) (1 - rho), eps = (float) epsilon, wd = (float) weightDecay, rate = (float) lr;
                float[] v = buffer(index, "square_avg"), u = buffer(index, "acc_delta");
                for (int i = 0; i < w.length; i++) {
                    float gi = wd != 0 ? g[i] + wd * w[i] : g[i];
                    v[i] = v[i] * r + oneMinus * gi * gi;
                    float std = (float) Math.sqrt(v[i] + eps);
                    float delta = (float) Math.sqrt(u[i] + eps) / std * gi;
                    u[i] = u[i] * r + oneMinus * delta * delta;
                    w[i] += -rate * delta;
                }
            }
        };
    }
}
