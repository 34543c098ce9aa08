package org.dendrite.core.train;

import java.io.PrintStream;
import java.util.Locale;

/** A progress line (epoch, loss, validation metric, ETA) at most once per second, plus warnings, to a terminal. */
public final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastPrint = Long.MIN_VALUE;

    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEpoch(EpochRecord r, int plannedEpochs) {
        long now = System.nanoTime();
        boolean last = r.epoch() >= plannedEpochs;
        if (!last && lastPrint != Long.MIN_VALUE && now - lastPrint < 1_000_000_000L) {
            return;
        }
        lastPrint = now;
        out.println(line(r, plannedEpochs, (now - start) / 1e9));
    }

    /** The progress line for an epoch after {@code elapsed} seconds. */
    public static String line(EpochRecord r, int plannedEpochs, double elapsed) {
        double eta = r.epoch() >= plannedEpochs ? 0 : elapsed / r.epoch() * (plannedEpochs - r.epoch());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %.5f", r.epoch(), plannedEpochs, r.trainLoss()));
        if (!Double.isNaN(r.validationLoss())) sb.append(String.format(Locale.ROOT, "  val_loss %.5f", r.validationLoss()));
        if (!Double.isNaN(r.validationAccuracy())) sb.append(String.format(Locale.ROOT, "  val_acc %.4f", r.validationAccuracy()));
        if (!Double.isNaN(r.validationAuc())) sb.append(String.format(Locale.ROOT, "  val_auc %.4f", r.validationAuc()));
        if (!Double.isNaN(r.validationRmse())) sb.append(String.format(Locale.ROOT, "  val_rmse %.5g", r.validationRmse()));
        sb.append(String.format(Locale.ROOT, "  lr %.3g  ETA %.0fs", r.learningRate(), eta));
        if (!r.event().isEmpty()) sb.append("  [").append(r.event()).append(']');
        return sb.toString();
    }

    @Override
    public void onWarning(String message) {
        out.println("WARNING: " + message);
    }
}
