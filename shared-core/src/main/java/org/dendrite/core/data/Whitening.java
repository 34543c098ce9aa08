package org.dendrite.core.data;

import java.io.Serializable;
import org.dendrite.core.tensor.Matrix;

/**
 * Input whitening fitted on the training features: with covariance C = U diag(lambda) U^T,
 * PCA whitening maps x to diag(lambda + eps)^(-1/2) U^T (x - mu) and ZCA whitening (Bell and
 * Sejnowski 1997) to U diag(lambda + eps)^(-1/2) U^T (x - mu), which decorrelates the inputs while
 * staying closest to the originals. Directions of zero variance are projected out. The transform is
 * saved with the model.
 */
public final class Whitening implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Added to each eigenvalue so near-constant directions are not blown up. */
    public static final double DEFAULT_EPSILON = 1e-5;
    /** Eigenvalues below this fraction of the largest count as zero variance. */
    static final double NULL_DIRECTION = 1e-9;

    /** Which whitening, if any. */
    public enum Kind { NONE, PCA, ZCA }

    private final Kind kind;
    private final double[] mean;
    /** Row-major d x d: x' = T (x - mean). */
    private final double[] transform;

    public Whitening(Kind kind, double[] mean, double[] transform) {
        this.kind = kind;
        this.mean = mean.clone();
        this.transform = transform.clone();
    }

    public Kind kind() { return kind; }
    public double[] mean() { return mean.clone(); }
    public double[] transform() { return transform.clone(); }

    /** Fits {@code kind} whitening on the rows of {@code x}. */
    public static Whitening fit(Kind kind, Matrix x, double epsilon) {
        CoMoments m = new CoMoments(x.cols());
        for (int r = 0; r < x.rows(); r++) m.add(x.data(), r * x.cols());
        return fit(kind, m, epsilon);
    }

    /** Fits {@code kind} whitening from the mean and covariance of the rows {@code moments} saw. */
    public static Whitening fit(Kind kind, CoMoments moments, double epsilon) {
        int d = moments.mean().length;
        double[] mu = moments.mean();
        double[][] cov = moments.covariance();
        SymmetricEigen e = new SymmetricEigen(cov);
        double maxEigen = 0;
        for (double v : e.values) maxEigen = Math.max(maxEigen, v);
        double[] t = new double[d * d];
        for (int k = 0; k < d; k++) {
            // a direction without variance (e.g. one-hot columns summing to 1) has nothing to whiten: it is
            // projected out (the pseudo-inverse) instead of being amplified by 1/sqrt(eps)
            double s = e.values[k] <= NULL_DIRECTION * maxEigen ? 0 : 1 / Math.sqrt(e.values[k] + epsilon);
            for (int j = 0; j < d; j++) {
                // PCA: row k of T is s_k u_k^T
                double pca = s * e.vectors[j][k];
                if (kind == Kind.PCA) {
                    t[k * d + j] = pca;
                } else {
                    // ZCA: T = U S U^T, accumulate u_k s_k u_k^T
                    for (int i = 0; i < d; i++) t[i * d + j] += e.vectors[i][k] * pca;
                }
            }
        }
        return new Whitening(kind, mu, t);
    }

    /** Applies the transform to every row of {@code x} in place. */
    public void apply(Matrix x) {
        int d = mean.length;
        float[] a = x.data();
        double[] centered = new double[d];
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < d; j++) centered[j] = a[r * d + j] - mean[j];
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += transform[i * d + j] * centered[j];
                a[r * d + i] = (float) s;
            }
        }
    }
}
