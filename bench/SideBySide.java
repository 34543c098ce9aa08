import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingRun;

/**
 * One Dendrite training, single-threaded (run with -Ddendrite.threads=1 and OPENBLAS_NUM_THREADS=1),
 * on synthetic data of {@code rows} x 24 features and 4 classes for {@code epochs} epochs with the
 * defaults otherwise; prints the training's seconds. bench/side-by-side runs it alone and then two
 * at once, which is what two one-core Spark executors do on one machine: the per-process slowdown
 * is the machine's (caches, memory), not Spark's.
 */
public final class SideBySide {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]), d = 24, epochs = Integer.parseInt(args[1]);
        SplittableRandom r = new SplittableRandom(1);
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextGaussian();
                s += x[i][j] * (j % 3 - 1);
            }
            y[i] = s > 0 ? (x[i][0] > 0 ? 1 : 0) : (x[i][1] > 0 ? 2 : 3);
        }
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < d; j++) cols.add(Column.numeric("f" + j));
        LabeledTable t = new LabeledTable(new Table(cols, x), "y", List.of("0", "1", "2", "3"), y);
        TrainingConfig c = TrainingConfig.DEFAULT.withEpochs(epochs).withValidationFraction(0);
        long t0 = System.nanoTime();
        TrainingRun.local(c, t).run();
        System.out.printf(java.util.Locale.ROOT, "%.2f%n", (System.nanoTime() - t0) / 1e9);
    }
}
