package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.layer.Parameter;

/**
 * Stochastic gradient descent with optional momentum (Polyak 1964), dampening, Nesterov momentum
 * (Sutskever et al. 2013) and L2 weight decay, exactly as {@code torch.optim.SGD}:
 * <pre>
 * g = g + weightDecay * w
 * b = g                                  (first step)
 * b = momentum * b + (1 - dampening) * g (later steps)
 * g = nesterov ? g + momentum * b : b
 * w = w - lr * g
 * </pre>
 * This is the momentum form v = beta v + g, w -= lr v; see {@link ClassicMomentum} for the other.
 */
public record Sgd(double learningRate, double momentum, double dampening, boolean nesterov, double weightDecay) implements Optimizer {
    /** SGD has no natural learning rate (PyTorch requires one); this is Dendrite's default for it. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    public Sgd {
        Check.learningRate(learningRate);
        Check.range("momentum", momentum, 0, 1, false);
        Check.range("dampening", dampening, 0, 1, true);
        Check.nonNegative("weightDecay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires momentum > 0 and dampening = 0, got momentum=" + momentum
                    + ", dampening=" + dampening);
        }
    }

    public Sgd(double learningRate) {
        this(learningRate, 0, 0, false, 0);
    }

    @Override public String name() { return "sgd"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new State(this, parameters);
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;
        private final Sgd c;

        State(Sgd c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            float lr = (float) learningRate, wd = (float) c.weightDecay, mu = (float) c.momentum;
            float keep = (float) (1 - c.dampening);
            boolean first = !hasBuffer(index, "momentum_buffer");
            float[] b = mu != 0 ? buffer(index, "momentum_buffer") : null;
            for (int i = 0; i < w.length; i++) {
                float d = wd != 0 ? g[i] + wd * w[i] : g[i];
                if (b != null) {
                    b[i] = first ? d : b[i] * mu + keep * d;
                    d = c.nesterov ? d + mu * b[i] : b[i];
                }
                w[i] += -lr * d;
            }
        }
    }
}
