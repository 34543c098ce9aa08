package org.dendrite.core.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Tanh#of} (a fitted rational function in float) against the JDK's fdlibm {@code Math.tanh}
 * rounded to float, the independent reference: within 7 units in the last place over the float
 * range, odd, never beyond +-1, exactly +-1 where the reference saturates, NaN for NaN.
 */
class TanhTest {
    /** The most units in the last place {@link Tanh#of} may differ from the reference (a full sweep of the floats found 7, at 6.6). */
    private static final int MAX_ULPS = 7;

    private static int ulps(float a, float b) {
        return Math.abs(Float.floatToIntBits(a) - Float.floatToIntBits(b));
    }

    @Test
    void withinSevenUnitsInTheLastPlaceOfTheJdksTanhAcrossTheFloatRange() {
        int worst = 0;
        float worstAt = 0;
        // every 61st bit pattern of the non-negative floats (about 35 million values, zero to infinity), and their negatives
        for (long bits = 0; bits <= 0x7f800000L; bits += 61) {
            float v = Float.intBitsToFloat((int) bits);
            float got = Tanh.of(v), want = (float) Math.tanh(v);
            int d = ulps(got, want);
            if (d > worst) {
                worst = d;
                worstAt = v;
            }
            assertTrue(got <= 1f, v + " gives " + got);
            assertEquals(Float.floatToIntBits(-got), Float.floatToIntBits(Tanh.of(-v)), "odd at " + v);
        }
        assertTrue(worst <= MAX_ULPS, "tanh(" + worstAt + "): " + Tanh.of(worstAt) + " against " + (float) Math.tanh(worstAt) + ", " + worst + " ulps");
        // around 6.6, where the full sweep found the largest difference
        for (int bits = Float.floatToIntBits(6.5f); bits < Float.floatToIntBits(6.7f); bits++) {
            float v = Float.intBitsToFloat(bits);
            assertTrue(ulps(Tanh.of(v), (float) Math.tanh(v)) <= MAX_ULPS, "at " + v);
        }
    }

    @Test
    void edges() {
        float[] exact = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, 1e-10f, 9.5f, 20f, 1e30f, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, -9.5f, -Float.MAX_VALUE};
        for (float v : exact) {
            assertEquals(Float.floatToIntBits((float) Math.tanh(v)), Float.floatToIntBits(Tanh.of(v)), "tanh(" + v + ")");
        }
        assertEquals(1f, Tanh.of(9.5f));
        assertEquals(-1f, Tanh.of(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(Tanh.of(Float.NaN)));
        // the forward pass is the same function
        org.dendrite.core.tensor.Matrix x = new org.dendrite.core.tensor.Matrix(1, 3, new float[] {-2.5f, 0.3f, 7f});
        org.dendrite.core.tensor.Matrix y = new org.dendrite.core.tensor.Matrix(1, 3);
        new Tanh().forward(x, y);
        for (int j = 0; j < 3; j++) assertEquals(Tanh.of(x.data()[j]), y.data()[j]);
    }
}
