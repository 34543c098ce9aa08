package org.dendrite.weka.layer;

import org.dendrite.core.layer.ScaleSpec;
import weka.core.OptionMetadata;

/** Options of {@link ScaleSpec}: a learnable scale per input, a soft feature selection before the first dense layer. */
public class Scale extends LayerOption {
    private static final long serialVersionUID = 1L;

    private double rateFactor;

    public Scale() {
        this(ScaleSpec.DEFAULT);
    }

    public Scale(ScaleSpec s) {
        rateFactor = s.rateFactor();
    }

    @Override
    public String globalInfo() {
        return "A learnable scale per input, y = x * s with s starting at 1 (RealMLP's scaling layer, Holzmueller et al. 2024): a soft "
                + "feature selection, learning `rate factor' times faster than the weights under Adam-family optimizers.";
    }

    @Override
    protected ScaleSpec build() {
        return new ScaleSpec(rateFactor);
    }

    @OptionMetadata(displayName = "rate factor", description = "How many times faster than the weights the scales learn (> 0).",
            commandLineParamName = "rate-factor", commandLineParamSynopsis = "-rate-factor <f>", displayOrder = 1)
    public double getRateFactor() { return rateFactor; }
    public void setRateFactor(double v) { rateFactor = v; }
}
