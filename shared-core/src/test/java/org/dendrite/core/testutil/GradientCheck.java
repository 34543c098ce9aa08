package org.dendrite.core.testutil;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.tensor.Matrix;

/**
 * Finite-difference gradient checks in the style of DL4J's GradientCheckUtil, adapted to float32.
 *
 * <p>Numeric gradient: central differences (f(x+h) - f(x-h)) / 2h with the scalar objective summed in
 * double. In float32 the two error sources are truncation, O(h^2 f'''), and rounding of the
 * perturbed evaluations, about 6e-8 |f| / h. With inputs of order 1, h = 3e-3 balances them at
 * roughly 1e-5 relative, so the check demands relative error
 * |a - n| / max(|a| + |n|, 1e-4) <= 1e-2 (1e-3 would already fail from rounding alone on larger
 * sums) with an absolute floor: |a - n| <= 2e-4 passes, for near-zero gradients. Kinks (ReLU family at
 * 0, MAE at a tie) are avoided by the callers' inputs.
 */
public final class GradientCheck {
    public static final double H = 3e-3;
    public static final double MAX_RELATIVE_ERROR = 1e-2;
    public static final double ABSOLUTE_FLOOR = 2e-4;

    private GradientCheck() {}

    /** A scalar function of the current values of some arrays. */
    public interface Objective {
        double value();
    }

    /**
     * Compares {@code analytic[i]} with the central difference of {@code f} when {@code values[i]} is
     * perturbed, for every i; {@code what} names the quantity in failure messages.
     */
    public static void compare(String what, float[] values, float[] analytic, Objective f) {
        for (int i = 0; i < values.length; i++) {
            float orig = values[i];
            values[i] = (float) (orig + H);
            double up = f.value();
            values[i] = (float) (orig - H);
            double down = f.value();
            values[i] = orig;
            double h2 = (double) (float) (orig + H) - (double) (float) (orig - H);
            double numeric = (up - down) / h2;
            double a = analytic[i];
            double diff = Math.abs(a - numeric);
            double rel = diff / Math.max(Math.abs(a) + Math.abs(numeric), 1e-4);
            if (diff > ABSOLUTE_FLOOR && rel > MAX_RELATIVE_ERROR) {
                fail(what + "[" + i + "]: analytic " + a + " vs numeric " + numeric + " (relative error " + rel + ")");
            }
        }
    }

    /** A fixed random upstream gradient R: the checked objective is sum(output * R). */
    public static Matrix upstream(int rows, int cols, long seed) {
        Matrix r = new Matrix(rows, cols);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < r.size(); i++) r.data()[i] = (float) rng.nextGaussian();
        return r;
    }

    public static double dot(Matrix a, Matrix b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += (double) a.data()[i] * b.data()[i];
        return s;
    }

    /**
     * Checks dL/dinput and dL/dparameters of {@code layer} in training or inference mode for
     * L = sum(layer(x) * R). {@code rng} supplies a fresh, identically seeded generator for every
     * forward pass so random masks/slopes stay fixed across evaluations.
     */
    public static void checkLayer(String name, Layer layer, Matrix x, boolean training, Supplier<RandomGenerator> rng) {
        Matrix out = layer.forward(x, training, rng.get());
        Matrix r = upstream(out.rows(), out.cols(), 99);
        Matrix dx = layer.backward(r, true).copy();
        float[][] grads = new float[layer.parameters().size()][];
        for (int i = 0; i < grads.length; i++) grads[i] = layer.parameters().get(i).grad().clone();
        Objective f = () -> dot(layer.forward(x, training, rng.get()), r);
        compare(name + " dL/dx", x.data(), dx.data(), f);
        for (int i = 0; i < grads.length; i++) {
            Parameter p = layer.parameters().get(i);
            compare(name + " dL/d" + p.name(), p.value(), grads[i], f);
        }
    }

    /** Random inputs N(0, 1) whose absolute values are at least {@code minAbs} (away from kinks at 0). */
    public static Matrix inputs(int rows, int cols, long seed, double minAbs) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            double v;
            do {
                v = rng.nextGaussian();
            } while (Math.abs(v) < minAbs);
            m.data()[i] = (float) v;
        }
        return m;
    }
}
