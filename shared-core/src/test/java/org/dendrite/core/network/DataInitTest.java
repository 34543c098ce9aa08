package org.dendrite.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.layer.DenseLayer;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * Data-dependent initialization, checked against pre-activations recomputed here by hand from the
 * layers' weight arrays (in x out, row-major) on inputs placed far from the origin, where units
 * started with zero biases are mostly one-sided over the data.
 */
class DataInitTest {
    private static final int IN = 5, ROWS = 300;
    private static final NetworkSpec TWO_LAYERS = new NetworkSpec(List.of(new DenseSpec(16, new Relu()), new DenseSpec(12, new Relu())));

    /** Rows around (10, 10, ..., 10) with spread 1: all inputs positive and far from 0. */
    private static Matrix offsetRows() {
        SplittableRandom r = new SplittableRandom(3);
        Matrix x = new Matrix(ROWS, IN);
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) (10 + r.nextGaussian());
        return x;
    }

    /** Pre-activations (row-major rows x out) of dense layer {@code d} on {@code x}, in double. */
    private static double[] preActivations(DenseLayer d, double[] x, int rows) {
        int in = d.inputWidth(), out = d.outputWidth();
        float[] w = d.weight().value(), b = d.bias().value();
        double[] z = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
                double s = b[j];
                for (int i = 0; i < in; i++) s += x[r * in + i] * w[i * out + j];
                z[r * out + j] = s;
            }
        }
        return z;
    }

    private static double[] relu(double[] z) {
        double[] a = z.clone();
        for (int i = 0; i < a.length; i++) a[i] = Math.max(0, a[i]);
        return a;
    }

    private static double[] doubles(Matrix m) {
        double[] d = new double[m.size()];
        for (int i = 0; i < d.length; i++) d[i] = m.data()[i];
        return d;
    }

    /** How many of the layer's units have pre-activations of one sign only over the rows. */
    private static int oneSided(double[] z, int rows, int out) {
        int n = 0;
        for (int j = 0; j < out; j++) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
                min = Math.min(min, z[r * out + j]);
                max = Math.max(max, z[r * out + j]);
            }
            if (min > 0 || max < 0) n++;
        }
        return n;
    }

    private static DenseLayer dense(Network net, int i) {
        return (DenseLayer) net.layers().get(i);
    }

    @Test
    void biasesPutEveryUnitsZeroInsideTheDataOfEachHiddenLayer() {
        Matrix x = offsetRows();
        Network plain = Network.build(TWO_LAYERS, IN, 3, 7);
        // layers: dense, relu, dense, relu, output dense
        double[] z0 = preActivations(dense(plain, 0), doubles(x), ROWS);
        assertTrue(oneSided(z0, ROWS, 16) >= 12, "the premise: with zero biases most first-layer units are one-sided on offset data, got "
                + oneSided(z0, ROWS, 16));

        Network net = Network.build(TWO_LAYERS, IN, 3, 7);
        DataInit.BIASES.apply(net, x, new SplittableRandom(11));
        double[] a0 = doubles(x);
        double[] z1 = preActivations(dense(net, 0), a0, ROWS);
        assertEquals(0, oneSided(z1, ROWS, 16), "first hidden layer");
        double[] z2 = preActivations(dense(net, 2), relu(z1), ROWS);
        assertEquals(0, oneSided(z2, ROWS, 12), "second hidden layer, on the first's output after its biases moved");
        assertArrayEquals(dense(plain, 0).weight().value(), dense(net, 0).weight().value(), "weights untouched by biases");
        for (int i : new int[] {4}) {
            for (int p = 0; p < 2; p++) {
                Parameter a = plain.layers().get(i).parameters().get(p), b = net.layers().get(i).parameters().get(p);
                assertArrayEquals(a.value(), b.value(), "the output layer keeps its start: " + a.name());
            }
        }
    }

    @Test
    void scaledGivesEachHiddenUnitUnitVarianceBeforeItsBias() {
        Matrix x = offsetRows();
        Network net = Network.build(TWO_LAYERS, IN, 3, 7);
        DataInit.SCALED.apply(net, x, new SplittableRandom(11));
        double[] z1 = preActivations(dense(net, 0), doubles(x), ROWS);
        double[] z2 = preActivations(dense(net, 2), relu(z1), ROWS);
        for (double[][] layer : new double[][][] {{z1, {16}}, {z2, {12}}}) {
            double[] z = layer[0];
            int out = (int) layer[1][0];
            for (int j = 0; j < out; j++) {
                double s = 0, sq = 0;
                for (int r = 0; r < ROWS; r++) {
                    s += z[r * out + j];
                    sq += z[r * out + j] * z[r * out + j];
                }
                double sd = Math.sqrt(sq / ROWS - (s / ROWS) * (s / ROWS));
                assertEquals(1, sd, 1e-3, "unit " + j + " of a layer of " + out);
            }
            assertEquals(0, oneSided(z, ROWS, out));
        }
    }

    @Test
    void noneLeavesTheNetworkAsBuiltAndTheSameSeedGivesTheSameWeights() {
        Matrix x = offsetRows();
        Network built = Network.build(TWO_LAYERS, IN, 3, 7), none = Network.build(TWO_LAYERS, IN, 3, 7);
        DataInit.NONE.apply(none, x, new SplittableRandom(11));
        Network a = Network.build(TWO_LAYERS, IN, 3, 7), b = Network.build(TWO_LAYERS, IN, 3, 7), c = Network.build(TWO_LAYERS, IN, 3, 7);
        DataInit.BIASES.apply(a, x, new SplittableRandom(11));
        DataInit.BIASES.apply(b, x, new SplittableRandom(11));
        DataInit.BIASES.apply(c, x, new SplittableRandom(12));
        for (int p = 0; p < built.parameters().size(); p++) {
            assertArrayEquals(built.parameters().get(p).value(), none.parameters().get(p).value());
            assertArrayEquals(a.parameters().get(p).value(), b.parameters().get(p).value());
        }
        assertFalse(java.util.Arrays.equals(a.parameters().get(1).value(), c.parameters().get(1).value()), "another draw, other biases");
    }

    @Test
    void anEnsembleAndALayerWithoutBiasAreInitializedToo() {
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(8, new Relu(), null, false), new DenseSpec(6, new Relu())), 3);
        Network net = Network.build(spec, IN, 2, 4);
        Matrix x = offsetRows();
        DataInit.SCALED.apply(net, x, new SplittableRandom(1));
        float[] out = net.forward(x, false, null).data();
        for (int i = 0; i < 3 * ROWS * 2; i++) assertTrue(Float.isFinite(out[i]));
    }

    @Test
    void aBadNameIsRefusedNamingTheOption() {
        var e = assertThrows(InvalidSettingException.class, () -> DataInit.named("lsuv"));
        assertTrue(e.getMessage().contains("dataInit") && e.getMessage().contains("none, biases, scaled"), e.getMessage());
        assertEquals(DataInit.SCALED, DataInit.named(" Scaled "));
    }
}
