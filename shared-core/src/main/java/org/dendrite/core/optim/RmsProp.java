package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.layer.Parameter;

/**
 * RMSProp (Tieleman and Hinton 2012, lecture 6.5), plain, centered (Graves 2013) and with
 * momentum, as {@code torch.optim.RMSprop}:
 * <pre>
 * g = g + weightDecay * w
 * v = alpha v + (1 - alpha) g^2
 * centered: m = alpha m + (1 - alpha) g; a = sqrt(v - m^2) + eps    else a = sqrt(v) + eps
 * momentum: b = momentum b + g / a; w = w - lr b                     else w = w - lr g / a
 * </pre>
 */
public record RmsProp(double learningRate, double alpha, double epsilon, double weightDecay, double momentum, boolean centered)
        implements Optimizer {
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    public static final double DEFAULT_ALPHA = 0.99;
    public static final double DEFAULT_EPSILON = 1e-8;

    public RmsProp {
        Check.learningRate(learningRate);
        Check.range("alpha", alpha, 0, 1, true);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
        Check.range("momentum", momentum, 0, 1, false);
    }

    public RmsProp(double learningRate) {
        this(learningRate, DEFAULT_ALPHA, DEFAULT_EPSILON, 0, 0, false);
    }

    @Override public String name() { return "rmsprop"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new OptimizerState(parameters) {
            private static final long serialVersionUID = 1L;

            @Override
            protected void update(int index, float[] w, float[] g, double lr) {
                float a = (float) alpha, oneMinus = (float) (1 - alpha), eps = (float) epsilon, wd = (float) weightDecay;
                float mu = (float) momentum, rate = (float) lr;
                float[] v = buffer(index, "square_avg");
                float[] m = centered ? buffer(index, "grad_avg") : null;
                float[] b = momentum > 0 ? buffer(index, "momentum_buffer") : null;
                for (int i = 0; i < w.length; i++) {
                    float gi = wd != 0 ? g[i] + wd * w[i] : g[i];
                    v[i] = v[i] * a + oneMinus * gi * gi;
                    float avg;
                    if (m != null) {
                        m[i] = m[i] * a + oneMinus * gi;
                        avg = (float) Math.sqrt(v[i] - m[i] * m[i]) + eps;
                    } else {
                        avg = (float) Math.sqrt(v[i]) + eps;
                    }
                    if (b != null) {
                        b[i] = b[i] * mu + gi / avg;
                        w[i] += -rate * b[i];
                    } else {
                        w[i] += -rate * gi / avg;
                    }
                }
            }
        };
    }
}
