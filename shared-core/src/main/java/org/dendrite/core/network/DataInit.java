package org.dendrite.core.network;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.DenseLayer;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.tensor.Matrix;

/**
 * Data-dependent initialization of the hidden dense layers, from a sample of training rows, before
 * the first step (the output layer keeps its small random start, so an untrained classifier still
 * predicts about uniformly). Layers are set in order, each on the sample as it reaches that layer
 * through the layers already set.
 *
 * <ul>
 *   <li>{@link #NONE}: the initializers' values (biases at 0).</li>
 *   <li>{@link #BIASES}: each unit's bias makes its pre-activation zero at a random point of the data:
 *       a convex combination of {@value #HULL_POINTS} random sample rows, with weights drawn from
 *       Exp(1) and normalized (RealMLP's "he+5", Holzmüller et al. 2024), so every ReLU's kink
 *       crosses the data instead of passing through the origin of the scaled inputs.</li>
 *   <li>{@link #SCALED}: first each unit's weights are divided by the standard deviation of its
 *       pre-activation over the sample (unit variance per unit, as RealMLP's "std" weights and
 *       one pass of LSUV, Mishkin and Matas 2016), then the biases as in {@link #BIASES}.</li>
 * </ul>
 */
public enum DataInit {
    NONE, BIASES, SCALED;

    /** How many sample rows a bias's point combines. */
    public static final int HULL_POINTS = 5;
    /** The most training rows drawn for the sample (standard deviations within about 2%). */
    public static final int SAMPLE_ROWS = 2048;

    /** The lower-case name used in options, params and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code name} (none, biases, scaled; case-insensitive), or an error naming the option. */
    public static DataInit named(String name) {
        for (DataInit d : values()) {
            if (d.name().equalsIgnoreCase(name == null ? "" : name.trim())) return d;
        }
        throw Check.invalid("dataInit", "Invalid dataInit: " + name + " (allowed: none, biases, scaled)");
    }

    /**
     * Sets {@code network}'s hidden dense layers from {@code sample} (preprocessed training rows, at
     * least 1), drawing the rows of each bias's point from {@code rng}. Nothing happens for {@link #NONE}.
     */
    public void apply(Network network, Matrix sample, RandomGenerator rng) {
        if (this == NONE) return;
        if (sample.rows() < 1) {
            // with no input columns every pre-activation is its bias at every row: nothing to place
            if (network.inputWidth() == 0) return;
            throw new IllegalArgumentException("Data-dependent initialization needs at least 1 training row");
        }
        List<Layer> layers = network.layers();
        Matrix x = sample;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (i < layers.size() - 1 && l instanceof DenseLayer d) {
                if (this == SCALED) {
                    unitScale(d, d.forward(x, false, null));
                }
                if (d.bias() != null) {
                    throughData(d, d.forward(x, false, null), rng);
                }
            }
            x = l.forward(x, false, null);
        }
    }

    /** Divides each unit's weights by the standard deviation of its pre-activation {@code y} (a constant unit is left alone). */
    private static void unitScale(DenseLayer d, Matrix y) {
        int n = y.rows(), out = y.cols();
        float[] w = d.weight().value();
        for (int j = 0; j < out; j++) {
            double sum = 0, sq = 0;
            for (int r = 0; r < n; r++) {
                double v = y.data()[r * out + j];
                sum += v;
                sq += v * v;
            }
            double mean = sum / n;
            double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
            if (sd > 1e-6) {
                for (int i = 0; i < d.inputWidth(); i++) w[i * out + j] = (float) (w[i * out + j] / sd);
            }
        }
    }

    /** Moves each unit's bias so that its pre-activation ({@code y}, with the current bias) is 0 at a random convex combination of rows. */
    private static void throughData(DenseLayer d, Matrix y, RandomGenerator rng) {
        int n = y.rows(), out = y.cols();
        float[] b = d.bias().value();
        for (int j = 0; j < out; j++) {
            double total = 0, point = 0;
            for (int k = 0; k < HULL_POINTS; k++) {
                int r = rng.nextInt(n);
                double weight = -Math.log(1 - rng.nextDouble());
                total += weight;
                point += weight * y.data()[r * out + j];
            }
            b[j] = (float) (b[j] - point / total);
        }
    }
}
