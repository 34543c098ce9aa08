package org.dendrite.core.data;

import java.io.Serializable;

/**
 * How raw columns become network inputs: scale numeric columns ({@code standardize}; how, by
 * {@code scaling}), one-hot nominal ones, impute missing values (the column's center / mode) or refuse
 * them, optionally add a missing-indicator column per input column that had missing values in
 * training, optionally whiten (PCA or ZCA) the result, and standardize a numeric target.
 */
public record PreprocessingConfig(boolean standardize, boolean imputeMissing, boolean missingIndicators, boolean standardizeTarget,
                                  Whitening.Kind whitening, Scaling scaling) implements Serializable {
    public static final PreprocessingConfig DEFAULT = new PreprocessingConfig(true, true, false, true, Whitening.Kind.NONE, Scaling.STANDARD);

    /**
     * How a numeric column is scaled: {@code STANDARD}, (x - mean) / standard deviation; {@code ROBUST},
     * (x - median) / interquartile range (half the range when the quartiles coincide), then smoothly
     * clipped to (-3, 3) by z / sqrt(1 + (z/3)^2), so a heavy tail or an outlier cannot dominate the
     * inputs (RealMLP's preprocessing: Holzmueller et al., "Better by Default", NeurIPS 2024).
     */
    public enum Scaling { STANDARD, ROBUST }

    public PreprocessingConfig {
        if (whitening == null) {
            whitening = Whitening.Kind.NONE;
        }
        if (scaling == null) {
            scaling = Scaling.STANDARD;
        }
    }

    public PreprocessingConfig(boolean standardize, boolean imputeMissing, boolean missingIndicators, boolean standardizeTarget,
                               Whitening.Kind whitening) {
        this(standardize, imputeMissing, missingIndicators, standardizeTarget, whitening, Scaling.STANDARD);
    }

    public PreprocessingConfig withScaling(Scaling s) {
        return new PreprocessingConfig(standardize, imputeMissing, missingIndicators, standardizeTarget, whitening, s);
    }

    /** True when numeric columns are scaled robustly and smoothly clipped. */
    public boolean robust() {
        return standardize && scaling == Scaling.ROBUST;
    }

    public PreprocessingConfig(boolean standardize, boolean imputeMissing, boolean missingIndicators, boolean standardizeTarget) {
        this(standardize, imputeMissing, missingIndicators, standardizeTarget, Whitening.Kind.NONE);
    }
}
