package org.dendrite.weka.layer;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.weka.NestedOption;

/**
 * A hidden layer as a Weka option object, e.g. {@code -layer "org.dendrite.weka.layer.Dense -units 64"};
 * the classifier holds an array of them (edited with Weka's GenericArrayEditor).
 */
public abstract class LayerOption extends NestedOption<LayerSpec> {
    private static final long serialVersionUID = 1L;

    /** The Weka option object for a core layer spec. */
    public static LayerOption of(LayerSpec s) {
        if (s instanceof DenseSpec d) return new Dense(d);
        if (s instanceof org.dendrite.core.layer.PeriodicEmbeddingSpec p) return new PeriodicEmbedding(p);
        if (s instanceof org.dendrite.core.layer.ScaleSpec c) return new Scale(c);
        if (s instanceof org.dendrite.core.layer.CategoryEmbeddingSpec e) return new CategoryEmbedding(e);
        throw unsupported(s);
    }

    /** The option objects of a network's hidden layers. */
    public static LayerOption[] of(NetworkSpec network) {
        List<LayerOption> out = new ArrayList<>();
        for (LayerSpec s : network.layers()) out.add(of(s));
        return out.toArray(new LayerOption[0]);
    }

    /** One of each, with the core's defaults. */
    public static List<LayerOption> all() {
        return new ArrayList<>(List.of(new Dense(), new PeriodicEmbedding(), new Scale(), new CategoryEmbedding()));
    }
}
