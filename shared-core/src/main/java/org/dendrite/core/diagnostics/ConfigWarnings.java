package org.dendrite.core.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.activation.Activation;
import org.dendrite.core.activation.Selu;
import org.dendrite.core.activation.Sigmoid;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.layer.ActivationSpec;
import org.dendrite.core.layer.BatchNormSpec;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.DropoutSpec;
import org.dendrite.core.layer.LayerNormSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.network.NetworkSpec;

/** The configuration sanity checks that the Georgia Tech CS 4803/7643 Deep Learning lecture on optimization (Zsolt Kira) recommends, as plain-language warnings (training still runs). */
public final class ConfigWarnings {
    /** Saturating hidden layers beyond this depth without normalization get a vanishing-gradient warning. */
    public static final int MAX_SATURATING_DEPTH = 3;

    private ConfigWarnings() {}

    /** Warnings for a network spec trained with {@code standardizedInputs}, {@code batchSize} (0: none, a full-batch optimizer) on {@code rows} rows. */
    public static List<String> check(NetworkSpec spec, boolean standardizedInputs, int batchSize, long rows) {
        List<String> w = new ArrayList<>();
        // dropout feeding a later batch norm: the variance shift of Li et al. 2019 (dropout after the last one is their remedy)
        boolean dropout = false, normalized = false, dropoutBeforeBatchNorm = false;
        int saturating = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            Activation act = null;
            if (l instanceof DenseSpec d) {
                act = d.activation();
                // the layer's own batch norm comes before its dropout
                dropoutBeforeBatchNorm |= dropout && d.batchNorm() != DenseSpec.BatchNorm.NONE;
                normalized |= d.batchNorm() != DenseSpec.BatchNorm.NONE;
                dropout |= d.dropout() > 0;
                Initializer init = d.effectiveInitializer();
                if (init.isDegenerate()) {
                    w.add("Layer " + i + " initializes its weights with the constant initializer '" + init.name()
                            + "': every unit computes the same thing and learns the same thing (no symmetry breaking). Use a random initializer.");
                }
                if (d.activation() instanceof Selu && d.initializer() != null && !d.initializer().name().startsWith("lecun")) {
                    w.add("Layer " + i + " uses SELU with the " + d.initializer().name()
                            + " initializer; SELU is self-normalizing only with LeCun-normal initialization.");
                }
            } else if (l instanceof ActivationSpec a) {
                act = a.activation();
            } else if (l instanceof BatchNormSpec) {
                dropoutBeforeBatchNorm |= dropout;
                normalized = true;
            } else if (l instanceof LayerNormSpec) {
                normalized = true;
            } else if (l instanceof DropoutSpec ds) {
                dropout |= ds.rate() > 0;
            }
            if (act instanceof Selu && !standardizedInputs) {
                w.add("Layer " + i + " uses SELU but the inputs are not standardized; SELU self-normalizes only from standardized inputs.");
            }
            if (act instanceof Sigmoid || act instanceof Tanh) {
                saturating++;
            }
        }
        if (dropoutBeforeBatchNorm) {
            w.add("The network combines batch normalization with dropout before it: dropout shifts the variance batch norm learned in training "
                    + "(Li et al. 2019); prefer one of them, or dropout only after the last batch-norm layer.");
        }
        if (saturating > MAX_SATURATING_DEPTH && !normalized) {
            w.add("The network stacks " + saturating + " sigmoid/tanh layers without normalization: expect vanishing gradients. "
                    + "Use ReLU-family activations or batch normalization.");
        }
        if (spec.dataInit() != org.dendrite.core.network.DataInit.NONE && spec.layers().stream().noneMatch(DenseSpec.class::isInstance)) {
            // it sets the hidden dense layers only (the output layer keeps its small random start): with none it did nothing, silently
            w.add("Data-dependent initialization (dataInit " + spec.dataInit().label() + ") sets the hidden dense layers, and this network has "
                    + "none: it changes nothing.");
        }
        // an epoch of one step, whatever the reason: a batch at least as large as the rows, or a remainder of less than half a
        // batch joining the only full one (Batches.count: 47 rows in batches of 32 are one batch of 47)
        if (rows > 0 && batchSize > 0 && org.dendrite.core.data.Batches.count(rows, batchSize) == 1) {
            w.add("The batch size " + batchSize + (batchSize > rows ? " is larger than the " + rows + " training rows"
                    : batchSize == rows ? " is the " + rows + " training rows"
                    : " leaves " + (rows - batchSize) + " of the " + rows + " training rows over, less than half a batch, and such a remainder "
                    + "joins the last batch") + ": each epoch is one step on all the rows, full-batch gradient descent.");
        }
        return w;
    }
}
