package org.dendrite.core.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.dendrite.core.testutil.TestData;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.Trainer;
import org.dendrite.core.train.TrainingConfig;

/**
 * The measurement behind Dendrite's default settings: stratified k-fold cross-validated accuracy of
 * candidate configurations on the bundled classification datasets. Run with
 * {@code bench/defaults-study} (prints a markdown table for docs/design.md). Not a unit test.
 */
public final class DefaultsStudy {
    private DefaultsStudy() {}

    public static void main(String[] args) throws Exception {
        Map<String, TrainingConfig> candidates = Candidates.all();
        String[] datasets = {"iris.arff", "wisconsin-breast-cancer.csv", "diabetes.arff", "breast-cancer.arff", "credit-g.arff"};
        int folds = 5;
        StringBuilder table = new StringBuilder("| config |");
        for (String d : datasets) table.append(' ').append(d).append(" |");
        table.append(" mean | seconds |\n|---|");
        for (int i = 0; i <= datasets.length + 1; i++) table.append("---|");
        table.append('\n');
        for (Map.Entry<String, TrainingConfig> c : candidates.entrySet()) {
            long start = System.nanoTime();
            table.append("| ").append(c.getKey()).append(" |");
            double sum = 0;
            for (String d : datasets) {
                double acc = crossValidate(c.getValue(), d.endsWith(".csv") ? TestData.csv(d) : TestData.arff(d), folds, 1);
                sum += acc;
                table.append(String.format(Locale.ROOT, " %.4f |", acc));
            }
            table.append(String.format(Locale.ROOT, " %.4f | %.1f |%n", sum / datasets.length, (System.nanoTime() - start) / 1e9));
            System.err.println(c.getKey() + " done");
        }
        System.out.print(table);
    }

    /** Stratified k-fold accuracy (folds dealt round-robin within each class after a seeded shuffle). */
    static double crossValidate(TrainingConfig config, TestData.Labeled data, int folds, long seed) {
        int n = data.target().length;
        int[] fold = new int[n];
        SplittableRandom rng = new SplittableRandom(seed);
        Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) byClass.computeIfAbsent((int) data.target()[i], k -> new ArrayList<>()).add(i);
        int next = 0;
        for (List<Integer> rows : byClass.values()) {
            for (int i = rows.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                Integer t = rows.get(i);
                rows.set(i, rows.get(j));
                rows.set(j, t);
            }
            for (int r : rows) fold[r] = next++ % folds;
        }
        int correct = 0;
        for (int f = 0; f < folds; f++) {
            List<Integer> tr = new ArrayList<>(), te = new ArrayList<>();
            for (int i = 0; i < n; i++) (fold[i] == f ? te : tr).add(i);
            TestData.Labeled train = data.subset(tr.stream().mapToInt(Integer::intValue).toArray());
            TestData.Labeled test = data.subset(te.stream().mapToInt(Integer::intValue).toArray());
            Model m = Trainer.fit(config, train.table(), train.targetName(), train.classes(), train.target(), null);
            Matrix p = m.predict(test.table());
            for (int r = 0; r < p.rows(); r++) {
                int best = 0;
                for (int j = 1; j < p.cols(); j++) if (p.get(r, j) > p.get(r, best)) best = j;
                if (best == (int) test.target()[r]) correct++;
            }
        }
        return correct / (double) n;
    }
}
