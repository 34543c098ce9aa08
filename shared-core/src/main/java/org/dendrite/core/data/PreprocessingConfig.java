package org.dendrite.core.data;

import java.io.Serializable;

/**
 * How raw columns become network inputs: standardize numeric columns, one-hot nominal ones, impute
 * missing values (mean / mode) or refuse them, optionally add a missing-indicator column per input
 * column that had missing values in training.
 */
public record PreprocessingConfig(boolean standardize, boolean imputeMissing, boolean missingIndicators, boolean standardizeTarget)
        implements Serializable {
    public static final PreprocessingConfig DEFAULT = new PreprocessingConfig(true, true, false, true);
}
