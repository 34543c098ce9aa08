package org.dendrite.core.loss;

import org.dendrite.core.tensor.Matrix;

/** Mean absolute error: l = mean_j |z_j - y_j|, dl/dz = sign(z - y) / outputs (0 at a tie). */
public record MeanAbsoluteError() implements Loss {
    @Override public String name() { return "mae"; }

    @Override
    public int outputWidth(int targetWidth, int classes) {
        return targetWidth;
    }

    @Override
    public double compute(Matrix z, Matrix target, float[] weights, Matrix grad) {
        return Regression.compute(z, target, weights, grad, (d, unused) -> Math.abs(d), (d, unused) -> Math.signum(d), 0);
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
