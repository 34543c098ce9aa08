package org.dendrite.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.check.InvalidSettingException;
import org.junit.jupiter.api.Test;

/**
 * The distributions' draws against their textbook moments. Tolerances are 4 standard errors of the
 * estimate (a correct sampler fails with probability about 6e-5 per check): for the mean of n draws
 * of a variable with variance s^2 the standard error is s / sqrt(n); for the sample variance of a
 * uniform variable of width L it is L^2 sqrt((1/80 - 1/144) / n) (its fourth central moment is L^4/80).
 */
class DistributionTest {
    private static final int N = 20_000;

    @Test
    void logUniformHasUniformLogarithm() {
        LogUniform d = new LogUniform(1e-4, 1e-1);
        double a = Math.log(1e-4), b = Math.log(1e-1), width = b - a;
        double[] logs = new double[N];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < N; i++) {
            double v = (Double) d.sample(rng);
            assertTrue(v >= 1e-4 && v <= 1e-1, "in range: " + v);
            logs[i] = Math.log(v);
        }
        assertMoments(logs, (a + b) / 2, width * width / 12, width);
        // a decade is as likely as any other: 1e-4..1e-3 holds a third
        long firstDecade = java.util.Arrays.stream(logs).filter(l -> l < Math.log(1e-3)).count();
        assertEquals(N / 3.0, firstDecade, 4 * Math.sqrt(N * (1 / 3.0) * (2 / 3.0)));
    }

    @Test
    void uniformHasItsMoments() {
        Uniform d = new Uniform(-0.5, 1.5);
        double[] x = new double[N];
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < N; i++) x[i] = (Double) d.sample(rng);
        assertMoments(x, 0.5, 4 / 12.0, 2);
    }

    @Test
    void intUniformIsFlatAndItsLogScaleFlatPerOctave() {
        IntUniform d = new IntUniform(3, 7);
        int[] counts = new int[8];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < N; i++) counts[(Integer) d.sample(rng)]++;
        for (int v = 3; v <= 7; v++) assertEquals(N / 5.0, counts[v], 4 * Math.sqrt(N * 0.2 * 0.8), "count of " + v);
        assertEquals(0, counts[0] + counts[1] + counts[2]);
        // log scale on 16..63: ln(x) uniform on [ln 16, ln 64), so 16..31 and 32..63 are equally likely
        IntUniform log = new IntUniform(16, 63, true);
        int low = 0;
        for (int i = 0; i < N; i++) {
            int v = (Integer) log.sample(rng);
            assertTrue(v >= 16 && v <= 63, "in range: " + v);
            if (v < 32) low++;
        }
        assertEquals(N / 2.0, low, 4 * Math.sqrt(N * 0.25));
    }

    @Test
    void choiceIsFlat() {
        Choice d = Choice.of("adam", "sgd", "adamw", "nadam");
        int[] counts = new int[4];
        SplittableRandom rng = new SplittableRandom(6);
        for (int i = 0; i < N; i++) counts[d.values().indexOf(d.sample(rng))]++;
        for (int c : counts) assertEquals(N / 4.0, c, 4 * Math.sqrt(N * 0.25 * 0.75));
    }

    @Test
    void zoomWindowCoversItsShareOfTheRangeAndStaysInside() {
        SplittableRandom rng = new SplittableRandom(7);
        LogUniform lu = new LogUniform(1e-4, 1e-0);
        for (int i = 0; i < 2000; i++) {
            // a quarter of 4 decades = one decade around 1e-2, and near the edge the window is shifted inside
            double v = (Double) lu.sampleAround(1e-2, 0.25, rng);
            assertTrue(v >= Math.pow(10, -2.5) * (1 - 1e-12) && v <= Math.pow(10, -1.5) * (1 + 1e-12), "within the decade: " + v);
            double e = (Double) lu.sampleAround(1.0, 0.25, rng);
            assertTrue(e >= 0.1 * (1 - 1e-12) && e <= 1.0, "shifted inside: " + e);
        }
        IntUniform iu = new IntUniform(1, 100);
        for (int i = 0; i < 2000; i++) {
            int v = (Integer) iu.sampleAround(50, 0.1, rng);
            assertTrue(v >= 45 && v <= 55, "ten of the hundred values around 50: " + v);
        }
        Choice c = Choice.of(1, 2, 3);
        int kept = 0;
        for (int i = 0; i < N; i++) if ((Integer) c.sampleAround(2, 0.3, rng) == 2) kept++;
        // kept with 1 - 0.3, plus drawn again with 0.3 x 1/3
        assertEquals(N * (0.7 + 0.1), kept, 4 * Math.sqrt(N * 0.8 * 0.2));
    }

    @Test
    void gridsSpreadEvenlyOnTheirScale() {
        List<Object> g = new LogUniform(1e-4, 1e-2).grid(3);
        assertEquals(1e-4, (Double) g.get(0), 0);
        assertEquals(1e-3, (Double) g.get(1), 1e-15);
        assertEquals(1e-2, (Double) g.get(2), 0);
        assertEquals(List.of(0.0, 0.25, 0.5), new Uniform(0, 0.5).grid(3));
        assertEquals(List.of(16, 32, 64), new IntUniform(16, 64, true).grid(3));
        assertEquals(List.of(1, 2, 3), new IntUniform(1, 3).grid(5), "no repeats when the range has fewer values");
        assertEquals(List.of("a", "b"), Choice.of("a", "b").grid(7));
    }

    @Test
    void badRangesAreRefusedNamingTheField() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> new LogUniform(0.1, 0.01));
        assertEquals("max", e.setting());
        assertTrue(e.getMessage().contains("max 0.01 must be above min 0.1"), e.getMessage());
        assertEquals("min", assertThrows(InvalidSettingException.class, () -> new LogUniform(0, 1)).setting());
        assertEquals("max", assertThrows(InvalidSettingException.class, () -> new IntUniform(5, 4)).setting());
        assertEquals("min", assertThrows(InvalidSettingException.class, () -> new IntUniform(0, 4, true)).setting());
        assertEquals("values", assertThrows(InvalidSettingException.class, () -> new Choice(List.of())).setting());
        assertTrue(assertThrows(InvalidSettingException.class, () -> Choice.of(1, 1L)).getMessage().contains("twice"));
    }

    /** Sample mean and variance of {@code x} against {@code mean} and {@code variance} of a uniform variable of width {@code width}. */
    private static void assertMoments(double[] x, double mean, double variance, double width) {
        double m = 0;
        for (double v : x) m += v;
        m /= x.length;
        double s2 = 0;
        for (double v : x) s2 += (v - m) * (v - m);
        s2 /= x.length - 1;
        assertEquals(mean, m, 4 * Math.sqrt(variance / x.length), "mean");
        assertEquals(variance, s2, 4 * width * width * Math.sqrt((1 / 80.0 - 1 / 144.0) / x.length), "variance");
    }
}
