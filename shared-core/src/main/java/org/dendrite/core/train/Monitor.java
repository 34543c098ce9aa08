package org.dendrite.core.train;

/** A validation quantity that early stopping and reduce-on-plateau watch. */
public enum Monitor {
    VALIDATION_LOSS(false),
    ACCURACY(true),
    /** ROC AUC (binary targets; one-vs-rest macro average for more classes). */
    AUC(true),
    RMSE(false);

    private final boolean higherIsBetter;

    Monitor(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
