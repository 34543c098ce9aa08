package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.layer.PReluLayer;

/**
 * Parametric ReLU (He et al. 2015, "Delving Deep into Rectifiers"): f(x) = x for x > 0, a x
 * otherwise, with the slope {@code a} learned per unit (or one shared slope), starting at
 * {@code initialSlope}.
 */
public record PRelu(float initialSlope, boolean sharedSlope) implements Activation {
    public static final float DEFAULT_INITIAL_SLOPE = 0.25f;

    public PRelu {
        if (!Float.isFinite(initialSlope)) {
            throw org.dendrite.core.check.Check.invalid("initialSlope", "PReLU initial slope must be finite, got " + initialSlope);
        }
    }

    public PRelu() { this(DEFAULT_INITIAL_SLOPE, false); }

    @Override public String name() { return "prelu"; }
    @Override public Initializer defaultInitializer() { return Initializer.HE_NORMAL; }

    @Override
    public long stateSize(int width) {
        return sharedSlope ? 1 : width;
    }

    @Override
    public Layer newLayer(int width) {
        return new PReluLayer(this, width);
    }
}
