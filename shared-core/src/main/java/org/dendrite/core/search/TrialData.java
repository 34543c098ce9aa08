package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dendrite.core.data.Folds;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.PreprocessingConfig;
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

    private record Key(int split, PreprocessingConfig preprocessing, boolean robustTarget) {}

    private final List<Split> splits;
    private final Map<Key, TrainingData> prepared = new ConcurrentHashMap<>();

    private TrialData(List<Split> splits) {
        this.splits = splits;
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
        return new TrialData(out);
    }

    /** How many times a trial trains: 1 for a holdout, k for k folds. */
    public int splits() {
        return splits.size();
    }

    /** Split {@code split}'s rows prepared under {@code preprocessing} (fitted once, then shared). */
    public TrainingData prepared(int split, PreprocessingConfig preprocessing, boolean robustTarget) {
        return prepared.computeIfAbsent(new Key(split, preprocessing, robustTarget), k -> {
            Split s = splits.get(split);
            return TrainingData.prepare(s.train(), s.validation(), preprocessing, robustTarget);
        });
    }
}
