package org.dendrite.core.init;

import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * Fills a weight matrix given its fan-in and fan-out. The variance-scaling family follows
 * Glorot and Bengio 2010 (Xavier), He et al. 2015 and LeCun et al. 1998 ("Efficient BackProp").
 */
public interface Initializer extends Serializable {
    Initializer XAVIER_UNIFORM = new VarianceScaling(VarianceScaling.Fan.AVERAGE, 1.0, true);
    Initializer XAVIER_NORMAL = new VarianceScaling(VarianceScaling.Fan.AVERAGE, 1.0, false);
    Initializer HE_UNIFORM = new VarianceScaling(VarianceScaling.Fan.IN, 2.0, true);
    Initializer HE_NORMAL = new VarianceScaling(VarianceScaling.Fan.IN, 2.0, false);
    Initializer LECUN_UNIFORM = new VarianceScaling(VarianceScaling.Fan.IN, 1.0, true);
    Initializer LECUN_NORMAL = new VarianceScaling(VarianceScaling.Fan.IN, 1.0, false);
    /**
     * The output layer's initializer: N(0, 0.1 / fan_in), ten times smaller than LeCun's, so the
     * untrained network's logits have variance about 0.1 E[h^2] and a classifier starts near uniform
     * probabilities (initial loss close to ln C, the sanity check of the Georgia Tech CS 4803/7643 Deep Learning lecture on optimization (Zsolt Kira)).
     */
    Initializer OUTPUT = new VarianceScaling(VarianceScaling.Fan.IN, 0.1, false);

    /** The name used in specs, e.g. {@code "he_normal"}. */
    String name();

    void fill(float[] weights, int fanIn, int fanOut, RandomGenerator rng);

    /** True when every weight gets the same value: all units then learn the same thing. */
    default boolean isDegenerate() {
        return false;
    }
}
