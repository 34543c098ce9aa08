package org.dendrite.core.loss;

import java.io.Serializable;
import org.dendrite.core.tensor.Matrix;

/**
 * A training loss over a batch of network outputs (logits for the fused classification losses).
 * The batch loss is the weighted mean {@code sum_i w_i l_i / sum_i w_i} (plain mean without weights);
 * a batch whose rows all weigh 0 has loss 0 and gradient 0 (it adds nothing; PyTorch's weighted
 * mean would give 0/0 there).
 */
public interface Loss extends Serializable {
    /** The name used in specs and options. */
    String name();

    /** The number of network outputs for a target of {@code targetWidth} values / {@code classes} classes. */
    int outputWidth(int targetWidth, int classes);

    /**
     * The weighted mean loss of the batch; when {@code grad} is not null, writes dLoss/dOutput there.
     * {@code weights} may be null (all ones).
     */
    double compute(Matrix output, Matrix target, float[] weights, Matrix grad);

    /** Turns network outputs into predictions (probabilities for classifiers), in place allowed. */
    void predict(Matrix output, Matrix prediction);

    /**
     * {@link #predict} into doubles from {@code offset}, as a trained model gives its predictions: where the
     * link's value is rounded by float32 (a class probability above 1 - 6e-8 was exactly 1, tying the
     * most confident rows in Weka's ROC area) a loss computes it in double from the float32 outputs.
     */
    default void predict(Matrix output, double[] prediction, int offset) {
        Matrix p = new Matrix(output.rows(), output.cols());
        predict(output, p);
        float[] f = p.data();
        for (int i = 0; i < f.length; i++) prediction[offset + i] = f[i];
    }

    /** Checks a target value of row {@code row}; throws naming the row and what is allowed. */
    void validateTarget(Matrix target, int classes);

    /** The divisor of a batch's weighted mean: its weight sum, or 1 when every row weighs 0 (the sum of weighted losses is then 0 too). */
    static double meanDivisor(float[] weights, int n) {
        double s = weightSum(weights, n);
        return s > 0 ? s : 1;
    }

    /** The sum of the first {@code n} weights ({@code n} without weights). */
    static double weightSum(float[] weights, int n) {
        if (weights == null) {
            return n;
        }
        double s = 0;
        for (int i = 0; i < n; i++) s += weights[i];
        return s;
    }
}
