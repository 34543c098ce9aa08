package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.io.ModelFormatException;
import org.dendrite.core.io.ModelIO;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.regularization.Regularization;
import org.dendrite.core.testutil.TestData;
import org.junit.jupiter.api.Test;

class SizeRuleTest {
    /** The rule's values worked out by hand: 4 sqrt(n) to a multiple of 16 within 48..256; 6000 steps of 128 rows from 3000 rows. */
    @Test
    void unitsBatchAndEpochsFollowTheNumberOfRows() {
        assertEquals(48, SizeRule.units(135));      // 4 sqrt(135) = 46.5 -> 48
        assertEquals(64, SizeRule.units(257));      // 64.1 -> 64
        assertEquals(112, SizeRule.units(691));     // 105.1 -> 112
        assertEquals(128, SizeRule.units(900));     // 120 -> 128
        assertEquals(256, SizeRule.units(18000));   // 536.7 -> at most 256
        assertEquals(32, SizeRule.batchSize(2999));
        assertEquals(128, SizeRule.batchSize(3000));
        assertEquals(100, SizeRule.epochs(900, 32));
        assertEquals(43, SizeRule.epochs(18000, 128));   // 141 steps an epoch: ceil(6000 / 141) = 43
        assertEquals(20, SizeRule.epochs(58000, 128));   // 454 steps an epoch: 14, at least 20
        assertEquals(100, SizeRule.epochs(3000, 128));   // 24 steps an epoch: 250, at most 100
    }

    @Test
    void aConfigurationLeavingValuesAtZeroIsResolvedWhenTrainingStarts() throws Exception {
        TrainingConfig auto = TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(0, new Relu())))).withEpochs(0).withBatchSize(0);
        assertTrue(auto.needsResolving());
        TrainingConfig r = auto.resolve(135);
        assertEquals(48, ((DenseSpec) r.network().layers().get(0)).units());
        assertEquals(100, r.epochs());
        assertEquals(32, r.batchSize());
        assertSame(r, r.resolve(135), "a resolved configuration stays as it is");
        TrainingRun run = TrainingRun.local(auto.withEpochs(2), TestData.arff("iris.arff").labeled());
        assertEquals(48, ((DenseSpec) run.config().network().layers().get(0)).units(), "iris: 150 rows, 48 units");
        Model m = run.run();
        assertEquals(2, m.history().size());
        String json = ModelIO.toJson(m);
        assertTrue(json.contains("\"units\" : 48"), "a model holds the units chosen");
        var e = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(json.replace("\"units\" : 48", "\"units\" : 0")));
        assertTrue(e.getMessage().contains("units: 0"), e.getMessage());
    }
    /** The default L2 for n training rows, worked out by hand: 3e-3 up to 3000 rows, 3e-3 * 3000 / n beyond. */
    @Test
    void theDefaultL2WeakensAsOneOverTheRowsBeyondThreeThousand() throws Exception {
        TrainingConfig d = TrainingConfig.DEFAULT;
        assertEquals(3000, d.regularization().l2FullRows());
        assertEquals(3e-3, d.resolve(135).regularization().l2(), 0);
        assertEquals(3e-3, d.resolve(3000).regularization().l2(), 0);
        assertEquals(1.5e-3, d.resolve(6000).regularization().l2(), 1e-15);
        assertEquals(5e-4, d.resolve(18000).regularization().l2(), 1e-15);
        assertEquals(4.5e-5, d.resolve(200000).regularization().l2(), 1e-15);
        assertEquals(0, d.resolve(6000).regularization().l2FullRows(), "the resolved configuration holds the L2 it trains with");
        Regularization fixed = new Regularization(0, 7e-3, false, false, 0, 0);
        assertSame(fixed, fixed.forRows(1_000_000), "l2FullRows 0: the L2 as given at any size");
        var e = assertThrows(InvalidSettingException.class, () -> new Regularization(0, 1e-3, false, false, 0, -1));
        assertTrue(e.getMessage().contains("l2FullRows: -1") && e.getMessage().contains("allowed"), e.getMessage());
        // the trainer uses it: a run on 135 rows keeps 3e-3, and a flat option of 0 turns the rule off
        assertEquals(3e-3, TrainingRun.local(d, TestData.arff("iris.arff").labeled()).config().regularization().l2(), 0);
        TrainingConfig off = TrainingOptions.DEFAULT.with("l2FullRows", 0).toConfig();
        assertEquals(3e-3, off.resolve(200000).regularization().l2(), 0);
        var e2 = assertThrows(InvalidSettingException.class, () -> TrainingOptions.check("l2FullRows", -5));
        assertEquals("l2FullRows", e2.setting());
    }
}
