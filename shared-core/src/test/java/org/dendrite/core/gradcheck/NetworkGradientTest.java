package org.dendrite.core.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.activation.Elu;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.loss.MeanSquaredError;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.regularization.Regularization;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.testutil.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Whole-network checks: every parameter of a 3-layer network (two hidden layers and the output
 * layer) through the loss, with instance weights; with batch norm and a fixed dropout mask; and
 * with each weight penalty added to the objective.
 */
class NetworkGradientTest {
    private static final float[] WEIGHTS = {1f, 0.5f, 2f, 1f, 0f, 1.5f, 1f};

    private static void check(String name, NetworkSpec spec, Loss loss, Matrix target, int outputs, Regularization reg) {
        Network net = Network.build(spec, 4, outputs, 11);
        // give the (zero-initialized) biases and norm shifts values so their gradients are exercised off zero
        SplittableRandom r = new SplittableRandom(5);
        for (Parameter p : net.parameters()) {
            if (!p.regularized()) for (int i = 0; i < p.size(); i++) p.value()[i] += (float) (0.1 * r.nextGaussian());
            // keep weights off L1's kink at 0 (the finite difference must not straddle it)
            if (p.regularized()) for (int i = 0; i < p.size(); i++) {
                if (Math.abs(p.value()[i]) < 10 * GradientCheck.H) p.value()[i] = (float) Math.copySign(10 * GradientCheck.H, p.value()[i]);
            }
        }
        Matrix x = GradientCheck.inputs(7, 4, 13, 0);
        GradientCheck.Objective f = () -> {
            Matrix out = net.forward(x, true, new SplittableRandom(17));
            return loss.compute(out, target, WEIGHTS, null) + reg.penalty(net.parameters());
        };
        Matrix out = net.forward(x, true, new SplittableRandom(17));
        Matrix g = new Matrix(out.rows(), out.cols());
        loss.compute(out, target, WEIGHTS, g);
        net.backward(g);
        reg.addGradient(net.parameters());
        List<float[]> analytic = new ArrayList<>();
        for (Parameter p : net.parameters()) analytic.add(p.grad().clone());
        for (int i = 0; i < analytic.size(); i++) {
            Parameter p = net.parameters().get(i);
            GradientCheck.compare(name + " " + p.name(), p.value(), analytic.get(i), f);
        }
    }

    private static Matrix classes(int n, int k) {
        Matrix t = new Matrix(n, 1);
        for (int i = 0; i < n; i++) t.data()[i] = (i * 2) % k;
        return t;
    }

    @Test
    void threeLayerClassifierWithInstanceWeights() {
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(7, new Tanh()), new DenseSpec(5, new Elu())));
        check("classifier", spec, new SoftmaxCrossEntropy(), classes(7, 3), 3, Regularization.NONE);
    }

    @Test
    void threeLayerRegressorWithInstanceWeights() {
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(6, new Tanh()), new DenseSpec(5, new Tanh())));
        check("regressor", spec, new MeanSquaredError(), GradientCheck.inputs(7, 2, 3, 0), 2, Regularization.NONE);
    }

    /**
     * A 4-member ensemble (per-member input scales, shared hidden layers with a fixed dropout mask,
     * per-member heads) through the members' mean loss: classification and regression.
     */
    @Test
    void ensembleOfMembersThroughTheMeanOfTheirLosses() {
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(6, new Tanh(), null, true, DenseSpec.BatchNorm.NONE, 0.2),
                new DenseSpec(5, new Elu())), 4);
        check("ensemble classifier", spec, new org.dendrite.core.loss.MemberMean(new SoftmaxCrossEntropy(), 4), classes(7, 3), 3,
                Regularization.NONE);
        check("ensemble regressor", spec, new org.dendrite.core.loss.MemberMean(new MeanSquaredError(), 4), GradientCheck.inputs(7, 2, 3, 0), 2,
                new Regularization(0, 0.3, false, false, 0));
    }

    @Test
    void batchNormAndDropoutInsideTheNetwork() {
        List<LayerSpec> layers = List.of(
                new DenseSpec(6, new Tanh(), null, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0.25),
                new DenseSpec(5, new Elu(), null, true, DenseSpec.BatchNorm.AFTER_ACTIVATION, 0));
        check("bn+dropout", new NetworkSpec(layers), new SoftmaxCrossEntropy(), classes(7, 3), 3, Regularization.NONE);
    }

    @Test
    void eachPenaltyAndElasticNet() {
        // tanh with a fixed dropout mask, then ReLU; penalties: L1, L2, elastic net, and both including biases
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(6, new Tanh(), null, true, DenseSpec.BatchNorm.NONE, 0.2),
                new DenseSpec(5, new Relu())));
        for (Regularization reg : List.of(new Regularization(0.05, 0, false, false, 0), new Regularization(0, 0.3, false, false, 0),
                Regularization.elasticNet(0.2, 0.5), new Regularization(0.05, 0.1, false, true, 0))) {
            check("penalty " + reg, spec, new SoftmaxCrossEntropy(), classes(7, 3), 3, reg);
        }
    }
}
