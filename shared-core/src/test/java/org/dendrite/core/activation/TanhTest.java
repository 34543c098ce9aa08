package org.dendrite.core.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Tanh#of} against the JDK's fdlibm {@code Math.tanh}, rounded to float: the same float, bit for bit. */
class TanhTest {
    @Test
    void equalsTheJdksTanhRoundedToFloatAcrossTheFloatRange() {
        int mismatches = 0;
        String first = null;
        // every 251st bit pattern of the non-negative floats (about 8.5 million values, zero to infinity), and their negatives
        for (long bits = 0; bits <= 0x7f800000L; bits += 251) {
            for (float v : new float[] {Float.intBitsToFloat((int) bits), -Float.intBitsToFloat((int) bits)}) {
                float want = (float) Math.tanh(v), got = Tanh.of(v);
                if (Float.floatToIntBits(want) != Float.floatToIntBits(got)) {
                    if (first == null) first = v + ": " + got + " instead of " + want;
                    mismatches++;
                }
            }
        }
        float[] edges = {0f, -0f, Float.MIN_VALUE, 1e-30f, 3.9e-4f, 4e-4f, 4.1e-4f, 0.5f, 1f, 8.9f, 9.1f, 20f, 1e30f, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        for (float v : edges) {
            for (float s : new float[] {v, -v}) {
                if (Float.floatToIntBits((float) Math.tanh(s)) != Float.floatToIntBits(Tanh.of(s))) {
                    if (first == null) first = s + ": " + Tanh.of(s) + " instead of " + (float) Math.tanh(s);
                    mismatches++;
                }
            }
        }
        assertEquals(0, mismatches, "first mismatch " + first);
    }
}
