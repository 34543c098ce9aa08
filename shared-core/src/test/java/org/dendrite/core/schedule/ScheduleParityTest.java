package org.dendrite.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.dendrite.core.schedule.Schedule.Position;
import org.dendrite.core.schedule.Schedule.Unit;
import org.dendrite.core.testutil.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schedule against PyTorch 1.13's learning rates at each step (test-data/reference/schedule/),
 * in double precision: relative 1e-9. Power scheduling and the base * 0.1^(t/s) form, which PyTorch
 * lacks, are checked against their formulas computed independently in the same script.
 */
class ScheduleParityTest {
    static Stream<Arguments> cases() throws IOException {
        JsonNode root = new ObjectMapper().readTree(TestData.file("reference/schedule/schedules.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) out.add(Arguments.of(c.get("case").asText(), c));
        return out.stream();
    }

    static Schedule schedule(String id, JsonNode k) {
        return switch (id) {
            case "step" -> new StepDecay(10, 0.5, Unit.EPOCH);
            case "multi_step" -> new MultiStep(List.of(30, 80), 0.1, Unit.EPOCH);
            case "exponential" -> new Exponential(0.95, 1, Unit.EPOCH);
            case "cosine" -> new Cosine(50, 0.001, false, 1, Unit.EPOCH);
            case "cosine_warm_restarts" -> new Cosine(10, 0.001, true, 2, Unit.EPOCH);
            case "cosine_warm_restarts_mult1" -> new Cosine(7, 0.0, true, 1, Unit.EPOCH);
            case "cyclic_triangular" -> new Cyclic(0.001, 0.1, 10, 15, Cyclic.Mode.TRIANGULAR, 1, Unit.STEP);
            case "cyclic_triangular2" -> new Cyclic(0.001, 0.1, 10, 15, Cyclic.Mode.TRIANGULAR2, 1, Unit.STEP);
            case "cyclic_exp_range" -> new Cyclic(0.001, 0.1, 10, 15, Cyclic.Mode.EXP_RANGE, 0.99, Unit.STEP);
            case "one_cycle_three_phase_linear" -> new OneCycle(0.1, 100, 0.3, 25, 1e4, true, true, Unit.STEP);
            case "one_cycle_cos" -> new OneCycle(0.1, 100, 0.3, 25, 1e4, false, false, Unit.STEP);
            case "warm_up_exponential" -> new WarmUp(new Exponential(0.97, 1, Unit.STEP), 0.1, 1.0, 10);
            case "warm_up_step" -> new WarmUp(new StepDecay(20, 0.5, Unit.STEP), 0.01, 1.0, 5);
            case "plateau_min_rel" -> new ReduceOnPlateau(false, 0.5, 3, 1e-4, true, 2, 1e-3);
            case "plateau_max_abs" -> new ReduceOnPlateau(true, 0.3, 2, 0.005, false, 1, 0.0);
            case "power_c1.0" -> new Power(10, 1.0, Unit.EPOCH);
            case "power_c0.5" -> new Power(10, 0.5, Unit.EPOCH);
            case "exponential_tenfold" -> new Exponential(0.1, 20, Unit.EPOCH);
            default -> throw new IllegalArgumentException("no Dendrite schedule for reference case " + id);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheReferenceAtEveryStep(String id, JsonNode c) {
        Schedule s = schedule(id, c.get("kwargs"));
        double base = c.get("base_lr").asDouble();
        JsonNode lr = c.get("lr");
        double[] metrics = new double[lr.size()];
        if (c.has("metrics")) for (int i = 0; i < metrics.length; i++) metrics[i] = c.get("metrics").get(i).asDouble();
        for (int t = 0; t < lr.size(); t++) {
            double expected = lr.get(t).asDouble();
            double got = s.learningRate(base, new Position(t, t, Arrays.copyOf(metrics, c.has("metrics") ? t : 0)));
            assertEquals(expected, got, 1e-9 * Math.abs(expected) + 1e-15, id + " step " + t);
        }
    }

    @Test
    void parametersAreValidated() {
        var e = assertThrows(IllegalArgumentException.class, () -> new StepDecay(0, 0.5, Unit.EPOCH));
        assertTrue(e.getMessage().contains("stepSize: 0"), e.getMessage());
        var m = assertThrows(IllegalArgumentException.class, () -> new MultiStep(List.of(30, 10), 0.1, Unit.EPOCH));
        assertTrue(m.getMessage().contains("[30, 10]") && m.getMessage().contains("increasing"), m.getMessage());
        var c = assertThrows(IllegalArgumentException.class, () -> new Cyclic(0.1, 0.01, 5, 5, Cyclic.Mode.TRIANGULAR, 1, Unit.STEP));
        assertTrue(c.getMessage().contains("upperRate 0.01 < lowerRate 0.1"), c.getMessage());
        var o = assertThrows(IllegalArgumentException.class, () -> new OneCycle(0.1, 100, 1.5, 25, 1e4, true, true, Unit.STEP));
        assertTrue(o.getMessage().contains("pctStart: 1.5"), o.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(false, 1.5, 3, 1e-4, true, 0, 0));
        assertTrue(p.getMessage().contains("factor: 1.5"), p.getMessage());
    }

    @Test
    void stepsAndEpochsAreDifferentClocks() {
        Schedule byEpoch = new StepDecay(2, 0.5, Unit.EPOCH), byStep = new StepDecay(2, 0.5, Unit.STEP);
        Position p = new Position(7, 1);
        assertEquals(1.0, byEpoch.learningRate(1, p));
        assertEquals(0.125, byStep.learningRate(1, p));
    }

    @Test
    void wholeRunCosineIsTorchsCosineOverTheConfiguredEpochs() {
        // CosineAnnealingLR(T_max = the run's epochs), already matched to torch above as Cosine(period = T_max)
        for (int epochs : new int[] {1, 7, 100}) {
            Cosine fixed = new Cosine(epochs, 0, false, 1, Unit.EPOCH);
            for (int e = 0; e <= epochs; e++) {
                assertEquals(fixed.learningRate(0.01, new Position(0, e)), Cosine.WHOLE_RUN.learningRate(0.01, new Position(0, e, new double[0], epochs)),
                        1e-15, "epoch " + e + " of " + epochs);
            }
            // continuing past the run keeps the final rate instead of climbing back up
            assertEquals(0.0, Cosine.WHOLE_RUN.learningRate(0.01, new Position(0, epochs + 3, new double[0], epochs)), 1e-15);
        }
        assertEquals(0.01, Cosine.WHOLE_RUN.learningRate(0.01, new Position(0, 0, new double[0], 100)));
        assertEquals(0.005, Cosine.WHOLE_RUN.learningRate(0.01, new Position(0, 50, new double[0], 100)), 1e-15);
        var noLength = assertThrows(IllegalStateException.class, () -> Cosine.WHOLE_RUN.learningRate(0.01, new Position(0, 1)));
        assertTrue(noLength.getMessage().contains("number of epochs"), noLength.getMessage());
        var steps = assertThrows(IllegalArgumentException.class, () -> new Cosine(0, 0, false, 1, Unit.STEP));
        assertTrue(steps.getMessage().contains("period 0 (the whole run) counts epochs"), steps.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Cosine(0, 0, true, 1, Unit.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> new Cosine(-1, 0, false, 1, Unit.EPOCH));
    }
}
