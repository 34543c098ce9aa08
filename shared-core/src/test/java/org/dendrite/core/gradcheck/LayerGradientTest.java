package org.dendrite.core.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.dendrite.core.activation.Activation;
import org.dendrite.core.activation.Elu;
import org.dendrite.core.activation.Gelu;
import org.dendrite.core.activation.Identity;
import org.dendrite.core.activation.LeakyRelu;
import org.dendrite.core.activation.PRelu;
import org.dendrite.core.activation.RRelu;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.activation.Selu;
import org.dendrite.core.activation.Sigmoid;
import org.dendrite.core.activation.Softmax;
import org.dendrite.core.activation.Softplus;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.layer.BatchNormLayer;
import org.dendrite.core.layer.BatchNormSpec;
import org.dendrite.core.layer.DenseLayer;
import org.dendrite.core.layer.DropoutLayer;
import org.dendrite.core.layer.DropoutSpec;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.layer.LayerNormLayer;
import org.dendrite.core.layer.LayerNormSpec;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.testutil.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite-difference gradient checks of every activation and layer (tolerances in {@link GradientCheck}). */
class LayerGradientTest {
    static Stream<Activation> activations() {
        return Stream.of(new Identity(), new Sigmoid(), new Tanh(), new Relu(), new LeakyRelu(0.2f), new Elu(0.7f), new Selu(), new Gelu(),
                new Softplus(), new Softmax(), new PRelu(), new PRelu(0.1f, true), new RRelu());
    }

    @ParameterizedTest
    @MethodSource("activations")
    void activationInTrainingAndInference(Activation a) {
        Matrix x = GradientCheck.inputs(6, 5, 1, 0.05);
        for (boolean training : new boolean[] {false, true}) {
            Layer layer = a.newLayer(5);
            // RReLU draws slopes in training: a fresh identically seeded generator per pass keeps them fixed
            GradientCheck.checkLayer(a.name() + (training ? " (training)" : ""), layer, x, training, () -> new SplittableRandom(7));
        }
    }

    @Test
    void denseLayerWithAndWithoutBias() {
        // a narrow layer and a wide one (16 outputs or more: the bias gradient sums copied rows), row counts that leave a remainder
        int[][] shapes = {{4, 3, 5}, {3, 20, 9}};
        for (int[] shape : shapes) {
            int in = shape[0], out = shape[1], rows = shape[2];
            for (boolean bias : new boolean[] {true, false}) {
                DenseLayer d = new DenseLayer(in, out, bias, Initializer.XAVIER_NORMAL, new SplittableRandom(3), "0.");
                if (bias) {
                    for (int i = 0; i < out; i++) d.bias().value()[i] = 0.1f * (i + 1);
                }
                GradientCheck.checkLayer("dense " + in + " -> " + out, d, GradientCheck.inputs(rows, in, 2, 0), true, () -> new SplittableRandom(1));
            }
        }
    }

    @Test
    void periodicEmbeddingAndScaleLayers() {
        // larger frequencies than the default's sigma 0.1, so the periodic part is far from linear
        Layer periodic = new org.dendrite.core.layer.PeriodicEmbeddingSpec(5, 3, 0.5).build(4, new SplittableRandom(6), 0).get(0);
        GradientCheck.checkLayer("periodic embedding", periodic, GradientCheck.inputs(6, 4, 7, 0), true, () -> new SplittableRandom(1));
        // of some inputs only (the numeric columns'): the others pass through
        Layer some = new org.dendrite.core.layer.PeriodicEmbeddingSpec(5, 3, 0.5, java.util.List.of(0, 2)).build(4, new SplittableRandom(6), 0).get(0);
        GradientCheck.checkLayer("periodic embedding of inputs 0 and 2", some, GradientCheck.inputs(6, 4, 7, 0), true, () -> new SplittableRandom(1));
        Layer scale = new org.dendrite.core.layer.ScaleSpec(6).build(5, new SplittableRandom(1), 0).get(0);
        for (int j = 0; j < 5; j++) scale.parameters().get(0).value()[j] *= 1 + 0.2f * j;
        GradientCheck.checkLayer("scale", scale, GradientCheck.inputs(4, 5, 8, 0), true, () -> new SplittableRandom(1));
    }

    /**
     * A category embedding of two blocks (inputs 1-3 and 5-8 of 10) and passed inputs around them;
     * the inputs are general values, not one-hot, so every table entry and input gradient is exercised.
     */
    @Test
    void categoryEmbedding() {
        Layer e = new org.dendrite.core.layer.CategoryEmbeddingSpec(3, 2, List.of(List.of(1, 3), List.of(5, 4)))
                .build(10, new SplittableRandom(3), 0).get(0);
        GradientCheck.checkLayer("category embedding", e, GradientCheck.inputs(5, 10, 9, 0), true, () -> new SplittableRandom(1));
    }

