package org.dendrite.core.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.dendrite.core.diagnostics.LayerStatistics;

/**
 * Everything recorded while training: one {@link EpochRecord} per epoch, the learning rate used at
 * every optimizer step, the sampled per-layer statistics and the warnings. Exportable as CSV and JSON.
 */
public final class History implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<EpochRecord> epochs = new ArrayList<>();
    private final List<LayerStatistics> statistics = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private double[] stepRates = new double[64];
    private double[] stepLosses = new double[64];
    private int steps;
    private int lossSteps;
    private int bestEpoch;
    private transient double[] monitoredValues;
    private transient Monitor monitoredBy;

    /** An independent copy (what a checkpoint keeps). */
    public History copy() {
        History h = new History();
        h.epochs.addAll(epochs);
        h.statistics.addAll(statistics);
        h.warnings.addAll(warnings);
        h.stepRates = Arrays.copyOf(stepRates, Math.max(steps, 1));
        h.stepLosses = Arrays.copyOf(stepLosses, Math.max(lossSteps, 1));
        h.steps = steps;
        h.lossSteps = lossSteps;
        h.bestEpoch = bestEpoch;
        return h;
    }

    public void add(EpochRecord r) {
        epochs.add(r);
    }

    public void addStepRate(double lr) {
        if (steps == stepRates.length) stepRates = Arrays.copyOf(stepRates, steps * 2);
        stepRates[steps++] = lr;
    }

    /** The batch loss of each optimizer step, in order. */
    public void addStepLoss(double loss) {
        if (lossSteps == stepLosses.length) stepLosses = Arrays.copyOf(stepLosses, lossSteps * 2);
        stepLosses[lossSteps++] = loss;
    }

    /**
     * Forgets the steps from {@code fromStep} (0-based) on, with their statistics: what a rollback to
     * the start of an epoch undoes, so the per-step records stay one per step actually kept.
     */
    public void discardStepsFrom(long fromStep) {
        steps = (int) Math.min(steps, Math.max(0, fromStep));
        lossSteps = (int) Math.min(lossSteps, Math.max(0, fromStep));
        statistics.removeIf(s -> s.step() >= fromStep);
    }

    public double[] stepLosses() {
        return Arrays.copyOf(stepLosses, lossSteps);
    }

    public void addStatistics(LayerStatistics s) {
        statistics.add(s);
    }

    public void warn(String w) {
        warnings.add(w);
    }

    public List<EpochRecord> epochs() { return Collections.unmodifiableList(epochs); }
    public List<LayerStatistics> statistics() { return Collections.unmodifiableList(statistics); }
    public List<String> warnings() { return Collections.unmodifiableList(warnings); }

    /**
     * The value {@code monitor} had at the end of each epoch so far (the training loss where it is
     * undefined), for performance scheduling: a live array, recomputed only when an epoch was added.
     */
    public double[] monitored(Monitor monitor) {
        int n = epochs.size();
        if (monitoredValues == null || monitoredBy != monitor || monitoredValues.length > n) {
            monitoredValues = new double[0];
            monitoredBy = monitor;
        }
        if (monitoredValues.length < n) {
            // records are immutable: only the epochs added since the last call are read
            int done = monitoredValues.length;
            monitoredValues = Arrays.copyOf(monitoredValues, n);
            for (int i = done; i < n; i++) {
                EpochRecord r = epochs.get(i);
                double v = r.monitored(monitor);
                monitoredValues[i] = Double.isNaN(v) ? r.trainLoss() : v;
            }
        }
        return monitoredValues;
    }

    /** The learning rate of the last step, or NaN before the first. */
    public double lastStepRate() {
        return steps == 0 ? Double.NaN : stepRates[steps - 1];
    }

    /** The learning rate actually used at each optimizer step, in order. */
    public double[] stepLearningRates() {
        return Arrays.copyOf(stepRates, steps);
    }

    public int size() {
        return epochs.size();
    }

    /** The last record, or null before the first epoch. */
    public EpochRecord last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** The epoch whose weights the model holds when early stopping restored the best (0 = the last). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Records which epoch the model's weights come from (early stopping). */
    public void setBestEpoch(int e) {
        bestEpoch = e;
    }

    /** The history as CSV: a header line, then one line per epoch. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(
                "epoch,train_loss,validation_loss,validation_accuracy,validation_auc,validation_rmse,learning_rate,seconds,event\n");
        for (EpochRecord r : epochs) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%s,%s%n", r.epoch(), num(r.trainLoss()), num(r.validationLoss()),
                    num(r.validationAccuracy()), num(r.validationAuc()), num(r.validationRmse()), num(r.learningRate()), num(r.seconds()),
                    r.event().replace(',', ';')));
        }
        return sb.toString();
    }

    /** The history as JSON (written by {@code io.HistoryJson}, the one place that writes and reads it). */
    public String toJson() {
        return org.dendrite.core.io.HistoryJson.toJson(this);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

}
