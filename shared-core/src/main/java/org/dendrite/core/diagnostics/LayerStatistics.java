package org.dendrite.core.diagnostics;

import java.io.Serializable;

/**
 * Health of one layer at one optimizer step ("monitor everything"): for layers with weights the
 * gradient L2 norm and max |g|, the weight L2 norm and the update/weight ratio ||dW||/||W|| (about
 * 1e-3 is healthy; Karpathy's rule of thumb); for every layer the mean and standard deviation of
 * its output, the fraction of dead ReLU units (zero for every row of the batch) and of saturated
 * sigmoid/tanh outputs (within 0.01 of the asymptotes). NaN where a quantity does not apply.
 */
public record LayerStatistics(long step, int layer, String name, double gradientNorm, double gradientMaxAbs, double weightNorm,
                              double updateRatio, double activationMean, double activationStd, double deadFraction,
                              double saturatedFraction) implements Serializable {}
