package org.dendrite.core.layer;

import java.io.Serializable;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An immutable description of a layer (units, activation, initializer, ...), turned into built
 * layers once the input width is known. Randomness is passed in, never global.
 */
public interface LayerSpec extends Serializable {
    /** The spec's type name in JSON, e.g. {@code "dense"}. */
    String type();

    int outputWidth(int inputWidth);

    /**
     * The number of float values (learned parameters and buffers) that {@link #build} allocates for an
     * input of {@code inputWidth}, computed without allocating: a reader checks a file's declared shapes
     * against the values the file holds before building anything. Throws ArithmeticException on
     * overflow.
     */
    long stateSize(int inputWidth);

    /**
     * The float32 values a layer keeps per row of a batch for its backward pass beyond its output (in
     * one array per kind: {@code keptArrays} of them), counted in the memory a batch needs; 0 for most
     * layers. Throws ArithmeticException on overflow.
     */
    default long keptPerRow(int inputWidth) {
        return 0;
    }

    /** How many arrays of {@link #keptPerRow} / keptArrays values each the layer keeps (1 unless it says otherwise). */
    default int keptArrays() {
        return 1;
    }

    /** Builds the layers for an input of {@code inputWidth}; {@code index} names parameters ("2.weight"). */
    List<Layer> build(int inputWidth, RandomGenerator rng, int index);
}
