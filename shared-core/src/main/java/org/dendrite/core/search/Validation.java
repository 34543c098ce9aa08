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

    /** The default share held out. */
    public static final double DEFAULT_HOLDOUT = 0.2;

    /** A stratified 20% holdout. */
    public static final Validation DEFAULT = new Validation(DEFAULT_HOLDOUT, 0);

    public Validation {
        if (!(holdout > 0 && holdout < 1)) {
            throw Check.invalid("holdout", "Invalid holdout: " + holdout + " (allowed: 0 < holdout < 1, the share of the training rows held out)");
        }
        if (folds != 0 && folds < 2) {
            throw Check.invalid("folds", "Invalid folds: " + folds + " (allowed: 0 = a holdout, or k >= 2 for k-fold cross-validation)");
        }
        if (folds >= 2 && holdout != DEFAULT_HOLDOUT) {
            // the holdout was silently not used
            throw Check.invalid("holdout", "Contradictory validation: a holdout of " + holdout + " beside " + folds + " folds; k-fold "
                    + "cross-validation scores every row in turn and holds no share out. Give folds 0 for the holdout, or leave the holdout "
                    + "at its default (" + DEFAULT_HOLDOUT + ")");
        }
    }

    /** How many times a trial trains: the folds, or 1 for a holdout. */
    public int splits() {
        return folds == 0 ? 1 : folds;
    }

    @Override
    public String toString() {
        // three significant digits: a holdout of 0.001 was "of 0%"
        return folds == 0 ? "holdout of " + new java.math.BigDecimal(holdout * 100).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString() + "%" : folds + "-fold cross-validation";
    }
}
