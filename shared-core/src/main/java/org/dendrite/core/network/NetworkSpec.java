package org.dendrite.core.network;

import java.io.Serializable;
import java.util.List;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;

/**
 * The architecture of a network: its hidden layers, in order. The output layer (a linear dense
 * layer as wide as the task needs, initialized small: {@code Initializer.OUTPUT}) is appended when the network is built; the
 * loss supplies the output non-linearity (softmax, sigmoid or none).
 */
public record NetworkSpec(List<LayerSpec> layers) implements Serializable {
    /** Units of the default network's one hidden layer. */
    public static final int DEFAULT_UNITS = 48;
    /** The default network's hidden layer (ReLU, He-initialized), also where a hidden layer added in Weka's editor starts. */
    public static final DenseSpec DEFAULT_LAYER = new DenseSpec(DEFAULT_UNITS, new Relu());
    /**
     * The default architecture for tabular data: one hidden layer of 48 ReLU units (He-initialized).
     * Chosen from cross-validated measurements on the bundled datasets (as accurate as 64 or 128 units, with
     * less work per row), see docs/design.md.
     */
    public static final NetworkSpec DEFAULT = new NetworkSpec(List.of(DEFAULT_LAYER));

    public NetworkSpec {
        if (layers == null) {
            throw new IllegalArgumentException("A network spec needs a list of layers (it may be empty)");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) {
                throw new IllegalArgumentException("Layer " + i + " of the network spec is null");
            }
        }
        layers = List.copyOf(layers);
    }
}
