package org.dendrite.core.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleUnaryOperator;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The float functions the smooth activations are built from, against double-precision references
 * over a sweep of the float range: {@link Erf#of} against W. J. Cody's erf ({@link CodyErfc},
 * itself checked against Python's {@code math.erf}); {@link Tanh#expm1} against the JDK's {@code
 * Math.expm1}; the ELU, SELU, sigmoid, softplus and GELU layers (values, and the derivatives of ELU, SELU, softplus and GELU) against their
 * definitions evaluated in double with those references. Each bound is what the sweep found,
 * rounded up (the value found is in its comment).
 */
class ErfTest {
    /** The most units in the last place {@link Erf#of} differs from erf rounded to float (found: 6, at 1.76). */
    private static final int MAX_ERF_ULPS = 6;
    /** The most units in the last place {@link Tanh#expm1} differs from {@code Math.expm1} rounded to float (found: 4). */
    private static final int MAX_EXPM1_ULPS = 4;

    private static int ulps(float a, float b) {
        return Math.abs(Float.floatToIntBits(a) - Float.floatToIntBits(b));
    }

    private interface Sweep {
        void at(float v);
    }

    /** Every {@code stride}th bit pattern of the non-negative floats (zero to infinity), and their negatives. */
    private static void sweep(int stride, Sweep s) {
        for (long bits = 0; bits <= 0x7f800000L; bits += stride) {
            float v = Float.intBitsToFloat((int) bits);
            s.at(v);
            s.at(-v);
        }
    }

    @Test
    void codysErfAgreesWithPython() {
        // /usr/bin/python3 -c "import math; print(math.erf(x), math.erfc(x))" for each x
        double[][] python = {{0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1.0, 0.8427007929497149}, {2.0, 0.9953222650189527},
            {3.0, 0.9999779095030014}, {3.9, 0.9999999652077514}};
        for (double[] p : python) assertEquals(p[1], CodyErfc.erf(p[0]), 1e-15, "erf(" + p[0] + ")");
        assertEquals(3.479224859723177e-08, CodyErfc.erfc(3.9), 1e-21);
    }

    @Test
    void erfWithinSixUnitsInTheLastPlaceOddAndBounded() {
        int[] worst = {0};
        sweep(61, v -> {
            float got = Erf.of(v);
            int d = ulps(got, (float) CodyErfc.erf(v));
            worst[0] = Math.max(worst[0], d);
            if (d > MAX_ERF_ULPS || Math.abs(got) > 1f || Float.floatToIntBits(-got) != Float.floatToIntBits(Erf.of(-v))) {
                fail("erf(" + v + ") = " + got + " against " + (float) CodyErfc.erf(v) + " (" + d + " ulps), erf(" + -v + ") = " + Erf.of(-v));
            }
        });
        assertTrue(worst[0] >= 1, "the sweep compared something");
        assertEquals(1f, Erf.of(4f));
        assertEquals(-1f, Erf.of(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(Erf.of(Float.NaN)));
    }

    @Test
    void expm1OfTheNonPositiveFloats() {
        sweep(61, v -> {
            if (v > 0) return;
            float got = Tanh.expm1(v), want = (float) Math.expm1(v);
            if (ulps(got, want) > MAX_EXPM1_ULPS) fail("expm1(" + v + ") = " + got + " against " + want);
        });
        assertEquals(-1f, Tanh.expm1(Float.NEGATIVE_INFINITY));
        assertEquals(0f, Tanh.expm1(0f));
        assertTrue(Float.isNaN(Tanh.expm1(Float.NaN)));
    }

    /**
     * {@code f}'s layer output (its input gradient when {@code derivative}) over the float sweep
     * (every 251st float up to 1e6 in size, beyond which only the linear part is left) within {@code abs} + {@code rel}
     * |exact| of {@code exact} (or the smallest normal float, where the exact value is subnormal). The largest share of
     * its bound an error took, in a run of 2026-12-06: ELU 0.45, SELU 0.51, ELU' 0.42, SELU' 0.84, sigmoid 0.90, GELU 0.70,
     * GELU' 0.33; softplus below 0.6 (it passes with an absolute part of 1.8e-7).
     */
    private static void layerWithin(ActivationFunction f, boolean derivative, DoubleUnaryOperator exact, double abs, double rel) {
        layerWithin(f, derivative, exact, v -> abs, rel);
    }

    /** As above, the absolute part of the bound a function of the input. */
    private static void layerWithin(ActivationFunction f, boolean derivative, DoubleUnaryOperator exact, DoubleUnaryOperator abs, double rel) {
        int n = 1 << 16;
        Matrix x = new Matrix(1, n), y = new Matrix(1, n), ones = new Matrix(1, n), dx = new Matrix(1, n);
        ones.fill(1f);
        int[] k = {0};
        double[] worst = {0};
        Runnable check = () -> {
            f.forward(x, y);
            if (derivative) f.backward(x, y, ones, dx);
            Matrix got = derivative ? dx : y;
            for (int i = 0; i < k[0]; i++) {
                double v = x.data()[i], want = exact.applyAsDouble(v), err = Math.abs(got.data()[i] - want);
                double bound = Math.max(Float.MIN_NORMAL, abs.applyAsDouble(v) + rel * Math.abs(want));
                worst[0] = Math.max(worst[0], err / bound);
                if (err > bound) fail(f.name() + (derivative ? "'" : "") + "(" + v + ") = " + got.data()[i] + " against " + want);
            }
            k[0] = 0;
        };
        sweep(251, v -> {
            if (!(Math.abs(v) <= 1e6f)) return;
            x.data()[k[0]++] = v;
            if (k[0] == n) check.run();
        });
        check.run();
        assertTrue(worst[0] > 0, f.name() + ": the sweep compared something");
    }

    private static double phi(double v) {
        return 0.5 * (1 + CodyErfc.erf(v / Math.sqrt(2)));
    }

    @Test
    void smoothActivationsAgainstTheirDefinitionsInDouble() {
        layerWithin(new Elu(1f), false, v -> v > 0 ? v : Math.expm1(v), 0, 6e-7);
        layerWithin(new Elu(0.5f), false, v -> v > 0 ? v : 0.5 * Math.expm1(v), 0, 6e-7);
        layerWithin(new Selu(), false, v -> v > 0 ? Selu.LAMBDA * v : Selu.LAMBDA * Selu.ALPHA * Math.expm1(v), 0, 6e-7);
        // ELU's and SELU's derivatives are f(x) + alpha for x <= 0, which cancels toward -infinity: a few units in the last place of alpha
        layerWithin(new Elu(0.5f), true, v -> v > 0 ? 1 : 0.5 * Math.exp(v), 2e-7, 6e-7);
        layerWithin(new Selu(), true, v -> v > 0 ? Selu.LAMBDA : Selu.LAMBDA * Selu.ALPHA * Math.exp(v), 4e-7, 6e-7);
        layerWithin(new Sigmoid(), false, v -> 1 / (1 + Math.exp(-v)), 2e-7, 0);
        layerWithin(new Softplus(), false, v -> Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))), 3e-7, 3e-7);
        layerWithin(new Softplus(), true, v -> 1 / (1 + Math.exp(-v)), 2e-7, 0);
        // GELU's 1 + erf cancels for x < 0 (as in PyTorch's float GELU): erf's few units in the last place of 1, times |x| / 2
        layerWithin(new Gelu(), false, v -> v * phi(v), v -> 2e-7 * (1 + Math.abs(v)), 3e-7);
        layerWithin(new Gelu(), true, v -> phi(v) + v * Math.exp(-v * v / 2) / Math.sqrt(2 * Math.PI), v -> 2e-7 * (1 + Math.abs(v)), 3e-7);
    }

    /** Inference runs a layer in place (y is x): each function gives there what it gives into another matrix. */
    @Test
    void inPlaceAsIntoAnotherMatrix() {
        // more values than softplus takes at a time
        int n = 5000;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (i - 2500) / 97f;
        for (ActivationFunction f : new ActivationFunction[] {new Tanh(), new Sigmoid(), new Elu(), new Selu(), new Softplus(), new Gelu()}) {
            Matrix x = new Matrix(1, n, v.clone()), y = new Matrix(1, n);
            f.forward(x, y);
            f.forward(x, x);
            org.junit.jupiter.api.Assertions.assertArrayEquals(y.data(), x.data(), f.name());
        }
    }
}
