package org.dendrite.core.loss;

import org.dendrite.core.tensor.Matrix;

/** Mean squared error: l = mean_j (z_j - y_j)^2, dl/dz = 2 (z - y) / outputs. */
public record MeanSquaredError() implements Loss {
    @Override public String name() { return "mse"; }

    @Override
    public int outputWidth(int targetWidth, int classes) {
        return targetWidth;
    }

    @Override
    public double compute(Matrix z, Matrix target, float[] weights, Matrix grad) {
        return Regression.compute(z, target, weights, grad, (d, unused) -> d * d, (d, unused) -> 2 * d, 0);
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
