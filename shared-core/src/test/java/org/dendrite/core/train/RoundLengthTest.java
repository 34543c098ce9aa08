package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Where rounds of local steps fall; every expected value is derived by hand from the rule in {@link RoundLength}'s Javadoc. */
class RoundLengthTest {
    /** Runs the current epoch's rounds, each finishing with {@code loss} over 10 rows. */
    private static void finishEpoch(RoundLength r, long rounds, double loss) {
        for (long i = 0; i < rounds; i++) {
            r.select(i);
            r.finished(loss, 10);
        }
    }

    @Test
    void theAdaptiveLengthDoublesAfterAnImprovingEpochUpToOneRoundPerEpoch() {
        RoundLength r = new RoundLength(0, 1000);
        // 1000 steps at 256: rounds of 256, 256, 256 and 232 steps on the local clock 0..999
        assertEquals(4, r.beginEpoch(0));
        r.select(3);
        assertEquals(768, r.firstStep());
        assertEquals(232, r.steps());
        finishEpoch(r, 4, 1.0);
        // no epoch before the first to improve on: still 256; the epoch starts at step 1000
        assertEquals(4, r.beginEpoch(1));
        r.select(0);
        assertEquals(1000, r.firstStep());
        assertEquals(256, r.steps());
        finishEpoch(r, 4, 0.5);
        // 0.5 < 1.0: 512 steps, 2 rounds from step 2000, the second 488 long
        assertEquals(2, r.beginEpoch(2));
        assertEquals(512, r.length());
        r.select(1);
        assertEquals(2512, r.firstStep());
        assertEquals(488, r.steps());
        finishEpoch(r, 2, 0.6);
        // 0.6 is worse than 0.5: the length stays
        assertEquals(2, r.beginEpoch(3));
        assertEquals(512, r.length());
        finishEpoch(r, 2, 0.4);
        // 0.4 < 0.6: doubling to 1024 is capped at the epoch's 1000 steps, one round
        assertEquals(1, r.beginEpoch(4));
        assertEquals(1000, r.length());
        r.select(0);
        assertEquals(4000, r.firstStep());
        assertEquals(1000, r.steps());
        assertEquals(4 + 4 + 2 + 2, r.rounds());
    }

    /**
     * The length after two epochs of two rounds each on 512 steps per epoch: the first epoch's rounds
     * at loss 0.5 over 1 row each, the second's at 2.0 over {@code w1} rows and 0.2 over {@code w2}.
     */
    private static int lengthAfter(double w1, double w2) {
        RoundLength r = new RoundLength(0, 512);
        double[][] epochs = {{0.5, 1, 0.5, 1}, {2.0, w1, 0.2, w2}};
        for (int e = 0; e < 2; e++) {
            assertEquals(2, r.beginEpoch(e));
            for (int i = 0; i < 2; i++) {
                r.select(i);
                r.finished(epochs[e][2 * i], epochs[e][2 * i + 1]);
            }
        }
        r.beginEpoch(2);
        return r.length();
    }

    @Test
    void theEpochLossIsTheRoundsRowWeightedMean() {
        // (2 * 1 + 0.2 * 9) / 10 = 0.38 < 0.5: doubled, although the rounds' plain mean, 1.1, is not below
        assertEquals(512, lengthAfter(1, 9));
        // (2 * 9 + 0.2 * 1) / 10 = 1.82 > 0.5: kept, although the two losses' sum divided by the rows, 0.22, is below
        assertEquals(256, lengthAfter(9, 1));
    }

    @Test
    void anEqualLossIsNoImprovement() {
        RoundLength r = new RoundLength(0, 1000);
        r.beginEpoch(0);
        finishEpoch(r, 4, 0.7);
        r.beginEpoch(1);
        finishEpoch(r, 4, 0.7);
        assertEquals(4, r.beginEpoch(2));
        assertEquals(256, r.length());
    }

    @Test
    void anEpochBegunAgainStartsFromItsFirstStepInANewGeneration() {
        RoundLength r = new RoundLength(0, 1000);
        r.beginEpoch(0);
        finishEpoch(r, 4, 1.0);
        r.beginEpoch(1);
        r.select(0);
        r.finished(0.1, 10);
        r.select(1);
        assertEquals(0, r.generation());
        // the loop rolls back to epoch 1: the same rounds from step 1000, the shards' states start afresh
        assertEquals(4, r.beginEpoch(1));
        assertEquals(1, r.generation());
        r.select(0);
        assertEquals(1000, r.firstStep());
        assertEquals(256, r.steps());
        // the abandoned round's loss does not count: epoch 1 ends at 2.0 > 1.0, so no doubling
        finishEpoch(r, 4, 2.0);
        r.beginEpoch(2);
        assertEquals(256, r.length());
    }

    @Test
    void aFixedLengthNeverChangesAndIsCappedAtOneRoundPerEpoch() {
        RoundLength r = new RoundLength(300, 1000);
        assertEquals(4, r.beginEpoch(0));
        r.select(3);
        assertEquals(900, r.firstStep());
        assertEquals(100, r.steps());
        finishEpoch(r, 4, 1.0);
        r.beginEpoch(1);
        finishEpoch(r, 4, 0.1);
        assertEquals(4, r.beginEpoch(2));
        assertEquals(300, r.length());
        assertEquals(1, new RoundLength(5000, 1000).beginEpoch(0));
        assertEquals("300 local steps per round", r.describe());
        assertEquals("round length adaptive: from " + RoundLength.INITIAL_STEPS + " local steps, doubling after each epoch that improved the "
                + "loss, up to 1000 (one round per epoch)", new RoundLength(0, 1000).describe());
        // an epoch shorter than a first round: it read "from 6 local steps, doubling ... up to 6"
        assertEquals("round length adaptive, here one round per epoch (6 local steps; rounds start from " + RoundLength.INITIAL_STEPS + ")",
                new RoundLength(0, 6).describe());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RoundLength(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new RoundLength(0, 0));
    }
}
