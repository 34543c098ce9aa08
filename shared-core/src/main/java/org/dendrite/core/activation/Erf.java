package org.dendrite.core.activation;

/** The error function in float, for GELU. */
final class Erf {
    /** The coefficients of {@link #of}'s numerator (2 / sqrt(pi)) x (1 + A1 s + ... + A5 s^5) and denominator 1 + B1 s + ... + B5 s^5, s = x^2. */
    private static final float A1 = 0.17097747216777015f, A2 = 0.04698612627853505f, A3 = 0.003417294756730981f,
            A4 = 0.00025151399016595837f, A5 = 1.7634070137998541e-06f;
    private static final float B1 = 0.5043102939286417f, B2 = 0.11509275279418778f, B3 = 0.01515311563604262f,
            B4 = 0.0011786370253508288f, B5 = 3.741102279093474e-05f;
    private static final float SLOPE = (float) (2 / Math.sqrt(Math.PI));
    /** The input's clamp: from 4 on, erf rounds to 1 in float (1 - erf(4) = 1.5e-8). */
    private static final float CLAMP = 4f;

    private Erf() {}

    /**
     * erf(v) in float: a rational function of degree 11 over 10 with positive coefficients, fitted
     * for the least maximum relative error on [0, 4] ({@code bench/odd-fit.py erf}: 2.6e-8 in exact
     * arithmetic), of v clamped to [-4, 4], the result clamped to [-1, 1]; within a few units in the
     * last place of the exact erf rounded to float (ErfTest), odd, NaN for NaN. Branch-free like
     * {@link Tanh#of}, so the JIT vectorizes the loops that call it.
     */
    static float of(float v) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, v)), s = x * x;
        float p = SLOPE * x * (1f + s * (A1 + s * (A2 + s * (A3 + s * (A4 + s * A5)))));
        float q = 1f + s * (B1 + s * (B2 + s * (B3 + s * (B4 + s * B5))));
        return Math.max(-1f, Math.min(1f, p / q));
    }
}
