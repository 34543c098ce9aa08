package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.layer.Parameter;

/**
 * Adagrad (Duchi, Hazan and Singer 2011), as {@code torch.optim.Adagrad}:
 * <pre>
 * g = g + weightDecay * w
 * clr = lr / (1 + (t - 1) * lrDecay)
 * s = s + g^2                  (s starts at initialAccumulatorValue)
 * w = w - clr * g / (sqrt(s) + eps)
 * </pre>
 */
public record Adagrad(double learningRate, double lrDecay, double weightDecay, double initialAccumulatorValue, double epsilon)
        implements Optimizer {
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final double DEFAULT_EPSILON = 1e-10;

    public Adagrad {
        Check.learningRate(learningRate);
        Check.nonNegative("lrDecay", lrDecay);
        Check.nonNegative("weightDecay", weightDecay);
        Check.nonNegative("initialAccumulatorValue", initialAccumulatorValue);
        Check.positive("epsilon", epsilon);
    }

    public Adagrad(double learningRate) {
        this(learningRate, 0, 0, 0, DEFAULT_EPSILON);
    }

    @Override public String name() { return "adagrad"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new OptimizerState(parameters) {
            private static final long serialVersionUID = 1L;

            @Override
            protected void update(int index, float[] w, float[] g, double lr) {
                boolean fresh = !hasBuffer(index, "sum");
                float[] s = buffer(index, "sum");
                if (fresh && initialAccumulatorValue != 0) java.util.Arrays.fill(s, (float) initialAccumulatorValue);
                float clr = (float) -(lr / (1 + (steps() - 1) * lrDecay));
                float wd = (float) weightDecay, eps = (float) epsilon;
                for (int i = 0; i < w.length; i++) {
                    float gi = wd != 0 ? g[i] + wd * w[i] : g[i];
                    s[i] += gi * gi;
                    float std = (float) Math.sqrt(s[i]) + eps;
                    w[i] += clr * gi / std;
                }
            }
        };
    }
}
