package org.dendrite.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.activation.Activation;
import org.dendrite.core.activation.Activations;
import org.dendrite.core.activation.PRelu;
import org.dendrite.core.activation.RRelu;
import org.dendrite.core.layer.ActivationSpec;
import org.dendrite.core.layer.BatchNormSpec;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.DropoutSpec;
import org.dendrite.core.layer.LayerNormSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.layer.Parameter;
import org.junit.jupiter.api.Test;

/** The values a spec declares without building (what a model reader checks first) equal what building allocates. */
class StateSizeTest {
    private static long built(Network net) {
        long n = 0;
        for (Parameter p : net.parameters()) n += p.size();
        for (float[] b : net.buffers().values()) n += b.length;
        return n;
    }

    @Test
    void everyLayerTypeDeclaresWhatItBuilds() {
        List<Activation> activations = new ArrayList<>(Activations.ALL);
        activations.add(new PRelu(0.25f, true));
        activations.add(new PRelu(0.25f, false));
        activations.add(new RRelu());
        List<LayerSpec> layers = new ArrayList<>();
        for (Activation a : activations) {
            for (DenseSpec.BatchNorm bn : DenseSpec.BatchNorm.values()) {
                for (boolean bias : new boolean[] {true, false}) {
                    layers.add(new DenseSpec(5, a, null, bias, bn, 0.2));
                }
            }
            layers.add(new ActivationSpec(a));
        }
        layers.add(new BatchNormSpec());
        layers.add(new LayerNormSpec());
        layers.add(new DropoutSpec(0.3));
        for (LayerSpec s : layers) {
            for (int in : new int[] {0, 1, 7}) {
                NetworkSpec spec = new NetworkSpec(List.of(s));
                assertEquals(built(Network.build(spec, in, 3, 1)), Network.stateSize(spec, in, 3), s + " on " + in + " inputs");
            }
        }
        NetworkSpec all = new NetworkSpec(layers);
        assertEquals(built(Network.build(all, 4, 2, 1)), Network.stateSize(all, 4, 2), "all layers stacked");
    }

    @Test
    void overflowIsReportedAsLongMax() {
        NetworkSpec huge = new NetworkSpec(List.of(new DenseSpec(Integer.MAX_VALUE, new org.dendrite.core.activation.Relu()),
                new DenseSpec(Integer.MAX_VALUE, new org.dendrite.core.activation.Relu()), new DenseSpec(Integer.MAX_VALUE,
                        new org.dendrite.core.activation.Relu())));
        assertEquals(Long.MAX_VALUE, Network.stateSize(huge, Integer.MAX_VALUE, Integer.MAX_VALUE));
    }
}
