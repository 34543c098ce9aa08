package org.dendrite.core.train;

import java.io.Serializable;
import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * Gradient clipping between backward and the optimizer step (Pascanu et al. 2013): by value, each
 * gradient component into [-maxValue, maxValue]; by global norm, all gradients scaled by
 * maxNorm / ||g|| when the L2 norm over every parameter exceeds maxNorm. 0 turns either off; with
 * both, values are clipped first.
 */
public record GradientClipping(double maxValue, double maxNorm) implements Serializable {
    public static final GradientClipping NONE = new GradientClipping(0, 0);

    public GradientClipping {
        // a positive bound below float32's normal range clipped every gradient to (about) 0, and the run's warning blamed the rate
        if (!(maxValue == 0 || maxValue >= Float.MIN_NORMAL) || Double.isInfinite(maxValue)) {
            throw Check.invalid("maxValue", "Invalid clipping maxValue: " + maxValue + " (allowed: 0 = off, or a finite number >= "
                    + Float.MIN_NORMAL + ", float32's smallest normal)");
        }
        if (!(maxNorm == 0 || maxNorm >= Float.MIN_NORMAL) || Double.isInfinite(maxNorm)) {
            throw Check.invalid("maxNorm", "Invalid clipping maxNorm: " + maxNorm + " (allowed: 0 = off, or a finite number >= "
                    + Float.MIN_NORMAL + ", float32's smallest normal)");
        }
    }

    public boolean enabled() {
        return maxValue > 0 || maxNorm > 0;
    }

    /** Clips the gradients stored in {@code parameters} in place; returns the global norm before norm clipping. */
    public double apply(List<Parameter> parameters) {
        if (maxValue > 0) {
            float c = (float) maxValue;
            for (Parameter p : parameters) {
                float[] g = p.grad();
                for (int i = 0; i < g.length; i++) g[i] = Math.max(-c, Math.min(c, g[i]));
            }
        }
        double sq = 0;
        for (Parameter p : parameters) for (float v : p.grad()) sq += (double) v * v;
        double norm = Math.sqrt(sq);
        if (maxNorm > 0 && norm > maxNorm) {
            float f = (float) (maxNorm / norm);
            for (Parameter p : parameters) {
                float[] g = p.grad();
                for (int i = 0; i < g.length; i++) g[i] *= f;
            }
        }
        return norm;
    }
}
