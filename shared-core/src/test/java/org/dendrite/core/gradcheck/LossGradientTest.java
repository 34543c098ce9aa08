package org.dendrite.core.gradcheck;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.dendrite.core.loss.Huber;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.loss.MeanAbsoluteError;
import org.dendrite.core.loss.MeanSquaredError;
import org.dendrite.core.loss.SigmoidBinaryCrossEntropy;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.testutil.GradientCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite-difference checks of every loss's gradient w.r.t. the network output, with and without instance weights. */
class LossGradientTest {
    private static Matrix classIndices(int n, int k) {
        Matrix t = new Matrix(n, 1);
        for (int i = 0; i < n; i++) t.data()[i] = i % k;
        return t;
    }

    private static Matrix distributions(int n, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix t = new Matrix(n, k);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) s += t.data()[i * k + j] = (float) r.nextDouble();
            for (int j = 0; j < k; j++) t.data()[i * k + j] /= s;
        }
        return t;
    }

    private static Matrix uniform01(int n, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix t = new Matrix(n, k);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) r.nextDouble();
        return t;
    }

    static Stream<Arguments> cases() {
        // outputs drawn N(0, 1); regression targets offset by >= 0.05 so |z - y| stays away from MAE's kink,
        // and Huber (delta 0.5) sees residuals on both sides of its threshold
        Matrix reg = GradientCheck.inputs(6, 2, 31, 0);
        for (int i = 0; i < reg.size(); i++) reg.data()[i] *= 1.5f;
        return Stream.of(
                Arguments.of("softmax CE, class indices", new SoftmaxCrossEntropy(), 3, classIndices(6, 3)),
                Arguments.of("softmax CE, class distributions", new SoftmaxCrossEntropy(), 3, distributions(6, 3, 4)),
                Arguments.of("softmax CE, class indices, label smoothing", new SoftmaxCrossEntropy(0.1), 3, classIndices(6, 3)),
                Arguments.of("softmax CE, class distributions, label smoothing", new SoftmaxCrossEntropy(0.2), 3, distributions(6, 3, 4)),
                Arguments.of("sigmoid BCE, binary", new SigmoidBinaryCrossEntropy(), 1, classIndices(6, 2)),
                Arguments.of("sigmoid BCE, multi-label soft", new SigmoidBinaryCrossEntropy(), 3, uniform01(6, 3, 5)),
                Arguments.of("mse", new MeanSquaredError(), 2, reg),
                Arguments.of("mae", new MeanAbsoluteError(), 2, reg),
                Arguments.of("huber", new Huber(0.5), 2, reg));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(String name, Loss loss, int width, Matrix target) {
        Matrix z = GradientCheck.inputs(6, width, 8, 0);
        if (loss instanceof MeanAbsoluteError) {
            for (int i = 0; i < z.size(); i++) {
                if (Math.abs(z.data()[i] - target.data()[i]) < 0.05f) z.data()[i] += 0.1f;
            }
        }
        for (float[] w : new float[][] {null, {1f, 2f, 0.5f, 0f, 3f, 1f}}) {
            Matrix g = new Matrix(6, width);
            loss.compute(z, target, w, g);
            GradientCheck.compare(name + (w == null ? "" : " weighted"), z.data(), g.data(), () -> loss.compute(z, target, w, null));
        }
    }
}
