package org.dendrite.core.network;

import java.io.Serializable;
import java.util.List;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.layer.CategoryEmbeddingSpec;
import org.dendrite.core.layer.PeriodicEmbeddingSpec;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;

/**
 * The architecture of a network: its hidden layers, in order, and the number of ensemble
 * {@code members} (1: a single network). The output layer (a linear dense layer as wide as the task
 * needs, initialized small: {@code Initializer.OUTPUT}) is appended when the network is built; the
 * loss supplies the output non-linearity (softmax, sigmoid or none). With k > 1 members the network
 * is a parameter-efficient ensemble (TabM-mini, Gorishniy et al. 2025): a per-member scaling of the
 * input ({@code layer.MemberScaleLayer}), the hidden layers shared by all members, and one output
 * head per member ({@code layer.MemberHeadsLayer}); its loss is the members' mean
 * ({@code loss.MemberMean}). {@code dataInit} sets the hidden layers' starting weights from a sample of
 * the training rows ({@link DataInit}; null means {@link DataInit#NONE}).
 */
public record NetworkSpec(List<LayerSpec> layers, int members, DataInit dataInit) implements Serializable {
    /** Units of the default network's one hidden layer: 0, chosen from the number of training rows ({@code train.SizeRule}). */
    public static final int DEFAULT_UNITS = 0;
    /** The default network's hidden layer (ReLU, He-initialized), also where a hidden layer added in Weka's editor starts. */
    public static final DenseSpec DEFAULT_LAYER = new DenseSpec(DEFAULT_UNITS, new Relu());
    /**
     * The default architecture for tabular data: one hidden layer of ReLU units (He-initialized), as many
     * as {@code train.SizeRule} chooses for the training rows (48 for iris, 256 from about 4,000 rows).
     * Chosen from cross-validated measurements on the study suite, see docs/design.md.
     */
    public static final NetworkSpec DEFAULT = new NetworkSpec(List.of(DEFAULT_LAYER));

