package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.testutil.TestData;
import org.junit.jupiter.api.Test;

class WarmStartTest {
    @Test
    void continuesFromAModelWithTheFirstLayerFrozen() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        TrainingConfig c = TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(16, new Relu()), new DenseSpec(8, new Relu()))))
                .withEpochs(5);
        Model first = Trainer.fit(c, d.labeled());
        float[] w0 = first.network().parameters().get(0).value().clone();
        float[] w1 = first.network().parameters().get(2).value().clone();

        // a different network in the config is ignored: the initial model's architecture continues
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(3), new LabeledTable(d.table(), d.targetName(), d.classes(), d.target(), null), TrainingListener.NONE, new WarmStart(first, 1));
        assertArrayEquals(w0, run.network().parameters().get(0).value(), "starts from the initial weights");
        while (run.hasNextEpoch()) run.nextEpoch();
        assertArrayEquals(w0, run.network().parameters().get(0).value(), "the frozen first layer kept its weights");
        assertFalse(Arrays.equals(w1, run.network().parameters().get(2).value()), "the second layer trained on");
        assertTrue(run.initialLoss() < Math.log(3), "a warm start begins below an untrained network's loss: " + run.initialLoss());
    }

    @Test
    void mismatchedTaskOrWidthOrFrozenCountIsRefused() throws Exception {
        TestData.Labeled iris = TestData.arff("iris.arff");
        Model m = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(2), iris.labeled());
        TestData.Labeled diabetes = TestData.arff("diabetes.arff");
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.local(TrainingConfig.DEFAULT, new LabeledTable(diabetes.table(), diabetes.targetName(), diabetes.classes(), diabetes.target(), null), TrainingListener.NONE, new WarmStart(m, 0)));
        assertTrue(e.getMessage().contains("3 classes") && e.getMessage().contains("2 classes"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> TrainingRun.local(TrainingConfig.DEFAULT, new LabeledTable(iris.table(), iris.targetName(), iris.classes(), iris.target(), null), TrainingListener.NONE, new WarmStart(m, 5)));
        assertTrue(f.getMessage().contains("frozen layers: 5") && f.getMessage().contains("0..2"), f.getMessage());
    }

    /**
     * The initial model's outputs are its classes in its order: data naming the same classes in
     * another order, or other classes, would train and predict each row as another class (a
     * model of [virginica, setosa, versicolor] warm-started on iris got 1 of 150 right); refused.
     * Classes known only by their number (Spark labels without metadata) are taken by position.
     */
    @Test
    void classesNamedOtherwiseThanTheModelsAreRefused() throws Exception {
        TestData.Labeled iris = TestData.arff("iris.arff");
        Model m = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(2), iris.labeled());
        WarmStart warm = new WarmStart(m, 0);
        List<String> classes = iris.classes();
        List<String> reordered = List.of(classes.get(2), classes.get(0), classes.get(1));
        var e = assertThrows(IllegalArgumentException.class, () -> warm.check(reordered, 4));
        assertTrue(e.getMessage().startsWith("The initial model's classes " + classes + " are not this data's " + reordered + " (from index 0 on: '"
                + classes.get(2) + "' here, '" + classes.get(0) + "' in the model)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> warm.check(List.of("x", "y", "z"), 4));
        warm.check(classes, 4);
        warm.check(List.of("0", "1", "2"), 4);
        var t = assertThrows(IllegalArgumentException.class, () -> TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1), new LabeledTable(iris.table(),
                iris.targetName(), reordered, iris.target(), null), TrainingListener.NONE, warm));
        assertTrue(t.getMessage().contains("are not this data's"), t.getMessage());
    }
}
