package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dendrite.core.diagnostics.LayerStatistics;
import org.junit.jupiter.api.Test;

/** A rollback of the layer statistics leaves the thinning where the run that never took the undone steps has it. */
class HistoryRollbackThinningTest {

    private static void sample(History h, long fromStep, long toStep, int every) {
        for (long step = fromStep; step < toStep; step++) {
            if (step % every != 0) continue; // as TrainingStep.takeRecorded samples
            for (int layer = 0; layer < 2; layer++) {
                h.addStatistics(new LayerStatistics(step, layer, "l" + layer, 1, 1, 1, 1, 0, 1, 0, 0));
            }
        }
    }

    private static List<Long> keptSteps(History h) {
        return h.statistics().stream().map(LayerStatistics::step).distinct().toList();
    }

    /**
     * Every 3rd step sampled; after 1025 sampled steps (MAX_STATISTICS_STEPS + 1) the stride is 2.
     * The rollback point, step 3151, has 1051 sampled steps before it (0, 3, ..., 3150: an odd count,
     * not a multiple of the stride) of which 526 are kept (every second: 0, 6, ..., 3150). The sampled
     * step after it (3153, sampled item 1051) is odd and is not kept in a run without the rollback;
     * rewinding to 526 x 2 = 1052 sampled steps kept it, and every odd sampled step after.
     */
    @Test
    void aRollbackToASampledCountNotAMultipleOfTheStrideKeepsTheStepsOfTheRunWithoutTheUndoneSteps() {
        int every = 3;
        long rollbackTo = 3151, undoneTo = 3400, end = 3700;
        History rolledBack = new History();
        sample(rolledBack, 0, undoneTo, every);
        rolledBack.discardStepsFrom(rollbackTo);
        sample(rolledBack, rollbackTo, end, every);

        History straight = new History();
        sample(straight, 0, end, every);

        List<Long> expected = keptSteps(straight);
        // hand check of the reference: every second sampled step, i.e. every 6th step, none thinned further
        assertEquals(0L, expected.stream().filter(s -> s % 6 != 0).count());
        assertEquals(expected.subList(520, expected.size()), keptSteps(rolledBack).subList(520, keptSteps(rolledBack).size()));
        assertEquals(straight.statistics(), rolledBack.statistics());
    }

    /** A rollback to a count that is a multiple of the stride (the case that was already right) stays right. */
    @Test
    void aRollbackToASampledCountThatIsAMultipleOfTheStrideKeepsTheSameSteps() {
        int every = 3;
        long rollbackTo = 3154, undoneTo = 3400, end = 3700; // 1052 sampled before 3154
        History rolledBack = new History();
        sample(rolledBack, 0, undoneTo, every);
        rolledBack.discardStepsFrom(rollbackTo);
        sample(rolledBack, rollbackTo, end, every);
        History straight = new History();
        sample(straight, 0, end, every);
        assertEquals(keptSteps(straight), keptSteps(rolledBack));
    }
}
