package org.dendrite.core.data;

import java.io.Serializable;

/**
 * How raw columns become network inputs: standardize numeric columns, one-hot nominal ones, impute
 * missing values (mean / mode) or refuse them, optionally add a missing-indicator column per input
 * column that had missing values in training, optionally whiten (PCA or ZCA) the result, and
 * standardize a numeric target.
 */
public record PreprocessingConfig(boolean standardize, boolean imputeMissing, boolean missingIndicators, boolean standardizeTarget,
                                  Whitening.Kind whitening) implements Serializable {
    public static final PreprocessingConfig DEFAULT = new PreprocessingConfig(true, true, false, true, Whitening.Kind.NONE);

    public PreprocessingConfig {
        if (whitening == null) {
            whitening = Whitening.Kind.NONE;
        }
    }

    public PreprocessingConfig(boolean standardize, boolean imputeMissing, boolean missingIndicators, boolean standardizeTarget) {
        this(standardize, imputeMissing, missingIndicators, standardizeTarget, Whitening.Kind.NONE);
    }
}
