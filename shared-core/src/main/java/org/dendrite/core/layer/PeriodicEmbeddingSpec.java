package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;

/**
 * Periodic embeddings of the inputs (Gorishniy, Rubachev and Babenko, "On Embeddings for
 * Numerical Features in Tabular Deep Learning", NeurIPS 2022), in RealMLP's "PBLD" form (Holzmueller
 * et al., "Better by Default", NeurIPS 2024): each input x_j becomes {@code dimensions} learned values
 * {@code cos(2 pi w_j x_j + b_j) W_j + c_j} from {@code frequencies} periodic features, followed by
 * x_j itself, so a feature can be used both smoothly and through the periodic basis. Frequencies start
 * N(0, sigma^2) (small: the embedding starts nearly linear), phases U(-pi, pi), the linear maps
 * U(+-1/sqrt(frequencies)). Output width: inputs x (dimensions + 1).
 */
public record PeriodicEmbeddingSpec(int frequencies, int dimensions, double sigma) implements LayerSpec {
    public static final PeriodicEmbeddingSpec DEFAULT = new PeriodicEmbeddingSpec(16, 3, 0.1);

    public PeriodicEmbeddingSpec {
        Check.atLeast("frequencies", frequencies, 1);
        Check.atLeast("dimensions", dimensions, 1);
        Check.positive("sigma", sigma);
    }

    @Override public String type() { return "periodic_embedding"; }

    @Override
    public int outputWidth(int inputWidth) {
        return Math.multiplyExact(inputWidth, dimensions + 1);
    }

    @Override
    public long stateSize(int inputWidth) {
        // frequencies and phases (F each), the linear map (F x m) and its bias (m), per input
        return Math.multiplyExact((long) inputWidth, Math.addExact(Math.multiplyExact(2L + dimensions, frequencies), dimensions));
    }

    /** cos and sin of every periodic feature of every input: 2 x inputs x frequencies a row, in two arrays. */
    @Override
    public long keptPerRow(int inputWidth) {
        return Math.multiplyExact(2L * inputWidth, frequencies);
    }

    @Override
    public int keptArrays() {
        return 2;
    }

    @Override
    public List<Layer> build(int inputWidth, RandomGenerator rng, int index) {
        return List.of(new PeriodicEmbeddingLayer(this, inputWidth, rng, index + "."));
    }
}
