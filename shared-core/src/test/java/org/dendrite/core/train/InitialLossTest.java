package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An untrained classifier predicts nearly uniform probabilities, so its softmax cross-entropy is
 * close to ln(C). The Glorot-initialized output layer gives logits with variance about
 * 2 fan_in / (fan_in + C) * Var(h) / 3 per unit, small for these widths, so the loss exceeds ln(C)
 * by about half the logit variance; 10% of ln(C) bounds that comfortably while a mis-scaled output
 * (e.g. logits of variance 10) would fail it.
 */
class InitialLossTest {
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 10})
    void initialLossIsCloseToLnC(int classes) {
        SplittableRandom r = new SplittableRandom(classes);
        double[][] rows = new double[500][8];
        double[] y = new double[500];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 8; j++) rows[i][j] = 10 + 3 * r.nextGaussian();
            y[i] = i % classes;
        }
        List<Column> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int j = 0; j < 8; j++) cols.add(Column.numeric("x" + j));
        for (int c = 0; c < classes; c++) names.add("c" + c);
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT, new LabeledTable(new Table(cols, rows), "y", names, y, null));
        double lnC = Math.log(classes);
        assertEquals(lnC, run.initialLoss(), 0.1 * lnC, "initial loss for " + classes + " classes");
        assertTrue(run.history().warnings().stream().noneMatch(w -> w.contains("initial loss")), run.history().warnings().toString());
    }
}
