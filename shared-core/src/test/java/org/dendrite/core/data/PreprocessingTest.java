package org.dendrite.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    @Test
    void standardizesOneHotsAndImputesFromTrainingRowsOnly() {
        List<Column> cols = List.of(Column.numeric("x"), Column.nominal("color", List.of("red", "green", "blue")), Column.numeric("const"));
        Table train = new Table(cols, new double[][] {{1, 0, 7}, {3, 2, 7}, {Double.NaN, 2, 7}, {5, Double.NaN, 7}});
        Preprocessor p = Preprocessor.fit(train, new PreprocessingConfig(true, true, true, true));
        // x: mean of present values 3, population std sqrt(8/3); color mode = blue; const: std 0 -> ignored (input 0 for any value)
        assertEquals(List.of("x", "x_missing", "color=red", "color=green", "color=blue", "color_missing", "const"), p.outputNames());
        Matrix m = p.transform(new Table(cols, new double[][] {{Double.NaN, Double.NaN, 9}}));
        float[] r = m.data();
        assertEquals(0f, r[0], 1e-7); // imputed with the training mean -> 0 after standardizing
        assertEquals(1f, r[1]);
        assertEquals(0f, r[2]);
        assertEquals(0f, r[3]);
        assertEquals(1f, r[4]); // mode
        assertEquals(1f, r[5]);
        assertEquals(0f, r[6], 0f); // 9 was never seen: the column was constant in training, so it does not reach the network
        Matrix t = p.transform(new Table(cols, new double[][] {{5, 0, 7}}));
        assertEquals((5 - 3) / Math.sqrt(8.0 / 3.0), t.data()[0], 1e-6);
    }

    /**
     * A model trained without imputation refuses a missing value to predict naming the setting it was
     * trained with (it said "not allowed unless imputation is on", which no option at prediction turns on).
     */
    @Test
    void aMissingValueWithoutImputationNamesTheSetting() {
        List<Column> cols = List.of(Column.numeric("x"));
        Preprocessor p = Preprocessor.fit(new Table(cols, new double[][] {{1}, {3}}), new PreprocessingConfig(true, false, false, true));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> p.transform(new Table(cols, new double[][] {{Double.NaN}})));
        assertTrue(e.getMessage().startsWith("Column 'x' row 0 is missing (NaN)") && e.getMessage().contains("imputeMissing")
                && e.getMessage().contains("a model trained with it off takes no missing value to predict"), e.getMessage());
    }

    /**
     * A category without training rows reached the network through weights no row trained (a column
     * constant in training moved predictions by up to 7 target units with -l2 0, a declared value no
     * row held by a seed-dependent amount): it is read as the column's mode, as a missing value, and
     * the model file keeps which categories those are (format version 4).
     */
    @Test
    void aCategoryWithoutTrainingRowsIsReadAsTheMode() throws Exception {
        List<Column> cols = List.of(Column.numeric("x"), Column.nominal("c", List.of("a", "b", "c", "d")));
        double[][] rows = new double[60][];
        double[] y = new double[60];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {r.nextDouble(), i % 2}; // a and b only: c and d have no rows
            y[i] = 3 * rows[i][0] + rows[i][1];
        }
        org.dendrite.core.train.Model m = org.dendrite.core.train.Trainer.fit(org.dendrite.core.train.TrainingConfig.DEFAULT.withEpochs(20)
                .withRegularization(org.dendrite.core.regularization.Regularization.NONE), new LabeledTable(new Table(cols, rows), "y", List.of(), y));
        assertArrayEquals(new int[] {2, 3}, m.preprocessor().unseen()[1]);
        assertArrayEquals(new int[0], m.preprocessor().unseen()[0]);
        int mode = (int) m.preprocessor().center()[1];
        double[][] asMode = m.predict(new Table(cols, new double[][] {{0.5, mode}, {0.5, mode}}));
        double[][] unseen = m.predict(new Table(cols, new double[][] {{0.5, 2}, {0.5, 3}}));
        assertArrayEquals(asMode[0], unseen[0], 0);
        assertArrayEquals(asMode[0], unseen[1], 0);
        double[][] seen = m.predict(new Table(cols, new double[][] {{0.5, 1 - mode}}));
        assertTrue(Math.abs(seen[0][0] - asMode[0][0]) > 0.3, "a seen category still counts: " + seen[0][0] + " vs " + asMode[0][0]);
        // the model file keeps them
        String json = org.dendrite.core.io.ModelIO.toJson(m);
        assertTrue(json.contains("\"unseen\" : [ [ ], [ 2, 3 ] ]"), json.substring(json.indexOf("\"unseen\""), json.indexOf("\"unseen\"") + 40));
        org.dendrite.core.train.Model back = org.dendrite.core.io.ModelIO.fromJson(json);
        assertArrayEquals(unseen[1], back.predict(new Table(cols, new double[][] {{0.5, 3}}))[0], 0);
    }

    /**
     * Robust scaling by hand: x = 1, 2, 3, 4, 100 has median 3 and quartiles 2 and 4 (linear
     * interpolation, numpy's default), so z = (x - 3) / 2, then z / sqrt(1 + z^2/9): the outlier 100
     * (z = 48.5) lands at 2.9936 instead of dominating, 1 at -1/sqrt(10/9). A column whose quartiles
     * coincide is scaled by half its range; a missing value is imputed with the median (0 after scaling).
     */
    @Test
    void robustScalingUsesMedianAndQuartilesAndClipsSmoothly() {
        List<Column> cols = List.of(Column.numeric("x"), Column.numeric("spiky"));
        Table train = new Table(cols, new double[][] {{1, 0}, {2, 0}, {3, 0}, {4, 0}, {100, 8}});
        Preprocessor p = Preprocessor.fit(train, PreprocessingConfig.DEFAULT.withScaling(PreprocessingConfig.Scaling.ROBUST));
        assertEquals(3, p.center()[0], 0);
        assertEquals(2, p.scale()[0], 0);
        assertEquals(4, p.scale()[1], 0, "quartiles 0 and 0: half the range 8");
        Matrix m = p.transform(new Table(cols, new double[][] {{100, 8}, {1, 0}, {Double.NaN, 0}}));
        assertEquals(48.5 / Math.sqrt(1 + 48.5 * 48.5 / 9), m.get(0, 0), 1e-6);
        assertEquals(2 / Math.sqrt(1 + 4.0 / 9), m.get(0, 1), 1e-6);
        assertEquals(-1 / Math.sqrt(10.0 / 9), m.get(1, 0), 1e-6);
        assertEquals(0, m.get(2, 0), 0);
    }

    /**
     * Robust scaling beyond float's range, by hand: x = k * 1e-50 (k = 1..40) has median 20.5e-50 and
     * quartiles 10.75e-50 and 30.25e-50 (the float sample rounded every value to 0: a constant column, so
     * the inputs were ignored); x = k * 1e39 the same quantiles times 1e89 (infinite quartiles before);
     * a value of 1e300 far beyond them clips to 3 (z * z overflowed to a clipped 0).
     */
    @Test
    void robustScalingKeepsValuesBeyondFloatsRange() {
        for (double unit : new double[] {1e-50, 1e39}) {
            double[][] x = new double[40][];
            for (int k = 1; k <= 40; k++) x[k - 1] = new double[] {k * unit};
            List<Column> cols = List.of(Column.numeric("x"));
            Preprocessor p = Preprocessor.fit(new Table(cols, x), PreprocessingConfig.DEFAULT.withScaling(PreprocessingConfig.Scaling.ROBUST));
            assertEquals(20.5 * unit, p.center()[0], 1e-12 * unit, "median, unit " + unit);
            assertEquals(19.5 * unit, p.scale()[0], 1e-12 * unit, "interquartile range, unit " + unit);
            Matrix m = p.transform(new Table(cols, new double[][] {{1 * unit}, {1e300}}));
            double z = -19.5 / 19.5;
            assertEquals(z / Math.sqrt(1 + z * z / 9), m.get(0, 0), 1e-6, "unit " + unit);
            assertEquals(3f, m.get(1, 0), 1e-6f, "unit " + unit);
        }
    }

    /**
     * Quartiles more than double's range apart: x = -1.5e308 (20 rows) and 1.5e308 (20 rows) have
     * quartiles -1.5e308 and 1.5e308, whose difference overflows; the scale was +Infinity (every input
     * 0 or NaN, and a model file that could not be read back). Halved first, the scale is half the
     * spread, 1.5e308 by hand, and the two values come out on either side of the median 0: z = -1 and 1,
     * smoothly clipped to -/+ 1 / sqrt(1 + 1/9). The same for the half range where the quartiles coincide.
     */
    @Test
    void robustScalingOfASpreadBeyondDoublesRangeIsFinite() throws Exception {
        List<Column> cols = List.of(Column.numeric("x"));
        double[][] x = new double[40][];
        for (int k = 0; k < 40; k++) x[k] = new double[] {k % 2 == 0 ? -1.5e308 : 1.5e308};
        Preprocessor p = Preprocessor.fit(new Table(cols, x), PreprocessingConfig.DEFAULT.withScaling(PreprocessingConfig.Scaling.ROBUST));
        assertEquals(1.5e308, p.scale()[0], 0);
        Matrix m = p.transform(new Table(cols, new double[][] {{-1.5e308}, {1.5e308}}));
        double clipped = 1 / Math.sqrt(1 + 1.0 / 9);
        assertEquals(-clipped, m.get(0, 0), 1e-6);
        assertEquals(clipped, m.get(1, 0), 1e-6);
        // quartiles that coincide, ends 3e308 apart: half the range, halved before the difference (0.75e308 - -0.75e308)
        double[][] y = new double[40][];
        for (int k = 0; k < 40; k++) y[k] = new double[] {k == 0 ? -1.5e308 : k == 1 ? 1.5e308 : 0};
        assertEquals(1.5e308, Preprocessor.fit(new Table(cols, y), PreprocessingConfig.DEFAULT.withScaling(PreprocessingConfig.Scaling.ROBUST))
                .scale()[0], 0);
        // a trained model's file reads back (it was refused: "$.preprocessing.scale[0]: expected a finite number")
        double[] target = new double[40];
        for (int k = 0; k < 40; k++) target[k] = k % 2;
        org.dendrite.core.train.Model model = org.dendrite.core.train.Trainer.fit(org.dendrite.core.train.TrainingConfig.DEFAULT.withEpochs(2)
                .withPreprocessing(PreprocessingConfig.DEFAULT.withScaling(PreprocessingConfig.Scaling.ROBUST)),
                new LabeledTable(new Table(cols, x), "y", List.of("a", "b"), target, null));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.dendrite.core.io.ModelIO.write(model, out);
        org.dendrite.core.train.Model back = org.dendrite.core.io.ModelIO.read(new java.io.ByteArrayInputStream(out.toByteArray()));
        assertArrayEquals(model.preprocessor().scale(), back.preprocessor().scale(), 0);
    }

    /**
     * The sample quantiles are exact while every value is kept; two partitions' samples of a large
     * stream merge into a uniform sample of the union: the quartiles of 0..99999 split unevenly in two
     * come out within 2% of the range of the exact 24999.75, 49999.5 and 74999.25.
     */
    /**
     * A column constant in the training rows (or with no present value there) is ignored under both
     * scalings: an unseen value, however large, gives input 0; a model file keeps that (the scale is
     * written as the largest double and read back exactly).
     */
    @Test
    void columnsConstantInTrainingAreIgnoredUnderBothScalings() throws Exception {
        List<Column> cols = List.of(Column.numeric("x"), Column.numeric("const"), Column.numeric("never"));
        Table train = new Table(cols, new double[][] {{1, 5, Double.NaN}, {2, 5, Double.NaN}, {4, 5, Double.NaN}});
        for (PreprocessingConfig.Scaling scaling : PreprocessingConfig.Scaling.values()) {
            Preprocessor p = Preprocessor.fit(train, PreprocessingConfig.DEFAULT.withScaling(scaling));
            // values near the double range's ends too: divided by the scale, the largest double, Double.MAX_VALUE was input 1 and
            // 1e300 input 5.6e-9 (hand derivation: 1e300 / 1.797e308), which reached the network
            Matrix m = p.transform(new Table(cols, new double[][] {{2, 1e30, -7}, {2, 5, 3}, {2, Double.MAX_VALUE, 1e300}, {2, -1e300, -Double.MAX_VALUE}}));
            for (int r = 0; r < 4; r++) {
                assertEquals(0f, m.get(r, 1), 0f, scaling + " const, row " + r);
                assertEquals(0f, m.get(r, 2), 0f, scaling + " never present, row " + r);
            }
            // the informative column is scaled as before: standard (2 - 7/3) / sqrt(14/9), robust (2 - 2) / 1.5 = 0
            assertEquals(scaling == PreprocessingConfig.Scaling.STANDARD ? (2 - 7.0 / 3) / Math.sqrt(14.0 / 9) : 0, m.get(0, 0), 1e-6, scaling.name());
        }
        // a trained model, written and read back: the same scale, and the unseen value predicts as the training value
        LabeledTable rows = new LabeledTable(train, "y", List.of(), new double[] {1, 2, 3}, null);
        org.dendrite.core.train.Model model = org.dendrite.core.train.Trainer.fit(org.dendrite.core.train.TrainingConfig.DEFAULT.withEpochs(2), rows);
        org.dendrite.core.train.Model back = org.dendrite.core.io.ModelIO.fromJson(org.dendrite.core.io.ModelIO.toJson(model));
        assertEquals(Preprocessor.CONSTANT_COLUMN_SCALE, back.preprocessor().scale()[1], 0);
        assertEquals(back.predictRow(new double[] {2, 5, Double.NaN})[0], back.predictRow(new double[] {2, 1e30, -7})[0], 0);
        assertEquals(back.predictRow(new double[] {2, 5, Double.NaN})[0], back.predictRow(new double[] {2, 1.7e308, -1e300})[0], 0);
    }

    @Test
    void samplesGiveExactQuantilesWhenSmallAndMergeUniformlyWhenLarge() {
        Sample small = new Sample();
        for (int v : new int[] {5, 1, 4, 2, 3}) small.add(v);
        assertEquals(3, small.quantile(0.5), 0);
        assertEquals(2, small.quantile(0.25), 0);
        Sample a = new Sample(), b = new Sample();
        for (int i = 0; i < 100000; i++) (i % 10 < 3 ? a : b).add(i);
        a.merge(b);
        assertEquals(100000, a.count());
        assertEquals(0, a.min(), 0);
        assertEquals(99999, a.max(), 0);
        assertEquals(24999.75, a.quantile(0.25), 2000);
        assertEquals(49999.5, a.quantile(0.5), 2000);
        assertEquals(74999.25, a.quantile(0.75), 2000);
    }

    @Test
    void zcaWhiteningGivesIdentityCovarianceOnTrainingData() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] rows = new double[3000][3];
        for (double[] row : rows) {
            double a = rng.nextGaussian(), b = rng.nextGaussian(), c = rng.nextGaussian();
            row[0] = a;
            row[1] = 0.8 * a + 0.6 * b;
            row[2] = -0.5 * a + 0.3 * b + 0.2 * c;
        }
        List<Column> cols = List.of(Column.numeric("a"), Column.numeric("b"), Column.numeric("c"));
        for (Whitening.Kind kind : List.of(Whitening.Kind.PCA, Whitening.Kind.ZCA)) {
            Preprocessor p = Preprocessor.fit(new Table(cols, rows), new PreprocessingConfig(true, true, false, true, kind));
            Matrix z = p.transform(new Table(cols, rows));
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double s = 0;
                    for (int r = 0; r < z.rows(); r++) s += z.get(r, i) * z.get(r, j);
                    // eps = 1e-5 shrinks the unit variances by at most lambda/(lambda+eps); the smallest
                    // standardized eigenvalue here is ~0.02, so the diagonal is >= 0.9995
                    assertEquals(i == j ? 1 : 0, s / z.rows(), 1e-3, kind + " covariance[" + i + "][" + j + "]");
                }
            }
            float[] single = new float[3];
            p.transformRow(rows[7], 7, single, 0);
            for (int j = 0; j < 3; j++) assertEquals(z.get(7, j), single[j], 1e-6);
        }
    }

    @Test
    void stratifiedValidationSplitKeepsClassProportions() {
        int[] classes = new int[300];
        for (int i = 0; i < 300; i++) classes[i] = i < 200 ? 0 : i < 270 ? 1 : 2;
        ValidationSplit s = ValidationSplit.of(300, 0.2, classes, 42);
        int[] counts = new int[3];
        for (int i : s.validation()) counts[classes[i]]++;
        assertEquals(40, counts[0]); // round(0.2 * 200)
        assertEquals(14, counts[1]); // round(0.2 * 70)
        assertEquals(6, counts[2]); // round(0.2 * 30)
        assertEquals(240, s.train().length);
        int[] all = new int[300];
        for (int i : s.train()) all[i]++;
        for (int i : s.validation()) all[i]++;
        assertTrue(Arrays.stream(all).allMatch(v -> v == 1), "every row in exactly one part");
        assertEquals(Arrays.toString(s.validation()), Arrays.toString(ValidationSplit.of(300, 0.2, classes, 42).validation()), "seeded");
        assertTrue(!Arrays.equals(s.validation(), ValidationSplit.of(300, 0.2, classes, 43).validation()));
    }

    /**
     * A stratified split that would hold out every row of a class is refused, naming the class, the
     * fraction and the largest that keeps a row of it: a class of one row at a fraction of 0.5
     * (round(0.5) = 1, its only row) and one of three rows at 0.9 (round(2.7) = 3) were held out whole,
     * and training never saw them (Weka: the class never predicted, its ROC area 0.02, without a word).
     * Expected as scikit-learn's StratifiedShuffleSplit, which refuses a class of one row; the bound by
     * hand: round(f m) < m for f < 1 - 0.5 / m (0.5 for one row, 0.8333 for three). Below the bound
     * the split is as before.
     */
    @Test
    void aStratifiedSplitThatWouldHoldOutAWholeClassIsRefused() {
        int[] classes = new int[24];
        for (int i = 0; i < 24; i++) classes[i] = i < 20 ? 0 : i < 23 ? 1 : 2;
        List<String> names = List.of("a", "b", "c");
        var one = org.junit.jupiter.api.Assertions.assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> ValidationSplit.of(24, 0.5, classes, names, 3));
        assertEquals("validationFraction", one.setting());
        assertEquals("A validation fraction of 0.5 holds out all 1 row of class 'c' (round(0.5 x 1) = 1): training would never see that class. "
                + "Use a validation fraction below 0.5000, or more rows of the class", one.getMessage());
        int[] three = Arrays.copyOf(classes, 23);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> ValidationSplit.of(23, 0.9, three, 3));
        assertEquals("A validation fraction of 0.9 holds out all 3 rows of class index 1 (round(0.9 x 3) = 3): training would never see that "
                + "class. Use a validation fraction below 0.8333, or more rows of the class", e.getMessage());
        ValidationSplit s = ValidationSplit.of(23, 0.8, three, names, 3);
        int[] held = new int[2];
        for (int i : s.validation()) held[three[i]]++;
        assertArrayEquals(new int[] {16, 2}, held, "round(0.8 x 20), round(0.8 x 3)");
    }

    /**
     * Rows whose one-hot blocks would not fit memory are refused before anything is allocated, naming
     * the widest nominal columns: 40,000 values a row (a nominal column of 40,000 values) for 60,000
     * rows is 2.4e9 values, beyond one Java array; 1,000 rows against a 100 MB budget are 160 MB; 500
     * rows fit it.
     */
    /** Raw rows are checked before they are read: the message, whole, with the arithmetic by hand (1,000 x 20,000 x 8 bytes = 152.6 MB). */
    @Test
    void rawRowsTooManyForMemoryAreRefusedBeforeTheyAreRead() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Table.checkFits(1_000, 20_000, "Relation 'words'", "Use fewer.", 100 << 20));
        assertEquals("Relation 'words': 1000 rows of 20000 input columns are held dense as doubles, 153 MB (a sparse source's zeros too), "
                + "more than the 100 MB allowed (50% of this JVM's largest heap). Use fewer.", e.getMessage());
        Table.checkFits(655, 20_000, "Relation 'words'", "Use fewer.", 100 << 20);
    }

    @Test
    void rowsTooWideForMemoryAreRefusedNamingTheWidestNominalColumn() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 40_000; i++) ids.add("id" + i);
        List<Column> cols = List.of(Column.numeric("x"), Column.nominal("customer", ids), Column.nominal("flag", List.of("a", "b")));
        double[][] one = {{1.5, 3, 1}};
        Preprocessor p = Preprocessor.fit(new Table(cols, one), PreprocessingConfig.DEFAULT);
        assertEquals(40_003, p.outputWidth());
        var array = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> p.checkFits(60_000));
        assertTrue(array.getMessage().contains("'customer' 40000 values") && array.getMessage().contains("one Java array"), array.getMessage());
        var budget = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> p.checkFits(1_000, 100 << 20));
        assertTrue(budget.getMessage().contains("1000 rows") && budget.getMessage().contains("'customer' 40000 values, 'flag' 2 values")
                && budget.getMessage().contains("100 MB allowed"), budget.getMessage());
        p.checkFits(500, 100 << 20);
        // transform checks before it allocates: 60,000 rows of this table are refused, not an OutOfMemoryError
        double[][] many = new double[60_000][];
        Arrays.fill(many, new double[] {0.5, 7, 0});
        var t = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> p.transform(new Table(cols, many)));
        assertTrue(t.getMessage().contains("'customer'"), t.getMessage());
        assertTrue(budget.getMessage().contains("Drop or regroup the widest nominal columns"), budget.getMessage());
    }

    /** Rows too wide with no nominal column (hashed or bag-of-words features): the advice is fewer input columns, not nominal ones. */
    @Test
    void rowsTooWideWithoutNominalColumnsAdviseFewerInputs() {
        List<Column> cols = new java.util.ArrayList<>();
        for (int j = 0; j < 1000; j++) cols.add(Column.numeric("f" + j));
        Preprocessor p = Preprocessor.fit(new Table(cols, new double[][] {new double[1000], new double[1000]}), PreprocessingConfig.DEFAULT);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> p.checkFits(100_000, 100 << 20));
        assertEquals("100000 rows preprocessed are 1000 values each (no nominal column): 100000000 float32 values, 381 MB, more than the 100 MB "
                + "allowed (50% of this JVM's largest heap). Use fewer input columns (select features, or hash them into fewer), or give the JVM "
                + "more memory (-Xmx).", e.getMessage());
    }
}
