package org.dendrite.core.regularization;

/** The max-norm constraint on a dense weight matrix stored {@code in x out} from {@code offset}: each column (a unit's incoming weights) rescaled to norm <= c. */
final class MaxNorm {
    private MaxNorm() {}

    static void apply(float[] w, int offset, int in, int out, double c) {
        for (int j = 0; j < out; j++) {
            double s = 0;
            for (int i = 0; i < in; i++) s += (double) w[offset + i * out + j] * w[offset + i * out + j];
            double norm = Math.sqrt(s);
            if (norm > c) {
                float f = (float) (c / norm);
                for (int i = 0; i < in; i++) w[offset + i * out + j] *= f;
            }
        }
    }
}
