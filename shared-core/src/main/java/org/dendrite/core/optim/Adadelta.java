package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * Adadelta (Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method"), exactly as
 * {@code torch.optim.Adadelta} (PyTorch 1.13), whose extra learning rate scales the step
 * (1.0 gives Zeiler's method):
 * <pre>
 * g  = g + weightDecay * w
 * s  = rho s + (1 - rho) g^2
 * dx = sqrt(u + eps) / sqrt(s + eps) * g
 * u  = rho u + (1 - rho) dx^2
 * w  = w - lr dx
 * </pre>
 */
public record Adadelta(double learningRate, double rho, double epsilon, double weightDecay) implements Optimizer {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 1.0;
    public static final double DEFAULT_RHO = 0.9;
    public static final double DEFAULT_EPSILON = 1e-6;
    public static final double DEFAULT_WEIGHT_DECAY = 0;

    public Adadelta {
        Check.learningRate(learningRate);
        Check.range("rho", rho, 0, 1, true);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
    }

    public Adadelta(double learningRate) {
        this(learningRate, DEFAULT_RHO, DEFAULT_EPSILON, DEFAULT_WEIGHT_DECAY);
    }

    @Override public String name() { return "adadelta"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new State(this, parameters);
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;

        @Override
        protected java.util.Set<String> parameterBuffers() {
            return java.util.Set.of("square_avg", "acc_delta");
        }
        private final Adadelta c;

        State(Adadelta c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            float negLr = (float) -learningRate, wd = (float) c.weightDecay, eps = (float) c.epsilon;
            float rho = (float) c.rho, oneMinusRho = (float) (1 - c.rho);
            float[] s = buffer(index, "square_avg"), u = buffer(index, "acc_delta");
            for (int i = 0; i < w.length; i++) {
                float d = c.weightDecay != 0 ? Math.fma(wd, w[i], g[i]) : g[i];
                s[i] = Math.fma(oneMinusRho * d, d, s[i] * rho);
                float std = (float) Math.sqrt(s[i] + eps);
                float delta = (float) Math.sqrt(u[i] + eps) / std * d;
                u[i] = Math.fma(oneMinusRho * delta, delta, u[i] * rho);
                w[i] = Math.fma(negLr, delta, w[i]);
            }
        }
    }
}
