package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Adam;
import org.dendrite.core.regularization.Regularization;
import org.dendrite.core.testutil.TestData;
import org.junit.jupiter.api.Test;

/**
 * A deliberately oversized network (256-256 ReLU, 60 epochs) memorizes real data: on credit-g and
 * Pima diabetes it reaches ~100% training accuracy and a train/validation gap of 0.26 and 0.30
 * (measured, seed 1, 30% stratified validation). Regularization must narrow that gap: L2 (3e-2)
 * on credit-g, dropout (0.5) on diabetes.
 */
class RegularizationOnRealDataTest {
    private static double[] gapAndValidationLoss(String dataset, Regularization reg, double dropout) throws Exception {
        TestData.Labeled d = TestData.arff(dataset);
        NetworkSpec net = new NetworkSpec(List.of(new DenseSpec(256, new Relu(), null, true, DenseSpec.BatchNorm.NONE, dropout),
                new DenseSpec(256, new Relu(), null, true, DenseSpec.BatchNorm.NONE, dropout)));
        TrainingConfig c = TrainingConfig.DEFAULT.withNetwork(net).withEpochs(60).withValidationFraction(0.3).withRegularization(reg)
                .withOptimizer(new Adam(1e-3));
        TrainingRun run = TrainingRun.local(c, d.labeled());
        while (run.hasNextEpoch()) run.nextEpoch();
        Evaluation train = run.source().training(run.network()).evaluate(run.task());
        Evaluation valid = run.source().validation(run.network()).evaluate(run.task());
        System.out.printf("%s l2=%s dropout=%s: train accuracy %.4f, validation accuracy %.4f, validation loss %.4f%n", dataset, reg.l2(),
                dropout, train.accuracy(), valid.accuracy(), valid.loss());
        return new double[] {train.accuracy() - valid.accuracy(), valid.loss()};
    }

    @Test
    void l2NarrowsTheGapOnCreditG() throws Exception {
        double[] none = gapAndValidationLoss("credit-g.arff", Regularization.NONE, 0);
        double[] l2 = gapAndValidationLoss("credit-g.arff", new Regularization(0, 3e-2, false, false, 0), 0);
        assertTrue(none[0] > 0.15, "the unregularized network overfits: gap " + none[0]);
        assertTrue(l2[0] < none[0] / 2, "L2 gap " + l2[0] + " vs " + none[0]);
        assertTrue(l2[1] < none[1], "L2 validation loss " + l2[1] + " vs " + none[1]);
    }

    @Test
    void dropoutNarrowsTheGapOnDiabetes() throws Exception {
        double[] none = gapAndValidationLoss("diabetes.arff", Regularization.NONE, 0);
        double[] drop = gapAndValidationLoss("diabetes.arff", Regularization.NONE, 0.5);
        assertTrue(none[0] > 0.15, "the unregularized network overfits: gap " + none[0]);
        assertTrue(drop[0] < 0.6 * none[0], "dropout gap " + drop[0] + " vs " + none[0]);
        assertTrue(drop[1] < none[1], "dropout validation loss " + drop[1] + " vs " + none[1]);
    }
}
