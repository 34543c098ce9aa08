package org.dendrite.core.train;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One value per optimizer step (a learning rate, a batch loss) in bounded memory: every step while
 * there are at most {@link #MAX} of them; then every other kept value is dropped and only every
 * second step is kept from there on, and so again whenever the series is full, so that a run of any
 * length keeps between MAX / 2 and MAX values, evenly spaced: value i is step i x {@link #stride()}.
 */
public final class StepSeries implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The most values kept. */
    public static final int MAX = 1 << 14;

    private double[] values = new double[64];
    private int size;
    private long steps;
    private int stride = 1;
    private double last = Double.NaN;

    /** Records the value of the next step. */
    public void add(double v) {
        last = v;
        if (steps % stride == 0) {
            if (size == MAX) {
                for (int i = 0; i < size / 2; i++) values[i] = values[2 * i];
                size /= 2;
                stride *= 2;
            }
            if (steps % stride == 0) {
                if (size == values.length) values = Arrays.copyOf(values, Math.min(MAX, size * 2));
                values[size++] = v;
            }
        }
        steps++;
    }

    /** Forgets the steps from {@code fromStep} (0-based) on (a rollback). */
    public void discardFrom(long fromStep) {
        if (fromStep >= steps) return;
        steps = Math.max(0, fromStep);
        size = (int) ((steps + stride - 1) / stride);
        last = size > 0 && (long) (size - 1) * stride == steps - 1 ? values[size - 1] : Double.NaN;
    }

    /** The values kept, in step order: value i is step i x {@link #stride()}. */
    public double[] values() {
        return Arrays.copyOf(values, size);
    }

    /** The steps between two kept values (1: every step is kept). */
    public int stride() {
        return stride;
    }

    /** The number of steps recorded. */
    public long steps() {
        return steps;
    }

    /** The value of the last step recorded, or NaN (none, or forgotten by a rollback to a step that was not kept). */
    public double last() {
        return last;
    }

    /** A series as written: {@code values} of every {@code stride}-th of {@code steps} steps. */
    public static StepSeries of(double[] values, int stride, long steps) {
        if (stride < 1 || Integer.bitCount(stride) != 1 || values.length > MAX || values.length != (steps + stride - 1) / stride) {
            throw new IllegalArgumentException(values.length + " values of every " + stride + "-th of " + steps + " steps: allowed are a "
                    + "power-of-two stride and ceil(steps / stride) values, at most " + MAX);
        }
        StepSeries s = new StepSeries();
        s.values = Arrays.copyOf(values, Math.max(values.length, 64));
        s.size = values.length;
        s.stride = stride;
        s.steps = steps;
        s.last = values.length > 0 && (long) (values.length - 1) * stride == steps - 1 ? values[values.length - 1] : Double.NaN;
        return s;
    }

    /** An independent copy. */
    public StepSeries copy() {
        return of(values(), stride, steps);
    }
}
