package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.dendrite.core.activation.LeakyRelu;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import org.dendrite.core.diagnostics.DiagnosticsConfig;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerNormSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Adam;
import org.dendrite.core.optim.AdamW;
import org.dendrite.core.optim.Sgd;
import org.dendrite.core.regularization.Regularization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Once the buffers for the batch shape exist, a training step allocates (next to) nothing on the
 * training thread: activations, gradients and optimizer state are reused. What may remain is the
 * amortized growth of the per-step loss and learning-rate history (two doubles per step) and the
 * JIT's own bookkeeping; the bound below is far under one buffer of the network (thousands of bytes).
 */
class SteadyStateAllocationTest {
    static Stream<Arguments> configs() {
        NetworkSpec relu = new NetworkSpec(List.of(new DenseSpec(64, new Relu()), new DenseSpec(32, new LeakyRelu())));
        return Stream.of(
                Arguments.of("defaults", TrainingConfig.DEFAULT.withNetwork(relu)),
                Arguments.of("adam with coupled weight decay", TrainingConfig.DEFAULT.withNetwork(relu)
                        .withOptimizer(new Adam(1e-3, 0.9, 0.999, 1e-8, 1e-4, true)).withRegularization(Regularization.NONE)),
                Arguments.of("adamw, no statistics", TrainingConfig.DEFAULT.withNetwork(relu).withOptimizer(new AdamW(1e-3, 1e-2))
                        .withDiagnostics(new DiagnosticsConfig(0, 0))),
                Arguments.of("sgd momentum, instance weights", TrainingConfig.DEFAULT.withNetwork(relu)
                        .withOptimizer(new Sgd(1e-2, 0.9, 0, true, 1e-4))),
                // their backward passes copied dL/dxhat into a new array of the batch's size at every step (8 KB at 64 units)
                Arguments.of("batch norm and dropout", TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(
                        new DenseSpec(64, new Relu(), null, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0.2))))),
                Arguments.of("layer norm", TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(64, new Relu()),
                        new LayerNormSpec())))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void aTrainingStepAllocatesAlmostNothing(String name, TrainingConfig config) {
        SplittableRandom r = new SplittableRandom(3);
        int n = 1000, d = 20;
        double[][] rows = new double[n][d];
        double[] y = new double[n];
        float[] w = new float[n];
        Column[] cols = new Column[d];
        for (int j = 0; j < d; j++) cols[j] = Column.numeric("x" + j);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) rows[i][j] = r.nextGaussian();
            y[i] = rows[i][0] + rows[i][1] > 0 ? (rows[i][2] > 0 ? 2 : 1) : 0;
            w[i] = 0.5f + (float) r.nextDouble();
        }
        TrainingRun run = TrainingRun.local(config.withEpochs(100000).withValidationFraction(0).withEarlyStopping(EarlyStopping.OFF), new LabeledTable(new Table(List.of(cols), rows), "y", List.of("a", "b", "c"), y, name.contains("weights") ? w : null));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // steady state: once the JIT has compiled the step (escape analysis removes short-lived views), so the best of
        // successive windows of 5 epochs counts, not the first (the JIT's progress depends on the machine's load)
        double best = Double.MAX_VALUE;
        for (int window = 0; window < 100 && best >= 256; window++) {
            long steps = run.steps(), bytes = mx.getCurrentThreadAllocatedBytes();
            for (int e = 0; e < 5; e++) run.nextEpoch();
            best = Math.min(best, (mx.getCurrentThreadAllocatedBytes() - bytes) / (double) (run.steps() - steps));
        }
        assertTrue(best < 256, name + ": " + best + " bytes allocated per training step at best");
    }
}
