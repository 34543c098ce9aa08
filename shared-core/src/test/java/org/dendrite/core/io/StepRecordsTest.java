package org.dendrite.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dendrite.core.train.History;
import org.dendrite.core.train.StepSeries;
import org.junit.jupiter.api.Test;

/**
 * The per-step records in bounded memory (they grew with every step of every epoch, into the model
 * file too: a long run's model held megabytes of them, and enough epochs exhausted the heap). Each
 * test feeds step k the value k, so a kept value says which step it is.
 */
class StepRecordsTest {
    private static final int MAX = StepSeries.MAX;

    private static StepSeries fed(long steps) {
        StepSeries s = new StepSeries();
        for (long k = 0; k < steps; k++) s.add(k);
        return s;
    }

    private static void assertEvenlySpaced(StepSeries s, long steps) {
        double[] v = s.values();
        assertEquals((steps + s.stride() - 1) / s.stride(), v.length, "ceil(steps / stride) values");
        assertTrue(v.length <= MAX && (steps <= MAX || v.length > MAX / 2), v.length + " values");
        for (int i = 0; i < v.length; i++) assertEquals((double) i * s.stride(), v[i], "value " + i + " is step i x stride");
        assertEquals(steps, s.steps());
    }

    @Test
    void everyStepIsKeptUpToTheLimitThenEveryStrideth() {
        StepSeries full = fed(MAX);
        assertEquals(1, full.stride());
        assertEvenlySpaced(full, MAX);
        StepSeries one = fed(MAX + 1);
        assertEquals(2, one.stride());
        assertEquals(MAX / 2 + 1, one.values().length);
        assertEvenlySpaced(one, MAX + 1);
        for (long steps : new long[] {3L * MAX + 7, 40L * MAX}) {
            StepSeries s = fed(steps);
            assertEvenlySpaced(s, steps);
            assertEquals(steps - 1, s.last(), "the last step's value, kept or not");
        }
        assertEquals(64, fed(40L * MAX).stride());
    }

    /** A rollback forgets the steps from its epoch's start on; the series then goes on as one fed that far. */
    @Test
    void aRollbackContinuesAsASeriesFedThatFar() {
        StepSeries s = fed(3L * MAX);
        s.discardFrom(2L * MAX + 5);
        StepSeries fresh = fed(2L * MAX + 5);
        assertArrayEquals(fresh.values(), s.values());
        for (long k = 2L * MAX + 5; k < 4L * MAX; k++) {
            s.add(k);
            fresh.add(k);
        }
        assertArrayEquals(fresh.values(), s.values());
        assertEquals(fresh.stride(), s.stride());
        assertEvenlySpaced(s, 4L * MAX);
    }

    /** The history file keeps a thinned series with its stride and count, and reads it back to the same; a short run's file has neither. */
    @Test
    void aHistoryFileKeepsTheStrideOnlyWhenItIsNeeded() throws Exception {
        History h = new History();
        for (long k = 0; k < 3L * MAX; k++) {
            h.addStepRate(k);
            h.addStepLoss(-k);
        }
        String json = HistoryJson.toJson(h);
        assertTrue(json.contains("\"step_stride\" : 4") && json.contains("\"step_count\" : " + 3L * MAX), json.substring(0, 200));
        History back = HistoryJson.read(new JsonValue(SpecFormat.mapper().readTree(json), "$"));
        assertArrayEquals(h.stepLearningRates(), back.stepLearningRates());
        assertArrayEquals(h.stepLosses(), back.stepLosses());
        assertEquals(4, back.stepSeries(false).stride());
        assertEquals(3L * MAX, back.stepSeries(true).steps());
        History small = new History();
        small.addStepRate(0.1);
        assertFalse(HistoryJson.toJson(small).contains("step_stride"));
        // a file of an earlier writer holding every step of a long run is thinned as the run would have been
        StringBuilder old = new StringBuilder("{\"step_learning_rates\": [");
        for (long k = 0; k < 3L * MAX; k++) old.append(k == 0 ? "" : ",").append(k);
        History read = HistoryJson.read(new JsonValue(SpecFormat.mapper().readTree(old.append("]}").toString()), "$"));
        assertArrayEquals(h.stepLearningRates(), read.stepLearningRates());
        // a stride that does not fit the values is refused, naming the place
        String bad = json.replace("\"step_stride\" : 4", "\"step_stride\" : 2");
        var e = assertThrows(ModelFormatException.class, () -> HistoryJson.read(new JsonValue(SpecFormat.mapper().readTree(bad), "$")));
        assertTrue(e.getMessage().startsWith("$: step records: "), e.getMessage());
        // docs/model-format.md: step_stride and step_count "only together"; a count alone was ignored, the values read as every step
        var alone = assertThrows(ModelFormatException.class, () -> HistoryJson.read(new JsonValue(SpecFormat.mapper().readTree(
                "{\"step_count\": 100000, \"step_learning_rates\": [0.1, 0.1]}"), "$")));
        assertTrue(alone.getMessage().startsWith("$.step_count: is given without $.step_stride; the two come together"), alone.getMessage());
    }

    /** The layer statistics of a long run: at most MAX_STATISTICS_STEPS sampled steps, evenly spaced, each step's layers together. */
    @Test
    void layerStatisticsStayBoundedAndEvenlySpaced() {
        History h = new History();
        int sampled = 5 * History.MAX_STATISTICS_STEPS + 3;
        for (long k = 0; k < sampled; k++) {
            for (int layer = 0; layer < 3; layer++) {
                h.addStatistics(new org.dendrite.core.diagnostics.LayerStatistics(100 * k, layer, "l" + layer, 1, 1, 1, 1, 0, 1, 0, 0));
            }
        }
        java.util.List<Long> steps = h.statistics().stream().map(org.dendrite.core.diagnostics.LayerStatistics::step).distinct().toList();
        assertTrue(steps.size() <= History.MAX_STATISTICS_STEPS && steps.size() > History.MAX_STATISTICS_STEPS / 2, steps.size() + " steps");
        assertEquals(3L * steps.size(), h.statistics().size(), "every kept step with its three layers");
        long gap = steps.get(1) - steps.get(0);
        assertEquals(800, gap, "every 8th sampled step of 100: 5 x 1,024 + 3 samples thinned three times");
        for (int i = 0; i < steps.size(); i++) assertEquals(i * gap, steps.get(i));
    }
}
