package org.dendrite.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.layer.BatchNormSpec;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.DropoutSpec;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/** Inference on a row range read in place gives exactly what a forward pass over a copy of those rows gives. */
class ForwardRowsTest {
    private static void check(NetworkSpec spec) {
        Network net = Network.build(spec, 6, 3, 5);
        SplittableRandom r = new SplittableRandom(9);
        Matrix x = new Matrix(50, 6);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) r.nextGaussian();
        // train-mode passes move batch-norm statistics away from their initial values
        for (int i = 0; i < 3; i++) net.forward(x, true, r);
        for (int[] range : new int[][] {{0, 50}, {7, 20}, {49, 1}, {10, 0}}) {
            Matrix copy = new Matrix(range[1], 6, Arrays.copyOfRange(x.data(), range[0] * 6, (range[0] + range[1]) * 6));
            float[] expected = net.forward(copy, false, r).data().clone();
            float[] actual = net.forwardRows(x, range[0], range[1]).data();
            assertArrayEquals(Arrays.copyOf(expected, range[1] * 3), Arrays.copyOf(actual, range[1] * 3), spec + " rows " + Arrays.toString(range));
        }
        assertThrows(IllegalArgumentException.class, () -> net.forwardRows(x, 45, 6));
    }

    @Test
    void denseFirst() {
        check(new NetworkSpec(List.of(new DenseSpec(8, new Relu()), new DenseSpec(4, new Tanh(), null, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0.3))));
    }

    @Test
    void normalizationAndDropoutFirst() {
        check(new NetworkSpec(List.of(new BatchNormSpec(), new DropoutSpec(0.2), new DenseSpec(8, new Relu()))));
    }

    @Test
    void inferenceInPlaceNeverWritesTheCallersInput() {
        Network net = Network.build(new NetworkSpec(List.of(new org.dendrite.core.layer.ActivationSpec(new Tanh()), new DropoutSpec(0.3),
                new org.dendrite.core.layer.ActivationSpec(new Relu()), new DenseSpec(4, new Relu()))), 6, 3, 5);
        SplittableRandom r = new SplittableRandom(2);
        Matrix x = new Matrix(10, 6);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) r.nextGaussian() * 3;
        float[] before = x.data().clone();
        float[] out = net.forward(x, false, r).data().clone();
        assertArrayEquals(before, x.data(), "forward");
        assertArrayEquals(out, Arrays.copyOf(net.forwardRows(x, 0, 10).data(), 30), "the same result through forwardRows");
        assertArrayEquals(before, x.data(), "forwardRows");
    }
}
