package org.dendrite.core.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.dendrite.core.activation.ActivationFunction;
import org.dendrite.core.activation.CodyErfc;
import org.dendrite.core.activation.Elu;
import org.dendrite.core.activation.Gelu;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.activation.Selu;
import org.dendrite.core.activation.Sigmoid;
import org.dendrite.core.activation.Softplus;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.tensor.Matrix;

/**
 * Nanoseconds per value of each smooth activation's forward and backward pass over the same 1M
 * normal(0, 2) floats, against two references measured in the same run: ReLU's passes (what
 * choosing the activation costs) and the same function computed through the JDK's double-precision
 * {@code Math} calls, as the activations did before their float approximations (tanh: Math.tanh;
 * sigmoid: Math.exp; ELU and SELU: Math.expm1; softplus: Math.log1p and Math.exp; GELU: Cody's erfc and Math.exp). Five rounds after a
 * warm-up (run: {@code bench/activation-speed}).
 */
public final class ActivationSpeed {
    private ActivationSpeed() {}

    private static final int N = 1 << 20, REPS = 10;
    private static final float[] X = new float[N], Y = new float[N], D = new float[N];

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        for (int k = 0; k < REPS; k++) r.run();
        return (System.nanoTime() - t0) / (double) (REPS * N);
    }

    private static double forward(ActivationFunction f, Matrix x, Matrix y) {
        return time(() -> f.forward(x, y));
    }

    private static double backward(ActivationFunction f, Matrix x, Matrix y, Matrix dy, Matrix dx) {
        return time(() -> f.backward(x, y, dy, dx));
    }

    /** The JDK-based computation of {@code name}'s forward values into Y. */
    private static Consumer<float[]> jdk(String name) {
        double r2 = 1 / Math.sqrt(2);
        return switch (name) {
            case "tanh" -> x -> { for (int i = 0; i < N; i++) Y[i] = (float) Math.tanh(x[i]); };
            case "sigmoid" -> x -> { for (int i = 0; i < N; i++) Y[i] = (float) (1 / (1 + Math.exp(-x[i]))); };
            case "elu" -> x -> { for (int i = 0; i < N; i++) Y[i] = x[i] > 0 ? x[i] : (float) Math.expm1(x[i]); };
            case "selu" -> x -> { for (int i = 0; i < N; i++) Y[i] = x[i] > 0 ? (float) (Selu.LAMBDA * x[i]) : (float) (Selu.LAMBDA * Selu.ALPHA * Math.expm1(x[i])); };
            case "softplus" -> x -> { for (int i = 0; i < N; i++) Y[i] = (float) (Math.max(x[i], 0) + Math.log1p(Math.exp(-Math.abs(x[i])))); };
            case "gelu" -> x -> { for (int i = 0; i < N; i++) Y[i] = (float) (x[i] * 0.5 * CodyErfc.erfc(-x[i] * r2)); };
            default -> throw new IllegalArgumentException(name);
        };
    }

    public static void main(String[] args) {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < N; i++) X[i] = (float) (2 * r.nextGaussian());
        Matrix x = new Matrix(1, N, X), y = new Matrix(1, N, Y), dy = new Matrix(1, N), dx = new Matrix(1, N, D);
        dy.fill(1f);
        ActivationFunction[] all = {new Tanh(), new Sigmoid(), new Elu(), new Selu(), new Softplus(), new Gelu()};
        Relu relu = new Relu();
        for (int round = 0; round < 6; round++) {
            double reluF = forward(relu, x, y), reluB = backward(relu, x, y, dy, dx);
            if (round > 0) System.out.printf(Locale.ROOT, "round %d: relu forward %.2f ns, backward %.2f ns a value%n", round, reluF, reluB);
            for (ActivationFunction f : all) {
                double fw = forward(f, x, y), bw = backward(f, x, y, dy, dx);
                Consumer<float[]> ref = jdk(f.name());
                double jdk = time(() -> ref.accept(X));
                if (round > 0) {
                    System.out.printf(Locale.ROOT, "  %-8s forward %.2f ns (%.1fx relu; JDK double %.2f ns: %.1fx faster), backward %.2f ns (%.1fx relu)%n",
                            f.name(), fw, fw / reluF, jdk, jdk / fw, bw, bw / reluB);
                }
            }
        }
    }
}
