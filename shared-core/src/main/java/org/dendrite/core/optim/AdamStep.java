package org.dendrite.core.optim;

/** The moment updates and step shared by {@link Adam} and {@link AdamW}, in PyTorch 1.13's float32 operation order. */
final class AdamStep {
    private AdamStep() {}

    /**
     * One Adam step at step number {@code t} (from 1) with gradient {@code g + weightDecay * w}
     * (coupled L2 decay, fused into the same loop so no temporary is allocated; 0 for none).
     */
    static void apply(float[] w, float[] g, float[] m, float[] v, float[] vmax, long t, double lr, double beta1, double beta2,
                      double epsilon, double weightDecay) {
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        float negStepSize = (float) -(lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float b1 = (float) beta1, b2 = (float) beta2, eps = (float) epsilon;
        float oneMinusB1 = (float) (1 - beta1), oneMinusB2 = (float) (1 - beta2), wd = (float) weightDecay;
        for (int i = 0; i < w.length; i++) {
            float gi = wd == 0f ? g[i] : Math.fma(wd, w[i], g[i]);
            m[i] = Math.fma(oneMinusB1, gi, m[i] * b1);
            v[i] = Math.fma(oneMinusB2 * gi, gi, v[i] * b2);
            float vi = v[i];
            if (vmax != null) {
                vmax[i] = Math.max(vmax[i], vi);
                vi = vmax[i];
            }
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
            w[i] += negStepSize * m[i] / denom;
        }
    }
}
