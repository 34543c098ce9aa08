package org.dendrite.core.loss;

import org.dendrite.core.tensor.Matrix;

/** Target checks shared by the losses, each naming the row and what is allowed. */
final class Targets {
    private Targets() {}

    static void requireClassIndices(Matrix target, int classes) {
        float[] t = target.data();
        for (int r = 0; r < target.rows(); r++) {
            float v = t[r];
            if (!(v >= 0 && v < classes) || v != Math.rint(v)) {
                throw new IllegalArgumentException("Target of row " + r + " is " + v + "; a class index must be a whole number in 0.."
                        + (classes - 1));
            }
        }
    }

    static void requireFinite(Matrix target) {
        float[] t = target.data();
        for (int i = 0; i < target.size(); i++) {
            if (!Float.isFinite(t[i])) {
                throw new IllegalArgumentException("Target of row " + i / target.cols() + " column " + i % target.cols() + " is " + t[i]
                        + "; targets must be finite numbers");
            }
        }
    }

    static void requireProbabilities(Matrix target) {
        float[] t = target.data();
        for (int i = 0; i < target.size(); i++) {
            if (!(t[i] >= 0f && t[i] <= 1f)) {
                throw new IllegalArgumentException("Target of row " + i / target.cols() + " column " + i % target.cols() + " is " + t[i]
                        + "; binary cross-entropy targets must lie in [0, 1]");
            }
        }
    }
}
