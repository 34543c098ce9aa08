package org.dendrite.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.activation.LeakyRelu;
import org.dendrite.core.activation.PRelu;
import org.dendrite.core.activation.RRelu;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.Task;
import org.dendrite.core.data.Whitening;
import org.dendrite.core.diagnostics.LayerStatistics;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.layer.ActivationSpec;
import org.dendrite.core.layer.BatchNormSpec;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.DropoutSpec;
import org.dendrite.core.layer.LayerNormSpec;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.Huber;
import org.dendrite.core.loss.SigmoidBinaryCrossEntropy;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.train.EpochRecord;
import org.dendrite.core.train.History;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.Provenance;

/** Valid models of every layer, loss and preprocessing kind, built with random weights (no training). */
final class SyntheticModels {
    private SyntheticModels() {}

    /** A regressor with PCA whitening, every layer type, PReLU, RReLU and the Huber loss, and a full history. */
    static Model everyLayer(long seed) {
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(5, new PRelu(), Initializer.HE_UNIFORM, true, DenseSpec.BatchNorm.AFTER_ACTIVATION, 0),
                new LayerNormSpec(), new ActivationSpec(new LeakyRelu(0.2f)), new DropoutSpec(0.3, false), new BatchNormSpec(1e-3, 0.2),
                new DenseSpec(3, new RRelu(), null, false, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0.1)));
        List<Column> cols = List.of(Column.numeric("x"), Column.nominal("colour", List.of("red", "green")), Column.numeric("z"));
        PreprocessingConfig pc = new PreprocessingConfig(true, true, true, true, Whitening.Kind.PCA);
        boolean[] indicator = {true, false, false};
        int width = 1 + 1 + 2 + 1;
        SplittableRandom r = new SplittableRandom(seed);
        Whitening w = new Whitening(Whitening.Kind.PCA, random(r, width), random(r, width * width));
        Preprocessor pre = new Preprocessor(cols, pc, new double[] {0.5, 1, -2}, new double[] {2, 1, 0.25}, indicator, w);
        History h = new History();
        h.add(new EpochRecord(1, 0.5, 0.6, Double.NaN, Double.NaN, 1.5, 0.01, 0.02, ""));
        h.add(new EpochRecord(2, 0.4, 0.55, Double.NaN, Double.NaN, 1.4, 0.01, 0.02, "rollback"));
        h.addStepRate(0.01);
        h.addStepLoss(0.7);
        h.addStepLoss(Double.NaN);
        h.addStatistics(new LayerStatistics(3, 0, "0.weight", 1, 2, 3, 0.01, 0.1, 1, 0, Double.NaN));
        h.warn("a warning");
        h.setBestEpoch(2);
        return model(spec, pre, new Huber(0.5), new Task("y", List.of(), 10, 4), 1, seed, h);
    }

    /** A three-class classifier without whitening: dense tanh and ReLU layers. */
    static Model classifier(long seed) {
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(4, new Tanh()), new DenseSpec(3, new Relu(), null, true, DenseSpec.BatchNorm.NONE, 0.2)));
        List<Column> cols = List.of(Column.numeric("a"), Column.numeric("b"));
        Preprocessor pre = new Preprocessor(cols, PreprocessingConfig.DEFAULT, new double[] {1, 2}, new double[] {3, 4}, new boolean[2]);
        return model(spec, pre, new SoftmaxCrossEntropy(), Task.classification("species", List.of("a", "b", "c")), 3, seed, new History());
    }

    /** A binary classifier without a hidden layer (logistic regression: two softmax outputs). */
    static Model logistic(long seed) {
        List<Column> cols = List.of(Column.numeric("a"));
        Preprocessor pre = new Preprocessor(cols, PreprocessingConfig.DEFAULT, new double[] {0}, new double[] {1}, new boolean[1]);
        return model(new NetworkSpec(List.of()), pre, new SoftmaxCrossEntropy(), Task.classification("t", List.of("no", "yes")), 2, seed,
                new History());
    }

    /**
     * A binary classifier with one output under {@code loss} (sigmoid cross-entropy, mse, ...): no
     * training writes it (it gives one number where a probability per class is read); its file is refused.
     */
    static Model oneOutputClassifier(org.dendrite.core.loss.Loss loss) {
        Preprocessor pre = new Preprocessor(List.of(Column.numeric("a")), PreprocessingConfig.DEFAULT, new double[] {0}, new double[] {1}, new boolean[1]);
        return model(new NetworkSpec(List.of()), pre, loss, Task.classification("t", List.of("no", "yes")), 1, 3, new History());
    }

    /** A classifier of {@code inputs} numeric columns and hidden layers of {@code units}: about inputs x units + units^2 weights. */
    static Model wide(int inputs, int units, long seed) {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < inputs; i++) cols.add(Column.numeric("c" + i));
        double[] ones = new double[inputs];
        java.util.Arrays.fill(ones, 1);
        Preprocessor pre = new Preprocessor(cols, PreprocessingConfig.DEFAULT, new double[inputs], ones, new boolean[inputs]);
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(units, new Relu()), new DenseSpec(units, new Relu())));
        return model(spec, pre, new SoftmaxCrossEntropy(), Task.classification("t", List.of("a", "b")), 2, seed, new History());
    }

    private static Model model(NetworkSpec spec, Preprocessor pre, org.dendrite.core.loss.Loss loss, Task task, int outputs, long seed, History h) {
        Network net = Network.build(spec, pre.outputWidth(), outputs, seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (Parameter p : net.parameters()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        }
        for (float[] b : net.buffers().values()) {
            for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble(0.1, 2);
        }
        return new Model(pre, net, loss, task, new Provenance("test", seed, "synthetic", "2026-12-05T00:00:00Z"), h);
    }

    private static double[] random(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }
}
