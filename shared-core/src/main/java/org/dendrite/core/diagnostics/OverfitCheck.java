package org.dendrite.core.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.augment.Augmentation;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import org.dendrite.core.metrics.Evaluation;
import org.dendrite.core.regularization.Regularization;
import org.dendrite.core.train.EarlyStopping;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingRun;

/**
 * The first debugging step of the Georgia Tech CS 4803/7643 Deep Learning lecture on optimization (Zsolt Kira), "overfit a tiny subset": train on about 20 rows without
 * regularization and check the network reaches ~100% training accuracy. If it cannot, the problem is
 * in the model or the pipeline, not in generalization.
 */
public final class OverfitCheck {
    public static final int DEFAULT_ROWS = 20;
    public static final int MAX_EPOCHS = 500;
    /** "About 100%": at most one of 20 rows may stay wrong. */
    public static final double TARGET_ACCURACY = 0.95;

    private OverfitCheck() {}

    /**
     * What the check found: {@code trainingAccuracy} is the accuracy on the rows (weighted) for a
     * nominal target, and 1 - RMSE / the rows' target standard deviation for a numeric one
     * ({@code numeric}; 0.9 is R^2 0.99), which the summary says (it read as a share of rows fitted).
     */
    public record Result(int rows, int epochs, double trainingAccuracy, boolean passed, boolean numeric) {
        public String summary() {
            String fit = Math.round(100 * trainingAccuracy) + "%" + (numeric ? " (1 - RMSE / the target's standard deviation on them)" : "");
            return passed ? "Overfit check passed: " + rows + " rows learned to " + fit + " in " + epochs + " epochs."
                    : "Overfit check FAILED: after " + epochs + " epochs the network fits " + rows + " training rows only to " + fit + ". Check "
                    + "the learning rate, the architecture and the data pipeline before tuning anything else.";
        }
    }

    /** Takes the first {@code rows} rows (round-robin over classes: every class appears when there are at most {@code rows}) and trains until they are learned. */
    public static Result run(TrainingConfig config, LabeledTable labeled, int rows) {
        labeled = labeled.withoutZeroWeights(); // rows that are not there, as for a training run
        Table table = labeled.features();
        List<String> classes = labeled.classes();
        double[] target = labeled.target();
        List<Integer> pick = new ArrayList<>();
        if (classes.isEmpty()) {
            for (int i = 0; i < Math.min(rows, table.size()); i++) pick.add(i);
        } else {
            List<List<Integer>> byClass = new ArrayList<>();
            for (int c = 0; c < classes.size(); c++) byClass.add(new ArrayList<>());
            for (int i = 0; i < target.length; i++) byClass.get((int) target[i]).add(i);
            for (int round = 0; pick.size() < Math.min(rows, table.size()); round++) {
                for (List<Integer> members : byClass) {
                    if (round < members.size() && pick.size() < rows) pick.add(members.get(round));
                }
            }
        }
        // the rows with their instance weights
        LabeledTable tiny = labeled.subset(pick.stream().mapToInt(Integer::intValue).toArray());
        // without regularization: no penalties, augmentation, dropout or label smoothing (each keeps a network from fitting 20 rows)
        TrainingConfig c = config.withRegularization(Regularization.NONE).withAugmentation(Augmentation.NONE).withValidationFraction(0)
                .withEarlyStopping(EarlyStopping.OFF).withEpochs(MAX_EPOCHS).withNetwork(config.network().withoutDropout());
        org.dendrite.core.loss.MemberMean ensemble = c.loss() instanceof org.dendrite.core.loss.MemberMean m ? m : null;
        if ((ensemble != null ? ensemble.loss() : c.loss()) instanceof org.dendrite.core.loss.SoftmaxCrossEntropy s && s.labelSmoothing() > 0) {
            org.dendrite.core.loss.Loss plain = new org.dendrite.core.loss.SoftmaxCrossEntropy();
            c = c.withLoss(ensemble != null ? new org.dendrite.core.loss.MemberMean(plain, ensemble.members()) : plain);
        }
        TrainingRun run = TrainingRun.local(c, tiny);
        double acc = 0;
        while (run.hasNextEpoch()) {
            run.nextEpoch();
            Evaluation.Predictions p = run.source().training(run.network());
            if (classes.isEmpty()) {
                // 1 - rmse / the standard deviation of these rows' target (0.9: R^2 0.99), in any units (the task's scale is 1
                // when the target is not standardized)
                double sd = p.targetStandardDeviation(run.task());
                acc = 1 - Math.min(1, p.rmse(run.task()) / (sd > 0 ? sd : run.task().targetScale()));
            } else {
                acc = p.accuracy();
            }
            if (acc >= (classes.isEmpty() ? 0.9 : 1.0)) break;
        }
        return new Result(tiny.size(), run.epoch(), acc, acc >= (classes.isEmpty() ? 0.9 : TARGET_ACCURACY), classes.isEmpty());
    }
}
