package org.dendrite.core.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.dendrite.core.activation.Activations;
import org.dendrite.core.layer.DenseSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Initializer statistics against their formulas. With n = 400 x 300 = 120 000 draws, the sample
 * mean has standard error sigma / sqrt(n), and the sample variance sigma^2 sqrt(2 / n) for a normal
 * and sigma^2 sqrt(0.8 / n) for a uniform (fourth central moment 9/5 sigma^4, so Var(s^2) = 0.8
 * sigma^4 / n). The test allows 5 standard errors: a false failure has probability below 1e-6.
 */
class InitializerTest {
    private static final int IN = 400, OUT = 300, N = IN * OUT;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new Normal(), 0.01 * 0.01, false),
                Arguments.of(new Uniform(0.05), 0.05 * 0.05 / 3, true),
                Arguments.of(Initializer.XAVIER_UNIFORM, 2.0 / (IN + OUT), true),
                Arguments.of(Initializer.XAVIER_NORMAL, 2.0 / (IN + OUT), false),
                Arguments.of(Initializer.HE_UNIFORM, 2.0 / IN, true),
                Arguments.of(Initializer.HE_NORMAL, 2.0 / IN, false),
                Arguments.of(Initializer.LECUN_UNIFORM, 1.0 / IN, true),
                Arguments.of(Initializer.LECUN_NORMAL, 1.0 / IN, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void meanAndVarianceMatchTheFormula(Initializer init, double variance, boolean uniform) {
        float[] w = new float[N];
        init.fill(w, IN, OUT, new SplittableRandom(2024));
        double s = 0, max = 0;
        for (float v : w) {
            s += v;
            max = Math.max(max, Math.abs(v));
        }
        double mean = s / N, ss = 0;
        for (float v : w) ss += (v - mean) * (v - mean);
        double var = ss / (N - 1);
        assertEquals(0, mean, 5 * Math.sqrt(variance / N), init.name() + " mean");
        assertEquals(variance, var, 5 * variance * Math.sqrt((uniform ? 0.8 : 2.0) / N), init.name() + " variance");
        if (uniform) {
            assertTrue(max <= Math.sqrt(3 * variance) * (1 + 1e-6), init.name() + " exceeds its limit: " + max);
        }
        assertFalse(init.isDegenerate());
    }

    @Test
    void constantIsDegenerate() {
        float[] w = new float[10];
        new Constant(0.3f).fill(w, 5, 2, new SplittableRandom(1));
        for (float v : w) assertEquals(0.3f, v);
        assertTrue(new Constant(0f).isDegenerate());
        assertEquals("zeros", new Constant(0f).name());
    }

    @Test
    void defaultInitializerFollowsTheActivation() {
        for (String relu : new String[] {"relu", "leaky_relu", "rrelu", "prelu", "elu", "gelu"}) {
            assertSame(Initializer.HE_NORMAL, new DenseSpec(4, Activations.byName(relu)).effectiveInitializer(), relu);
        }
        assertSame(Initializer.LECUN_NORMAL, new DenseSpec(4, Activations.byName("selu")).effectiveInitializer());
        for (String glorot : new String[] {"linear", "identity", "tanh", "sigmoid", "softmax"}) {
            assertSame(Initializer.XAVIER_UNIFORM, new DenseSpec(4, Activations.byName(glorot)).effectiveInitializer(), glorot);
        }
        assertEquals("lecun_uniform", new DenseSpec(4, Activations.byName("selu"), Initializer.LECUN_UNIFORM, true).effectiveInitializer().name());
    }

    @Test
    void namesRoundTripAndUnknownNamesAreRejected() {
        for (Initializer i : Initializers.ALL) {
            assertEquals(i, Initializers.byName(i.name()));
        }
        assertEquals(Initializer.XAVIER_NORMAL, Initializers.byName("glorot_normal"));
        var e = assertThrows(IllegalArgumentException.class, () -> Initializers.byName("kaiming"));
        assertTrue(e.getMessage().contains("kaiming") && e.getMessage().contains("he_normal"), e.getMessage());
    }
}
