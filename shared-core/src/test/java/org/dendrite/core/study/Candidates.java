package org.dendrite.core.study;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Adam;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.optim.Sgd;
import org.dendrite.core.regularization.Regularization;
import org.dendrite.core.train.EarlyStopping;
import org.dendrite.core.train.Monitor;
import org.dendrite.core.train.TrainingConfig;

/** The configurations the defaults study compares (docs/design.md shows the table they produce). */
final class Candidates {
    private Candidates() {}

    private static NetworkSpec relu(double dropout, int... units) {
        return new NetworkSpec(Arrays.stream(units)
                .mapToObj(u -> (LayerSpec) new DenseSpec(u, new Relu(), null, true, DenseSpec.BatchNorm.NONE, dropout)).toList());
    }

    private static Regularization l2(double lambda) {
        return new Regularization(0, lambda, false, false, 0);
    }

    private static TrainingConfig c(Optimizer o, NetworkSpec n, double l2, int batch, int epochs) {
        return TrainingConfig.DEFAULT.withOptimizer(o).withNetwork(n).withRegularization(l2(l2)).withBatchSize(batch).withEpochs(epochs);
    }

    static Map<String, TrainingConfig> all() {
        EarlyStopping es = new EarlyStopping(Monitor.VALIDATION_LOSS, 10, 0, true);
        Map<String, TrainingConfig> m = new LinkedHashMap<>();
        m.put("sgd-m0.9 lr0.01 64-64 b32 100ep", c(new Sgd(0.01, 0.9, 0, false, 0), relu(0, 64, 64), 0, 32, 100));
        m.put("adam 1e-3 64-64 b32 100ep", c(new Adam(1e-3), relu(0, 64, 64), 0, 32, 100));
        m.put("adam 1e-3 64-64 b32 early-stop", c(new Adam(1e-3), relu(0, 64, 64), 0, 32, 200).withEarlyStopping(es));
        m.put("adam 1e-3 64-64 dropout0.2 b32 early-stop", c(new Adam(1e-3), relu(0.2, 64, 64), 0, 32, 200).withEarlyStopping(es));
        m.put("adamw 1e-3 wd0.01 64-64 dropout0.2 b32", c(Adam.adamW(1e-3, 0.01), relu(0.2, 64, 64), 0, 32, 100));
        m.put("adam 1e-3 64-64 l2 1e-3 b32", c(new Adam(1e-3), relu(0, 64, 64), 1e-3, 32, 100));
        m.put("adam 3e-3 64-64 l2 1e-2 b32", c(new Adam(3e-3), relu(0, 64, 64), 1e-2, 32, 100));
        m.put("adam 3e-3 64 l2 1e-2 b32", c(new Adam(3e-3), relu(0, 64), 1e-2, 32, 100));
        m.put("adam 3e-3 128 l2 1e-2 b16 (default)", c(new Adam(3e-3), relu(0, 128), 1e-2, 16, 100));
        m.put("adam 3e-3 128 l2 1e-2 b16 200ep", c(new Adam(3e-3), relu(0, 128), 1e-2, 16, 200));
        m.put("adam 3e-3 256 l2 1e-2 b16", c(new Adam(3e-3), relu(0, 256), 1e-2, 16, 100));
        m.put("adam 3e-3 128 l2 3e-3 b16", c(new Adam(3e-3), relu(0, 128), 3e-3, 16, 100));
        m.put("adam 3e-3 128 l2 1e-2 b8", c(new Adam(3e-3), relu(0, 128), 1e-2, 8, 100));
        m.put("adam 3e-3 128-128 l2 1e-2 b16", c(new Adam(3e-3), relu(0, 128, 128), 1e-2, 16, 100));
        m.put("adam 1e-2 128 l2 1e-2 b16", c(new Adam(1e-2), relu(0, 128), 1e-2, 16, 100));
        return m;
    }
}
