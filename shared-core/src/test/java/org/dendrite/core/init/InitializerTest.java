package org.dendrite.core.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.dendrite.core.activation.Activations;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.io.SpecFormat;
import org.dendrite.core.layer.DenseLayer;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.layer.MemberHeadsLayer;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.testutil.DrawStats;
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

    /**
     * The generic variance scaling, every fan mode and both distributions, at fan_in 100 and fan_out 900
     * and a scale that is no preset's (3): variance 3/100, 3/900 or 3/500. The fans are 9 times apart,
     * so reading one where another is asked is off by a factor 5 to 9, against a tolerance of 2%.
     */
    static Stream<Arguments> varianceScalingCases() {
        List<Arguments> out = new ArrayList<>();
        for (VarianceScaling.Fan fan : VarianceScaling.Fan.values()) {
            double f = switch (fan) {
                case IN -> 100;
                case OUT -> 900;
                case AVERAGE -> 500;
            };
            for (boolean uniform : new boolean[] {true, false}) out.add(Arguments.of(fan, uniform, 3.0 / f));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "fan {0}, uniform {1}")
    @MethodSource("varianceScalingCases")
    void varianceScalingDrawsScaleOverTheChosenFan(VarianceScaling.Fan fan, boolean uniform, double variance) {
        VarianceScaling init = new VarianceScaling(fan, 3.0, uniform);
        assertEquals("variance_scaling", init.name());
        assertEquals(variance, init.variance(100, 900), 1e-15);
        float[] w = new float[N];
        init.fill(w, 100, 900, new SplittableRandom(7));
        DrawStats s = DrawStats.of(w);
        String what = "variance_scaling fan " + fan + (uniform ? " uniform" : " normal");
        if (uniform) {
            double limit = Math.sqrt(3 * variance);
            s.assertUniform(-limit, limit, what);
        } else {
            s.assertNormal(0, variance, what);
        }
    }

    /**
     * The same through a JSON spec and a built network: {"type": "variance_scaling", "fan": ..., "scale": 3,
     * "uniform": ...} on a dense layer of 800 units fed 150 inputs (fan_in 150, fan_out 800, average 475):
     * the fields are read and the layer passes its fans in the right order.
     */
    @ParameterizedTest(name = "fan {0}, uniform {1}")
    @MethodSource("varianceScalingCases")
    void varianceScalingFromASpecDrawsTheDenseLayersWeights(VarianceScaling.Fan fan, boolean uniform, double ignored) {
        String json = "{\"layers\":[{\"type\":\"dense\",\"units\":800,\"activation\":\"relu\",\"initializer\":"
                + "{\"type\":\"variance_scaling\",\"fan\":\"" + fan.name().toLowerCase(Locale.ROOT) + "\",\"scale\":3,\"uniform\":" + uniform + "}}]}";
        NetworkSpec spec = SpecFormat.readNetwork(json);
        assertEquals(new VarianceScaling(fan, 3.0, uniform), ((DenseSpec) spec.layers().get(0)).initializer());
        Network net = Network.build(spec, 150, 2, 11);
        DenseLayer dense = (DenseLayer) net.layers().get(0);
        assertEquals(150 * 800, dense.weight().size());
        double variance = 3.0 / switch (fan) {
            case IN -> 150;
            case OUT -> 800;
            case AVERAGE -> 475;
        };
        DrawStats s = DrawStats.of(dense.weight().value());
        String what = json;
        if (uniform) {
            s.assertUniform(-Math.sqrt(3 * variance), Math.sqrt(3 * variance), what);
        } else {
            s.assertNormal(0, variance, what);
        }
    }

    /**
     * The output layer's initializer, as documented: N(0, 0.1 / fan_in), here fan_in 600 and fan_out
     * 200 (0.1/200 or 0.1/400 if the wrong fan were read); through Network.build, whose output layer
     * takes it, with zero biases.
     */
    @Test
    void outputInitializerIsNormalWithATenthOfLecunsVariance() {
        float[] w = new float[N];
        Initializer.OUTPUT.fill(w, 600, 200, new SplittableRandom(3));
        DrawStats.of(w).assertNormal(0, 0.1 / 600, "OUTPUT");

        Network net = Network.build(new NetworkSpec(List.of(new DenseSpec(600, new Relu()))), 5, 200, 13);
        DenseLayer output = (DenseLayer) net.layers().get(net.layers().size() - 1);
        assertEquals(600, output.inputWidth());
        assertEquals(200, output.outputWidth());
        DrawStats.of(output.weight().value()).assertNormal(0, 0.1 / 600, "the built network's output layer");
        for (float b : output.bias().value()) assertEquals(0f, b, 0f);
    }

    /**
     * An ensemble's heads ({@code MemberHeadsLayer}: "each head is initialized like the single output
     * layer, biases at 0"): each of the 4 heads N(0, 0.1 / 300) on its own (fan_in 300, fan_out 100),
     * and drawn independently (two heads' correlation within 5 standard errors, 5 / sqrt(30 000), of 0).
     */
    @Test
    void everyEnsembleHeadIsItsOwnOutputInitializerDraw() {
        int in = 300, out = 100, members = 4, size = in * out;
        Network net = Network.build(new NetworkSpec(List.of(new DenseSpec(in, new Relu())), members), 5, out, 17);
        Layer heads = net.layers().get(net.layers().size() - 1);
        assertTrue(heads instanceof MemberHeadsLayer, heads.getClass().getName());
        float[] w = heads.parameters().get(0).value(), b = heads.parameters().get(1).value();
        assertEquals(size * members, w.length);
        for (int m = 0; m < members; m++) DrawStats.of(w, m * size, (m + 1) * size).assertNormal(0, 0.1 / in, "head " + m);
        for (int m = 1; m < members; m++) {
            double sxy = 0, sxx = 0, syy = 0;
            for (int i = 0; i < size; i++) {
                double x = w[i], y = w[m * size + i];
                sxy += x * y;
                sxx += x * x;
                syy += y * y;
            }
            assertEquals(0, sxy / Math.sqrt(sxx * syy), 5 / Math.sqrt(size), "correlation of heads 0 and " + m);
        }
        for (float v : b) assertEquals(0f, v, 0f);
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
