package org.dendrite.core.optim;

import java.util.Arrays;
import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * Adagrad (Duchi, Hazan and Singer 2011, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization"), exactly as {@code torch.optim.Adagrad} (PyTorch 1.13):
 * <pre>
 * g   = g + weightDecay * w
 * lr' = lr_t / (1 + (t - 1) * lrDecay)
 * s   = s + g^2                      (s starts at initialAccumulatorValue)
 * w   = w - lr' * g / (sqrt(s) + eps)
 * </pre>
 */
public record Adagrad(double learningRate, double lrDecay, double weightDecay, double initialAccumulatorValue, double epsilon)
        implements Optimizer {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final double DEFAULT_LR_DECAY = 0;
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    public static final double DEFAULT_INITIAL_ACCUMULATOR_VALUE = 0;
    public static final double DEFAULT_EPSILON = 1e-10;

    public Adagrad {
        Check.learningRate(learningRate);
        Check.nonNegative("lrDecay", lrDecay);
        Check.nonNegative("weightDecay", weightDecay);
        Check.nonNegative("initialAccumulatorValue", initialAccumulatorValue);
        Check.positive("epsilon", epsilon);
    }

    public Adagrad(double learningRate) {
        this(learningRate, DEFAULT_LR_DECAY, DEFAULT_WEIGHT_DECAY, DEFAULT_INITIAL_ACCUMULATOR_VALUE, DEFAULT_EPSILON);
    }

    @Override public String name() { return "adagrad"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new State(this, parameters);
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;

        @Override
        protected java.util.Set<String> parameterBuffers() {
            return java.util.Set.of("sum");
        }
        private final Adagrad c;

        State(Adagrad c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            boolean fresh = !hasBuffer(index, "sum");
            float[] s = buffer(index, "sum");
            if (fresh) {
                Arrays.fill(s, (float) c.initialAccumulatorValue);
            }
            double clr = learningRate / (1 + (steps() - 1) * c.lrDecay);
            float negClr = (float) -clr, wd = (float) c.weightDecay, eps = (float) c.epsilon;
            for (int i = 0; i < w.length; i++) {
                float d = c.weightDecay != 0 ? Math.fma(wd, w[i], g[i]) : g[i];
                s[i] = Math.fma(d, d, s[i]);
                float std = (float) Math.sqrt(s[i]) + eps;
                w[i] += negClr * d / std;
            }
        }
    }
}
