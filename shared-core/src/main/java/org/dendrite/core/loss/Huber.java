package org.dendrite.core.loss;

import org.dendrite.core.tensor.Matrix;

/**
 * Huber loss (Huber 1964) with threshold delta: l = d^2/2 for |d| <= delta, delta (|d| - delta/2)
 * otherwise, d = z - y; dl/dz = clip(d, -delta, delta). As {@code torch.nn.HuberLoss}, on the
 * network's output: with target standardization (the default), d and delta are in units of the
 * target's scale (its interquartile range / 1.349, as for any robust loss), not the target's own units.
 */
public record Huber(double delta) implements Loss {
    public static final double DEFAULT_DELTA = 1.0;

    public Huber {
        // below float32's normal range every gradient vanished, and the run's warning blamed the learning rate
        if (!(delta >= Float.MIN_NORMAL) || Double.isInfinite(delta)) {
            throw org.dendrite.core.check.Check.invalid("delta", "Huber delta must be a finite number >= " + Float.MIN_NORMAL + " (float32's "
                    + "smallest normal), got " + delta);
        }
    }

    public Huber() { this(DEFAULT_DELTA); }

    @Override public String name() { return "huber"; }

    @Override
    public int outputWidth(int targetWidth, int classes) {
        return targetWidth;
    }

    @Override
    public double compute(Matrix z, Matrix target, float[] weights, Matrix grad) {
        return Regression.compute(z, target, weights, grad,
                (d, k) -> Math.abs(d) <= k ? 0.5 * d * d : k * (Math.abs(d) - 0.5 * k),
                (d, k) -> Math.max(-k, Math.min(k, d)), delta);
    }

    @Override
    public void predict(Matrix output, Matrix prediction) {
        Regression.copy(output, prediction);
    }

    @Override
    public void validateTarget(Matrix target, int classes) {
        Targets.requireFinite(target);
    }
}
