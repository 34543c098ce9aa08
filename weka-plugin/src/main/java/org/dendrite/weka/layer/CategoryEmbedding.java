package org.dendrite.weka.layer;

import org.dendrite.core.layer.CategoryEmbeddingSpec;
import weka.core.OptionMetadata;

/** Options of {@link CategoryEmbeddingSpec}: learned embeddings of many-valued nominal attributes, as the first layer. */
public class CategoryEmbedding extends LayerOption {
    private static final long serialVersionUID = 1L;

    private int minCategories, dimensions;

    public CategoryEmbedding() {
        this(CategoryEmbeddingSpec.DEFAULT);
    }

    public CategoryEmbedding(CategoryEmbeddingSpec s) {
        minCategories = s.minCategories();
        dimensions = s.dimensions();
    }

    @Override
    public String globalInfo() {
        return "Learned embeddings of many-valued nominal attributes (as RealMLP's, Holzmueller et al. 2024): each nominal attribute "
                + "with at least `minCategories' values maps its value to `dimensions' learned numbers instead of a one-hot block; the "
                + "other inputs pass through. It must be the first layer.";
    }

    @Override
    protected CategoryEmbeddingSpec build() {
        return new CategoryEmbeddingSpec(minCategories, dimensions, null);
    }

    @OptionMetadata(displayName = "minCategories", description = "Nominal attributes with at least this many values are embedded (>= 2).",
            commandLineParamName = "min-categories", commandLineParamSynopsis = "-min-categories <n>", displayOrder = 1)
    public int getMinCategories() { return minCategories; }
    public void setMinCategories(int v) { minCategories = v; }

    @OptionMetadata(displayName = "dimensions", description = "Learned values per embedded attribute (>= 1).",
            commandLineParamName = "dimensions", commandLineParamSynopsis = "-dimensions <n>", displayOrder = 2)
    public int getDimensions() { return dimensions; }
    public void setDimensions(int v) { dimensions = v; }
}
