package org.dendrite.core.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;

/**
 * Learned embeddings of many-valued nominal inputs, in place of their wide one-hot blocks (as
 * RealMLP embeds categories of more than 9 values in 8 dimensions; Holzmüller et al. 2024): each
 * nominal column of at least {@code minCategories} values maps its category to {@code dimensions}
 * learned values, started N(0, 1); every other input passes through. It must be the network's
 * first layer, since it reads the preprocessor's one-hot blocks.
 *
 * <p>{@code blocks} are the embedded one-hot blocks of the input, each {@code [start, size]} in
 * input order; null until training knows the columns ({@link #resolve}), as a dense layer of 0 units
 * waits for the rows. A model file stores them resolved.
 */
public record CategoryEmbeddingSpec(int minCategories, int dimensions, List<List<Integer>> blocks) implements LayerSpec {
    public static final CategoryEmbeddingSpec DEFAULT = new CategoryEmbeddingSpec(10, 8, null);

    public CategoryEmbeddingSpec {
        Check.atLeast("minCategories", minCategories, 2);
        Check.atLeast("dimensions", dimensions, 1);
        if (blocks != null) {
            long end = 0;
            for (int i = 0; i < blocks.size(); i++) {
                List<Integer> b = blocks.get(i);
                if (b == null || b.size() != 2 || b.get(0) == null || b.get(1) == null || b.get(0) < end || b.get(1) < 1) {
                    throw Check.invalid("blocks", "Block " + i + " of a category embedding is " + b + "; each block is [start, size] "
                            + "with size >= 1, in input order, not overlapping the one before");
                }
                end = (long) b.get(0) + b.get(1);
            }
            blocks = List.copyOf(blocks.stream().map(List::copyOf).toList());
        }
    }

    @Override public String type() { return "category_embedding"; }

    /** This spec for an input whose nominal one-hot blocks are {@code nominalBlocks} ([start, size] each, in order): those of at least minCategories values. */
    public CategoryEmbeddingSpec resolve(List<List<Integer>> nominalBlocks) {
        List<List<Integer>> chosen = new ArrayList<>();
        for (List<Integer> b : nominalBlocks) {
            if (b.get(1) >= minCategories) chosen.add(b);
        }
        return new CategoryEmbeddingSpec(minCategories, dimensions, chosen);
    }

    /**
     * Which of this layer's outputs pass a numeric input through, given which of its inputs are
     * numeric ({@code numeric}): each embedded block becomes {@code dimensions} learned values in its
     * place (not numeric inputs), every other input keeps its place in order.
     */
    public boolean[] embeddedKinds(boolean[] numeric) {
        List<List<Integer>> bs = requireBlocks(numeric.length);
        boolean[] out = new boolean[outputWidth(numeric.length)];
        int o = 0, b = 0;
        for (int i = 0; i < numeric.length; ) {
            if (b < bs.size() && i == bs.get(b).get(0)) {
                o += dimensions;
                i += bs.get(b++).get(1);
            } else {
                out[o++] = numeric[i++];
            }
        }
        return out;
    }

    private List<List<Integer>> requireBlocks(int inputWidth) {
        if (blocks == null) {
            throw new IllegalStateException("A category embedding must learn the input's nominal columns (resolve) before it is built");
        }
        for (List<Integer> b : blocks) {
            if ((long) b.get(0) + b.get(1) > inputWidth) {
                throw new IllegalArgumentException("The category embedding's block " + b + " ends beyond the " + inputWidth + " inputs");
            }
        }
        return blocks;
    }

    @Override
    public int outputWidth(int inputWidth) {
        int w = inputWidth;
        for (List<Integer> b : requireBlocks(inputWidth)) w = Math.addExact(w - b.get(1), dimensions);
        return w;
    }

    @Override
    public long stateSize(int inputWidth) {
        long n = 0;
        for (List<Integer> b : requireBlocks(inputWidth)) n = Math.addExact(n, Math.multiplyExact((long) b.get(1), dimensions));
        return n;
    }

    /** Refuses a category embedding at layer {@code index} (0-based) other than the first: it reads the input's one-hot blocks. */
    public static void requireFirst(int index) {
        if (index != 0) {
            throw Check.invalid("category_embedding", "A category embedding reads the input's one-hot blocks, so it must be the first "
                    + "layer; it is layer " + (index + 1));
        }
    }

    @Override
    public List<Layer> build(int inputWidth, RandomGenerator rng, int index) {
        requireFirst(index);
        return List.of(new CategoryEmbeddingLayer(inputWidth, requireBlocks(inputWidth), dimensions, rng, index + "."));
    }
}
