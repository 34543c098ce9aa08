package org.dendrite.core.data;

import static org.dendrite.core.testutil.JsonValues.doubles;
import static org.dendrite.core.testutil.JsonValues.elements;
import static org.dendrite.core.testutil.JsonValues.floats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.testutil.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The input preprocessing's statistics against scikit-learn 1.2 / numpy on random columns (normal,
 * lognormal, Cauchy, Student t, an offset of 1e6, one far value, tied integers), equal and float32
 * instance weights: weighted mean and population standard deviation (StandardScaler with
 * sample_weight), quartiles (np.quantile and RobustScaler for equal weights; Dendrite's documented
 * weighted positions, by numpy, otherwise), the weighted covariance and the ZCA and PCA whitening
 * transforms (numpy's eigendecomposition), and the output of a fitted preprocessor on a mixed table
 * with missing values, a declared category without training rows and missing indicators (StandardScaler,
 * OneHotEncoder, MissingIndicator). References and each value's definition: {@code
 * test-data/reference/metrics/make_metrics_reference.py} ({@code preprocessing.json}).
 */
class PreprocessingParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode doc;

    @BeforeAll
    static void read() throws IOException {
        doc = JSON.readTree(TestData.file("reference/metrics/preprocessing.json").toFile());
        assertTrue(doc.get("columns").size() >= 15 && doc.get("whitening").size() >= 3 && doc.get("tables").size() >= 3, "reference cases");
    }

    /**
     * Weighted mean and population standard deviation: Welford's update (Dendrite) against
     * scikit-learn's corrected two-pass sums, both in double over 300 values. Each is accurate to a few
     * units in the last place of the values' magnitude, so they agree to 1e-12 of the largest value
     * (the mean of a Cauchy column is the mean of values up to ~1e3 apart; the offset column's standard
     * deviation of 1 sits under a mean of 1e6, so 1e-12 x 1e6 = 1e-6 of it).
     */
    @Test
    void weightedMeanAndStandardDeviation() {
        for (JsonNode c : elements(doc.get("columns"))) {
            String name = c.get("name").asText();
            double[] x = doubles(c.get("values"));
            float[] w = floats(c.get("weights"));
            double big = 0;
            for (double v : x) big = Math.max(big, Math.abs(v));
            Moments m = new Moments();
            for (int i = 0; i < x.length; i++) m.add(x[i], w == null ? 1 : w[i]);
            double tol = 1e-12 * big;
            assertEquals(c.get("mean").asDouble(), m.mean(), tol, name + " mean");
            assertEquals(c.get("standard_deviation").asDouble(), m.standardDeviation(), tol, name + " standard deviation");
            assertEquals(c.get("variance").asDouble(), m.variance(), tol * big, name + " variance");
            // the same through the preprocessor a training fits (one numeric column, float32 weights)
            Preprocessor p = Preprocessor.fit(table(x), w, PreprocessingConfig.DEFAULT);
            assertEquals(c.get("mean").asDouble(), p.center()[0], tol, name + " preprocessor centre");
            assertEquals(c.get("standard_deviation").asDouble(), p.scale()[0], tol, name + " preprocessor scale");
        }
    }

    private static Table table(double[] x) {
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) rows[i] = new double[] {x[i]};
        return new Table(List.of(Column.numeric("x")), rows);
    }

    /**
     * Quartiles: the same interpolation of the same sorted doubles on both sides (one rounding in the
     * interpolation; np.interp's position arithmetic for weights), so they agree to 1e-13 of the
     * largest value; robust scaling's centre is the median and its scale the interquartile range.
     */
    @Test
    void quartilesAndRobustScaling() {
        PreprocessingConfig robust = PreprocessingConfig.DEFAULT.withScaling(PreprocessingConfig.Scaling.ROBUST);
        for (JsonNode c : elements(doc.get("columns"))) {
            String name = c.get("name").asText();
            double[] x = doubles(c.get("values"));
            float[] w = floats(c.get("weights"));
            double big = 0;
            for (double v : x) big = Math.max(big, Math.abs(v));
            double tol = 1e-13 * big;
            Sample s = new Sample();
            for (int i = 0; i < x.length; i++) s.add(x[i], w == null ? 1 : w[i]);
            assertEquals(c.get("q25").asDouble(), s.quantile(0.25), tol, name + " first quartile");
            assertEquals(c.get("median").asDouble(), s.quantile(0.5), tol, name + " median");
            assertEquals(c.get("q75").asDouble(), s.quantile(0.75), tol, name + " third quartile");
            Preprocessor p = Preprocessor.fit(table(x), w, robust);
            assertEquals(c.get("robust_center").asDouble(), p.center()[0], tol, name + " robust centre");
            assertEquals(c.get("robust_scale").asDouble(), p.scale()[0], 2 * tol, name + " robust scale");
        }
    }

    /**
     * Weighted covariance (West's update against numpy's two-pass) to 1e-12 of its largest entry, and the
     * whitening transforms: Jacobi rotations against LAPACK's eigh. Eigenvectors of eigenvalues lambda_i
     * and lambda_j are each accurate to about 1e-16 x lambda_max / |lambda_i - lambda_j|; the smallest
     * gap here is ~0.1 of a largest eigenvalue ~20, and the transform's entries are scaled by
     * 1/sqrt(lambda + 1e-5) up to ~3: 1e-10 of the largest entry leaves a margin of 1e3.
     */
    @Test
    void covarianceAndWhitening() {
        for (JsonNode c : elements(doc.get("whitening"))) {
            String name = c.get("name").asText();
            JsonNode rows = c.get("rows");
            int n = rows.size(), d = rows.get(0).size();
            float[] w = floats(c.get("weights"));
            CoMoments m = new CoMoments(d);
            float[] row = new float[d];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < d; j++) row[j] = (float) rows.get(r).get(j).asDouble();
                m.add(row, 0, w == null ? 1 : w[r]);
            }
            double[] mean = m.mean();
            double[][] cov = m.covariance();
            double covMax = 0;
            for (JsonNode r : c.get("covariance")) for (JsonNode v : r) covMax = Math.max(covMax, Math.abs(v.asDouble()));
            for (int i = 0; i < d; i++) {
                assertEquals(c.get("mean").get(i).asDouble(), mean[i], 1e-12 * Math.max(1, Math.abs(mean[i])), name + " mean " + i);
                for (int j = 0; j < d; j++) {
                    assertEquals(c.get("covariance").get(i).get(j).asDouble(), cov[i][j], 1e-12 * covMax, name + " covariance " + i + "," + j);
                }
            }
            double eps = c.get("epsilon").asDouble();
            double[] zca = Whitening.fit(Whitening.Kind.ZCA, m, eps).transform();
            double[] pca = Whitening.fit(Whitening.Kind.PCA, m, eps).transform();
            compare(c.get("zca"), zca, d, name + " ZCA");
            // PCA's rows (eigenvectors) have arbitrary signs and order: compare T^T T = U S^2 U^T
            double[] gram = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < d; k++) gram[i * d + j] += pca[k * d + i] * pca[k * d + j];
                }
            }
            compare(c.get("pca_gram"), gram, d, name + " PCA T^T T");
            int zeroRows = 0;
            for (int k = 0; k < d; k++) {
                double norm = 0;
                for (int j = 0; j < d; j++) norm += Math.abs(pca[k * d + j]);
                if (norm == 0) zeroRows++;
            }
            assertEquals(c.get("projected_out").asInt(), zeroRows, name + " directions projected out");
        }
    }

    private static void compare(JsonNode expected, double[] actual, int d, String what) {
        double max = 0;
        for (JsonNode r : expected) for (JsonNode v : r) max = Math.max(max, Math.abs(v.asDouble()));
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(expected.get(i).get(j).asDouble(), actual[i * d + j], 1e-10 * max, what + " [" + i + "][" + j + "]");
            }
        }
    }

    /**
     * A fitted preprocessor's centres, scales and output (float32) on a mixed table: standardization
     * from the present values (weighted), missing numbers at the mean, one-hot blocks with the weighted
     * mode for a missing or unseen category, missing indicators after their column. The output is
     * rounded once to float32: 1e-6 relative (of values up to ~10 standard deviations).
     */
    @Test
    void mixedTableOneHotAndImputation() {
        for (JsonNode c : elements(doc.get("tables"))) {
            String name = c.get("name").asText();
            List<Column> cols = new ArrayList<>();
            for (JsonNode col : c.get("columns")) {
                if (col.has("categories")) {
                    List<String> cats = new ArrayList<>();
                    col.get("categories").forEach(v -> cats.add(v.asText()));
                    cols.add(Column.nominal(col.get("name").asText(), cats));
                } else {
                    cols.add(Column.numeric(col.get("name").asText()));
                }
            }
            boolean indicators = c.get("missing_indicators").asBoolean();
            PreprocessingConfig config = new PreprocessingConfig(true, true, indicators, true);
            Preprocessor p = Preprocessor.fit(rows(cols, c.get("train")), floats(c.get("weights")), config);
            double[] center = p.center(), scale = p.scale();
            for (int j = 0; j < cols.size(); j++) {
                double e = c.get("center").get(j).asDouble();
                assertEquals(e, center[j], 1e-12 * Math.max(1, Math.abs(e)), name + " centre " + j);
                e = c.get("scale").get(j).asDouble();
                assertEquals(e, scale[j], 1e-12 * Math.max(1, Math.abs(e)), name + " scale " + j);
            }
            Matrix out = p.transform(rows(cols, c.get("test")));
            JsonNode expected = c.get("expected");
            assertEquals(expected.size(), out.rows(), name + " rows");
            assertEquals(expected.get(0).size(), out.cols(), name + " width");
            for (int r = 0; r < out.rows(); r++) {
                for (int j = 0; j < out.cols(); j++) {
                    double e = expected.get(r).get(j).asDouble();
                    assertEquals(e, out.get(r, j), 1e-6 * Math.max(1, Math.abs(e)), name + " output [" + r + "][" + j + "]");
                }
            }
        }
    }

    private static Table rows(List<Column> cols, JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) out[r] = doubles(rows.get(r));
        return new Table(cols, out);
    }
}
