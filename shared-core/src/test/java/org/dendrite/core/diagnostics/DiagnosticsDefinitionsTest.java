package org.dendrite.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Table;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/** Diagnoses and checks that said something false for some inputs; each expectation worked by hand. */
class DiagnosticsDefinitionsTest {
    /**
     * Rows of weight 0 are rows that are not there (LabeledTable.withoutZeroWeights). Here the first
     * 20 rows weigh 0 and are all x = 0, half of each class (no network fits them better than 50%);
     * the 20 rows that count are x = i/19, class i >= 10: one threshold separates them. The overfit
     * check took its 20 rows from the ones that are not there and trained them at weight 1.
     */
    @Test
    void theOverfitCheckLeavesOutRowsOfWeightZero() {
        double[][] x = new double[40][];
        double[] y = new double[40];
        float[] w = new float[40];
        for (int i = 0; i < 20; i++) {
            x[i] = new double[] {0};
            y[i] = i % 2;
            w[i] = 0;
            x[20 + i] = new double[] {i / 19.0};
            y[20 + i] = i >= 10 ? 1 : 0;
            w[20 + i] = 1;
        }
        LabeledTable t = new LabeledTable(new Table(List.of(Column.numeric("x")), x), "y", List.of("a", "b"), y, w);
        OverfitCheck.Result r = OverfitCheck.run(TrainingConfig.DEFAULT, t, 20);
        assertEquals(20, r.rows());
        assertTrue(r.passed() && r.trainingAccuracy() == 1.0, r.summary());
    }

    /**
     * A regression whose only input is constant: no network predicts better than the mean (R^2 0,
     * rmse = the target's standard deviation), so the check must fail, whatever the target's units.
     * Targets 1e-3 * (i mod 7 - 3): with target standardization off the check measured RMSE in target
     * units against 1 (about 0.002 / 1: "passed" at 99.8%).
     */
    @Test
    void theOverfitChecksRegressionVerdictDoesNotDependOnTheTargetsUnits() {
        double[][] x = new double[20][];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = new double[] {1};
            y[i] = 1e-3 * (i % 7 - 3);
        }
        LabeledTable t = new LabeledTable(new Table(List.of(Column.numeric("x")), x), "y", List.of(), y, null);
        OverfitCheck.Result standardized = OverfitCheck.run(TrainingConfig.DEFAULT.withEpochs(50), t, 20);
        assertFalse(standardized.passed(), standardized.summary());
        PreprocessingConfig raw = new PreprocessingConfig(true, true, false, false, PreprocessingConfig.DEFAULT.whitening(),
                PreprocessingConfig.DEFAULT.scaling());
        OverfitCheck.Result unscaled = OverfitCheck.run(TrainingConfig.DEFAULT.withPreprocessing(raw), t, 20);
        assertFalse(unscaled.passed(), unscaled.summary());
        assertTrue(unscaled.trainingAccuracy() < 0.1, "1 - rmse / sd is about 0: " + unscaled.trainingAccuracy());
    }

    /**
     * 99 of 100 rows in one class (baseline accuracy 0.99): a training accuracy of 1.0 makes no error
     * where the baseline makes 1%; it is not "no better than predicting without the inputs" (Ng:
     * compare training error with the baseline error; here avoidable bias is 0). Validation 0.99.
     */
    @Test
    void aPerfectFitOfImbalancedClassesIsNotNoBetterThanTheBaseline() {
        String s = Diagnosis.biasVariance(1.0, 0.99, "accuracy", 0.99);
        assertFalse(s.contains("no better than predicting without the inputs"), s);
        assertTrue(s.contains("no sign of underfitting or overfitting"), s);
        String half = Diagnosis.biasVariance(0.995, Double.NaN, "accuracy", 0.99);
        assertFalse(half.contains("no better than predicting without the inputs"), "half the baseline's errors: " + half);
    }

    /**
     * A validation part whose target does not vary has R^2 -Infinity (or NaN): there is a validation
     * split, so "No validation split ... set a validation fraction" is false advice.
     */
    @Test
    void aConstantValidationTargetIsNotReportedAsNoValidationSplit() {
        for (double v : new double[] {Double.NEGATIVE_INFINITY}) {
            String s = Diagnosis.biasVariance(0.95, v, "R^2", 0);
            assertFalse(s.contains("No validation split") || s.contains("set a validation fraction"), s);
        }
    }

    /**
     * Li et al. 2019 (dropout/BN disharmony): the variance shift hurts a batch-norm layer placed after
     * dropout; their remedy is dropout after all BN layers. Two layers with batch norm, dropout only in
     * a third one after them: nothing to warn about (it said to do what the network already does).
     * Dropout in the first layer, batch norm in the second: warned.
     */
    @Test
    void dropoutAfterTheLastBatchNormIsNotWarnedAbout() {
        NetworkSpec after = new NetworkSpec(List.of(new DenseSpec(8, new Relu(), null, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0),
                new DenseSpec(8, new Relu(), null, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0),
                new DenseSpec(8, new Relu(), null, true, DenseSpec.BatchNorm.NONE, 0.3)));
        assertTrue(ConfigWarnings.check(after, true, 16, 100).stream().noneMatch(w -> w.contains("batch normalization with dropout")),
                ConfigWarnings.check(after, true, 16, 100).toString());
        NetworkSpec before = new NetworkSpec(List.of(new DenseSpec(8, new Relu(), null, true, DenseSpec.BatchNorm.NONE, 0.3),
                new DenseSpec(8, new Relu(), null, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0)));
        assertTrue(ConfigWarnings.check(before, true, 16, 100).stream().anyMatch(w -> w.contains("batch normalization with dropout")));
    }

    /**
     * The learning curve with rows of weight 0 (rows that are not there): 100 rows that count, class
     * x > 0.5, and 100 of weight 0 with the opposite class. Trained on the rows that count, the
     * point's training error is near 0; trained on all at weight 1 it is about 0.5.
     */
    @Test
    void theLearningCurveLeavesOutRowsOfWeightZero() {
        double[][] x = new double[200][];
        double[] y = new double[200];
        float[] w = new float[200];
        for (int i = 0; i < 100; i++) {
            double v = (i + 0.5) / 100;
            x[2 * i] = new double[] {v};
            y[2 * i] = v > 0.5 ? 1 : 0;
            w[2 * i] = 1;
            x[2 * i + 1] = new double[] {v};
            y[2 * i + 1] = v > 0.5 ? 0 : 1;
            w[2 * i + 1] = 0;
        }
        LabeledTable t = new LabeledTable(new Table(List.of(Column.numeric("x")), x), "y", List.of("a", "b"), y, w);
        List<LearningCurve.Point> pts = LearningCurve.compute(TrainingConfig.DEFAULT.withEpochs(60), t, new double[] {1.0}, 0.25, 1);
        assertEquals(1, pts.size());
        // the stratified split holds out round(0.25 x 50) = 13 of each class's 50 rows that count: 74 left (of all 200: 150)
        assertEquals(74, pts.get(0).trainingRows(), "the rows that count, less the validation part");
        assertTrue(pts.get(0).trainingError() < 0.1 && pts.get(0).validationError() < 0.15, pts.toString());
    }
}
