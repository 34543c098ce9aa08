package org.dendrite.core.network;

import java.io.Serializable;
import java.util.List;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;

/**
 * The architecture of a network: its hidden layers, in order. The output layer (a linear dense
 * layer as wide as the task needs, Glorot-initialized) is appended when the network is built; the
 * loss supplies the output non-linearity (softmax, sigmoid or none).
 */
public record NetworkSpec(List<LayerSpec> layers) implements Serializable {
    /** The default architecture for tabular data (see docs/design.md for the measurements behind it). */
    public static final NetworkSpec DEFAULT = new NetworkSpec(List.of(new DenseSpec(64, new Relu()), new DenseSpec(64, new Relu())));

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
