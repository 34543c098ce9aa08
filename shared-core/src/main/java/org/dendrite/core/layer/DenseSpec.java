package org.dendrite.core.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.activation.Activation;
import org.dendrite.core.activation.Identity;
import org.dendrite.core.activation.Selu;
import org.dendrite.core.check.Check;
import org.dendrite.core.init.Initializer;

/**
 * A fully connected layer of {@code units} followed by {@code activation}, optionally with batch
 * normalization before or after the activation and dropout after everything. A null initializer
 * means the activation's default: He for the ReLU family, LeCun for SELU, Glorot otherwise. For a
 * SELU layer dropout is alpha dropout.
 */
public record DenseSpec(int units, Activation activation, Initializer initializer, boolean bias, BatchNorm batchNorm, double dropout)
        implements LayerSpec {

    /** Where batch normalization goes relative to the activation. */
    public enum BatchNorm { NONE, BEFORE_ACTIVATION, AFTER_ACTIVATION }

    public DenseSpec {
        if (units < 0) {
            throw Check.invalid("units", "A dense layer needs at least 1 unit (or 0: chosen from the number of training rows), got " + units);
        }
        if (activation == null) {
            throw Check.invalid("activation", "A dense layer needs an activation (use identity for a linear layer)");
        }
        if (batchNorm == null) {
            batchNorm = BatchNorm.NONE;
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw Check.invalid("dropout", "Dropout rate of a dense layer must be in [0, 1), got " + dropout);
        }
    }

    public DenseSpec(int units, Activation activation, Initializer initializer, boolean bias) {
        this(units, activation, initializer, bias, BatchNorm.NONE, 0);
    }

    public DenseSpec(int units, Activation activation) {
        this(units, activation, null, true);
    }

    /** This layer with {@code n} units. */
    public DenseSpec withUnits(int n) {
        return new DenseSpec(n, activation, initializer, bias, batchNorm, dropout);
    }

    /** This layer with dropout rate {@code rate}. */
    public DenseSpec withDropout(double rate) {
        return new DenseSpec(units, activation, initializer, bias, batchNorm, rate);
    }

    /** The initializer in force: the one given, or the activation's default. */
    public Initializer effectiveInitializer() {
        return initializer != null ? initializer : activation.defaultInitializer();
    }

    @Override public String type() { return "dense"; }

    @Override
    public int outputWidth(int inputWidth) {
        requireUnits();
        return units;
    }

    /** A layer of 0 units ("chosen from the data") is built only once its units are chosen ({@code train.SizeRule}). */
    private void requireUnits() {
        if (units == 0) {
            throw new IllegalStateException("A dense layer of 0 units (chosen from the data) must be resolved before it is built");
        }
    }

    @Override
    public long stateSize(int inputWidth) {
        boolean useBias = bias && batchNorm != BatchNorm.BEFORE_ACTIVATION;
        long n = Math.multiplyExact((long) inputWidth, units) + (useBias ? units : 0);
        if (batchNorm != BatchNorm.NONE) {
            n = Math.addExact(n, 4L * units); // gamma, beta, running mean and variance
        }
        return Math.addExact(n, activation.stateSize(units));
    }

    @Override
    public List<Layer> build(int inputWidth, RandomGenerator rng, int index) {
        requireUnits();
        List<Layer> layers = new ArrayList<>(4);
        String prefix = index + ".";
        // with batch norm right after, a bias would be cancelled by the mean subtraction
        boolean useBias = bias && batchNorm != BatchNorm.BEFORE_ACTIVATION;
        layers.add(new DenseLayer(inputWidth, units, useBias, effectiveInitializer(), rng, prefix));
        if (batchNorm == BatchNorm.BEFORE_ACTIVATION) {
            layers.add(new BatchNormLayer(new BatchNormSpec(), units, prefix + "bn."));
        }
        if (!(activation instanceof Identity)) {
            layers.add(activation.newLayer(units));
        }
        if (batchNorm == BatchNorm.AFTER_ACTIVATION) {
            layers.add(new BatchNormLayer(new BatchNormSpec(), units, prefix + "bn."));
        }
        if (dropout > 0) {
            layers.add(new DropoutLayer(new DropoutSpec(dropout, activation instanceof Selu), units));
        }
        return layers;
    }
}
