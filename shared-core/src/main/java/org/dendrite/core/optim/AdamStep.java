package org.dendrite.core.optim;

/** The moment updates and step shared by {@link Adam} and {@link AdamW}, in PyTorch 1.13's float32 operation order. */
final class AdamStep {
    private AdamStep() {}

    /** One Adam step at step number {@code t} (from 1) with gradient {@code g} (weight decay already applied). */
    static void apply(float[] w, float[] g, float[] m, float[] v, float[] vmax, long t, double lr, double beta1, double beta2,
                      double epsilon) {
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        float negStepSize = (float) -(lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float b1 = (float) beta1, b2 = (float) beta2, eps = (float) epsilon;
        float oneMinusB1 = (float) (1 - beta1), oneMinusB2 = (float) (1 - beta2);
        for (int i = 0; i < w.length; i++) {
            m[i] = Math.fma(oneMinusB1, g[i], m[i] * b1);
            v[i] = Math.fma(oneMinusB2 * g[i], g[i], v[i] * b2);
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
