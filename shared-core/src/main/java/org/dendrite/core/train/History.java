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
    private static final long serialVersionUID = 2L;

    private final List<EpochRecord> epochs = new ArrayList<>();
    private final List<LayerStatistics> statistics = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** The sampled steps whose statistics are kept (at most {@link #MAX_STATISTICS_STEPS}). */
    private Thinning sampled = new Thinning(MAX_STATISTICS_STEPS, 1, 0);
    private long statisticsStep = Long.MIN_VALUE;
    /**
     * The optimizer steps between two sampled steps (the run samples steps 0, every, 2 x every, ...;
     * 0: not known yet): what a rollback counts the sampled steps before its step by.
     */
    private int sampledEvery;
    private boolean keepingStep;
    private StepSeries stepRates = new StepSeries();
    private StepSeries stepLosses = new StepSeries();
    private int bestEpoch;
    private transient double[] monitoredValues;
    private transient Monitor monitoredBy;

    /** An independent copy (what a checkpoint keeps). */
    public History copy() {
        History h = new History();
        h.epochs.addAll(epochs);
        h.statistics.addAll(statistics);
        h.sampled = sampled.copy();
        h.statisticsStep = statisticsStep;
        h.sampledEvery = sampledEvery;
        h.keepingStep = keepingStep;
        h.warnings.addAll(warnings);
        h.stepRates = stepRates.copy();
        h.stepLosses = stepLosses.copy();
        h.bestEpoch = bestEpoch;
        return h;
    }

    public void add(EpochRecord r) {
        epochs.add(r);
    }

    public void addStepRate(double lr) {
        stepRates.add(lr);
    }

    /** The batch loss of each optimizer step, in order. */
    public void addStepLoss(double loss) {
        stepLosses.add(loss);
    }

    /** Replaces the per-step records with these (as a history file holds them). */
    public void setSteps(StepSeries rates, StepSeries losses) {
        stepRates = rates;
        stepLosses = losses;
    }

    /**
     * Forgets the steps from {@code fromStep} (0-based) on, with their statistics: what a rollback to
     * the start of an epoch undoes, so the per-step records stay one per step actually kept.
     */
    public void discardStepsFrom(long fromStep) {
        stepRates.discardFrom(fromStep);
        stepLosses.discardFrom(fromStep);
        statistics.removeIf(s -> s.step() >= fromStep);
        // back to the sampled steps before fromStep (0, every, ..., the last below it): their count, not the kept ones x the
        // stride, which overshot when it is not a multiple of the stride (the next sampled step, one the run without the
        // undone steps drops, was kept, and every other one after it: the odd sampled steps instead of the even ones)
        long before = sampledEvery > 0 ? Thinning.ceil(Math.max(0, fromStep), sampledEvery)
                : statistics.stream().mapToLong(LayerStatistics::step).distinct().count() * sampled.stride();
        sampled.rewind(before);
        statisticsStep = Long.MIN_VALUE;
    }

    /** The batch losses kept (every step of a run of at most {@link StepSeries#MAX} steps; see {@link #stepSeries}). */
    public double[] stepLosses() {
        return stepLosses.values();
    }

    /** The per-step records: the learning rates (false) or the batch losses (true), in bounded memory. */
    public StepSeries stepSeries(boolean losses) {
        return losses ? stepLosses : stepRates;
    }

    /**
     * The most sampled steps whose layer statistics are kept: beyond, they are thinned evenly as
     * {@link StepSeries} thins the per-step records ({@link Thinning}; each record names its step).
     */
    public static final int MAX_STATISTICS_STEPS = 1024;

    /** Drops the statistics of every other sampled step kept (the second, fourth, ...), each step's layers together. */
    private void dropEveryOtherStep() {
        List<LayerStatistics> kept = new ArrayList<>();
        long group = -1, step = Long.MIN_VALUE;
        for (LayerStatistics t : statistics) {
            if (t.step() != step) {
                step = t.step();
                group++;
            }
            if (group % 2 == 0) kept.add(t);
        }
        statistics.clear();
        statistics.addAll(kept);
    }

    /**
     * Takes up the thinning of the layer statistics for a run that has taken {@code steps} optimizer
     * steps, sampling every {@code every}-th (0: none). A history read from JSON holds the statistics
     * kept but not how many steps were sampled: read alone, it went on as if every sampled step so far
     * had been kept, and a run resumed from a checkpoint file kept other steps' statistics than the
     * uninterrupted run (half as many again, spaced otherwise). A step count no thinning reaches is left as read.
     */
    public void resumeStatistics(int every, long steps) {
        if (every <= 0) return;
        long seen = Thinning.ceil(steps, every), stride = 1;
        while (stride <= 1 << 30 && Thinning.ceil(seen, (int) stride) > MAX_STATISTICS_STEPS) stride *= 2;
        if (stride > 1 << 30) return;
        sampled = new Thinning(MAX_STATISTICS_STEPS, (int) stride, seen);
        sampledEvery = every;
        statisticsStep = Long.MIN_VALUE;
    }

    /** Adds one layer's statistics at a sampled step (the layers of a step arrive together, steps in order). */
    public void addStatistics(LayerStatistics s) {
        if (s.step() != statisticsStep) {
            // the run samples every sampledEvery-th step, so two sampled steps in a row are that far apart
            if (statisticsStep != Long.MIN_VALUE && s.step() > statisticsStep && s.step() - statisticsStep <= Integer.MAX_VALUE) {
                sampledEvery = (int) (s.step() - statisticsStep);
            }
            statisticsStep = s.step();
            keepingStep = sampled.next(this::dropEveryOtherStep);
        }
        if (keepingStep) statistics.add(s);
    }

    public void warn(String w) {
        warnings.add(w);
    }

    /** Removes the warnings {@code which} selects, then adds {@code with}: a warning the run's new length changed. */
    public void replaceWarnings(java.util.function.Predicate<String> which, List<String> with) {
        warnings.removeIf(which);
        warnings.addAll(with);
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
        return stepRates.last();
    }

    /** The learning rates actually used at the optimizer steps kept, in order (every step of a run of at most {@link StepSeries#MAX} steps). */
    public double[] stepLearningRates() {
        return stepRates.values();
    }

    public int size() {
        return epochs.size();
    }

    /** The record of the epoch whose weights the model holds: the one early stopping kept, else the last (null without epochs). */
    public EpochRecord kept() {
        return bestEpoch() > 0 && bestEpoch() <= size() ? epochs.get(bestEpoch() - 1) : last();
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
