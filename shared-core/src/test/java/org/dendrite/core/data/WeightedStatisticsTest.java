package org.dendrite.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.Trainer;
import org.dendrite.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * The scaling's statistics count a row of instance weight k as k copies of it, as the loss does.
 * Expected values: the same rows with whole-number weights written out as copies (unweighted
 * statistics, the arithmetic before weights), and quantiles derived by hand from the positions
 * {@link Sample#quantile} documents.
 */
class WeightedStatisticsTest {
    private static final List<Column> COLUMNS = List.of(Column.numeric("a"), Column.nominal("b", List.of("x", "y", "z")), Column.numeric("c"));

    /** 40 rows of weights 1..3 and the same rows written out as that many copies of weight 1. */
    private static Table[] weightedAndCopies(float[] weights) {
        SplittableRandom r = new SplittableRandom(5);
        List<double[]> rows = new ArrayList<>(), copies = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            double[] row = {r.nextGaussian() * 4 + 2, r.nextInt(3), Math.exp(r.nextGaussian())};
            weights[i] = 1 + r.nextInt(3);
            rows.add(row);
            for (int k = 0; k < weights[i]; k++) copies.add(row);
        }
        return new Table[] {new Table(COLUMNS, rows.toArray(new double[0][])), new Table(COLUMNS, copies.toArray(new double[0][]))};
    }

    @Test
    void aRowOfWeightKScalesTheInputsAsKCopiesOfIt() {
        float[] w = new float[40];
        Table[] t = weightedAndCopies(w);
        // means and standard deviations of the numeric columns, the nominal column's mode (its centre)
        Preprocessor weighted = Preprocessor.fit(t[0], w, PreprocessingConfig.DEFAULT), copies = Preprocessor.fit(t[1], PreprocessingConfig.DEFAULT);
        assertArrayEquals(copies.center(), weighted.center(), 1e-12, "centre");
        assertArrayEquals(copies.scale(), weighted.scale(), 1e-12, "scale");
        // whitening: the weighted covariance is the copies' covariance
        PreprocessingConfig zca = new PreprocessingConfig(true, true, false, true, Whitening.Kind.ZCA);
        weighted = Preprocessor.fit(t[0], w, zca);
        copies = Preprocessor.fit(t[1], zca);
        float[] a = new float[weighted.outputWidth()], b = new float[copies.outputWidth()];
        weighted.transformRow(new double[] {1, 2, 0.5}, -1, a, 0);
        copies.transformRow(new double[] {1, 2, 0.5}, -1, b, 0);
        assertArrayEquals(b, a, 1e-5f, "a row whitened");
    }

    @Test
    void momentsAndCoMomentsMergeWeightedShardsAsOneStream() {
        double[] v = {3, -1, 4, 1, -5, 9, 2, 6};
        double[] w = {0.5, 2, 1, 3, 0.25, 1, 7, 1};
        Moments all = new Moments(), left = new Moments(), right = new Moments();
        CoMoments cAll = new CoMoments(1), cLeft = new CoMoments(1), cRight = new CoMoments(1);
        double sw = 0, swx = 0;
        for (int i = 0; i < v.length; i++) {
            all.add(v[i], w[i]);
            (i < 3 ? left : right).add(v[i], w[i]);
            cAll.add(new float[] {(float) v[i]}, 0, w[i]);
            (i < 3 ? cLeft : cRight).add(new float[] {(float) v[i]}, 0, w[i]);
            sw += w[i];
            swx += w[i] * v[i];
        }
        double mean = swx / sw, m2 = 0;
        for (int i = 0; i < v.length; i++) m2 += w[i] * (v[i] - mean) * (v[i] - mean);
        // by the textbook formulas: sum w x / sum w, sum w (x - mean)^2 / sum w
        for (Moments m : List.of(all, left.merge(right))) {
            assertEquals(8, m.count());
            assertEquals(sw, m.weight(), 0);
            assertEquals(mean, m.mean(), 1e-14);
            assertEquals(m2 / sw, m.variance(), 1e-13);
        }
        for (CoMoments c : List.of(cAll, cLeft.merge(cRight))) {
            assertEquals(mean, c.mean()[0], 1e-14);
            assertEquals(m2 / sw, c.covariance()[0][0], 1e-13);
        }
    }

    @Test
    void weightedQuantilesByHand() {
        Sample s = new Sample();
        s.add(3, 1);
        s.add(1, 1);
        s.add(2, 2);
        // sorted 1, 2, 3 of weights 1, 2, 1 (total 4): the middles of their shares at 0.5, 2, 3.5, over 4: 0.125, 0.5, 0.875
        assertEquals(2, s.quantile(0.5), 1e-15);
        assertEquals(1 + 1.0 / 3, s.quantile(0.25), 1e-15, "a third of the way from 0.125 to 0.5");
        assertEquals(2 + 2.0 / 3, s.quantile(0.75), 1e-15);
        assertEquals(1, s.quantile(0.1), 0, "below the first middle: the first value");
        // equal weights, whatever they are: numpy's default (positions i / (n - 1)); 1..5: quartiles 2, 3, 4
        for (double weight : new double[] {1, 1e-30, 1e30}) {
            Sample e = new Sample();
            for (int i = 5; i >= 1; i--) e.add(i, weight);
            assertEquals(2, e.quantile(0.25), 0);
            assertEquals(3, e.quantile(0.5), 0);
            assertEquals(4, e.quantile(0.75), 0);
        }
        // a value of negligible weight at an end moves no quartile by more than its share: 0, 1, then 100 of weight 1e-6 gives
        // (by the positions 0.5, 1.5, 2 + 5e-7 over 2 + 1e-6) the upper quartile 1 + 1.5e-6 x 99; the end-anchored rule gave 25.75
        Sample end = new Sample();
        end.add(0, 1);
        end.add(1, 1);
        end.add(100, 1e-6);
        assertEquals(1 + 1.5e-6 * 99, end.quantile(0.75), 1e-9);
        // 1..99 then 1e6 of weight 1e-12: within a quarter of the gap (1) of the quartiles without it
        Sample t = new Sample(), u = new Sample();
        for (int i = 1; i <= 99; i++) {
            t.add(i, 1);
            u.add(i, 1);
        }
        u.add(1e6, 1e-12);
        for (double q : new double[] {0.25, 0.5, 0.75}) assertEquals(t.quantile(q), u.quantile(q), 0.25 + 1e-9, "quantile " + q);
        // whole-number weights and copies agree as the rows grow: 2,000 values of weight 1..3 against them written out
        Sample weighted = new Sample(), copies = new Sample();
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int i = 0; i < 1000; i++) {
            double v = r.nextGaussian();
            int k = 1 + r.nextInt(3);
            weighted.add(v, k);
            for (int j = 0; j < k; j++) copies.add(v);
        }
        for (double q : new double[] {0.25, 0.5, 0.75}) assertEquals(copies.quantile(q), weighted.quantile(q), 2e-3, "quantile " + q);
        // merged samples keep their weights
        Sample a = new Sample(), b = new Sample();
        a.add(3, 1);
        a.add(1, 1);
        b.add(2, 2);
        assertEquals(2 + 2.0 / 3, a.merge(b).quantile(0.75), 1e-15);
    }

    /**
     * The reported defect: y = 3 x1 - 2 x2 + N(0, 0.1^2) on 200 rows plus one row of y = 1e6 and weight
     * 1e-12 (and inputs of 1e6). Counted as one row, it set the target's scale (7e4) and the ordinary rows
     * spanned 1e-4 in the network's units: test RMSE 218 (a least-squares line: 0.105). Weighted, it
     * adds its share to the scaling (w y^2 / sum w = 0.005 to a variance of 11) and the model fits as
     * without the row.
     */
    @Test
    void aRowOfNegligibleWeightDoesNotSetTheScaling() {
        SplittableRandom r = new SplittableRandom(1);
        List<Column> cols = List.of(Column.numeric("x1"), Column.numeric("x2"));
        int n = 200;
        double[][] x = new double[n + 1][], tx = new double[n][];
        double[] y = new double[n + 1], ty = new double[n];
        float[] w = new float[n + 1];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
            y[i] = 3 * x[i][0] - 2 * x[i][1] + 0.1 * r.nextGaussian();
            w[i] = 1;
            tx[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
            ty[i] = 3 * tx[i][0] - 2 * tx[i][1] + 0.1 * r.nextGaussian();
        }
        x[n] = new double[] {1e6, -1e6};
        y[n] = 1e6;
        w[n] = 1e-12f;
        LabeledTable train = new LabeledTable(new Table(cols, x), "y", List.of(), y, w);
        LabeledTable clean = new LabeledTable(new Table(cols, java.util.Arrays.copyOf(x, n)), "y", List.of(),
                java.util.Arrays.copyOf(y, n), java.util.Arrays.copyOf(w, n));
        TrainingConfig c = TrainingConfig.DEFAULT.withEpochs(60);
        Model m = Trainer.fit(c, train), ref = Trainer.fit(c, clean);
        // the scaling is the weighted moments (two passes by the textbook formulas), the outlier's share w x^2 / sum w = 0.005
        double[] y1 = y;
        java.util.function.IntFunction<double[]> column = j -> java.util.Arrays.stream(x).mapToDouble(row -> row[j]).toArray();
        for (double[][] expected : new double[][][] {{y1, {m.task().targetMean(), m.task().targetScale()}},
                {column.apply(0), {m.preprocessor().center()[0], m.preprocessor().scale()[0]}},
                {column.apply(1), {m.preprocessor().center()[1], m.preprocessor().scale()[1]}}}) {
            double sw = 0, swx = 0, m2 = 0;
            for (int i = 0; i <= n; i++) {
                sw += w[i];
                swx += w[i] * expected[0][i];
            }
            double mean = swx / sw;
            for (int i = 0; i <= n; i++) m2 += w[i] * (expected[0][i] - mean) * (expected[0][i] - mean);
            assertEquals(mean, expected[1][0], 1e-9);
            assertEquals(Math.sqrt(m2 / sw), expected[1][1], 1e-9);
        }
        assertEquals(ref.task().targetScale(), m.task().targetScale(), 1e-3 * ref.task().targetScale());
        double[][] p = m.predict(new Table(cols, tx));
        double s = 0;
        for (int i = 0; i < n; i++) s += (p[i][0] - ty[i]) * (p[i][0] - ty[i]);
        double rmse = Math.sqrt(s / n);
        assertTrue(rmse < 0.3, "test RMSE " + rmse + " (the noise alone: 0.1)");
    }
}
