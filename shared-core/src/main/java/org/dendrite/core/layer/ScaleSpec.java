package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;

/**
 * A learnable scale per input feature, y = x * s with s starting at 1, in front of the first dense
 * layer: soft feature selection (RealMLP's scaling layer, Holzmueller et al., "Better by Default",
 * NeurIPS 2024). It learns {@code rateFactor} times faster than the other weights: s is stored as
 * s / rateFactor, which under Adam-family optimizers (whose steps do not depend on the gradient's
 * scale) multiplies its effective learning rate by rateFactor (by its square under plain SGD).
 */
public record ScaleSpec(double rateFactor) implements LayerSpec {
    public static final ScaleSpec DEFAULT = new ScaleSpec(6);

    public ScaleSpec {
        Check.positive("rateFactor", rateFactor);
    }

    @Override public String type() { return "scale"; }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public long stateSize(int inputWidth) {
        return inputWidth;
    }

    @Override
    public List<Layer> build(int inputWidth, RandomGenerator rng, int index) {
        return List.of(new ScaleLayer(this, inputWidth, index + "."));
    }
}
