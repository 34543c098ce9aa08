package org.dendrite.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlushToZeroTest {
    @Test
    void flushesExactlyTheValuesBelowTheThreshold() {
        float[] kept = {FlushToZero.THRESHOLD, -FlushToZero.THRESHOLD, 1e-30f, Float.MIN_NORMAL * 1e9f, 1f, -3.5e-20f, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f};
        for (float v : kept) assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(FlushToZero.flush(v)), "kept " + v);
        assertTrue(Float.isNaN(FlushToZero.flush(Float.NaN)));
        float[] flushed = {Float.MIN_VALUE, 1e-40f, Float.MIN_NORMAL, 1e-31f, Math.nextDown(FlushToZero.THRESHOLD)};
        for (float v : flushed) {
            assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(FlushToZero.flush(v)), "flushed " + v);
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(FlushToZero.flush(-v)), "flushed " + -v + " keeps its sign");
        }
        float[] a = {1e-40f, 2f, -1e-33f, 1e-31f};
        FlushToZero.flush(a, 3);
        assertEquals(0f, a[0]);
        assertEquals(2f, a[1]);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(a[2]));
        assertEquals(1e-31f, a[3], "beyond n: untouched");
    }
}
