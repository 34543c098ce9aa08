package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.layer.Parameter;

/**
 * Adam (Kingma and Ba 2015) with bias correction, optional AMSGrad (Reddi et al. 2018) and
 * optional decoupled weight decay (AdamW, Loshchilov and Hutter 2019), as {@code torch.optim.Adam}
 * / {@code AdamW}:
 * <pre>
 * g = g + weightDecay * w                      (Adam: L2 coupled into the gradient)
 * w = w (1 - lr * weightDecay)                 (AdamW: decoupled, instead of the line above)
 * m = beta1 m + (1 - beta1) g
 * v = beta2 v + (1 - beta2) g^2
 * vmax = max(vmax, v)                           (AMSGrad; v below means vmax)
 * w = w - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, boolean amsgrad,
                   boolean decoupledWeightDecay) implements Optimizer {
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    /** AdamW's default decoupled weight decay (PyTorch's). */
    public static final double DEFAULT_ADAMW_WEIGHT_DECAY = 1e-2;

    public Adam {
        Check.learningRate(learningRate);
        Check.range("beta1", beta1, 0, 1, false);
        Check.range("beta2", beta2, 0, 1, false);
        Check.positive("epsilon", epsilon);
        Check.nonNegative("weightDecay", weightDecay);
    }

    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, 0, false, false);
    }

    /** AdamW with PyTorch's defaults except the learning rate. */
    public static Adam adamW(double learningRate, double weightDecay) {
        return new Adam(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, weightDecay, false, true);
    }

    @Override public String name() { return decoupledWeightDecay ? "adamw" : "adam"; }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new State(this, parameters);
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;
        private final Adam c;

        State(Adam c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            long t = steps();
            float stepSize = (float) -(learningRate / (1 - Math.pow(c.beta1, t)));
            float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(c.beta2, t));
            float b1 = (float) c.beta1, om1 = (float) (1 - c.beta1), b2 = (float) c.beta2, om2 = (float) (1 - c.beta2);
            float eps = (float) c.epsilon, wd = (float) c.weightDecay;
            boolean coupled = !c.decoupledWeightDecay && wd != 0;
            float decay = c.decoupledWeightDecay ? (float) (1 - learningRate * c.weightDecay) : 1f;
            float[] m = buffer(index, "exp_avg"), v = buffer(index, "exp_avg_sq");
            float[] vmax = c.amsgrad ? buffer(index, "max_exp_avg_sq") : null;
            for (int i = 0; i < w.length; i++) {
                float gi = coupled ? g[i] + wd * w[i] : g[i];
                if (c.decoupledWeightDecay) w[i] *= decay;
                m[i] = m[i] * b1 + om1 * gi;
                v[i] = v[i] * b2 + om2 * gi * gi;
                float vi = v[i];
                if (vmax != null) {
                    vmax[i] = Math.max(vmax[i], v[i]);
                    vi = vmax[i];
                }
                w[i] += stepSize * m[i] / ((float) Math.sqrt(vi) / bc2Sqrt + eps);
            }
        }
    }
}
