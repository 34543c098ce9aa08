package org.dendrite.core.activation;

import org.dendrite.core.init.Initializer;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.layer.RReluLayer;

/**
 * Randomized leaky ReLU (Xu et al. 2015, "Empirical Evaluation of Rectified Activations"): in
 * training each negative input gets a slope drawn uniformly from [lower, upper]; at inference the
 * mean slope (lower + upper) / 2 is used.
 */
public record RRelu(float lower, float upper) implements Activation {
    public static final float DEFAULT_LOWER = 1f / 8f;
    public static final float DEFAULT_UPPER = 1f / 3f;

    public RRelu {
        if (!(lower >= 0f && lower <= upper && upper < 1f)) {
            throw org.dendrite.core.check.Check.invalid(lower >= 0f && lower <= upper ? "upper" : "lower", "RReLU slopes must satisfy 0 <= lower <= upper < 1, got lower=" + lower + ", upper=" + upper);
        }
    }

    public RRelu() { this(DEFAULT_LOWER, DEFAULT_UPPER); }

    @Override public String name() { return "rrelu"; }
    @Override public Initializer defaultInitializer() { return Initializer.HE_NORMAL; }

    @Override
    public Layer newLayer(int width) {
        return new RReluLayer(this, width);
    }
}
