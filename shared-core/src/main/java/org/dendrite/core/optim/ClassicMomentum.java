package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * Gradient descent with momentum in the textbook form (Polyak 1964; Rumelhart, Hinton and
 * Williams 1986; Sutskever et al. 2013, eq. 1), where the learning rate scales each new gradient
 * as it enters the velocity:
 * <pre>
 * g = g + weightDecay * w
 * v = momentum * v - lr_t * g        (v starts at 0)
 * w = w + v
 * </pre>
 * PyTorch's {@link Sgd} instead accumulates raw gradients and scales the whole buffer by the
 * current rate: {@code b = momentum b + g, w = w - lr_t b}. Unrolled, the step of this form is
 * {@code -sum_k momentum^(t-k) lr_k g_k} and PyTorch's is {@code -lr_t sum_k momentum^(t-k) g_k}:
 * the two coincide exactly (up to float rounding) while the learning rate is constant, and differ
 * as soon as it changes between steps (a schedule, warm-up, a rollback that lowers the rate). Here
 * a rate change affects only future gradients, the velocity already built up keeps its size;
 * in PyTorch's form a rate change rescales the accumulated momentum at once.
 */
public record ClassicMomentum(double learningRate, double momentum, double weightDecay) implements Optimizer {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_WEIGHT_DECAY = 0;

    public ClassicMomentum {
        Check.learningRate(learningRate);
        Check.range("momentum", momentum, 0, 1, false);
        Check.nonNegative("weightDecay", weightDecay);
    }

    public ClassicMomentum(double learningRate) {
        this(learningRate, DEFAULT_MOMENTUM, DEFAULT_WEIGHT_DECAY);
    }

    @Override public String name() { return "momentum"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new State(this, parameters);
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;

        @Override
        protected java.util.Set<String> parameterBuffers() {
            return java.util.Set.of("velocity");
        }
        private final ClassicMomentum c;

        State(ClassicMomentum c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            float negLr = (float) -learningRate, wd = (float) c.weightDecay, mu = (float) c.momentum;
            float[] v = buffer(index, "velocity");
            for (int i = 0; i < w.length; i++) {
                float d = c.weightDecay != 0 ? Math.fma(wd, w[i], g[i]) : g[i];
                v[i] = Math.fma(negLr, d, mu * v[i]);
                w[i] += v[i];
            }
        }
    }
}
