package org.dendrite.core.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Table;
import org.dendrite.core.diagnostics.DiagnosticsConfig;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Adam;
import org.dendrite.core.regularization.Regularization;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingRun;

/**
 * Workloads W1-W3 of the performance issue: MLP 784-256-128-10 (ReLU, softmax cross-entropy, Adam
 * 1e-3, no weight decay) on 60 000 rows of Gaussian features with random labels. W1: training,
 * batch 128; W2: training, batch 32; W3: inference (class probabilities) in batches of {@link Model#PREDICTION_BATCH} = 1024. Each measurement is one epoch (one
 * pass over the rows) after one warm-up epoch; prints {@code SAMPLE <workload> <samples/s>} per
 * repetition and {@code RESULT <workload> <system> <median samples/s>} with the spread. Run through
 * {@code bench/run}.
 *
 * <p>Arguments: {@code system workload [repetitions]}; the system name is only echoed.
 */
public final class ThroughputBenchmark {
    static final int ROWS = 60_000, INPUTS = 784, CLASSES = 10;

    private ThroughputBenchmark() {}

    public static void main(String[] args) {
        String system = args[0], workload = args[1];
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SplittableRandom r = new SplittableRandom(42);
        double[][] rows = new double[ROWS][INPUTS];
        double[] y = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < INPUTS; j++) rows[i][j] = r.nextGaussian();
            y[i] = r.nextInt(CLASSES);
        }
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < INPUTS; j++) cols.add(Column.numeric("x" + j));
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < CLASSES; k++) classes.add("c" + k);
        Table table = new Table(cols, rows);
        int batch = switch (workload) {
            case "W1" -> 128;
            case "W2" -> 32;
            case "W3" -> 1024;
            default -> throw new IllegalArgumentException("Unknown workload " + workload + "; allowed: W1, W2, W3");
        };
        TrainingConfig config = TrainingConfig.DEFAULT
                .withNetwork(new NetworkSpec(List.of(new DenseSpec(256, new Relu()), new DenseSpec(128, new Relu()))))
                .withOptimizer(new Adam(1e-3)).withRegularization(new Regularization(0, 0, false, false, 0))
                .withBatchSize(batch).withEpochs(Integer.MAX_VALUE).withValidationFraction(0)
                .withPreprocessing(PreprocessingConfig.DEFAULT)
                .withDiagnostics(new DiagnosticsConfig(0, 0));
        TrainingRun run = TrainingRun.local(config, new LabeledTable(table, "y", classes, y, null));
        table = null;
        rows = null;
        double[] rates = new double[reps];
        if (workload.equals("W3")) {
            Model model = run.model();
            Matrix x = ((org.dendrite.core.train.MinibatchSource) run.source()).train().features();
            double sink = 0;
            for (int rep = -1; rep < reps; rep++) {
                long t0 = System.nanoTime();
                sink += model.predictFeatures(x)[0][0];
                if (rep >= 0) rates[rep] = ROWS / ((System.nanoTime() - t0) / 1e9);
            }
            if (Double.isNaN(sink)) throw new IllegalStateException("NaN prediction");
        } else {
            run.nextEpoch();
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long steps = run.steps(), bytes = mx.getCurrentThreadAllocatedBytes();
            for (int rep = 0; rep < reps; rep++) {
                long t0 = System.nanoTime();
                run.nextEpoch();
                rates[rep] = run.source().rows() / ((System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "ALLOC %s %s %.0f bytes per training step%n", workload, system,
                    (mx.getCurrentThreadAllocatedBytes() - bytes) / (double) (run.steps() - steps));
        }
        for (double v : rates) System.out.printf(Locale.ROOT, "SAMPLE %s %s %.0f%n", workload, system, v);
        double[] s = rates.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "RESULT %s %s %.0f (min %.0f, max %.0f, n %d, peak RSS %s MiB)%n", workload, system, s[s.length / 2], s[0],
                s[s.length - 1], s.length, peakRssMiB());
    }

    /** VmHWM of this process from /proc, or "?" where there is no /proc. */
    static String peakRssMiB() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return String.valueOf(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
        } catch (java.io.IOException e) {
            return "?";
        }
        return "?";
    }
}
