package org.dendrite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.Dataset;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Table;
import org.dendrite.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error that names what was wrong and what is allowed. */
class BadInputTest {
    private static final List<Column> COLS = List.of(Column.numeric("age"), Column.numeric("income"));
    private static final TrainingConfig QUICK = TrainingConfig.DEFAULT.withEpochs(2);

    private static Table table(double[]... rows) {
        return new Table(COLS, rows);
    }

    private static IllegalArgumentException fitError(Table t, List<String> classes, double[] y) {
        return assertThrows(IllegalArgumentException.class, () -> Trainer.fit(QUICK, new LabeledTable(t, "label", classes, y, null)));
    }

    @Test
    void infiniteFeatureNamesColumnAndRow() {
        var e = fitError(table(new double[] {1, 2}, new double[] {3, Double.POSITIVE_INFINITY}), List.of("a", "b"), new double[] {0, 1});
        assertTrue(e.getMessage().contains("'income'") && e.getMessage().contains("row 1") && e.getMessage().contains("Infinity"), e.getMessage());
    }

    /** Label smoothing (or a class loss) on a numeric target: a clear error naming the setting and the target, not a class-index error. */
    @Test
    void aClassLossOnANumericTargetIsRefused() throws Exception {
        LabeledTable reg = org.dendrite.core.testutil.TestData.arff("diabetes-regression.arff").labeled();
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> Trainer.fit(TrainingOptions.DEFAULT.with("labelSmoothing", 0.1).toConfig().withEpochs(1), reg));
        assertEquals("labelSmoothing", e.setting());
        assertTrue(e.getMessage().contains("'progression' is numeric") && e.getMessage().contains("label smoothing 0.1")
                && e.getMessage().contains("leave it at 0"), e.getMessage());
        var e2 = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> Trainer.fit(QUICK.withLoss(new org.dendrite.core.loss.SoftmaxCrossEntropy()), reg));
        assertEquals("loss", e2.setting());
        assertTrue(e2.getMessage().contains("regression loss (mse, mae, huber)"), e2.getMessage());
    }

    /**
     * A loss of one output per target value on a nominal target (it trained, then failed with an
     * ArrayIndexOutOfBoundsException where a probability per class was read): refused before training.
     */
    @Test
    void aLossWithoutClassProbabilitiesOnANominalTargetIsRefused() throws Exception {
        LabeledTable iris = org.dendrite.core.testutil.TestData.arff("iris.arff").labeled();
        for (org.dendrite.core.loss.Loss loss : List.of(new org.dendrite.core.loss.MeanSquaredError(), new org.dendrite.core.loss.Huber(1))) {
            var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(QUICK.withLoss(loss), iris));
            assertEquals("loss", e.setting());
            assertEquals("The loss " + loss.name() + " does not give a probability per class, but 'class' is nominal; use "
                    + "softmax_cross_entropy (the default for a nominal target)", e.getMessage());
        }
        // the multi-label loss suits neither kind of target, and says so the same way for both (the two messages contradicted
        // each other: "is for a nominal target" on a numeric one, "use softmax_cross_entropy" on a nominal one)
        LabeledTable reg = org.dendrite.core.testutil.TestData.arff("diabetes-regression.arff").labeled();
        org.dendrite.core.loss.Loss sigmoid = new org.dendrite.core.loss.SigmoidBinaryCrossEntropy();
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(QUICK.withLoss(sigmoid), iris));
        assertEquals("The loss sigmoid_cross_entropy is for targets that are probabilities per output (multi-label), which 'class' is not: "
                + "use softmax_cross_entropy (the default for a nominal target)", e.getMessage());
        var f = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(QUICK.withLoss(sigmoid), reg));
        assertEquals("The loss sigmoid_cross_entropy is for targets that are probabilities per output (multi-label), which 'progression' is "
                + "not: use a regression loss (mse, mae, huber)", f.getMessage());
    }

    /** Early stopping on a metric the task does not have is refused before training (it failed after the first epoch). */
    @Test
    void earlyStoppingOnAMetricTheTaskLacksIsRefusedFirst() throws Exception {
        LabeledTable reg = org.dendrite.core.testutil.TestData.arff("diabetes-regression.arff").labeled();
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(QUICK.withEarlyStopping(
                new EarlyStopping(Monitor.AUC, 2, 0, true)), reg));
        assertEquals("earlyStopping", e.setting());
        assertEquals("Early stopping monitors auc, which is undefined for this regression task; choose validation_loss or rmse", e.getMessage());
    }

    /**
     * configJson replaces the flat options: one set beside it to another value than the JSON's was
     * silently ignored (Weka's -config-json '{"batchSize":8}' -epochs 5 trained the JSON's 100
     * epochs); it is refused naming it, while one left at its default or given the JSON's value passes.
     */
    @Test
    void anOptionSetBesideConfigJsonToAnotherValueIsRefused() {
        TrainingOptions json = TrainingOptions.DEFAULT.with("configJson", "{\"epochs\": 5, \"batchSize\": 8}");
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> json.with("epochs", 7).toConfig());
        assertEquals("epochs", e.setting());
        assertEquals("The option epochs is set beside configJson, which holds the whole training configuration and "
                + "gives it another value: give it inside the JSON only, or leave epochs at its default", e.getMessage());
        assertEquals("l2", assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> json.with("l2", 0.5).toConfig()).setting());
        assertEquals(5, json.with("epochs", 5).toConfig().epochs(), "the JSON's own value");
        assertEquals(8, json.toConfig().batchSize());
    }

    /**
     * The JSON's seed was silently replaced by the seed option's default (a search's chosen
     * configuration, fed back with its seed 7, trained with seed 1: another model than the search's
     * refit). It is taken when the option is left at its default; an option set otherwise overrides it
     * (Weka's Bagging sets each member's seed, the Experimenter each run's: refusing broke them).
     */
    @Test
    void configJsonsSeedIsTakenUnlessTheSeedOptionIsSet() {
        TrainingOptions seven = TrainingOptions.DEFAULT.with("configJson", "{\"epochs\": 5, \"seed\": 7}");
        assertEquals(7, seven.toConfig().seed(), "the JSON's seed");
        assertEquals(3, seven.with("seed", 3).toConfig().seed(), "the option's, set");
        TrainingOptions none = TrainingOptions.DEFAULT.with("configJson", "{\"epochs\": 5}");
        assertEquals(1, none.toConfig().seed());
        assertEquals(3, none.with("seed", 3).toConfig().seed());
    }

    /**
     * A configJson file is read as every Dendrite JSON file: a byte order mark (Notepad's, PowerShell's)
     * is skipped (it was refused as "Unexpected character ('\uFEFF')"), an error names the file (it named
     * "The training config"), and a byte that is not UTF-8 is named by its offset (it said only "Input
     * length = 1").
     */
    @Test
    void aConfigJsonFileIsReadAsEveryJsonFileIs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path bom = dir.resolve("bom.json"), unknown = dir.resolve("unknown.json"), latin1 = dir.resolve("latin1.json");
        java.nio.file.Files.write(bom, ("\uFEFF{\"epochs\": 5}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.nio.file.Files.writeString(unknown, "{\"epoch\": 5}");
        java.nio.file.Files.write(latin1, "{\"epochs\": 5, \"seed\": 1} \u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(5, TrainingOptions.DEFAULT.with("configJson", bom.toString()).toConfig().epochs());
        var u = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> TrainingOptions.DEFAULT.with("configJson", unknown.toString()).toConfig());
        assertTrue(u.getMessage().startsWith("Invalid configJson: " + unknown + ": $.epoch: "), u.getMessage());
        var l = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> TrainingOptions.DEFAULT.with("configJson", latin1.toString()).toConfig());
        assertTrue(l.getMessage().startsWith("Invalid configJson: " + latin1 + " ") && l.getMessage().contains("byte 0xe9 at offset 25 (line 1)"), l.getMessage());
    }

    /**
     * Periodic embeddings after a dense layer, stacked 19 deep (each triples the width: 4 x 3^19 values
     * a row), in a 1 KB configuration: refused by the network's size, naming the layer (listing every
     * input of each took the heap first: an OutOfMemoryError, or an ArithmeticException for "integer overflow").
     */
    @Test
    void stackedPeriodicEmbeddingsAreRefusedByTheirSize() throws Exception {
        StringBuilder layers = new StringBuilder("{\"type\": \"dense\", \"units\": 4}");
        for (int i = 0; i < 19; i++) layers.append(", {\"type\": \"periodic_embedding\", \"frequencies\": 1, \"dimensions\": 2}");
        TrainingConfig c = TrainingOptions.DEFAULT.with("configJson", "{\"epochs\": 1, \"network\": {\"layers\": [" + layers + "]}}").toConfig();
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> Trainer.fit(c, org.dendrite.core.testutil.TestData.arff("iris.arff").labeled()));
        assertTrue(e.getMessage().contains("(layer 19 (periodic_embedding) would output more than 2^31 values a row)"), e.getMessage());
    }

    /**
     * A category embedding of 2^31 - 1 dimensions (credit-g's 13 nominal columns of 2 values or more): refused by the network's
     * size, naming the embedding's dimensions, before its outputs are listed (that was an ArithmeticException "integer overflow";
     * 10^8 dimensions took a boolean per output first, 1.3 GB: an OutOfMemoryError under -Xmx1g).
     */
    @Test
    void aCategoryEmbeddingTooWideIsRefusedByItsSize() throws Exception {
        TrainingConfig c = TrainingOptions.DEFAULT.with("configJson", "{\"epochs\": 1, \"network\": {\"layers\": [{\"type\": "
                + "\"category_embedding\", \"minCategories\": 2, \"dimensions\": 2147483647}, {\"type\": \"dense\", \"units\": 8}]}}").toConfig();
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> Trainer.fit(c, org.dendrite.core.testutil.TestData.arff("credit-g.arff").labeled()));
        assertTrue(e.getMessage().contains("(layer 0 (category_embedding) would output more than 2^31 values a row)")
                && e.getMessage().contains("fewer category embedding dimensions (2,147,483,647)"), e.getMessage());
    }

    /**
     * L-BFGS keeps historySize pairs of vectors as long as the network's values, which the memory check did not count: 2 inputs,
     * hidden layers of 2,000 and 2,000 units and 2 outputs (2 x 2,000 + 2,000 + 2,000 x 2,000 + 2,000 + 2,000 x 2 + 2 =
     * 4,012,002 values, 64 MB with gradients and two buffers each) trained, and historySize 1,000 (32 GB more) ran out of the
     * heap partway through (after about 60 iterations under -Xmx2g). Refused before training, naming historySize; one
     * iteration keeps no pair, so before the check this fit ran through.
     */
    @Test
    void anLbfgsHistoryBeyondTheMemoryIsRefusedFirst() {
        var spec = new org.dendrite.core.network.NetworkSpec(List.of(new org.dendrite.core.layer.DenseSpec(2000, new org.dendrite.core.activation.Relu()),
                new org.dendrite.core.layer.DenseSpec(2000, new org.dendrite.core.activation.Relu())));
        TrainingConfig c = QUICK.withEpochs(1).withNetwork(spec).withOptimizer(new org.dendrite.core.optim.Lbfgs(1, 1, 1, 1e-7, 1e-9, 1000,
                org.dendrite.core.optim.Lbfgs.LineSearch.NONE));
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(c, new LabeledTable(table(
                new double[] {1, 2}, new double[] {3, 4}), "label", List.of("a", "b"), new double[] {0, 1}, null)));
        assertEquals("historySize", e.setting());
        assertTrue(e.getMessage().startsWith("L-BFGS's historySize 1000 keeps 2000 vectors as long as the network's 4,012,002 values")
                && e.getMessage().contains("Use a historySize of at most "), e.getMessage());
    }

    /**
     * L-BFGS's batch is every training row, and the memory check counted a batch of at most 1,024 (the training batch size or
     * a prediction chunk): 1.5 x the budget's worth of rows through a hidden layer of 4,000 units (each row at least 4,000
     * activations of 16 bytes; 100,000 rows under -Xmx4g) passed it and ran out of the heap in the first step (20,000 letter
     * rows through 3,000 and 3,000 units under -Xmx2g: an OutOfMemoryError in ActivationLayer.backward). Refused first, naming
     * the rows as the batch.
     */
    @Test
    void lbfgsFullBatchIsCountedInTheMemoryCheck() {
        long budget = (long) org.dendrite.core.data.HeapBudget.bytes();
        int n = (int) (1.5 * budget / (16.0 * 4000));
        double[][] rows = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {i % 13, i % 7};
            y[i] = i % 2;
        }
        TrainingConfig c = QUICK.withEpochs(1).withNetwork(new org.dendrite.core.network.NetworkSpec(List.of(new org.dendrite.core.layer.DenseSpec(4000,
                new org.dendrite.core.activation.Relu())))).withOptimizer(new org.dendrite.core.optim.Lbfgs(1, 1, 1, 1e-7, 1e-9, 1,
                org.dendrite.core.optim.Lbfgs.LineSearch.NONE));
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(c, new LabeledTable(table(rows), "label",
                List.of("a", "b"), y, null)));
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "a batch of %,d rows through it", n))
                && e.getMessage().contains("fewer training rows or another optimizer than lbfgs (its batch is every training row)"), e.getMessage());
    }

    /**
     * The history L-BFGS may keep, by hand: 3 inputs, 1,000 units, 3 outputs are 7,003 values (16 bytes each: 112,048 bytes);
     * historySize h adds 4 x (2h + 8) - 8 bytes a value (its pairs, and the direction, the previous gradient and the copies a step
     * makes beside the two buffers counted), so 1,000,000 bytes hold h = 12 (952,408 bytes) and not 13 (1,008,432).
     */
    @Test
    void theLbfgsHistoryThatFitsIsNamed() {
        var spec = new org.dendrite.core.network.NetworkSpec(List.of(new org.dendrite.core.layer.DenseSpec(1000, new org.dendrite.core.activation.Relu())));
        java.util.function.IntFunction<org.dendrite.core.optim.Lbfgs> lbfgs = h -> new org.dendrite.core.optim.Lbfgs(1, 20, 25, 1e-7, 1e-9, h,
                org.dendrite.core.optim.Lbfgs.LineSearch.NONE);
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> org.dendrite.core.network.Network.requireFits(spec, 3, 3, 0, 1_000_000, false, lbfgs.apply(100), null));
        assertEquals("historySize", e.setting());
        assertTrue(e.getMessage().contains("Use a historySize of at most 12 (allowed: 1 to 1000)"), e.getMessage());
        org.dendrite.core.network.Network.requireFits(spec, 3, 3, 0, 1_000_000, false, lbfgs.apply(12), null);
        assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> org.dendrite.core.network.Network.requireFits(spec, 3, 3, 0, 1_000_000, false, lbfgs.apply(13), null));
        // Adam's two buffers are the ones every optimizer is counted with
        org.dendrite.core.network.Network.requireFits(spec, 3, 3, 0, 112_048, false, new org.dendrite.core.optim.Adam(1e-3), null);
    }

    /**
     * Early stopping without a validation fraction holds out 0.1 of the rows; on rows too few for it the
     * refusal names the patience (it named "validationFraction", which the user never set: Weka's
     * -validation-fraction), with what to do.
     */
    @Test
    void earlyStoppingsOwnHoldoutIsRefusedNamingThePatience() {
        TrainingConfig c = TrainingOptions.DEFAULT.with("patience", 2).toConfig().withEpochs(1);
        LabeledTable two = new LabeledTable(table(new double[] {1, 2}, new double[] {3, 4}), "label", List.of("a", "b"), new double[] {0, 1}, null);
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(c, two));
        assertEquals("patience", e.setting());
        assertTrue(e.getMessage().startsWith("Early stopping (patience 2) watches a holdout of 0.1 of the rows where no validation fraction is "
                + "given: A validation fraction of 0.1 leaves ") && e.getMessage().endsWith("; give a validation fraction, or turn early stopping "
                + "off (patience 0)"), e.getMessage());
        var given = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(c.withValidationFraction(0.1), two));
        assertEquals("validationFraction", given.setting());
    }

    /** A category embedding with whitening is refused (it embedded whitened mixtures of every input as a nominal column's categories). */
    @Test
    void aCategoryEmbeddingOfWhitenedInputsIsRefused() throws Exception {
        TrainingConfig c = TrainingOptions.DEFAULT.with("configJson", "{\"epochs\": 1, \"preprocessing\": {\"whitening\": \"pca\"}, "
                + "\"network\": {\"layers\": [{\"type\": \"category_embedding\"}, {\"type\": \"dense\", \"units\": 8}]}}").toConfig();
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> Trainer.fit(c, org.dendrite.core.testutil.TestData.arff("credit-g.arff").labeled()));
        assertEquals("whitening", e.setting());
        assertEquals("A category embedding embeds the nominal columns' one-hot blocks, which whitening (pca) mixes with every other input: use "
                + "one or the other", e.getMessage());
    }

    /**
     * A run continued past its pruning window drops the warning that the window lay past the run, and
     * one continued short of it says what the new length makes true (it kept "the run ends at sparsity
     * 0.391" of the first length).
     */
    @Test
    void aContinuedRunsPruningWarningFitsItsNewLength() throws Exception {
        TrainingConfig c = TrainingConfig.DEFAULT.withEpochs(6).withPruning(new org.dendrite.core.regularization.Pruning(0.4, 2, 10));
        TrainingRun run = TrainingRun.local(c, org.dendrite.core.testutil.TestData.arff("iris.arff").labeled());
        java.util.function.Supplier<List<String>> pruning = () -> run.history().warnings().stream().filter(w -> w.startsWith("Pruning")).toList();
        assertTrue(pruning.get().size() == 1 && pruning.get().get(0).contains("after the run's 6 epochs"), pruning.get().toString());
        while (run.hasNextEpoch()) run.nextEpoch();
        run.extendTo(8);
        assertTrue(pruning.get().size() == 1 && pruning.get().get(0).contains("after the run's 8 epochs"), pruning.get().toString());
        run.extendTo(12);
        while (run.hasNextEpoch()) run.nextEpoch();
        assertEquals(List.of(), pruning.get());
    }

    /** Label smoothing at or above (K - 1) / K leaves no signal (iris at 0.999 trained to 48%, below chance at 0.99999): refused. */
    @Test
    void labelSmoothingWithoutSignalIsRefused() throws Exception {
        LabeledTable iris = org.dendrite.core.testutil.TestData.arff("iris.arff").labeled();
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> Trainer.fit(TrainingOptions.DEFAULT.with("labelSmoothing", 0.7).toConfig().withEpochs(1), iris));
        assertEquals("labelSmoothing", e.setting());
        assertEquals("Invalid labelSmoothing: 0.7 (allowed below (K - 1) / K = 0.6667 for the 3 classes of '" + iris.targetName() + "': there "
                + "the smoothed target is uniform, and above it the true class is the least likely)", e.getMessage());
        Trainer.fit(TrainingOptions.DEFAULT.with("labelSmoothing", 0.6).toConfig().withEpochs(1), iris);
    }

    @Test
    void missingFeatureIsRefusedWhenImputationIsOff() {
        TrainingConfig strict = QUICK.withPreprocessing(new PreprocessingConfig(true, false, false, true));
        var e = assertThrows(IllegalArgumentException.class, () -> Trainer.fit(strict, new LabeledTable(table(new double[] {1, 2}, new double[] {Double.NaN, 4}), "label", List.of("a", "b"), new double[] {0, 1}, null)));
        assertTrue(e.getMessage().contains("'age'") && e.getMessage().contains("row 1") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void missingFeatureIsImputedByDefault() {
        Model m = Trainer.fit(QUICK, new LabeledTable(table(new double[] {1, 2}, new double[] {Double.NaN, 4}, new double[] {3, 1}), "label", List.of("a", "b"), new double[] {0, 1, 0}, null));
        double[] p = m.predictRow(new double[] {Double.NaN, Double.NaN});
        assertEquals(1.0, p[0] + p[1], 1e-5);
        assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
    }

    @Test
    void nanFeatureInANumericDatasetNamesFeatureAndRow() {
        Matrix x = new Matrix(2, 2, new float[] {1, 2, Float.NaN, 4});
        var e = assertThrows(IllegalArgumentException.class, () -> new Dataset(x, new Matrix(2, 1), null));
        assertTrue(e.getMessage().contains("Feature 0 of row 1") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void emptyDataset() {
        var e = fitError(table(), List.of("a", "b"), new double[0]);
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void singleClassTarget() {
        var e = fitError(table(new double[] {1, 2}, new double[] {3, 4}), List.of("yes", "no"), new double[] {1, 1});
        assertTrue(e.getMessage().contains("only one class") && e.getMessage().contains("'no'"), e.getMessage());
    }

    @Test
    void classIndexOutOfRange() {
        var e = fitError(table(new double[] {1, 2}, new double[] {3, 4}), List.of("yes", "no"), new double[] {0, 2});
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("0..1"), e.getMessage());
    }

    @Test
    void targetCountDoesNotMatchRows() {
        var e = fitError(table(new double[] {1, 2}, new double[] {3, 4}), List.of("a", "b"), new double[] {0, 1, 0});
        assertTrue(e.getMessage().contains("2 rows") && e.getMessage().contains("3 target"), e.getMessage());
    }

    @Test
    void rowWidthDoesNotMatchColumns() {
        var e = assertThrows(IllegalArgumentException.class, () -> table(new double[] {1, 2}, new double[] {3}));
        assertTrue(e.getMessage().contains("Row 1 has 1 values") && e.getMessage().contains("2 columns"), e.getMessage());
    }

    @Test
    void predictionWithWrongWidthOrHeader() {
        Model m = Trainer.fit(QUICK, new LabeledTable(table(new double[] {1, 2}, new double[] {3, 4}), "label", List.of("a", "b"), new double[] {0, 1}, null));
        var e = assertThrows(IllegalArgumentException.class, () -> m.predictRow(new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("3 values") && e.getMessage().contains("takes 2"), e.getMessage());
        Table other = new Table(List.of(Column.numeric("age"), Column.nominal("income", List.of("low", "high"))), new double[][] {{1, 0}});
        var h = assertThrows(IllegalArgumentException.class, () -> m.predict(other));
        assertTrue(h.getMessage().contains("'income'") && h.getMessage().contains("numeric"), h.getMessage());
    }

    @Test
    void nonFiniteRegressionTarget() {
        var e = fitError(table(new double[] {1, 2}, new double[] {3, 4}), List.of(), new double[] {1, Double.NaN});
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void badHyperparametersAreRejectedAtConstruction() {
        var e = assertThrows(IllegalArgumentException.class, () -> QUICK.withEpochs(-1));
        assertTrue(e.getMessage().contains("-1") && e.getMessage().contains(">= 1, or 0"), e.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> QUICK.withBatchSize(-3));
        assertTrue(b.getMessage().contains("-3"), b.getMessage());
    }

    /**
     * A network too large to train is refused before anything is allocated, naming the widths and
     * units: 2 inputs x 1,500,000,000 units is more values than a Java array indexes, whatever the heap
     * (it was an integer overflow); and against a budget, 3 inputs x 1,000 units x 3 outputs (4,000 +
     * 3,003 = 7,003 values, 16 bytes each: 112,048 bytes) does not fit in 100,000 bytes and fits in 120,000.
     */
    @Test
    void aNetworkTooLargeToTrainIsRefusedFirst() {
        TrainingConfig huge = QUICK.withNetwork(new org.dendrite.core.network.NetworkSpec(List.of(
                new org.dendrite.core.layer.DenseSpec(1_500_000_000, new org.dendrite.core.activation.Relu()))));
        var e = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> Trainer.fit(huge, new LabeledTable(table(new double[] {1, 2}, new double[] {3, 4}), "label", List.of("a", "b"), new double[] {0, 1}, null)));
        assertTrue(e.getMessage().contains("2 inputs and 2 outputs with hidden layers of 1500000000 units")
                && e.getMessage().contains("more than one Java array indexes"), e.getMessage());
        var spec = new org.dendrite.core.network.NetworkSpec(List.of(new org.dendrite.core.layer.DenseSpec(1000, new org.dendrite.core.activation.Relu())));
        var small = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> org.dendrite.core.network.Network.requireFits(spec, 3, 3, 0, 100_000));
        assertTrue(small.getMessage().contains("has 7,003 values"), small.getMessage());
        org.dendrite.core.network.Network.requireFits(spec, 3, 3, 0, 120_000);
        // and its activations: a batch of 10 rows through 3 inputs, 1,000 units and 3 outputs is 10 x 1,006 values, 16 bytes each
        // (160,960 bytes; 273,008 with the state); a million-member ensemble of a few units was an OutOfMemoryError on them
        var batch = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> org.dendrite.core.network.Network.requireFits(spec, 3, 3, 10, 273_000));
        assertTrue(batch.getMessage().contains("a batch of 10 rows through it 0 MB of activations"), batch.getMessage());
        assertTrue(batch.getMessage().contains("a smaller batch"), batch.getMessage());
        // a batch that is an evaluation's fixed chunk (a training batch of 1,024 rows or fewer): a smaller batch would not help
        var chunk = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> org.dendrite.core.network.Network.requireFits(spec, 3, 3, 10, 273_000, false));
        assertFalse(chunk.getMessage().contains("batch,"), chunk.getMessage());
        assertTrue(chunk.getMessage().endsWith("(a one-hot nominal column counts one input per value), or give the JVM more memory (-Xmx)"),
                chunk.getMessage());
        org.dendrite.core.network.Network.requireFits(spec, 3, 3, 10, 273_008);
        var members = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(QUICK.withNetwork(
                spec.withMembers(1_000_000)), new LabeledTable(table(new double[] {1, 2}, new double[] {3, 4}), "label", List.of("a", "b"),
                new double[] {0, 1}, null)));
        assertTrue(members.getMessage().contains("in 1,000,000 members") && members.getMessage().contains("fewer members"), members.getMessage());
        // a periodic embedding keeps cos and sin of every input's 16 frequencies a row, which was not counted (a million frequencies
        // was an OutOfMemoryError): 3 inputs -> 12 values, state 3 x (5 x 16 + 3) + 12 x 3 + 3 = 288 values (4,608 bytes); a batch of 10
        // rows: (3 + 96 / 4 + 12 + 3) x 10 activation values of 16 bytes (6,720): 11,328 bytes in all, 7,488 without the kept values
        var periodic = new org.dendrite.core.network.NetworkSpec(List.of(org.dendrite.core.layer.PeriodicEmbeddingSpec.DEFAULT));
        var kept = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> org.dendrite.core.network.Network.requireFits(periodic, 3, 3, 10, 11_320));
        assertTrue(kept.getMessage().contains("has 288 values") && kept.getMessage().contains("(the widest part, layer 0 (periodic_embedding), "
                + "holds 108 values a row)"), kept.getMessage());
        org.dendrite.core.network.Network.requireFits(periodic, 3, 3, 10, 11_328);
        // a million frequencies on 1,100 rows of 2 inputs: each of cos and sin is 2 x 10^6 values a row, 2 x 10^9 for a prediction
        // chunk of 1,024 rows, within an array; 3 inputs pass an array's length (an OutOfMemoryError or an int overflow before)
        double[][] rows = new double[1100][];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i, i % 7, i % 3};
            y[i] = i % 2;
        }
        var frequencies = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(QUICK.withNetwork(
                new org.dendrite.core.network.NetworkSpec(List.of(new org.dendrite.core.layer.PeriodicEmbeddingSpec(1_000_000, 3, 0.1)))),
                new LabeledTable(new Table(List.of(org.dendrite.core.data.Column.numeric("a"), org.dendrite.core.data.Column.numeric("b"),
                        org.dendrite.core.data.Column.numeric("c")), rows), "label", List.of("a", "b"), y, null)));
        assertTrue(frequencies.getMessage().contains("a batch of 1,024 rows through it has more activations than one Java array indexes")
                && frequencies.getMessage().contains("layer 0 (periodic_embedding)"), frequencies.getMessage());
        // two PReLU activations: trained, saved, and the file refused by its own reader (both slopes are named "slope"): refused first
        var prelu = new org.dendrite.core.network.NetworkSpec(List.of(new org.dendrite.core.layer.DenseSpec(4, new org.dendrite.core.activation.PRelu()),
                new org.dendrite.core.layer.DenseSpec(4, new org.dendrite.core.activation.PRelu())));
        var twice = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(QUICK.withNetwork(prelu),
                new LabeledTable(table(new double[] {1, 2}, new double[] {3, 4}), "label", List.of("a", "b"), new double[] {0, 1}, null)));
        assertEquals("The network holds two tensors named 'slope' (two PReLU activations, whose slopes are all named 'slope'): a model file "
                + "cannot tell them apart. Use PReLU in one layer only", twice.getMessage());
        // a member_mean loss whose members differ from the network's: trained as the network said, while the saved config said otherwise
        var mean = assertThrows(org.dendrite.core.check.InvalidSettingException.class, () -> Trainer.fit(QUICK.withLoss(
                new org.dendrite.core.loss.MemberMean(new org.dendrite.core.loss.SoftmaxCrossEntropy(), 3)),
                new LabeledTable(table(new double[] {1, 2}, new double[] {3, 4}), "label", List.of("a", "b"), new double[] {0, 1}, null)));
        assertEquals("The loss member_mean's members (3) differ from the network's members (1): give the members once, in the network (the "
                + "trainer chooses member_mean for it)", mean.getMessage());
        // thousands of layers: the message named every one's units (400,000 characters)
        List<org.dendrite.core.layer.LayerSpec> deep = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) deep.add(new org.dendrite.core.layer.DenseSpec(100_000 + i, new org.dendrite.core.activation.Relu()));
        var many = assertThrows(org.dendrite.core.check.InvalidSettingException.class,
                () -> org.dendrite.core.network.Network.requireFits(new org.dendrite.core.network.NetworkSpec(deep), 3, 3, 10, 1e6));
        assertTrue(many.getMessage().contains("hidden layers of 100000, 100001, 100002, 100003, ... (20 layers), 100018, 100019 units"),
                many.getMessage());
    }
}
