package org.dendrite.weka.layer;

import org.dendrite.core.activation.Activation;
import org.dendrite.core.activation.Activations;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.init.Initializers;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.DenseSpec.BatchNorm;
import org.dendrite.core.network.NetworkSpec;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;
import weka.core.Tag;

/** Options of {@link DenseSpec}: a fully connected hidden layer. */
public class Dense extends LayerOption {
    private static final long serialVersionUID = 1L;
    /** The initializer tag that leaves the choice to the activation (null in the spec). */
    private static final String DEFAULT_INITIALIZER = "default";

    private int units;
    private String activation, initializer;
    private BatchNorm batchNorm;
    private double dropout;

    public Dense() {
        this(NetworkSpec.DEFAULT_LAYER);
    }

    public Dense(DenseSpec s) {
        units = s.units();
        activation = s.activation().name();
        initializer = s.initializer() == null ? DEFAULT_INITIALIZER : s.initializer().name();
        batchNorm = s.batchNorm();
        dropout = s.dropout();
        if (!build().equals(s)) {
            throw unsupported(s); // a parameterized activation or initializer, or no bias: not expressible by these options
        }
    }

    @Override
    public String globalInfo() {
        return "A fully connected layer: y = activation(W x + b), optionally with batch normalization (Ioffe and Szegedy 2015) "
                + "before or after the activation and dropout (Srivastava et al. 2014; alpha dropout for SELU) after everything.";
    }

    @Override
    protected DenseSpec build() {
        Initializer init = initializer.equals(DEFAULT_INITIALIZER) ? null : Initializers.byName(initializer);
        return new DenseSpec(units, Activations.byName(activation), init, true, batchNorm, dropout);
    }

    @OptionMetadata(displayName = "units", description = "Number of units (>= 1), or 0: chosen from the number of training rows (48 to 256).",
            commandLineParamName = "units", commandLineParamSynopsis = "-units <n>", displayOrder = 1)
    public int getUnits() { return units; }
    public void setUnits(int v) { units = v; }

    @OptionMetadata(displayName = "activation", description = "The activation function.",
            commandLineParamName = "activation", commandLineParamSynopsis = "-activation <name>", displayOrder = 2)
    public SelectedTag getActivation() {
        String[] names = Activations.ALL.stream().map(Activation::name).toArray(String[]::new);
        return select(activation, names);
    }
    public void setActivation(SelectedTag v) { activation = v.getSelectedTag().getReadable(); }

    @OptionMetadata(displayName = "initializer", description = "Weight initializer; default: He for the ReLU family, LeCun for SELU, "
            + "Glorot otherwise.", commandLineParamName = "initializer", commandLineParamSynopsis = "-initializer <name>", displayOrder = 3)
    public SelectedTag getInitializer() {
        String[] names = java.util.stream.Stream.concat(java.util.stream.Stream.of(DEFAULT_INITIALIZER),
                Initializers.ALL.stream().map(Initializer::name)).toArray(String[]::new);
        return select(initializer, names);
    }
    public void setInitializer(SelectedTag v) { initializer = v.getSelectedTag().getReadable(); }

    @OptionMetadata(displayName = "batch norm", description = "Batch normalization: none, before_activation or after_activation.",
            commandLineParamName = "batch-norm", commandLineParamSynopsis = "-batch-norm <none|before_activation|after_activation>",
            displayOrder = 4)
    public SelectedTag getBatchNorm() { return tag(batchNorm); }
    public void setBatchNorm(SelectedTag v) { batchNorm = value(v, BatchNorm.class); }

    @OptionMetadata(displayName = "dropout", description = "Dropout rate after the layer, 0 <= dropout < 1 (0: none).",
            commandLineParamName = "dropout", commandLineParamSynopsis = "-dropout <rate>", displayOrder = 5)
    public double getDropout() { return dropout; }
    public void setDropout(double v) { dropout = v; }

    private static SelectedTag select(String value, String[] names) {
        Tag[] tags = new Tag[names.length];
        for (int i = 0; i < names.length; i++) tags[i] = new Tag(i, names[i]);
        return new SelectedTag(value, tags);
    }
}