    @Test
    void ensembleInputScalesAndMemberHeads() {
        org.dendrite.core.layer.MemberScaleLayer scale = new org.dendrite.core.layer.MemberScaleLayer(4, 3, new SplittableRandom(2));
        // scales off the +-1 start so each member's gradient is its own
        for (int i = 0; i < 12; i++) scale.parameters().get(0).value()[i] *= 0.5f + 0.1f * i;
        GradientCheck.checkLayer("member scales", scale, GradientCheck.inputs(5, 4, 3, 0), true, () -> new SplittableRandom(1));
        org.dendrite.core.layer.MemberHeadsLayer heads = new org.dendrite.core.layer.MemberHeadsLayer(6, 2, 3, new SplittableRandom(4));
        for (int i = 0; i < 6; i++) heads.parameters().get(1).value()[i] = 0.1f * (i + 1);
        // 3 members x 5 rows, member-major
        GradientCheck.checkLayer("member heads", heads, GradientCheck.inputs(15, 6, 5, 0), true, () -> new SplittableRandom(1));
    }

    @Test
    void batchNormInTrainingMode() {
        BatchNormLayer bn = batchNorm(4);
        GradientCheck.checkLayer("batch_norm", bn, GradientCheck.inputs(8, 4, 5, 0), true, () -> new SplittableRandom(1));
    }

    @Test
    void batchNormInInferenceMode() {
        BatchNormLayer bn = new BatchNormLayer(new BatchNormSpec(), 3, "0.");
        warmUp(bn);
        GradientCheck.checkLayer("batch_norm (inference)", bn, GradientCheck.inputs(4, 3, 6, 0), false, () -> new SplittableRandom(1));
    }

    /** A batch norm of {@code width} units whose gamma (0.5 + 0.3 j) and beta (-0.2 j) are not the identity's 1 and 0. */
    private static BatchNormLayer batchNorm(int width) {
        BatchNormLayer bn = new BatchNormLayer(new BatchNormSpec(), width, "0.");
        for (int j = 0; j < width; j++) {
            bn.parameters().get(0).value()[j] = 0.5f + 0.3f * j;
            bn.parameters().get(1).value()[j] = -0.2f * j;
        }
        return bn;
    }

    /**
     * Training batches of mean about 1 and variance about 9 move the running statistics well away from
     * their start (0 and 1), so that a gradient that left out the running variance's 1 / sqrt(var) fails.
     */
    private static void warmUp(BatchNormLayer bn) {
        for (int step = 0; step < 30; step++) {
            Matrix x = GradientCheck.inputs(16, bn.runningMean().length, 9 + step, 0);
            for (int i = 0; i < x.size(); i++) x.data()[i] = 3 * x.data()[i] + 1;
            bn.forward(x, true, new SplittableRandom(1));
        }
        org.junit.jupiter.api.Assertions.assertTrue(bn.runningVariance()[0] > 4, "running variance " + bn.runningVariance()[0]);
    }

    /**
     * A training batch of one row has no variance to estimate: it is normalized with the running
     * statistics, as at inference, and leaves them unchanged (BatchNormLayer's doc). Checked on its own:
     * the gradients by finite differences, the running statistics after the forwards of the check, and
     * the output against (x - running mean) / sqrt(running var + eps) * gamma + beta by hand.
     */
    @Test
    void batchNormOnATrainingBatchOfOneRow() {
        BatchNormLayer bn = batchNorm(3);
        warmUp(bn);
        float[] mean = bn.runningMean().clone(), var = bn.runningVariance().clone();
        Matrix one = GradientCheck.inputs(1, 3, 6, 0);
        GradientCheck.checkLayer("batch_norm (one training row)", bn, one, true, () -> new SplittableRandom(1));
        assertArrayEquals(mean, bn.runningMean(), "a one-row batch leaves the running mean");
        assertArrayEquals(var, bn.runningVariance(), "a one-row batch leaves the running variance");
        Matrix y = bn.forward(one, true, new SplittableRandom(1));
        for (int j = 0; j < 3; j++) {
            double expected = (one.data()[j] - mean[j]) / Math.sqrt(var[j] + new BatchNormSpec().epsilon()) * (0.5 + 0.3 * j) - 0.2 * j;
            assertEquals(expected, y.data()[j], 1e-5, "unit " + j);
        }
    }

    @Test
    void layerNorm() {
        LayerNormLayer ln = new LayerNormLayer(new LayerNormSpec(), 5, "0.");
        for (int j = 0; j < 5; j++) ln.parameters().get(0).value()[j] = 1.5f - 0.2f * j;
        GradientCheck.checkLayer("layer_norm", ln, GradientCheck.inputs(3, 5, 4, 0), true, () -> new SplittableRandom(1));
    }

    @Test
    void dropoutAndAlphaDropoutWithAFixedMask() {
        for (DropoutSpec spec : List.of(new DropoutSpec(0.3), new DropoutSpec(0.3, true))) {
            GradientCheck.checkLayer("dropout " + spec, new DropoutLayer(spec, 6), GradientCheck.inputs(5, 6, 8, 0), true,
                    () -> new SplittableRandom(21));
        }
    }
}
