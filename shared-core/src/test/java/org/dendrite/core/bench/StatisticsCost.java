package org.dendrite.core.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import org.dendrite.core.diagnostics.DiagnosticsConfig;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingRun;

/**
 * What per-layer statistics cost: epoch time (median of 15 epochs after 2 warm-up epochs, the settings' epochs interleaved) on 20 000
 * synthetic rows x 50 features, network 128-64 ReLU, batch 64, sampling every N steps, as overhead
 * against no sampling. Run through {@code bench/statistics-cost}; the numbers are in docs/design.md.
 */
public final class StatisticsCost {
    private StatisticsCost() {}

    public static void main(String[] args) {
        SplittableRandom r = new SplittableRandom(1);
        int n = 20000, d = 50;
        double[][] rows = new double[n][d];
        double[] y = new double[n];
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < d; j++) cols.add(Column.numeric("x" + j));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) rows[i][j] = r.nextGaussian();
            y[i] = rows[i][0] + rows[i][1] * rows[i][2] > 0 ? 1 : 0;
        }
        Table t = new Table(cols, rows);
        NetworkSpec net = new NetworkSpec(List.of(new DenseSpec(128, new Relu()), new DenseSpec(64, new Relu())));
        int[] every = {0, 100, 10, 1};
        TrainingRun[] runs = new TrainingRun[every.length];
        for (int k = 0; k < every.length; k++) {
            TrainingConfig c = TrainingConfig.DEFAULT.withNetwork(net).withBatchSize(64).withEpochs(1000)
                    .withDiagnostics(new DiagnosticsConfig(every[k], 0));
            runs[k] = TrainingRun.local(c, new LabeledTable(t, "y", List.of("a", "b"), y, null));
            runs[k].nextEpoch();
            runs[k].nextEpoch();
        }
        // epochs of the four settings interleaved, so JIT and machine drift hit them alike
        double[][] s = new double[every.length][15];
        for (int round = 0; round < 15; round++) {
            for (int k = 0; k < every.length; k++) s[k][round] = runs[k].nextEpoch().seconds();
        }
        double base = 0;
        for (int k = 0; k < every.length; k++) {
            Arrays.sort(s[k]);
            double median = s[k][7];
            if (k == 0) base = median;
            System.out.printf(Locale.ROOT, "STATS every=%s epoch %.4f s (min %.4f, max %.4f) overhead %+.1f%%%n", every[k] == 0 ? "off" : every[k],
                    median, s[k][0], s[k][14], 100 * (median / base - 1));
        }
    }
}
