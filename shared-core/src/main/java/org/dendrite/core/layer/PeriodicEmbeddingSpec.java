package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;

/**
 * Periodic embeddings of the numeric inputs (Gorishniy, Rubachev and Babenko, "On Embeddings for
 * Numerical Features in Tabular Deep Learning", NeurIPS 2022), in RealMLP's "PBLD" form (Holzmueller
 * et al., "Better by Default", NeurIPS 2024): each embedded input x_j becomes {@code dimensions}
 * learned values {@code cos(2 pi w_j x_j + b_j) W_j + c_j} from {@code frequencies} periodic features;
 * then every input follows as it is, so a feature can be used both smoothly and through the periodic
 * basis. Frequencies start N(0, sigma^2) (small: the embedding starts nearly linear), phases
 * U(-pi, pi), the linear maps U(+-1/sqrt(frequencies)). Output width: embedded x dimensions + inputs.
 *
 * <p>{@code inputs} are the embedded inputs' indices, increasing; null embeds every input. Training
 * fills them in ({@link #resolve}) where the layer reads the preprocessed columns (first, or after a
 * category embedding or scale layer): the numeric columns' values, as RealMLP embeds numeric features
 * only (a one-hot indicator or a missing-value indicator holds two values, which the periodic basis
 * adds nothing to but weights). A model file lists them; files written before they existed, and a
 * layer after a dense layer, embed every input.
 */
public record PeriodicEmbeddingSpec(int frequencies, int dimensions, double sigma, List<Integer> inputs) implements LayerSpec {
    public static final PeriodicEmbeddingSpec DEFAULT = new PeriodicEmbeddingSpec(16, 3, 0.1);

    public PeriodicEmbeddingSpec {
        Check.atLeast("frequencies", frequencies, 1);
        Check.atLeast("dimensions", dimensions, 1);
        Check.positive("sigma", sigma);
        if (inputs != null) {
            for (int i = 0; i < inputs.size(); i++) {
                Integer v = inputs.get(i);
                if (v == null || v < 0 || (i > 0 && v <= inputs.get(i - 1))) {
                    throw Check.invalid("inputs", "The periodic embedding's inputs " + inputs + " are not increasing input indices >= 0");
                }
            }
            inputs = List.copyOf(inputs);
        }
    }

    /** Embeds every input, or the numeric ones where training resolves them. */
    public PeriodicEmbeddingSpec(int frequencies, int dimensions, double sigma) {
        this(frequencies, dimensions, sigma, null);
    }

    @Override public String type() { return "periodic_embedding"; }

    /** This spec embedding the inputs {@code numeric} marks, unless it names its inputs already. */
    public PeriodicEmbeddingSpec resolve(boolean[] numeric) {
        if (inputs != null) return this;
        List<Integer> chosen = new java.util.ArrayList<>();
        for (int j = 0; j < numeric.length; j++) if (numeric[j]) chosen.add(j);
        return new PeriodicEmbeddingSpec(frequencies, dimensions, sigma, chosen);
    }

    /** This spec with its inputs left to the data again (another fold's preprocessing may lay them out otherwise). */
    public PeriodicEmbeddingSpec unresolved() {
        return inputs == null ? this : new PeriodicEmbeddingSpec(frequencies, dimensions, sigma, null);
    }

    /** The embedded inputs' indices for {@code inputWidth} inputs, checked to lie within them. */
    int[] embedded(int inputWidth) {
        if (inputs == null) return java.util.stream.IntStream.range(0, inputWidth).toArray();
        if (!inputs.isEmpty() && inputs.get(inputs.size() - 1) >= inputWidth) {
            throw new IllegalArgumentException("The periodic embedding's input " + inputs.get(inputs.size() - 1) + " is beyond the "
                    + inputWidth + " inputs");
        }
        return inputs.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * How many inputs of {@code inputWidth} are embedded, checked as {@link #embedded} checks them, without
     * making their list (a width of 10^9, from stacked embeddings in a file, is refused by its size).
     */
    private int embeddedCount(int inputWidth) {
        return inputs == null ? inputWidth : embedded(inputWidth).length;
    }

    @Override
    public int outputWidth(int inputWidth) {
        return Math.addExact(Math.multiplyExact(embeddedCount(inputWidth), dimensions), inputWidth);
    }

    @Override
    public long stateSize(int inputWidth) {
        // frequencies and phases (F each), the linear map (F x m) and its bias (m), per embedded input
        return Math.multiplyExact((long) embeddedCount(inputWidth), Math.addExact(Math.multiplyExact(2L + dimensions, frequencies), dimensions));
    }

    /** cos and sin of every periodic feature of every embedded input: 2 x embedded x frequencies a row, in two arrays. */
    @Override
    public long keptPerRow(int inputWidth) {
        return Math.multiplyExact(2L * embeddedCount(inputWidth), frequencies);
    }

    @Override
    public int keptArrays() {
        return 2;
    }

    @Override
    public List<Layer> build(int inputWidth, RandomGenerator rng, int index) {
        return List.of(new PeriodicEmbeddingLayer(this, inputWidth, embedded(inputWidth), rng, index + "."));
    }
}
