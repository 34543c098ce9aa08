package org.dendrite.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 *
 * <p>Each Dendrite schedule is built from its case's own {@code kwargs} (every torch constructor
 * argument, defaults included), so a case's arguments cannot drift from the reference's; an argument
 * Dendrite has no counterpart for must hold the value Dendrite assumes, and one left unread fails.
 *
 * <p>The reference's t counts {@code scheduler.step()} calls; its {@code clock} says whether one
 * stands for an epoch or an optimizer step. Training takes {@value #STEPS_PER_EPOCH} steps an epoch
 * here, so the step and epoch clocks differ at every t > 0 and a schedule reading the wrong one fails:
 * on the epoch clock t is the epoch, checked at its first and last step (7t and 7t + 6); on the step
 * clock t is the step, in epoch t / 7. A schedule that takes a unit is checked on both clocks (the
 * torch sequence as a function of its own count), the warm-ups (whose warm-up counts steps) and
 * performance scheduling (which reads the epochs' monitored values) on theirs.
 */
class ScheduleParityTest {
    static final int STEPS_PER_EPOCH = 7;

    static Stream<Arguments> cases() throws IOException {
        JsonNode root = new ObjectMapper().readTree(TestData.file("reference/schedule/schedules.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            Unit clock = Unit.valueOf(c.get("clock").asText().toUpperCase(Locale.ROOT));
            out.add(Arguments.of(c.get("case").asText(), clock, c));
            String scheduler = c.path("scheduler").asText();
            if (!scheduler.equals("ChainedScheduler") && !scheduler.equals("ReduceLROnPlateau")) {
                out.add(Arguments.of(c.get("case").asText(), clock == Unit.STEP ? Unit.EPOCH : Unit.STEP, c));
            }
        }
        return out.stream();
    }

    /** A case's kwargs, read once each: {@link #done} fails on any argument the mapping did not read. */
    static final class Kwargs {
        private final JsonNode node;
        private final String where;
        private final Set<String> read = new HashSet<>();

        Kwargs(JsonNode node, String where) {
            this.node = node;
            this.where = where;
        }

        JsonNode get(String key) {
            if (!node.has(key)) fail(where + ": the reference has no argument " + key);
            read.add(key);
            return node.get(key);
        }

        boolean isNull(String key) {
            return get(key).isNull();
        }

        double number(String key) {
            JsonNode v = get(key);
            if (!v.isNumber()) fail(where + "." + key + " is not a number: " + v);
            return v.asDouble();
        }

        int integer(String key) {
            JsonNode v = get(key);
            if (!v.isIntegralNumber()) fail(where + "." + key + " is not a whole number: " + v);
            return v.asInt();
        }

        List<Integer> integers(String key) {
            List<Integer> out = new ArrayList<>();
            for (JsonNode v : get(key)) {
                if (!v.isIntegralNumber()) fail(where + "." + key + " holds " + v);
                out.add(v.asInt());
            }
            return out;
        }

        String text(String key, String... allowed) {
            JsonNode v = get(key);
            if (!v.isTextual() || !List.of(allowed).contains(v.asText())) fail(where + "." + key + " is " + v + "; Dendrite has " + List.of(allowed));
            return v.asText();
        }

        boolean bool(String key) {
            JsonNode v = get(key);
            if (!v.isBoolean()) fail(where + "." + key + " is not a boolean: " + v);
            return v.asBoolean();
        }

        /** An argument Dendrite has no counterpart for: it must be what Dendrite does. */
        void expect(String key, Object value) {
            JsonNode v = get(key);
            Object got = v.isNull() ? null : v.isBoolean() ? v.asBoolean() : v.isNumber() ? (Object) v.asDouble() : v.asText();
            Object want = value instanceof Number n ? (Object) n.doubleValue() : value;
            assertEquals(want, got, where + "." + key + " has no Dendrite counterpart: only " + value + " is what Dendrite does");
        }

        /** An argument that does not act in this case (momentum cycling is off). */
        void unused(String... keys) {
            for (String k : keys) get(k);
        }

        void done() {
            List<String> left = new ArrayList<>();
            node.fieldNames().forEachRemaining(k -> {
                if (!read.contains(k)) left.add(k);
            });
            assertTrue(left.isEmpty(), where + ": arguments the mapping to Dendrite does not read: " + left);
        }
    }

    /** The Dendrite schedule of reference case {@code c}, counting {@code unit}, from the case's kwargs. */
    static Schedule schedule(JsonNode c, Unit unit) {
        String id = c.get("case").asText();
        if (c.get("source").asText().equals("formula")) {
            Kwargs k = new Kwargs(c.get("kwargs"), id);
            Schedule s = switch (c.get("formula").asText()) {
                case "lr = base / (1 + t/s)^c" -> new Power(k.number("s"), k.number("c"), unit);
                case "lr = base * 0.1^(t/s)" -> new Exponential(0.1, k.number("s"), unit);
                default -> throw new IllegalArgumentException(id + ": no Dendrite schedule for formula " + c.get("formula"));
            };
            k.done();
            return s;
        }
        return torch(c.get("scheduler").asText(), c.get("kwargs"), unit, id);
    }

    private static Schedule torch(String scheduler, JsonNode kwargs, Unit unit, String id) {
        if (scheduler.equals("ChainedScheduler")) {
            JsonNode parts = kwargs.get("schedulers");
            assertEquals(2, parts.size(), id + ": Dendrite's warm-up chains a LinearLR and one schedule");
            assertEquals("LinearLR", parts.get(0).get("scheduler").asText(), id);
            Kwargs w = new Kwargs(parts.get(0).get("kwargs"), id + ".LinearLR");
            Schedule inner = torch(parts.get(1).get("scheduler").asText(), parts.get(1).get("kwargs"), unit, id + "." + parts.get(1).get("scheduler").asText());
            Schedule s = new WarmUp(inner, w.number("start_factor"), w.number("end_factor"), w.integer("total_iters"));
            w.expect("last_epoch", -1);
            w.expect("verbose", false);
            w.done();
            return s;
        }
        Kwargs k = new Kwargs(kwargs, id);
        Schedule s = switch (scheduler) {
            case "StepLR" -> new StepDecay(k.integer("step_size"), k.number("gamma"), unit);
            case "MultiStepLR" -> new MultiStep(k.integers("milestones"), k.number("gamma"), unit);
            case "ExponentialLR" -> new Exponential(k.number("gamma"), 1, unit);
            case "CosineAnnealingLR" -> new Cosine(k.integer("T_max"), k.number("eta_min"), false, 1, unit);
            case "CosineAnnealingWarmRestarts" -> new Cosine(k.integer("T_0"), k.number("eta_min"), true, k.integer("T_mult"), unit);
            case "CyclicLR" -> {
                k.expect("scale_fn", null);
                k.expect("scale_mode", "cycle");
                k.expect("cycle_momentum", false);
                k.unused("base_momentum", "max_momentum");
                int up = k.integer("step_size_up");
                int down = k.isNull("step_size_down") ? up : k.integer("step_size_down");
                Cyclic.Mode mode = Cyclic.Mode.valueOf(k.text("mode", "triangular", "triangular2", "exp_range").toUpperCase(Locale.ROOT));
                yield new Cyclic(k.number("base_lr"), k.number("max_lr"), up, down, mode, k.number("gamma"), unit);
            }
            case "OneCycleLR" -> {
                k.expect("cycle_momentum", false);
                k.unused("base_momentum", "max_momentum");
                // torch takes total_steps when given, else epochs x steps_per_epoch
                int total = k.isNull("total_steps") ? Math.multiplyExact(k.integer("epochs"), k.integer("steps_per_epoch")) : k.integer("total_steps");
                k.unused("epochs", "steps_per_epoch");
                boolean linear = k.text("anneal_strategy", "linear", "cos").equals("linear");
                yield new OneCycle(k.number("max_lr"), total, k.number("pct_start"), k.number("div_factor"), k.number("final_div_factor"),
                        k.bool("three_phase"), linear, unit);
            }
            case "ReduceLROnPlateau" -> {
                // Dendrite skips a reduction smaller than 1e-8, torch's default eps
                k.expect("eps", 1e-8);
                yield new ReduceOnPlateau(k.text("mode", "min", "max").equals("max"), k.number("factor"), k.integer("patience"),
                        k.number("threshold"), k.text("threshold_mode", "rel", "abs").equals("rel"), k.integer("cooldown"), k.number("min_lr"));
            }
            default -> throw new IllegalArgumentException(id + ": no Dendrite schedule for " + scheduler);
        };
        if (kwargs.has("last_epoch")) k.expect("last_epoch", -1);
        k.expect("verbose", false);
        k.done();
        return s;
    }

    /** The positions at which reference count {@code t} holds, on {@code clock}, with the epochs' monitored values. */
    static List<Position> positions(int t, Unit clock, double[] monitor) {
        if (clock == Unit.STEP) {
            return List.of(new Position(t, t / STEPS_PER_EPOCH, monitor));
        }
        return List.of(new Position((long) t * STEPS_PER_EPOCH, t, monitor), new Position((long) t * STEPS_PER_EPOCH + STEPS_PER_EPOCH - 1, t, monitor));
    }

    @ParameterizedTest(name = "{0} on the {1} clock")
    @MethodSource("cases")
    void matchesTheReferenceAtEveryStep(String id, Unit clock, JsonNode c) {
        Schedule s = schedule(c, clock);
        double base = c.get("base_lr").asDouble();
        JsonNode lr = c.get("lr");
        assertEquals(c.get("steps").asInt(), lr.size(), id);
        double[] metrics = new double[lr.size()];
        if (c.has("metrics")) for (int i = 0; i < metrics.length; i++) metrics[i] = c.get("metrics").get(i).asDouble();
        for (int t = 0; t < lr.size(); t++) {
            double expected = lr.get(t).asDouble();
            for (Position p : positions(t, clock, Arrays.copyOf(metrics, c.has("metrics") ? t : 0))) {
                double got = s.learningRate(base, p);
                assertEquals(expected, got, 1e-9 * Math.abs(expected) + 1e-15, id + " at t " + t + " (step " + p.step() + ", epoch " + p.epoch() + ")");
            }
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
