package org.dendrite.core.train;

import java.io.Serializable;
import org.dendrite.core.check.Check;

/**
 * Early stopping on a monitored validation metric (Prechelt 1998, "Early Stopping - But When?"):
 * training stops after {@code patience} epochs without an improvement larger than {@code minDelta}
 * and, with {@code restoreBest}, the weights of the best epoch are restored.
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBest) implements Serializable {
    public static final EarlyStopping OFF = new EarlyStopping(Monitor.VALIDATION_LOSS, 0, 0, true);

    public EarlyStopping {
        if (monitor == null) {
            throw new IllegalArgumentException("Early stopping needs a monitored metric; allowed: " + java.util.Arrays.toString(Monitor.values()));
        }
        if (patience < 0) {
            throw Check.invalid("patience", "Invalid patience: " + patience + " (allowed: a whole number >= 0; 0 turns early stopping off)");
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw Check.invalid("minDelta", "Invalid minDelta: " + minDelta + " (allowed: a finite number >= 0)");
        }
    }

    public boolean enabled() {
        return patience > 0;
    }

    /** True when {@code value} beats {@code best} by more than minDelta in the monitor's direction. */
    public boolean improves(double value, double best) {
        if (Double.isNaN(best)) return !Double.isNaN(value);
        return monitor.higherIsBetter() ? value > best + minDelta : value < best - minDelta;
    }
}
