package org.dendrite.core.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import org.dendrite.core.activation.Tanh;

/**
 * Nanoseconds per value of {@link Tanh#of} against the JDK's {@code Math.tanh} on the same 1M
 * normal(0, 2) floats, five rounds after a warm-up; prints the ratio (run: {@code bench/tanh-speed}).
 */
public final class TanhSpeed {
    private TanhSpeed() {}

    public static void main(String[] args) {
        int n = 1 << 20, reps = 20;
        float[] x = new float[n], y = new float[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) x[i] = (float) (2 * r.nextGaussian());
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < reps; k++) for (int i = 0; i < n; i++) y[i] = (float) Math.tanh(x[i]);
            long t1 = System.nanoTime();
            for (int k = 0; k < reps; k++) for (int i = 0; i < n; i++) y[i] = Tanh.of(x[i]);
            long t2 = System.nanoTime();
            double jdk = (t1 - t0) / (double) (reps * n), ours = (t2 - t1) / (double) (reps * n);
            if (round > 0) System.out.printf(Locale.ROOT, "Math.tanh %.1f ns, Tanh.of %.2f ns a value: %.2fx%n", jdk, ours, jdk / ours);
        }
    }
}
