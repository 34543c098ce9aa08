package org.dendrite.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Bad hyperparameters fail at construction naming the value; the registry knows every optimizer by name. */
class OptimizerValidationTest {
    /** Each constructor call with exactly one bad value, and the text the message must contain. */
    private static final List<Map.Entry<Supplier<Optimizer>, String>> BAD = List.of(
            Map.entry(() -> new Sgd(-0.1), "-0.1"),
            Map.entry(() -> new Sgd(0.1, 1.5, 0, false, 0), "1.5"),
            Map.entry(() -> new Sgd(0.1, 0.9, 2, false, 0), "2.0"),
            Map.entry(() -> new Sgd(0.1, 0.9, 0, false, -3e-4), "-3.0E-4"),
            Map.entry(() -> new Sgd(0.1, 0, 0, true, 0), "momentum=0.0"),
            Map.entry(() -> new ClassicMomentum(Double.NaN), "NaN"),
            Map.entry(() -> new ClassicMomentum(0.1, -0.5, 0), "-0.5"),
            Map.entry(() -> new ClassicMomentum(0.1, 0.9, -1), "-1.0"),
            Map.entry(() -> new Adagrad(0), "0.0"),
            Map.entry(() -> new Adagrad(0.01, -0.25, 0, 0, 1e-10), "-0.25"),
            Map.entry(() -> new Adagrad(0.01, 0, -0.125, 0, 1e-10), "-0.125"),
            Map.entry(() -> new Adagrad(0.01, 0, 0, -7, 1e-10), "-7.0"),
            Map.entry(() -> new Adagrad(0.01, 0, 0, 0, 0), "epsilon: 0.0"),
            Map.entry(() -> new RmsProp(0.01, 1.25, 1e-8, 0, 0, false), "1.25"),
            Map.entry(() -> new RmsProp(0.01, 0.99, -1e-8, 0, 0, false), "-1.0E-8"),
            Map.entry(() -> new RmsProp(0.01, 0.99, 1e-8, -2, 0, false), "-2.0"),
            Map.entry(() -> new RmsProp(0.01, 0.99, 1e-8, 0, -0.75, false), "-0.75"),
            Map.entry(() -> new Adadelta(Double.POSITIVE_INFINITY), "Infinity"),
            Map.entry(() -> new Adadelta(1, 1.5, 1e-6, 0), "1.5"),
            Map.entry(() -> new Adadelta(1, 0.9, 0, 0), "epsilon: 0.0"),
            Map.entry(() -> new Adadelta(1, 0.9, 1e-6, -0.5), "-0.5"),
            Map.entry(() -> new Adam(1e-3, 1.0, 0.999, 1e-8, 0, false), "beta1: 1.0"),
            Map.entry(() -> new Adam(1e-3, 0.9, -0.1, 1e-8, 0, false), "beta2: -0.1"),
            Map.entry(() -> new Adam(1e-3, 0.9, 0.999, -1e-8, 0, false), "-1.0E-8"),
            Map.entry(() -> new Adam(1e-3, 0.9, 0.999, 1e-8, -0.01, false), "-0.01"),
            Map.entry(() -> new AdamW(-1e-3), "-0.001"),
            Map.entry(() -> new AdamW(1e-3, 1.1, 0.999, 1e-8, 0.01, false), "1.1"),
            Map.entry(() -> new AdamW(1e-3, -0.02), "-0.02"),
            Map.entry(() -> new AdaMax(2e-3, 0.9, 1.0, 1e-8, 0), "beta2: 1.0"),
            Map.entry(() -> new AdaMax(2e-3, 0.9, 0.999, 0, 0), "epsilon: 0.0"),
            Map.entry(() -> new AdaMax(2e-3, 0.9, 0.999, 1e-8, -4), "-4.0"),
            Map.entry(() -> new Nadam(2e-3, 0.9, 0.999, 1e-8, 0, -0.004), "-0.004"),
            Map.entry(() -> new Nadam(2e-3, 2, 0.999, 1e-8, 0, 0.004), "2.0"),
            Map.entry(() -> new Lbfgs(1, 0, 25, 1e-7, 1e-9, 10, Lbfgs.LineSearch.NONE), "maxIter: 0"),
            Map.entry(() -> new Lbfgs(1, 20, -1, 1e-7, 1e-9, 10, Lbfgs.LineSearch.NONE), "maxEval: -1"),
            Map.entry(() -> new Lbfgs(1, 20, 25, -1e-7, 1e-9, 10, Lbfgs.LineSearch.NONE), "-1.0E-7"),
            Map.entry(() -> new Lbfgs(1, 20, 25, 1e-7, -1e-9, 10, Lbfgs.LineSearch.NONE), "-1.0E-9"),
            Map.entry(() -> new Lbfgs(1, 20, 25, 1e-7, 1e-9, 0, Lbfgs.LineSearch.NONE), "historySize: 0"),
            Map.entry(() -> new Lbfgs(1, 20, 25, 1e-7, 1e-9, 10, null), "lineSearch: null"),
            Map.entry(() -> new Lbfgs(-2), "-2.0"));

    @Test
    void constructorsRejectBadValuesNamingThem() {
        for (Map.Entry<Supplier<Optimizer>, String> e : BAD) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.getKey().get(), e.getValue());
            assertTrue(ex.getMessage().contains(e.getValue()), ex.getMessage() + " should name " + e.getValue());
            assertTrue(ex.getMessage().contains("allowed") || ex.getMessage().contains("requires"), ex.getMessage());
        }
    }

    @Test
    void everyOptimizerValidatesItsLearningRate() {
        for (String name : Optimizers.names()) {
            Optimizer o = Optimizers.byName(name);
            assertTrue(o.learningRate() > 0, name);
        }
        assertEquals(List.of("sgd", "momentum", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam", "lbfgs"),
                Optimizers.names());
    }

    @Test
    void registryGivesPyTorchDefaults() {
        assertEquals(new Sgd(0.01, 0, 0, false, 0), Optimizers.byName("sgd"));
        assertEquals(new Adam(1e-3, 0.9, 0.999, 1e-8, 0, false), Optimizers.byName("adam"));
        assertEquals(new AdamW(1e-3, 0.9, 0.999, 1e-8, 0.01, false), Optimizers.byName("adamw"));
        assertEquals(new Adagrad(0.01, 0, 0, 0, 1e-10), Optimizers.byName("adagrad"));
        assertEquals(new RmsProp(0.01, 0.99, 1e-8, 0, 0, false), Optimizers.byName("rmsprop"));
        assertEquals(new Adadelta(1.0, 0.9, 1e-6, 0), Optimizers.byName("adadelta"));
        assertEquals(new AdaMax(2e-3, 0.9, 0.999, 1e-8, 0), Optimizers.byName("adamax"));
        assertEquals(new Nadam(2e-3, 0.9, 0.999, 1e-8, 0, 4e-3), Optimizers.byName("nadam"));
        assertEquals(new Lbfgs(1, 20, 25, 1e-7, 1e-9, 100, Lbfgs.LineSearch.NONE), Optimizers.byName("lbfgs"));
        assertTrue(Optimizers.byName("lbfgs").requiresFullBatch());
        assertTrue(!Optimizers.byName("adam").requiresFullBatch());
        for (String n : Optimizers.names()) assertEquals(n, Optimizers.byName(n).name());
    }

    @Test
    void unknownNameListsTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.byName("adamz"));
        assertTrue(e.getMessage().contains("'adamz'"), e.getMessage());
        assertTrue(e.getMessage().contains("sgd, momentum, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam, lbfgs"), e.getMessage());
    }
}
