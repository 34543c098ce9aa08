package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import org.dendrite.core.loss.Huber;
import org.dendrite.core.loss.MeanAbsoluteError;
import org.dendrite.core.loss.Loss;

/**
 * The robust losses against one outlier in the target. y = 3 x1 - 2 x2 + N(0, 0.1^2) on 200 rows,
 * plus one row of y = 1e7: scaled by its standard deviation (7e5), the ordinary rows spanned 1e-5 in
 * the network's units, below what float32 training resolves, and mae gave test RMSE about 1,300 on 200
 * clean rows (by hand: the noise's standard deviation, 0.1, is what a fit resolving the ordinary rows
 * scores; a least-absolute-deviation line fitted apart from Dendrite to such data scored 0.105). Scaled
 * by its median and interquartile range the target trains as the clean data does.
 */
class RobustTargetTest {
    private static LabeledTable linear(int n, long seed, boolean outlier) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Column> cols = List.of(Column.numeric("x1"), Column.numeric("x2"));
        double[][] x = new double[n + (outlier ? 1 : 0)][];
        double[] y = new double[x.length];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
            y[i] = 3 * x[i][0] - 2 * x[i][1] + 0.1 * r.nextGaussian();
        }
        if (outlier) {
            x[n] = new double[] {0, 0};
            y[n] = 1e7;
        }
        return new LabeledTable(new Table(cols, x), "y", List.of(), y);
    }

    private static double rmse(Model m, LabeledTable test) {
        double[][] p = m.predict(test.features());
        double s = 0;
        for (int i = 0; i < p.length; i++) s += (p[i][0] - test.target()[i]) * (p[i][0] - test.target()[i]);
        return Math.sqrt(s / p.length);
    }

    @org.junit.jupiter.api.Test
    void aRobustLossScalesTheTargetByItsMedianAndQuartiles() {
        LabeledTable train = linear(200, 1, true), test = linear(200, 2, false);
        for (Loss loss : List.of(new MeanAbsoluteError(), new Huber(1))) {
            TrainingConfig c = TrainingConfig.DEFAULT.withEpochs(60).withLoss(loss);
            assertTrue(c.robustTarget());
            Model m = Trainer.fit(c, train);
            double rmse = rmse(m, test);
            assertTrue(rmse < 0.3, loss.name() + ": test RMSE " + rmse + " (the noise alone: 0.1)");
            // the centre is the training targets' median, not their mean (about 5e4 with the outlier)
            assertTrue(Math.abs(m.task().targetMean()) < 1, "median " + m.task().targetMean());
        }
        // mean squared error keeps the mean and standard deviation (the outlier is its data)
        Model mse = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(2), train);
        assertEquals(1e7 / 201, mse.task().targetMean(), 1);
    }

    /**
     * The summary says its losses are on the scaled target: for a target of scale 1e-9 it read 'Loss: mse' and 'Final
     * training loss: 0.000991' (the standardized target's MSE), where the MSE in the target's units is about 1e-21; the
     * scale and centre are the model's own (task.targetScale, task.targetMean), so the note is checked against them.
     */
    @org.junit.jupiter.api.Test
    void theSummarysLossesAreSaidToBeOnTheScaledTarget() {
        LabeledTable t = linear(100, 3, false);
        double[] y = t.target().clone();
        for (int i = 0; i < y.length; i++) y[i] *= 1e-9;
        Model m = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(2), new LabeledTable(t.features(), "y", List.of(), y));
        String s = m.summary();
        assertTrue(s.contains(String.format(java.util.Locale.ROOT, "Loss: mse, on the target scaled (minus %.6g, divided by %.6g): the "
                + "losses below are in those units (times %.6g for the target's)\n", m.task().targetMean(), m.task().targetScale(),
                m.task().targetScale() * m.task().targetScale())), s);
        assertTrue(m.task().targetScale() < 1e-8, "scale " + m.task().targetScale());
    }

    /**
     * A target mostly 0 (claims, counts), whose quartiles coincide, with one outlier: it was scaled by
     * its standard deviation, which the outlier sets (mae's test RMSE was 337 on targets within 0.03);
     * it is scaled by its 5-95% range / 3.29. By hand, 80 zeros, 0.01..0.19 and 1e6 (100 rows): the 95%
     * quantile sits at position 0.95 x 99 = 94.05 of the sorted values, 0.15 + 0.05 x 0.01 = 0.1505, the 5%
     * one at 0; the scale 0.1505 / (2 x 1.6449) = 0.04575.
     */
    @org.junit.jupiter.api.Test
    void aTargetMostlyZeroIsScaledByAWiderRangeThanItsQuartiles() {
        double[][] x = new double[100][];
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i < 80 ? 0 : i < 99 ? 0.01 * (i - 79) : 1e6;
            x[i] = new double[] {y[i] == 1e6 ? 0.5 : y[i] * 10, (i * 7) % 11};
        }
        LabeledTable t = new LabeledTable(new Table(List.of(Column.numeric("x1"), Column.numeric("x2")), x), "y", List.of(), y);
        Model m = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(40).withLoss(new MeanAbsoluteError()), t);
        assertEquals(0, m.task().targetMean());
        assertEquals(0.1505 / (2 * 1.6448536269514722), m.task().targetScale(), 1e-9);
        // the ordinary rows are learned in those units: within the targets' own range, where the outlier's scale (about 1e5)
        // put every prediction hundreds away
        double[][] p = m.predict(t.features());
        double worst = 0;
        for (int i = 0; i < 99; i++) worst = Math.max(worst, Math.abs(p[i][0] - y[i]));
        assertTrue(worst < 0.2, "largest error on the ordinary rows " + worst);
    }
}
