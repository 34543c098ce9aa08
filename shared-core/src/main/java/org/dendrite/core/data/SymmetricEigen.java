package org.dendrite.core.data;

/**
 * Eigen-decomposition of a symmetric matrix by the cyclic Jacobi method (Golub and Van Loan,
 * "Matrix Computations", 8.5): accurate to double precision, O(d^3) per sweep; enough for the
 * covariance matrices of tabular inputs.
 */
final class SymmetricEigen {
    final double[] values;
    /** Eigenvectors as columns: {@code vectors[i][k]} is component i of eigenvector k. */
    final double[][] vectors;

    SymmetricEigen(double[][] symmetric) {
        int d = symmetric.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) a[i] = symmetric[i].clone();
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < d; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < d; j++) off += a[i][j] * a[i][j];
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        values = new double[d];
        for (int i = 0; i < d; i++) values[i] = a[i][i];
        vectors = v;
    }
}
