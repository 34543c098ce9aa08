package org.dendrite.core.train;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.network.Network;

/**
 * The parameters of a warm start's frozen layers and the values they keep: every trainer restores
 * them after each optimizer step (TrainingRun, Spark's synchronous mode).
 */
public final class FrozenParameters {
    /** Nothing frozen. */
    public static final FrozenParameters NONE = new FrozenParameters(List.of());

    private final List<Parameter> parameters;
    private final List<float[]> values = new ArrayList<>();

    private FrozenParameters(List<Parameter> parameters) {
        this.parameters = parameters;
        for (Parameter p : parameters) values.add(p.value().clone());
    }

    /** The parameters of the first {@code layers} layers of {@code network} that have any, with their current values. */
    public static FrozenParameters of(Network network, int layers) {
        List<Parameter> out = new ArrayList<>();
        int seen = 0;
        for (Layer l : network.layers()) {
            if (!l.parameters().isEmpty() && seen++ < layers) out.addAll(l.parameters());
        }
        return new FrozenParameters(out);
    }

    /** Writes the kept values back (after an optimizer step moved them). */
    public void restore() {
        for (int k = 0; k < parameters.size(); k++) {
            System.arraycopy(values.get(k), 0, parameters.get(k).value(), 0, values.get(k).length);
        }
    }
}
