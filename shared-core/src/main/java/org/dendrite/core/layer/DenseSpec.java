package org.dendrite.core.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.activation.Activation;
import org.dendrite.core.activation.Identity;
import org.dendrite.core.init.Initializer;

/**
 * A fully connected layer of {@code units} followed by {@code activation}. A null initializer
 * means the activation's default: He for the ReLU family, LeCun for SELU, Glorot otherwise.
 */
public record DenseSpec(int units, Activation activation, Initializer initializer, boolean bias) implements LayerSpec {
    public DenseSpec {
        if (units < 1) {
            throw new IllegalArgumentException("A dense layer needs at least 1 unit, got " + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException("A dense layer needs an activation (use identity for a linear layer)");
        }
    }

    public DenseSpec(int units, Activation activation) {
        this(units, activation, null, true);
    }

    /** The initializer in force: the one given, or the activation's default. */
    public Initializer effectiveInitializer() {
        return initializer != null ? initializer : activation.defaultInitializer();
    }

    @Override public String type() { return "dense"; }

    @Override
    public int outputWidth(int inputWidth) {
        return units;
    }

    @Override
    public List<Layer> build(int inputWidth, RandomGenerator rng, int index) {
        List<Layer> layers = new ArrayList<>(2);
        layers.add(new DenseLayer(inputWidth, units, bias, effectiveInitializer(), rng, index + "."));
        if (!(activation instanceof Identity)) {
            layers.add(activation.newLayer(units));
        }
        return layers;
    }
}