    public NetworkSpec {
        org.dendrite.core.check.Check.atLeast("members", members, 1);
        if (layers == null) {
            throw new IllegalArgumentException("A network spec needs a list of layers (it may be empty)");
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) {
                throw new IllegalArgumentException("Layer " + i + " of the network spec is null");
            }
            if (layers.get(i) instanceof CategoryEmbeddingSpec) CategoryEmbeddingSpec.requireFirst(i);
        }
        layers = List.copyOf(layers);
        dataInit = dataInit == null ? DataInit.NONE : dataInit;
    }

    /** A single network (one member), initialized without data. */
    public NetworkSpec(List<LayerSpec> layers) {
        this(layers, 1);
    }

    /** {@code members} members, initialized without data. */
    public NetworkSpec(List<LayerSpec> layers, int members) {
        this(layers, members, DataInit.NONE);
    }

    /** These layers, with this spec's members and initialization. */
    public NetworkSpec withLayers(List<LayerSpec> ls) {
        return new NetworkSpec(ls, members, dataInit);
    }

    /** This spec without dropout: dense layers' dropout 0, dropout layers left out (the overfit check trains without regularization). */
    public NetworkSpec withoutDropout() {
        List<LayerSpec> ls = new java.util.ArrayList<>();
        for (LayerSpec l : layers) {
            if (l instanceof org.dendrite.core.layer.DropoutSpec) continue;
            ls.add(l instanceof org.dendrite.core.layer.DenseSpec d && d.dropout() > 0 ? d.withDropout(0) : l);
        }
        return ls.equals(layers) ? this : withLayers(ls);
    }

    /** True when a layer drops units (a dense layer's dropout, or a dropout layer, above 0): what Monte-Carlo dropout samples. */
    public boolean hasDropout() {
        for (LayerSpec l : layers) {
            if (l instanceof org.dendrite.core.layer.DenseSpec d && d.dropout() > 0) return true;
            if (l instanceof org.dendrite.core.layer.DropoutSpec d && d.rate() > 0) return true;
        }
        return false;
    }

    public NetworkSpec withMembers(int k) {
        return new NetworkSpec(layers, k, dataInit);
    }

    /**
     * This spec told the input's layout, {@code nominalBlocks} (the preprocessor's one-hot blocks) and
     * {@code numeric} (which inputs are numeric columns' values): a category embedding in front learns
     * the blocks it embeds (refused when a spec gives others), a periodic embedding that reads the
     * columns (first, or after a category embedding or scale layer) the numeric inputs it embeds, and
     * one elsewhere all of its inputs ({@link #withEveryInputEmbedded}); inputs a spec names are kept.
     */
    public NetworkSpec withInputs(List<List<Integer>> nominalBlocks, boolean[] numeric) {
        List<LayerSpec> ls = new java.util.ArrayList<>(layers);
        boolean[] kinds = numeric;
        for (int i = 0; i < ls.size(); i++) {
            LayerSpec l = ls.get(i);
            if (i == 0 && l instanceof CategoryEmbeddingSpec c) {
                CategoryEmbeddingSpec resolved = c.resolve(nominalBlocks);
                if (c.blocks() != null && !c.blocks().equals(resolved.blocks())) {
                    throw org.dendrite.core.check.Check.invalid("blocks", "The category embedding's blocks " + c.blocks() + " are not the "
                            + "one-hot blocks of this data's nominal columns of at least " + c.minCategories() + " values " + resolved.blocks()
                            + ": leave blocks out of the spec, training fills them in");
                }
                ls.set(0, resolved);
                // its own values exceeding the budget, the network's do, and the size check refuses it: listing its outputs'
                // kinds took a boolean per output first (dimensions 1e8: an OutOfMemoryError; 2^31 - 1: an integer overflow)
                long own = resolved.stateSize(numeric.length);
                if (own > Integer.MAX_VALUE || (double) Network.TRAINING_BYTES_PER_VALUE * own > org.dendrite.core.data.HeapBudget.bytes()) {
                    return withLayers(ls);
                }
                kinds = resolved.embeddedKinds(kinds);
            } else if (l instanceof PeriodicEmbeddingSpec p) {
                ls.set(i, p.resolve(kinds));
                break;
            } else if (!(l instanceof org.dendrite.core.layer.ScaleSpec)) {
                break;
            }
        }
        NetworkSpec resolved = ls.equals(layers) ? this : withLayers(ls);
        // a spec whose training would not fit the memory (stacked embeddings, each tripling the width) is left for the size check
        // before training (Network.requireFits) to refuse on the same budget: listing its inputs took the heap first (an
        // OutOfMemoryError). A model file's spec is bounded by the values the file holds before its inputs are listed.
        if ((double) Network.TRAINING_BYTES_PER_VALUE * Network.stateSize(resolved, numeric.length, 1) > org.dendrite.core.data.HeapBudget.bytes()) {
            return resolved;
        }
        return resolved.withEveryInputEmbedded(numeric.length);
    }

    /**
     * This spec with each periodic embedding that does not name its inputs embedding all of them, their
     * indices listed, for {@code inputWidth} inputs to the network: what such a layer means after a
     * dense layer, and what it meant in a model file written before the inputs existed (format
     * version 4 and older), so that a trained model always lists them.
     */
    public NetworkSpec withEveryInputEmbedded(int inputWidth) {
        List<LayerSpec> ls = new java.util.ArrayList<>(layers);
        int[] widths = widths(inputWidth);
        for (int i = 0; i < ls.size(); i++) {
            if (ls.get(i) instanceof PeriodicEmbeddingSpec p && p.inputs() == null) {
                boolean[] all = new boolean[widths[i]];
                java.util.Arrays.fill(all, true);
                ls.set(i, p.resolve(all));
            }
        }
        return ls.equals(layers) ? this : withLayers(ls);
    }

    /**
     * Each layer's input width for {@code inputWidth} inputs to the network, then the width after the
     * last layer (the output layer's input); an ArithmeticException where a width exceeds an int.
     */
    public int[] widths(int inputWidth) {
        int[] w = new int[layers.size() + 1];
        w[0] = inputWidth;
        for (int i = 0; i < layers.size(); i++) w[i + 1] = layers.get(i).outputWidth(w[i]);
        return w;
    }

    /**
     * This spec with what the data resolved left to the data again (a category embedding's blocks, a
     * periodic embedding's inputs): they come from the training rows' preprocessing (a missing-indicator
     * input exists only where a column had missing values), so a configuration given again (a
     * cross-validation fold's rows) must not carry another's.
     */
    public NetworkSpec withInputsUnresolved() {
        List<LayerSpec> ls = new java.util.ArrayList<>(layers);
        for (int i = 0; i < ls.size(); i++) {
            if (ls.get(i) instanceof CategoryEmbeddingSpec c && c.blocks() != null) ls.set(i, new CategoryEmbeddingSpec(c.minCategories(), c.dimensions(), null));
            if (ls.get(i) instanceof PeriodicEmbeddingSpec p) ls.set(i, p.unresolved());
        }
        return ls.equals(layers) ? this : withLayers(ls);
    }

    public NetworkSpec withDataInit(DataInit d) {
        return new NetworkSpec(layers, members, d);
    }
}
