package org.dendrite.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.testutil.DrawStats;
import org.junit.jupiter.api.Test;

/**
 * The starting values of the layers that draw their own, against the distributions their Javadoc
 * promises (DrawStats: mean, variance and kurtosis within 5 standard errors; a uniform's support).
 * Every parameter checked has at least 15 000 draws, and each parameter that could be confused with
 * another is given a different size or spread here, so a swapped or hard-coded one fails.
 */
class LayerInitTest {
    /**
     * PeriodicEmbeddingSpec: "Frequencies start N(0, sigma^2), phases U(-pi, pi), the linear maps
     * U(+-1/sqrt(frequencies))" (the map's weights W_j and its bias c_j). With sigma 0.3 (not the default
     * 0.1), 25 frequencies and 3 dimensions: the bound is 1/5, where 1/sqrt(dimensions) = 0.577 and
     * 1/frequencies = 0.04.
     */
    @Test
    void periodicEmbeddingStartsAsDocumented() {
        int d = 5000, f = 25, m = 3;
        List<Layer> built = new PeriodicEmbeddingSpec(f, m, 0.3).build(d, new SplittableRandom(5), 0);
        assertEquals(1, built.size());
        List<Parameter> p = built.get(0).parameters();
        assertEquals(List.of("0.periodic.frequency", "0.periodic.phase", "0.periodic.weight", "0.periodic.bias"),
                p.stream().map(Parameter::name).toList());
        assertEquals(d * f, p.get(0).size());
        assertEquals(d * f, p.get(1).size());
        assertEquals(d * f * m, p.get(2).size());
        assertEquals(d * m, p.get(3).size());
        DrawStats.of(p.get(0).value()).assertNormal(0, 0.3 * 0.3, "frequencies");
        DrawStats.of(p.get(1).value()).assertUniform(-Math.PI, Math.PI, "phases");
        DrawStats.of(p.get(2).value()).assertUniform(-0.2, 0.2, "the linear maps' weights");
        DrawStats.of(p.get(3).value()).assertUniform(-0.2, 0.2, "the linear maps' biases");
    }

    /**
     * CategoryEmbeddingSpec: each category's dimensions "started N(0, 1)", in every block's table
     * (two blocks of 6 000 and 9 000 categories in 8 dimensions: 48 000 and 72 000 draws).
     */
    @Test
    void categoryEmbeddingTablesStartStandardNormal() {
        CategoryEmbeddingSpec spec = new CategoryEmbeddingSpec(10, 8, List.of(List.of(2, 6000), List.of(6005, 9000)));
        List<Layer> built = spec.build(15010, new SplittableRandom(9), 0);
        List<Parameter> tables = built.get(0).parameters();
        assertEquals(2, tables.size());
        assertEquals(6000 * 8, tables.get(0).size());
        assertEquals(9000 * 8, tables.get(1).size());
        for (int b = 0; b < 2; b++) DrawStats.of(tables.get(b).value()).assertNormal(0, 1, "embedding table " + b);
    }

    /**
     * MemberScaleLayer: "The scales start as random signs (+1 or -1), which makes the members differ":
     * every value exactly +1 or -1, half of them +1 (within 5 standard errors, 5 * 0.5 / sqrt(n)), and
     * two members' signs agreeing at half the inputs (1 if the members were copies).
     */
    @Test
    void memberScalesStartAsIndependentRandomSigns() {
        int width = 1000, members = 120, n = width * members;
        float[] r = new MemberScaleLayer(width, members, new SplittableRandom(21)).parameters().get(0).value();
        assertEquals(n, r.length);
        int plus = 0;
        for (float v : r) {
            assertTrue(v == 1f || v == -1f, "a scale that is no sign: " + v);
            if (v == 1f) plus++;
        }
        int agree = 0, pairs = 0;
        for (int i = 1; i < members; i++) {
            for (int j = 0; j < width; j++, pairs++) if (r[i * width + j] == r[(i - 1) * width + j]) agree++;
        }
        assertEquals(0.5, agree / (double) pairs, 5 * 0.5 / Math.sqrt(pairs), "share of inputs where consecutive members agree");
        assertEquals(0.5, plus / (double) n, 5 * 0.5 / Math.sqrt(n), "share of +1");
    }
}
