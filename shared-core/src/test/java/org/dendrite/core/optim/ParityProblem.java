package org.dendrite.core.optim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.tensor.Matrix;

/** A problem of the PyTorch reference: its parameters, the objective, and the parameters in torch's flat layout. */
interface ParityProblem {
    List<Parameter> parameters();

    Objective objective();

    /** The parameters flattened in the reference's layout. */
    double[] flat();

    /** Sets the parameters from the reference's flat layout (values are float32-representable). */
    void setFlat(double[] values);

    /**
     * Rosenbrock's function f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 on one parameter of 2 floats, in
     * float32 with the operation order of torch's autograd for
     * {@code (1 - x) ** 2 + 100 * (y - x * x) ** 2}.
     */
    static ParityProblem rosenbrock() {
        Parameter p = new Parameter("p", new float[2], false, 2, 1);
        return new ParityProblem() {
            @Override public List<Parameter> parameters() { return List.of(p); }

            @Override
            public Objective objective() {
                return () -> {
                    float x = p.value()[0], y = p.value()[1];
                    float a = 1f - x, b = y - x * x;
                    float gb = 100f * (2f * b);          // d(100 b^2)/db
                    float gxx = -gb;                     // through y - xx
                    p.grad()[0] = 2f * (gxx * x) + -(2f * a);  // xx = x * x contributes twice, (1 - x)^2 once
                    p.grad()[1] = gb;
                    return a * a + 100f * (b * b);
                };
            }

            @Override public double[] flat() { return new double[] {p.value()[0], p.value()[1]}; }

            @Override
            public void setFlat(double[] v) {
                p.value()[0] = (float) v[0];
                p.value()[1] = (float) v[1];
            }
        };
    }

    /**
     * The reference MLP Linear(5, 8) - Tanh - Linear(8, 3) with softmax cross-entropy on 64 fixed
     * rows, built from Dendrite's own layers. Dendrite stores W as [in][out], torch as [out][in].
     */
    static ParityProblem mlp() throws IOException {
        JsonNode pr = TorchReference.read("mlp_problem.json");
        JsonNode xs = pr.get("X"), ys = pr.get("y");
        int n = xs.size(), in = xs.get(0).size();
        Matrix x = new Matrix(n, in), target = new Matrix(n, 1);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < in; c++) x.set(r, c, (float) xs.get(r).get(c).asDouble());
            target.set(r, 0, ys.get(r).asInt());
        }
        Network net = Network.build(new NetworkSpec(List.of(new DenseSpec(8, new Tanh()))), in, 3, 0);
        List<Parameter> ps = net.parameters();
        // torch order 0.weight [8][5], 0.bias [8], output.weight [3][8], output.bias [3]
        int[][] shapes = {{8, in}, {8, 1}, {3, 8}, {3, 1}};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Matrix grad = new Matrix(n, 3);
        java.util.random.RandomGenerator rng = new java.util.SplittableRandom(0);
        return new ParityProblem() {
            @Override public List<Parameter> parameters() { return ps; }

            @Override
            public Objective objective() {
                return () -> {
                    Matrix out = net.forward(x, true, rng);
                    double l = loss.compute(out, target, null, grad);
                    net.backward(grad);
                    return l;
                };
            }

            @Override
            public double[] flat() {
                double[] f = new double[(int) net.parameterCount()];
                int o = 0;
                for (int k = 0; k < 4; k++) {
                    int rows = shapes[k][0], cols = shapes[k][1];
                    float[] v = ps.get(k).value();
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) f[o++] = v[c * rows + r];   // torch (out r, in c) = Dendrite [c][r]
                    }
                }
                return f;
            }

            @Override
            public void setFlat(double[] f) {
                int o = 0;
                for (int k = 0; k < 4; k++) {
                    int rows = shapes[k][0], cols = shapes[k][1];
                    float[] v = ps.get(k).value();
                    if (v.length != rows * cols) throw new IllegalStateException(ps.get(k) + " is not " + rows + "x" + cols);
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) v[c * rows + r] = (float) f[o++];
                    }
                }
            }
        };
    }
}
