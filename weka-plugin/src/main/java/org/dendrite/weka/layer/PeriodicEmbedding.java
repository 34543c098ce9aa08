package org.dendrite.weka.layer;

import org.dendrite.core.layer.PeriodicEmbeddingSpec;
import weka.core.OptionMetadata;

/** Options of {@link PeriodicEmbeddingSpec}: periodic embeddings of the numeric attributes, placed before the first dense layer. */
public class PeriodicEmbedding extends LayerOption {
    private static final long serialVersionUID = 1L;

    private int frequencies, dimensions;
    private double sigma;

    public PeriodicEmbedding() {
        this(PeriodicEmbeddingSpec.DEFAULT);
    }

    public PeriodicEmbedding(PeriodicEmbeddingSpec s) {
        frequencies = s.frequencies();
        dimensions = s.dimensions();
        sigma = s.sigma();
    }

    @Override
    public String globalInfo() {
        return "Periodic embeddings of the inputs (Gorishniy et al. 2022; RealMLP's PBLD form, Holzmueller et al. 2024): each input x "
                + "of a numeric attribute becomes `dimensions' learned values cos(2 pi w x + b) W + c from `frequencies' periodic features; "
                + "then every input follows as it is. A nominal attribute's one-hot indicators and missing-value indicators are not "
                + "embedded (RealMLP embeds numeric features only); placed after any layer but CategoryEmbedding and Scale, it embeds "
                + "every input.";
    }

    @Override
    protected PeriodicEmbeddingSpec build() {
        return new PeriodicEmbeddingSpec(frequencies, dimensions, sigma);
    }

    @OptionMetadata(displayName = "frequencies", description = "Periodic features per input (>= 1).", commandLineParamName = "frequencies",
            commandLineParamSynopsis = "-frequencies <n>", displayOrder = 1)
    public int getFrequencies() { return frequencies; }
    public void setFrequencies(int v) { frequencies = v; }

    @OptionMetadata(displayName = "dimensions", description = "Learned values per input (>= 1), besides the input itself.",
            commandLineParamName = "dimensions", commandLineParamSynopsis = "-dimensions <n>", displayOrder = 2)
    public int getDimensions() { return dimensions; }
    public void setDimensions(int v) { dimensions = v; }

    @OptionMetadata(displayName = "sigma", description = "Standard deviation of the frequencies' initial values (> 0; small: nearly linear at "
            + "the start).", commandLineParamName = "sigma", commandLineParamSynopsis = "-sigma <s>", displayOrder = 3)
    public double getSigma() { return sigma; }
    public void setSigma(double v) { sigma = v; }
}
