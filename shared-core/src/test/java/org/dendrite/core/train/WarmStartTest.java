package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    /** Two ReLU layers of 16 and 8 units: the initial model the warm starts below continue. */
    private static final TrainingConfig TWO_LAYERS = TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(16, new Relu()),
            new DenseSpec(8, new Relu()))));

    @Test
    void continuesFromAModelWithTheFirstLayerFrozen() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        TrainingConfig c = TWO_LAYERS.withEpochs(5);
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

    /**
     * A warm-started model's summary printed its configuration "as -config-json takes it" and nothing
     * of the initial model, so that configuration given again silently trained a fresh network: the
     * summary names the initial model (its training time, version and seed) and the frozen layers.
     * A fresh run says nothing of the kind. Expected values: the initial model's own provenance.
     */
    @Test
    void aWarmStartedModelNamesItsInitialModelAndFrozenLayers() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        Model first = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(1).withSeed(7), d.labeled());
        String from = "Warning: Trained from an initial model (trained " + first.provenance().createdAt() + " by Dendrite "
                + first.provenance().dendriteVersion() + ", seed 7) and its weights, ";
        assertFalse(first.summary().contains("initial model"), first.summary());
        Model frozen = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1), d.labeled(), TrainingListener.NONE, new WarmStart(first, 1)).model();
        assertTrue(frozen.summary().contains(from + "its first layer with weights frozen: the configuration, given again without that model, "
                + "trains a fresh network instead.\n"), frozen.summary());
        Model free = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1), d.labeled(), TrainingListener.NONE, new WarmStart(first, 0)).model();
        assertTrue(free.summary().contains(from + "no layer frozen: "), free.summary());
        // kept in the model file
        assertTrue(org.dendrite.core.io.ModelIO.fromJson(org.dendrite.core.io.ModelIO.toJson(frozen)).summary().contains(from), "read back");
    }

    /**
     * Options describing another network than the initial model's are not trained (the model's
     * architecture is, as its weights belong to it): the run says so among its warnings. Options that
     * give no network, or the initial model's own training options again (its width chosen from other
     * rows, here 48 from iris' rows against 0 given), are silent. Expected values: the specs as written.
     */
    @Test
    void optionsOfAnotherNetworkAreNamedAsNotTrained() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        NetworkSpec twoLayers = new NetworkSpec(List.of(new DenseSpec(16, new Relu()), new DenseSpec(8, new Relu())));
        Model first = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(2), d.labeled()); // one layer of units chosen from the rows
        WarmStart warm = new WarmStart(first, 0);
        assertEquals(null, warm.ignored(NetworkSpec.DEFAULT), "no network given");
        assertEquals(null, warm.ignored(first.network().spec()), "the model's own");
        assertEquals(null, warm.ignored(NetworkSpec.DEFAULT.withDataInit(org.dendrite.core.network.DataInit.SCALED)), "init only");
        DenseSpec chosen = (DenseSpec) first.network().spec().layers().get(0);
        for (NetworkSpec other : List.of(twoLayers, new NetworkSpec(List.of(new DenseSpec(0, new org.dendrite.core.activation.Tanh()))),
                new NetworkSpec(List.of(new DenseSpec(0, new Relu(), chosen.initializer(), true, chosen.batchNorm(), 0.3))),
                new NetworkSpec(List.of(new DenseSpec(chosen.units() + 16, new Relu()))), new NetworkSpec(NetworkSpec.DEFAULT.layers(), 4, null))) {
            String w = warm.ignored(other);
            assertTrue(w != null && w.startsWith("The initial model's network is trained"), other + ": " + w);
        }
        TrainingRun quiet = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1), d.labeled(), TrainingListener.NONE, warm);
        assertTrue(quiet.history().warnings().stream().noneMatch(w -> w.startsWith("The initial model's network")), quiet.history().warnings().toString());
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1).withNetwork(twoLayers), d.labeled(), TrainingListener.NONE, warm);
        assertTrue(run.history().warnings().stream().anyMatch(w -> w.startsWith("The initial model's network") && w.contains("2 layers, the model's 1; layer 1 {\"type\":\"dense\",\"units\":16")),
                run.history().warnings().toString());
        assertEquals(first.network().spec(), run.config().network().withInputsUnresolved(), "the initial model's network is the one trained");
        // a model whose hidden layers started from the rows (data init) continues from its weights, and says so no longer
        Model scaled = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(1).withNetwork(NetworkSpec.DEFAULT.withDataInit(org.dendrite.core.network.DataInit.SCALED)),
                d.labeled());
        assertTrue(scaled.network().describe().contains("data init: scaled"), scaled.network().describe());
        TrainingRun on = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1), d.labeled(), TrainingListener.NONE, new WarmStart(scaled, 0));
        assertFalse(on.model().network().describe().contains("data init"), on.model().network().describe());
    }

    /**
     * A warm start on inputs named otherwise throughout (a Spark model's assembler names against an
     * ARFF's) takes them by their place; where some names are the model's, another name at a place is
     * refused (a replaced input, log_d for d), as are the model's inputs in another order.
     */
    @Test
    void inputsRenamedThroughoutAreTakenByPlaceAndAReplacedOneIsRefused() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        Model first = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(1), d.labeled());
        java.util.function.Function<List<String>, LabeledTable> named = names -> new LabeledTable(new org.dendrite.core.data.Table(
                names.stream().map(org.dendrite.core.data.Column::numeric).toList(), d.table().rows()), d.targetName(), d.classes(), d.target(), null);
        List<String> had = first.preprocessor().columns().stream().map(org.dendrite.core.data.Column::name).toList();
        WarmStart warm = new WarmStart(first, 0);
        TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1), named.apply(List.of("c0", "c1", "c2", "c3")), TrainingListener.NONE, warm);
        List<String> replaced = new java.util.ArrayList<>(had);
        replaced.set(3, "log_" + had.get(3));
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1), named.apply(replaced),
                TrainingListener.NONE, warm));
        assertTrue(e.getMessage().startsWith("Input column 3 is 'log_" + had.get(3) + "'"), e.getMessage());
        List<String> swapped = List.of(had.get(1), had.get(0), had.get(2), had.get(3));
        var order = assertThrows(IllegalArgumentException.class, () -> TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1), named.apply(swapped),
                TrainingListener.NONE, warm));
        assertTrue(order.getMessage().endsWith("(the model's inputs in another order: give them in the model's order)"), order.getMessage());
    }

    /**
     * Pruning leaves a frozen layer's weights as they are, and prunes the trained ones to the target
     * (its mask covered the frozen weights too: three of a frozen tensor's weights became 0).
     */
    @Test
    void pruningLeavesFrozenLayersAsTheyAre() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        TrainingConfig c = TWO_LAYERS.withEpochs(3);
        Model first = Trainer.fit(c, d.labeled());
        float[] w0 = first.network().parameters().get(0).value().clone();
        TrainingRun run = TrainingRun.local(c.withPruning(new org.dendrite.core.regularization.Pruning(0.5, 1, 1)), d.labeled(), TrainingListener.NONE,
                new WarmStart(first, 1));
        while (run.hasNextEpoch()) run.nextEpoch();
        assertArrayEquals(w0, run.network().parameters().get(0).value(), "the frozen layer kept its weights");
        long zeros = 0, trained = 0;
        for (org.dendrite.core.layer.Parameter p : run.network().parameters()) {
            if (!p.regularized() || p == run.network().parameters().get(0)) continue;
            trained += p.size();
            for (float v : p.value()) if (v == 0f) zeros++;
        }
        assertEquals(Math.ceil(0.5 * trained), zeros, 1, "half the trained weights pruned: " + zeros + " of " + trained);
    }

    /**
     * A frozen layer keeps its weights under the steps that follow the optimizer's too: the proximal
     * L1 step and max-norm (max-norm 0.5 rescaled 60 of the frozen layer's 64 weights, by up to 1.5).
     */
    @Test
    void aFrozenLayerKeepsItsWeightsUnderProximalL1AndMaxNorm() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        TrainingConfig c = TWO_LAYERS.withEpochs(5);
        Model first = Trainer.fit(c, d.labeled());
        float[] w0 = first.network().parameters().get(0).value().clone();
        for (org.dendrite.core.regularization.Regularization r : List.of(new org.dendrite.core.regularization.Regularization(0.01, 0, true, false, 0),
                new org.dendrite.core.regularization.Regularization(0, 0, false, false, 0.5))) {
            TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(3).withRegularization(r), d.labeled(), TrainingListener.NONE,
                    new WarmStart(first, 1));
            while (run.hasNextEpoch()) run.nextEpoch();
            assertArrayEquals(w0, run.network().parameters().get(0).value(), r.toString());
        }
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

    /** y = 3 x1 - 2 x2 (+ {@code shift}) on {@code n} rows of seed {@code seed}. */
    private static LabeledTable linear(int n, long seed, double shift, double factor) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {r.nextGaussian(), r.nextGaussian()};
            y[i] = (3 * x[i][0] - 2 * x[i][1]) * factor + shift;
        }
        return new LabeledTable(new org.dendrite.core.data.Table(List.of(org.dendrite.core.data.Column.numeric("x1"),
                org.dendrite.core.data.Column.numeric("x2")), x), "y", List.of(), y);
    }

    /**
     * A warm start on a numeric target far from the initial model's: it trained in the model's target
     * units (y - 1000 on a model of y: test RMSE 988; y x 1e30 predicted about 2.6). The target is
     * standardized by these rows, so the network's standardized output is read in their units: before
     * any epoch the run predicts the initial model's predictions changed as the target's mean and scale
     * changed (m_new + s_new (p - m_old) / s_old, to float32 rounding), and it trains as on the model's
     * own target.
     */
    @Test
    void aNumericTargetIsScaledByTheNewRowsAndTheOutputLayerMovedToIt() {
        Model initial = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(30), linear(300, 1, 0, 1));
        for (double[] change : new double[][] {{-1000, 1}, {0, 1e30}, {5, 1e-3}}) {
            LabeledTable shifted = linear(300, 2, change[0], change[1]);
            TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(30), shifted, TrainingListener.NONE, new WarmStart(initial, 0));
            double[][] before = run.model().predict(shifted.features()), had = initial.predict(shifted.features());
            org.dendrite.core.data.Task was = initial.task(), now = run.model().task();
            for (int i = 0; i < 5; i++) {
                double expected = now.targetMean() + now.targetScale() * (had[i][0] - was.targetMean()) / was.targetScale();
                org.junit.jupiter.api.Assertions.assertEquals(expected, before[i][0], 1e-5 * (Math.abs(expected) + now.targetScale()),
                        "row " + i + " before training, change " + Arrays.toString(change));
            }
            Model m = run.run();
            double[][] p = m.predict(shifted.features());
            double s = 0, spread = 0, mean = Arrays.stream(shifted.target()).average().orElseThrow();
            for (int i = 0; i < p.length; i++) {
                s += (p[i][0] - shifted.target()[i]) * (p[i][0] - shifted.target()[i]);
                spread += (mean - shifted.target()[i]) * (mean - shifted.target()[i]);
            }
            double rmse = Math.sqrt(s / p.length), sd = Math.sqrt(spread / p.length);
            assertTrue(rmse < 0.1 * sd, "change " + Arrays.toString(change) + ": training RMSE " + rmse + " against the targets' spread " + sd);
        }
    }
    /**
     * An initial model given as a saved Spark model's folder, or as a Weka classifier saved with -d,
     * is refused saying what to give (it said "is a directory", or "not UTF-8 text").
     */
    @Test
    void aSparkFolderOrAWekaModelFileIsNamedWithWhatToGive(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Model m = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(1), TestData.arff("iris.arff").labeled());
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(dir.resolve("saved"));
        org.dendrite.core.io.ModelIO.write(m, folder.resolve("model.json"));
        var e = assertThrows(IllegalArgumentException.class, () -> WarmStart.read(folder.toString(), "-initial-model", 0, "-freeze"));
        assertEquals("-initial-model: '" + folder + "' is a folder (a saved Spark model or a -diagnostics run); give the model JSON in it: " + folder.resolve("model.json"),
                e.getMessage());
        java.nio.file.Path weka = dir.resolve("iris.model");
        java.nio.file.Files.write(weka, new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, (byte) 0xFF, (byte) 0xFE, 1, 2});
        var w = assertThrows(IllegalArgumentException.class, () -> WarmStart.read(weka.toString(), "-initial-model", 0, "-freeze"));
        assertTrue(w.getMessage().startsWith("-initial-model: ") && w.getMessage().endsWith("(a Weka classifier saved with -d is loaded with -l; an "
                + "initial model is a model JSON, such as the model.json of a -diagnostics folder)"), w.getMessage());
        assertEquals(m.network().spec(), WarmStart.read(folder.resolve("model.json").toString(), "-initial-model", 0, "-freeze").initial().network().spec());
    }

    /**
     * L-BFGS on a warm start with every hidden layer frozen: the trained part, the output layer on
     * fixed features without penalty, is a logistic regression, convex, and a strong-Wolfe line search
     * only accepts points that lower the loss, so the training loss (each epoch's first evaluation)
     * cannot rise from epoch to epoch (Nocedal and Wright 2006, 3.1). L-BFGS saw the frozen layers'
     * gradients, moved them along its direction and line search, and the step's point was then lost
     * when their values were put back: the loss rose from 0.46 to 1.16 in 8 epochs on diabetes.
     */
    @Test
    void lbfgsOnFrozenLayersLowersTheLossEpochAfterEpoch() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        Model first = Trainer.fit(TWO_LAYERS.withEpochs(5), d.labeled());
        TrainingConfig lbfgs = TWO_LAYERS.withEpochs(8).withSchedule(new org.dendrite.core.schedule.ConstantSchedule())
                .withRegularization(new org.dendrite.core.regularization.Regularization(0, 0, false, false, 0, 0))
                .withOptimizer(new org.dendrite.core.optim.Lbfgs(1, 20, 100, org.dendrite.core.optim.Lbfgs.LineSearch.STRONG_WOLFE));
        TrainingRun run = TrainingRun.local(lbfgs, d.labeled(), TrainingListener.NONE, new WarmStart(first, 2));
        while (run.hasNextEpoch()) run.nextEpoch();
        List<EpochRecord> epochs = run.history().epochs();
        for (int e = 1; e < epochs.size(); e++) {
            assertTrue(epochs.get(e).trainLoss() <= epochs.get(e - 1).trainLoss() + 1e-6, "epoch " + (e + 1) + ": "
                    + epochs.stream().map(EpochRecord::trainLoss).toList());
        }
        assertTrue(epochs.get(epochs.size() - 1).trainLoss() < epochs.get(0).trainLoss(), "the output layer trained");
        assertArrayEquals(first.network().parameters().get(0).value(), run.network().parameters().get(0).value(), "still frozen");
    }

    /**
     * A warm start keeps the initial model's input preprocessing (its weights expect those inputs), but
     * the run's configuration, which the model's summary prints "as -config-json takes it", said the
     * options' (robust scaling over inputs scaled as the model's, standard), and nothing warned that
     * the option was not applied, as one does for a network option. The configuration now holds the
     * model's preprocessing (the target's scaling stays the options'), and options that give another
     * one are named in a warning; options left at the defaults are silent. Expected values: the
     * preprocessing each model was trained with.
     */
    @Test
    void theInitialModelsPreprocessingIsTheRunsAndOtherOptionsAreNamed() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        var robust = org.dendrite.core.data.PreprocessingConfig.DEFAULT.withScaling(org.dendrite.core.data.PreprocessingConfig.Scaling.ROBUST);
        Model robustModel = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(1).withPreprocessing(robust), d.labeled());
        TrainingRun quiet = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1), d.labeled(), TrainingListener.NONE, new WarmStart(robustModel, 0));
        assertEquals(robust, quiet.config().preprocessing(), "the run's configuration names the preprocessing it trained on");
        assertTrue(quiet.history().warnings().stream().noneMatch(w -> w.contains("input preprocessing")), quiet.history().warnings().toString());

        Model standard = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(1), d.labeled());
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1).withPreprocessing(robust), d.labeled(), TrainingListener.NONE,
                new WarmStart(standard, 0));
        assertEquals(org.dendrite.core.data.PreprocessingConfig.DEFAULT, run.config().preprocessing());
        assertEquals(org.dendrite.core.data.PreprocessingConfig.DEFAULT, run.model().preprocessor().config());
        assertTrue(run.history().warnings().contains("The initial model's input preprocessing is kept (a warm start's weights expect its inputs), "
                + "not the one the options describe (scaling robust, the model's standard). Give the initial model's preprocessing, or leave "
                + "those options at their defaults."), run.history().warnings().toString());
    }
}
