package org.dendrite.spark;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params an estimator and the models it fits share, with a getter of each value: as on Spark's
 * own models, a fitted model holds the params it was fitted with ({@code bestModel.getLearningRate()}
 * after a {@code CrossValidator}), saved and loaded with it; the training params' setters are the
 * estimator's, the output columns' both's. {@code T} is the concrete class, which the setters return.
 * The params themselves, their docs, validators and defaults, are in {@link ParamSet}.
 */
public interface DendriteParams<T extends DendriteParams<T>> extends Params {
    /** The params' definitions for this owner (an implementation detail, not a param). */
    ParamSet paramSet();

    default Param<String> featuresCol() { return paramSet().featuresCol; }
    default Param<String> labelCol() { return paramSet().labelCol; }
    default Param<String> weightCol() { return paramSet().weightCol; }
    default Param<String> predictionCol() { return paramSet().predictionCol; }
    default Param<String> hiddenLayers() { return paramSet().hiddenLayers; }
    default Param<String> activation() { return paramSet().activation; }
    default IntParam epochs() { return paramSet().epochs; }
    default IntParam batchSize() { return paramSet().batchSize; }
    default Param<String> optimizer() { return paramSet().optimizer; }
    default DoubleParam learningRate() { return paramSet().learningRate; }
    default DoubleParam l2() { return paramSet().l2; }
    default LongParam l2FullRows() { return paramSet().l2FullRows; }
    default DoubleParam dropout() { return paramSet().dropout; }
    default LongParam seed() { return paramSet().seed; }
    default Param<String> networkJson() { return paramSet().networkJson; }
    default Param<String> configJson() { return paramSet().configJson; }
    default IntParam localSteps() { return paramSet().localSteps; }
    default IntParam members() { return paramSet().members; }
    default Param<String> scaling() { return paramSet().scaling; }
    default Param<String> dataInit() { return paramSet().dataInit; }
    default DoubleParam labelSmoothing() { return paramSet().labelSmoothing; }
    default Param<String> inputLayers() { return paramSet().inputLayers; }
    default Param<String> outerOptimizer() { return paramSet().outerOptimizer; }
    default DoubleParam validationFraction() { return paramSet().validationFraction; }
    default IntParam patience() { return paramSet().patience; }
    default Param<String> batchNorm() { return paramSet().batchNorm; }
    default Param<String> initialModel() { return paramSet().initialModel; }
    default IntParam frozenLayers() { return paramSet().frozenLayers; }
    default Param<String> searchJson() { return paramSet().searchJson; }
    default LongParam searchSampleRows() { return paramSet().searchSampleRows; }
    default IntParam trainingPartitions() { return paramSet().trainingPartitions; }

    default String getFeaturesCol() { return getOrDefault(featuresCol()); }
    default String getLabelCol() { return getOrDefault(labelCol()); }
    default String getWeightCol() { return getOrDefault(weightCol()); }
    default String getPredictionCol() { return getOrDefault(predictionCol()); }
    default String getHiddenLayers() { return getOrDefault(hiddenLayers()); }
    default String getActivation() { return getOrDefault(activation()); }
    default int getEpochs() { return (Integer) getOrDefault(epochs()); }
    default int getBatchSize() { return (Integer) getOrDefault(batchSize()); }
    default String getOptimizer() { return getOrDefault(optimizer()); }
    default double getLearningRate() { return (Double) getOrDefault(learningRate()); }
    default double getL2() { return (Double) getOrDefault(l2()); }
    default long getL2FullRows() { return (Long) getOrDefault(l2FullRows()); }
    default double getDropout() { return (Double) getOrDefault(dropout()); }
    default long getSeed() { return (Long) getOrDefault(seed()); }
    default String getNetworkJson() { return getOrDefault(networkJson()); }
    default String getConfigJson() { return getOrDefault(configJson()); }
    default int getLocalSteps() { return (Integer) getOrDefault(localSteps()); }
    default int getMembers() { return (Integer) getOrDefault(members()); }
    default String getScaling() { return getOrDefault(scaling()); }
    default String getDataInit() { return getOrDefault(dataInit()); }
    default double getLabelSmoothing() { return (Double) getOrDefault(labelSmoothing()); }
    default String getInputLayers() { return getOrDefault(inputLayers()); }
    default String getOuterOptimizer() { return getOrDefault(outerOptimizer()); }
    default double getValidationFraction() { return (Double) getOrDefault(validationFraction()); }
    default int getPatience() { return (Integer) getOrDefault(patience()); }
    default String getBatchNorm() { return getOrDefault(batchNorm()); }
    default String getInitialModel() { return getOrDefault(initialModel()); }
    default int getFrozenLayers() { return (Integer) getOrDefault(frozenLayers()); }
    default String getSearchJson() { return getOrDefault(searchJson()); }
    default long getSearchSampleRows() { return (Long) getOrDefault(searchSampleRows()); }
    default int getTrainingPartitions() { return (Integer) getOrDefault(trainingPartitions()); }

    @SuppressWarnings("unchecked")
    default T setFeaturesCol(String v) { set(featuresCol(), v); return (T) this; }

    @SuppressWarnings("unchecked")
    default T setPredictionCol(String v) { set(predictionCol(), v); return (T) this; }
}
