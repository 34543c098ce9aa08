package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.stream.IntStream;
import org.dendrite.core.testutil.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dendrite with default settings learns real data as well as logistic regression: the same
 * stratified 5 folds, cross-validated accuracy, Dendrite averaged over seeds 1, 2 and 3 (one seed is
 * one draw of initial weights and batch order). The folds and the baseline accuracies come from
 * scikit-learn (test-data/reference/learning/make_logreg_reference.py).
 *
 * <p>On these five datasets logistic regression is at the data's ceiling: measured, the network and
 * logistic regression differ by less than one binomial standard error sqrt(p(1-p)/n) in either
 * direction (iris 0.958 vs 0.960, breast-cancer 0.720 vs 0.720, Wisconsin 0.976 vs 0.979, Pima 0.768
 * vs 0.775, credit-g 0.744 vs 0.750; single seeds land on either side). So the test asks for no worse
 * than one standard error below logistic regression, "statistically as good", which a broken,
 * mis-scaled or under-trained network cannot reach (predicting the majority class scores 0.33 /
 * 0.70 / 0.63 / 0.65 / 0.70).
 */
class LearningTest {
    private static final int SEEDS = 3;

    @ParameterizedTest
    @ValueSource(strings = {"iris.arff", "breast-cancer.arff", "wisconsin-breast-cancer.csv", "diabetes.arff", "credit-g.arff"})
    void defaultNetworkIsAsAccurateAsLogisticRegression(String dataset) throws IOException {
        double[] r = crossValidate(dataset);
        double standardError = Math.sqrt(r[1] * (1 - r[1]) / r[2]);
        assertTrue(r[0] >= r[1] - standardError, dataset + ": Dendrite " + r[0] + " < logistic regression " + r[1]
                + " - one standard error " + standardError);
    }

    /** Dendrite's cross-validated accuracy, the baseline's, and the row count. */
    private static double[] crossValidate(String dataset) throws IOException {
        JsonNode cases = new ObjectMapper().readTree(TestData.file("reference/learning/logreg_baselines.json").toFile()).get("cases");
        JsonNode c = null;
        for (JsonNode n : cases) {
            if (n.get("dataset").asText().equals(dataset)) c = n;
        }
        assertTrue(c != null, "no baseline for " + dataset);
        TestData.Labeled all = dataset.endsWith(".arff") ? TestData.arff(dataset) : TestData.csv(dataset);
        int[] fold = indices(c.get("fold"));
        int correct = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            final long sd = seed;
            for (int f = 0; f < 5; f++) {
                final int k = f;
                TestData.Labeled train = all.subset(IntStream.range(0, fold.length).filter(i -> fold[i] != k).toArray());
                TestData.Labeled test = all.subset(IntStream.range(0, fold.length).filter(i -> fold[i] == k).toArray());
                Model model = Trainer.fit(TrainingConfig.DEFAULT.withSeed(sd), train.labeled());
                double[][] p = model.predict(test.table());
                for (int r = 0; r < p.length; r++) {
                    int best = 0;
                    for (int j = 1; j < p[r].length; j++) if (p[r][j] > p[r][best]) best = j;
                    if (best == (int) test.target()[r]) correct++;
                }
            }
        }
        double accuracy = correct / (double) (fold.length * SEEDS);
        double baseline = c.get("logreg_cv_accuracy").asDouble();
        System.out.printf("%s: Dendrite 5-fold accuracy %.4f, logistic regression %.4f%n", dataset, accuracy, baseline);
        return new double[] {accuracy, baseline, fold.length};
    }

    private static int[] indices(JsonNode a) {
        int[] idx = new int[a.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = a.get(i).asInt();
        return idx;
    }
}
