package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.dendrite.core.testutil.TestData;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dendrite with default settings learns real data at least as well as logistic regression on the
 * same split. The baseline accuracies and the splits come from scikit-learn
 * (test-data/reference/learning/make_logreg_reference.py).
 */
class LearningTest {
    @ParameterizedTest
    @ValueSource(strings = {"iris.arff", "wisconsin-breast-cancer.csv"})
    void defaultNetworkMatchesLogisticRegression(String dataset) throws IOException {
        JsonNode cases = new ObjectMapper().readTree(TestData.file("reference/learning/logreg_baselines.json").toFile()).get("cases");
        JsonNode c = null;
        for (JsonNode n : cases) {
            if (n.get("dataset").asText().equals(dataset)) c = n;
        }
        assertTrue(c != null, "no baseline for " + dataset);
        TestData.Labeled all = dataset.endsWith(".arff") ? TestData.arff(dataset) : TestData.csv(dataset);
        TestData.Labeled train = all.subset(indices(c.get("train")));
        TestData.Labeled test = all.subset(indices(c.get("test")));

        Model model = Trainer.fit(TrainingConfig.DEFAULT, train.table(), train.targetName(), train.classes(), train.target(), null);
        Matrix p = model.predict(test.table());
        int correct = 0;
        for (int r = 0; r < p.rows(); r++) {
            int best = 0;
            for (int j = 1; j < p.cols(); j++) if (p.get(r, j) > p.get(r, best)) best = j;
            if (best == (int) test.target()[r]) correct++;
        }
        double accuracy = correct / (double) p.rows();
        double baseline = c.get("logreg_test_accuracy").asDouble();
        System.out.printf("%s: Dendrite test accuracy %.4f, logistic regression %.4f%n", dataset, accuracy, baseline);
        assertTrue(accuracy >= baseline, dataset + ": Dendrite " + accuracy + " < logistic regression " + baseline);
    }

    private static int[] indices(JsonNode a) {
        int[] idx = new int[a.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = a.get(i).asInt();
        return idx;
    }
}
