package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dendrite.core.data.Folds;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.data.TrainingData;
import org.dendrite.core.data.ValidationSplit;

/**
 * The rows a search's trials train and are scored on: the given rows split once, by the search's
 * seed, into a stratified holdout or k stratified folds, and each split prepared (preprocessing
 * fitted on its training part) once per preprocessing configuration, then shared read-only by every
 * job. Built the same way wherever the jobs run, so a Spark executor's copy holds the same splits.
 */
public final class TrialData {
    private record Split(LabeledTable train, LabeledTable validation) {}

    private record Key(int split, PreprocessingConfig preprocessing, boolean robustTarget, double earlyStoppingFraction) {}

    /**
     * A split's rows made ready for a trial: {@code data}, its training rows (and, where the trial's
     * configuration holds rows out, the rows early stopping watches: held out from the split's training
     * rows, as its refit holds them out from all rows), and the split's validation rows, which score
     * the trial ({@code scoring}), transformed by the same preprocessing.
     */
    public record Prepared(TrainingData data, Dataset scoring) {}

    private final List<Split> splits;
    private final long seed;
    private final Map<Key, Prepared> prepared = new ConcurrentHashMap<>();

    private TrialData(List<Split> splits, long seed) {
        this.splits = splits;
        this.seed = seed;
    }

    /** {@code table} split as {@code validation} asks, seeded by {@code seed}. */
    public static TrialData of(LabeledTable table, Validation validation, long seed) {
        int[] classes = table.isClassification() ? table.classIndices() : null;
        List<Split> out = new ArrayList<>();
        if (validation.folds() == 0) {
            ValidationSplit s = ValidationSplit.of(table.size(), validation.holdout(), classes, seed);
            out.add(new Split(table.subset(s.train()), table.subset(s.validation())));
        } else {
            Folds f = Folds.of(table.size(), validation.folds(), classes, seed);
            for (int k = 0; k < f.count(); k++) out.add(new Split(table.subset(f.train(k)), table.subset(f.validation(k))));
        }
        return new TrialData(out, seed);
    }

    /** How many times a trial trains: 1 for a holdout, k for k folds. */
    public int splits() {
        return splits.size();
    }

    /**
     * Split {@code split}'s rows prepared under {@code preprocessing} (fitted once, then shared by every
     * trial that asks for the same): with {@code earlyStoppingFraction} > 0 that share of its training
     * rows is held out (stratified, seeded by the search's seed, as the refit's split is) for the loop's
     * early stopping and plateau schedule, and the preprocessing is fitted on the rest, so that the rows
     * scoring the trial never choose its epoch (they did: a trial's score was its best epoch's on them,
     * picked by them).
     */
    public Prepared prepared(int split, PreprocessingConfig preprocessing, boolean robustTarget, double earlyStoppingFraction) {
        return prepared.computeIfAbsent(new Key(split, preprocessing, robustTarget, earlyStoppingFraction), k -> {
            Split s = splits.get(split);
            if (earlyStoppingFraction > 0) {
                TrainingData d = TrainingData.prepare(s.train(), preprocessing, robustTarget, earlyStoppingFraction, seed, null, null);
                return new Prepared(d, d.transform(s.validation()));
            }
            TrainingData d = TrainingData.prepare(s.train(), s.validation(), preprocessing, robustTarget);
            return new Prepared(new TrainingData(d.preprocessor(), d.task(), d.train(), null), d.validation());
        });
    }
}
