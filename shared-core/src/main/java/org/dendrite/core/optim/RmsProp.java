package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * RMSProp (Tieleman and Hinton 2012, Coursera "Neural Networks for Machine Learning", lecture 6.5),
 * with the centered variant and momentum of Graves 2013 ("Generating Sequences With Recurrent
 * Neural Networks"), exactly as {@code torch.optim.RMSprop} (PyTorch 1.13):
 * <pre>
 * g = g + weightDecay * w
 * s = alpha s + (1 - alpha) g^2
 * a = alpha a + (1 - alpha) g          (centered only)
 * r = sqrt(s - a^2) + eps              (centered; else sqrt(s) + eps)
 * b = momentum b + g / r, w = w - lr b (momentum > 0)
 * w = w - lr g / r                     (momentum = 0)
 * </pre>
 * Note that eps is added outside the square root (unlike TensorFlow/Keras, which add it inside).
 */
public record RmsProp(double learningRate, double alpha, double epsilon, double weightDecay, double momentum, boolean centered)
        implements Optimizer {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final double DEFAULT_ALPHA = 0.99;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_WEIGHT_DECAY = 0;
    public static final double DEFAULT_MOMENTUM = 0;
    public static final boolean DEFAULT_CENTERED = false;

    public RmsProp {
        Check.learningRate(learningRate);
        Check.range("alpha", alpha, 0, 1, false);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
        Check.range("momentum", momentum, 0, 1, false);
    }

    public RmsProp(double learningRate) {
        this(learningRate, DEFAULT_ALPHA, DEFAULT_EPSILON, DEFAULT_WEIGHT_DECAY, DEFAULT_MOMENTUM, DEFAULT_CENTERED);
    }

    @Override public String name() { return "rmsprop"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new State(this, parameters);
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;

        @Override
        protected java.util.Set<String> parameterBuffers() {
            return java.util.Set.of("square_avg", "grad_avg", "momentum_buffer");
        }
        private final RmsProp c;

        State(RmsProp c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            float negLr = (float) -learningRate, wd = (float) c.weightDecay, eps = (float) c.epsilon;
            float alpha = (float) c.alpha, oneMinusAlpha = (float) (1 - c.alpha), mu = (float) c.momentum;
            float[] s = buffer(index, "square_avg");
            float[] a = c.centered ? buffer(index, "grad_avg") : null;
            float[] b = c.momentum > 0 ? buffer(index, "momentum_buffer") : null;
            for (int i = 0; i < w.length; i++) {
                float d = c.weightDecay != 0 ? Math.fma(wd, w[i], g[i]) : g[i];
                s[i] = Math.fma(oneMinusAlpha * d, d, s[i] * alpha);
                float r;
                if (a != null) {
                    a[i] = Math.fma(oneMinusAlpha, d, a[i] * alpha);
                    r = (float) Math.sqrt(Math.fma(-a[i], a[i], s[i]));
                } else {
                    r = (float) Math.sqrt(s[i]);
                }
                r += eps;
                if (b != null) {
                    b[i] = b[i] * mu + d / r;
                    w[i] = Math.fma(negLr, b[i], w[i]);
                } else {
                    w[i] += negLr * d / r;
                }
            }
        }
    }
}
