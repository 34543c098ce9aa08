package org.dendrite.core.layer;

import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;

/**
 * Batch normalization (Ioffe and Szegedy 2015) with learnable scale gamma and shift beta, epsilon,
 * and running mean/variance updated with {@code momentum} (PyTorch's convention:
 * running = (1 - momentum) running + momentum batch, the running variance unbiased).
 */
public record BatchNormSpec(double epsilon, double momentum) implements LayerSpec {
    public static final double DEFAULT_EPSILON = 1e-5;
    public static final double DEFAULT_MOMENTUM = 0.1;

    public BatchNormSpec {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw Check.invalid("epsilon", "Batch norm epsilon must be a finite number > 0, got " + epsilon);
        }
        if (!(momentum > 0 && momentum <= 1)) {
            throw Check.invalid("momentum", "Batch norm momentum must be in (0, 1], got " + momentum);
        }
    }

    public BatchNormSpec() {
        this(DEFAULT_EPSILON, DEFAULT_MOMENTUM);
    }

    @Override public String type() { return "batch_norm"; }

    @Override
    public int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public long stateSize(int inputWidth) {
        return 4L * inputWidth; // gamma, beta, running mean and variance
    }

    @Override
    public List<Layer> build(int inputWidth, RandomGenerator rng, int index) {
        return List.of(new BatchNormLayer(this, inputWidth, index + "."));
    }
}
