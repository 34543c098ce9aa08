package org.dendrite.core.train;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One value per optimizer step (a learning rate, a batch loss) in bounded memory: at most
 * {@link #MAX} values, thinned evenly as a run grows ({@link Thinning}): value i is step
 * i x {@link #stride()}.
 */
public final class StepSeries implements Serializable {
    private static final long serialVersionUID = 2L;
    /** The most values kept. */
    public static final int MAX = 1 << 14;

    private double[] values = new double[64];
    private Thinning kept = new Thinning(MAX, 1, 0);
    private double last = Double.NaN;

    /** Records the value of the next step. */
    public void add(double v) {
        last = v;
        if (kept.next(() -> {
            for (int i = 0; i < MAX / 2; i++) values[i] = values[2 * i];
        })) {
            int i = kept.kept() - 1;
            if (i == values.length) values = Arrays.copyOf(values, Math.min(MAX, 2 * values.length));
            values[i] = v;
        }
    }

    /** Forgets the steps from {@code fromStep} (0-based) on (a rollback). */
    public void discardFrom(long fromStep) {
        if (fromStep >= kept.seen()) return;
        kept.rewind(fromStep);
        last = lastKept();
    }

    /** The value of the last step recorded when it is kept, else NaN. */
    private double lastKept() {
        int n = kept.kept();
        return n > 0 && (long) (n - 1) * kept.stride() == kept.seen() - 1 ? values[n - 1] : Double.NaN;
    }

    /** The values kept, in step order: value i is step i x {@link #stride()}. */
    public double[] values() {
        return Arrays.copyOf(values, kept.kept());
    }

    /** The steps between two kept values (1: every step is kept). */
    public int stride() {
        return kept.stride();
    }

    /** The number of steps recorded. */
    public long steps() {
        return kept.seen();
    }

    /** The value of the last step recorded, or NaN (none, or forgotten by a rollback to a step that was not kept). */
    public double last() {
        return last;
    }

    /** A series as written: {@code values} of every {@code stride}-th of {@code steps} steps. */
    public static StepSeries of(double[] values, int stride, long steps) {
        if (stride < 1 || Integer.bitCount(stride) != 1 || values.length > MAX || steps < 0 || values.length != Thinning.ceil(steps, stride)) {
            throw new IllegalArgumentException(values.length + " values of every " + stride + "-th of " + steps + " steps: allowed are a "
                    + "power-of-two stride and ceil(steps / stride) values, at most " + MAX);
        }
        StepSeries s = new StepSeries();
        s.values = Arrays.copyOf(values, Math.max(values.length, 64));
        s.kept = new Thinning(MAX, stride, steps);
        s.last = s.lastKept();
        return s;
    }

    /** An independent copy. */
    public StepSeries copy() {
        return of(values(), stride(), steps());
    }
}
