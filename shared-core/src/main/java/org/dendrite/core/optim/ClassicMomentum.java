package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.layer.Parameter;

/**
 * Momentum in the textbook form of Rumelhart, Hinton and Williams (1986) and Sutskever et al. (2013):
 * <pre>
 * v = momentum * v - lr * g
 * w = w + v
 * </pre>
 * PyTorch's {@link Sgd} keeps v' = momentum v' + g and steps w -= lr v'. With a constant learning
 * rate the two coincide (v = -lr v' at every step). When the rate changes they differ: here the
 * velocity carries the old rates' steps and the new rate scales only the new gradient, while
 * PyTorch's form rescales the whole accumulated velocity by the new rate at once.
 */
public record ClassicMomentum(double learningRate, double momentum) implements Optimizer {
    public static final double DEFAULT_MOMENTUM = 0.9;

    public ClassicMomentum {
        Check.learningRate(learningRate);
        Check.range("momentum", momentum, 0, 1, false);
    }

    public ClassicMomentum(double learningRate) {
        this(learningRate, DEFAULT_MOMENTUM);
    }

    @Override public String name() { return "classic_momentum"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new OptimizerState(parameters) {
            private static final long serialVersionUID = 1L;

            @Override
            protected void update(int index, float[] w, float[] g, double lr) {
                float[] v = buffer(index, "velocity");
                float mu = (float) momentum, rate = (float) lr;
                for (int i = 0; i < w.length; i++) {
                    v[i] = mu * v[i] - rate * g[i];
                    w[i] += v[i];
                }
            }
        };
    }
}
