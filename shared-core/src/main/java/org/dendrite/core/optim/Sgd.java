package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * Stochastic gradient descent with optional heavy-ball momentum (Polyak 1964), dampening,
 * Nesterov momentum (Sutskever et al. 2013, "On the importance of initialization and momentum in
 * deep learning") and L2 weight decay, exactly as {@code torch.optim.SGD} (PyTorch 1.13):
 * <pre>
 * g = g + weightDecay * w
 * b = g                                  (first step)
 * b = momentum * b + (1 - dampening) * g (later steps)
 * g = nesterov ? g + momentum * b : b
 * w = w - lr * g
 * </pre>
 * This is PyTorch's form of momentum, where the learning rate multiplies the whole buffer; see
 * {@link ClassicMomentum} for the textbook form {@code v = momentum v - lr g, w = w + v}.
 * Float32 arithmetic follows PyTorch's operation order ({@code add(x, alpha)} is a fused
 * multiply-add on the CPU).
 */
public record Sgd(double learningRate, double momentum, double dampening, boolean nesterov, double weightDecay) implements Optimizer {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final double DEFAULT_MOMENTUM = 0;
    public static final double DEFAULT_DAMPENING = 0;
    public static final boolean DEFAULT_NESTEROV = false;
    public static final double DEFAULT_WEIGHT_DECAY = 0;

    public Sgd {
        Check.learningRate(learningRate);
        Check.range("momentum", momentum, 0, 1, false);
        Check.range("dampening", dampening, 0, 1, true);
        Check.nonNegative("weightDecay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw Check.invalid("momentum", "Nesterov momentum requires momentum > 0 and dampening = 0, got momentum=" + momentum
                    + ", dampening=" + dampening);
        }
    }

    /** Plain SGD (PyTorch's defaults: no momentum, no weight decay). */
    public Sgd(double learningRate) {
        this(learningRate, DEFAULT_MOMENTUM, DEFAULT_DAMPENING, DEFAULT_NESTEROV, DEFAULT_WEIGHT_DECAY);
    }

    @Override public String name() { return "sgd"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new State(this, parameters);
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;

        @Override
        protected java.util.Set<String> parameterBuffers() {
            return java.util.Set.of("momentum");
        }
        private final Sgd c;

        State(Sgd c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            float negLr = (float) -learningRate, wd = (float) c.weightDecay, mu = (float) c.momentum;
            float keep = (float) (1 - c.dampening);
            boolean first = !hasBuffer(index, "momentum");
            float[] b = c.momentum != 0 ? buffer(index, "momentum") : null;
            for (int i = 0; i < w.length; i++) {
                float d = c.weightDecay != 0 ? Math.fma(wd, w[i], g[i]) : g[i];
                if (b != null) {
                    b[i] = first ? d : Math.fma(keep, d, mu * b[i]);
                    d = c.nesterov ? Math.fma(mu, b[i], d) : b[i];
                }
                w[i] = Math.fma(negLr, d, w[i]);
            }
        }
    }
}
