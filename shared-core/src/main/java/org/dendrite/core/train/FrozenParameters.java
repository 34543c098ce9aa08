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
    public static final FrozenParameters NONE = new FrozenParameters(0, List.of(), null);

    private final int layers;
    private final List<Parameter> parameters;
    private final List<float[]> values = new ArrayList<>();

    private FrozenParameters(int layers, List<Parameter> parameters, List<float[]> values) {
        this.layers = layers;
        this.parameters = parameters;
        for (int k = 0; k < parameters.size(); k++) {
            float[] v = values == null ? parameters.get(k).value() : values.get(k);
            if (v.length != parameters.get(k).size()) {
                throw new IllegalArgumentException("Frozen parameter " + parameters.get(k).name() + " has " + parameters.get(k).size()
                        + " values; " + v.length + " were kept");
            }
            this.values.add(v.clone());
        }
    }

    /** The parameters of the first {@code layers} layers of {@code network} that have any, with their current values. */
    public static FrozenParameters of(Network network, int layers) {
        return of(network, layers, null);
    }

    /** The same with kept {@code values} (one array per parameter, in order; null = the current values), as a checkpoint restores them. */
    public static FrozenParameters of(Network network, int layers, List<float[]> values) {
        List<Parameter> out = new ArrayList<>();
        int seen = 0;
        for (Layer l : network.layers()) {
            if (!l.parameters().isEmpty() && seen++ < layers) out.addAll(l.parameters());
        }
        if (values != null && values.size() != out.size()) {
            throw new IllegalArgumentException("The first " + layers + " layers with weights have " + out.size() + " parameters; "
                    + values.size() + " were kept");
        }
        return new FrozenParameters(layers, out, values);
    }

    /** Whether {@code p} is one of the frozen parameters (pruning leaves them as they are). */
    public boolean contains(Parameter p) {
        for (Parameter q : parameters) if (q == p) return true;
        return false;
    }

    /** How many layers with weights are frozen. */
    public int layers() {
        return layers;
    }

    /** The kept values, one array per frozen parameter (copies). */
    public List<float[]> values() {
        List<float[]> out = new ArrayList<>();
        for (float[] v : values) out.add(v.clone());
        return out;
    }

    /** Zeroes the frozen parameters' gradients (they do not move, so gradient clipping's norm leaves them out, as PyTorch's). */
    public void zeroGradients() {
        for (Parameter p : parameters) java.util.Arrays.fill(p.grad(), 0f);
    }

    /** Writes the kept values back (after an optimizer step moved them). */
    public void restore() {
        for (int k = 0; k < parameters.size(); k++) {
            System.arraycopy(values.get(k), 0, parameters.get(k).value(), 0, values.get(k).length);
        }
    }
}
