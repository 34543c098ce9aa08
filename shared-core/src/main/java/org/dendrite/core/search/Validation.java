package org.dendrite.core.search;

import java.io.Serializable;
import org.dendrite.core.check.Check;

/**
 * Where a search measures its trials, always inside the training rows (never on test data): a
 * seeded holdout of {@code holdout} of them (stratified for a nominal target), or with
 * {@code folds} >= 2 k-fold cross-validation (stratified; every trial trains once per fold and
 * scores the folds' mean).
 */
public record Validation(double holdout, int folds) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A stratified 20% holdout. */
    public static final Validation DEFAULT = new Validation(0.2, 0);

    public Validation {
        if (!(holdout > 0 && holdout < 1)) {
            throw Check.invalid("holdout", "Invalid holdout: " + holdout + " (allowed: 0 < holdout < 1, the share of the training rows held out)");
        }
        if (folds != 0 && folds < 2) {
            throw Check.invalid("folds", "Invalid folds: " + folds + " (allowed: 0 = a holdout, or k >= 2 for k-fold cross-validation)");
        }
    }

    /** How many times a trial trains: the folds, or 1 for a holdout. */
    public int splits() {
        return folds == 0 ? 1 : folds;
    }

    @Override
    public String toString() {
        return folds == 0 ? "holdout of " + Math.round(holdout * 100) + "%" : folds + "-fold cross-validation";
    }
}
