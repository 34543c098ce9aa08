package org.dendrite.spark;

import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.Param;

/**
 * The params a classifier and its model share beyond {@link DendriteParams}: the output columns of
 * Spark's probabilistic classifiers and their thresholds, settable on both (as there).
 */
public interface ClassifierParams<T extends ClassifierParams<T>> extends DendriteParams<T> {
    default Param<String> probabilityCol() { return paramSet().probabilityCol; }
    default Param<String> rawPredictionCol() { return paramSet().rawPredictionCol; }
    default DoubleArrayParam thresholds() { return paramSet().thresholds; }
    default String getProbabilityCol() { return getOrDefault(probabilityCol()); }
    default String getRawPredictionCol() { return getOrDefault(rawPredictionCol()); }
    /** The thresholds, null while unset. */
    default double[] getThresholds() { return isDefined(thresholds()) ? getOrDefault(thresholds()) : null; }

    @SuppressWarnings("unchecked")
    default T setProbabilityCol(String v) { set(probabilityCol(), v); return (T) this; }

    @SuppressWarnings("unchecked")
    default T setRawPredictionCol(String v) { set(rawPredictionCol(), v); return (T) this; }

    @SuppressWarnings("unchecked")
    default T setThresholds(double[] v) { set(thresholds(), v); return (T) this; }
}
