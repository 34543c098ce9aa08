package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.tensor.Matrix;

/**
 * Softmax over each row: y_j = e^(x_j - max x) / sum_k e^(x_k - max x);
 * backward dx_j = y_j (dy_j - sum_k dy_k y_k). For classification the fused softmax
 * cross-entropy loss is used instead of this layer.
 */
public record Softmax() implements ActivationFunction {
    @Override public String name() { return "softmax"; }
    @Override public Initializer defaultInitializer() { return Initializer.XAVIER_UNIFORM; }

    @Override
    public void forward(Matrix x, Matrix y) {
        softmaxRows(x.data(), y.data(), x.rows(), x.cols());
    }

    /** Row-wise stable softmax of {@code rows x cols} values from {@code in} into {@code out} (may alias). */
    public static void softmaxRows(float[] in, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, in[o + j]);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(in[o + j] - max);
                out[o + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < cols; j++) out[o + j] *= inv;
        }
    }

    @Override
    public void backward(Matrix x, Matrix y, Matrix dy, Matrix dx) {
        float[] s = y.data(), g = dy.data(), d = dx.data();
        int cols = y.cols();
        for (int r = 0, rows = y.rows(); r < rows; r++) {
            int o = r * cols;
            double dot = 0;
            for (int j = 0; j < cols; j++) dot += g[o + j] * s[o + j];
            for (int j = 0; j < cols; j++) d[o + j] = (float) (s[o + j] * (g[o + j] - dot));
        }
    }
}
