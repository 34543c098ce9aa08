package org.dendrite.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Lbfgs;
import org.dendrite.core.testutil.TestData;
import org.dendrite.core.train.Checkpoint;
import org.dendrite.core.train.EarlyStopping;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.Monitor;
import org.dendrite.core.train.Trainer;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingListener;
import org.dendrite.core.train.TrainingRun;
import org.dendrite.core.train.WarmStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints as versioned JSON: read back, resumed exactly, strict on what they hold. */
class CheckpointIOTest {
    /** The configuration of the committed checkpoint: early stopping, pruning and an ensemble, so every part of the state is written. */
    /** The configuration of the committed checkpoint (written out, so later changes of the defaults leave it alone). */
    static TrainingConfig committedConfig() {
        return TrainingConfig.DEFAULT.withEpochs(6).withBatchSize(32).withOptimizer(new org.dendrite.core.optim.Adam(1.5e-2))
                .withRegularization(new org.dendrite.core.regularization.Regularization(0, 7e-3, false, false, 0)).withNetwork(new NetworkSpec(List.of(new DenseSpec(8, new org.dendrite.core.activation.Relu())),
                2)).withValidationFraction(0.2).withEarlyStopping(new EarlyStopping(Monitor.VALIDATION_LOSS, 50, 0, true))
                .withPruning(new org.dendrite.core.regularization.Pruning(0.3, 1, 2));
    }

    /**
     * Writes the committed checkpoint of the current format version (shared-core/src/test/resources/
     * checkpoints/v2-iris.json; v1-iris.json was written so by version 1's writer): iris,
     * {@link #committedConfig()}, stopped after 3 of 6 epochs. Run from the repository root with the
     * test class path: {@code java -Ddendrite.testData=test-data -cp ... org.dendrite.core.io.CheckpointIOTest OUT.json}.
     */
    public static void main(String[] args) throws Exception {
        TrainingRun run = TrainingRun.local(committedConfig(), TestData.arff("iris.arff").labeled());
        for (int e = 0; e < 3; e++) run.nextEpoch();
        CheckpointIO.write(run.checkpoint(), Path.of(args[0]));
    }

    /**
     * A checkpoint written by checkpoint format version 1 is read and resumed to the end: the model
     * equals an uninterrupted run of the same configuration on the same rows, up to the float32
     * rounding of the GEMM backend that wrote it (the suite also runs on the pure-Java one; within one
     * backend the resume is exact, TrainerIntegrationTest).
     */
    @Test
    void theCommittedVersion1CheckpointResumesExactly() throws Exception {
        resumesExactly("v1-iris.json", 1);
    }

    /** The same for the committed checkpoint of format version 2, which records the rows it was written on. */
    @Test
    void theCommittedVersion2CheckpointResumesExactly() throws Exception {
        Checkpoint c = resumesExactly("v2-iris.json", 2);
        assertEquals(new Checkpoint.Rows(150, TestData.arff("iris.arff").labeled().fingerprint()), c.rows());
    }

    private static Checkpoint resumesExactly(String file, int version) throws Exception {
        Path f = Path.of(CheckpointIOTest.class.getResource("/checkpoints/" + file).toURI());
        assertTrue(Files.readString(f).contains("\"formatVersion\" : " + version));
        Checkpoint c = CheckpointIO.read(f);
        assertEquals(3, c.epoch());
        TrainingRun resumed = TrainingRun.resume(c, TestData.arff("iris.arff").labeled(), TrainingListener.NONE);
        Model a = resumed.run(), b = Trainer.fit(committedConfig(), TestData.arff("iris.arff").labeled());
        for (int i = 0; i < a.network().parameters().size(); i++) {
            assertArrayEquals(b.network().parameters().get(i).value(), a.network().parameters().get(i).value(), 1e-4f,
                    a.network().parameters().get(i).name());
        }
        assertEquals(6, a.history().size());
        return c;
    }

    /**
     * A checkpoint resumed on other rows than it was written on continued silently, one run trained on
     * both (only renamed columns or another width were refused): one value changed, the rows in another
     * order, a subset, another weight are refused naming what differs; the same rows, read again,
     * resume. A version-1 checkpoint recorded no rows: it resumes on any of the same shape.
     */
    @Test
    void aCheckpointResumedOnOtherRowsIsRefused(@TempDir Path dir) throws Exception {
        var iris = TestData.arff("iris.arff").labeled();
        TrainingRun run = TrainingRun.local(committedConfig(), iris);
        run.nextEpoch();
        CheckpointIO.write(run.checkpoint(), dir.resolve("c.json"));
        Checkpoint c = CheckpointIO.read(dir.resolve("c.json"));
        double[][] changed = java.util.Arrays.stream(iris.features().rows()).map(double[]::clone).toArray(double[][]::new);
        changed[70][2] += 0.1;
        // two values of another sign (a plain XOR-and-multiply hash kept only the sign bits' parity: two flips cancelled)
        double[][] flipped = java.util.Arrays.stream(iris.features().rows()).map(double[]::clone).toArray(double[][]::new);
        flipped[3][0] = -flipped[3][0];
        flipped[90][1] = -flipped[90][1];
        float[] weights = new float[150];
        java.util.Arrays.fill(weights, 1);
        weights[3] = 2;
        int[] reversed = java.util.stream.IntStream.range(0, 150).map(i -> 149 - i).toArray();
        String same = "The checkpoint was written by a run on other rows than these (150 rows, as many, with other values, weights or order): "
                + "resuming would train one run on both. Resume on the rows it was written on, train afresh, or start from its model's weights (a "
                + "warm start)";
        for (var other : List.of(new org.dendrite.core.data.LabeledTable(new org.dendrite.core.data.Table(iris.features().columns(), changed),
                iris.targetName(), iris.classes(), iris.target(), null), new org.dendrite.core.data.LabeledTable(new org.dendrite.core.data.Table(
                iris.features().columns(), flipped), iris.targetName(), iris.classes(), iris.target(), null), iris.subset(reversed), new org.dendrite.core.data.LabeledTable(
                iris.features(), iris.targetName(), iris.classes(), iris.target(), weights))) {
            var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.resume(c, other, TrainingListener.NONE));
            assertEquals(same, e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.resume(c, iris.subset(java.util.stream.IntStream.range(0, 100)
                .toArray()), TrainingListener.NONE));
        assertTrue(e.getMessage().startsWith("The checkpoint was written by a run on other rows than these (150 rows; these are 100): "), e.getMessage());
        assertEquals(6, TrainingRun.resume(c, TestData.arff("iris.arff").labeled(), TrainingListener.NONE).run().history().size());
        Checkpoint v1 = CheckpointIO.read(Path.of(CheckpointIOTest.class.getResource("/checkpoints/v1-iris.json").toURI()));
        assertEquals(null, v1.rows());
        assertEquals(6, TrainingRun.resume(v1, iris.subset(reversed), TrainingListener.NONE).run().history().size());
    }

    /**
     * A checkpoint and a model written before periodic embeddings listed their inputs (commit 774f240,
     * model format version 4; test-data/reference/old-periodic/MakeOldPeriodic.java made both: the
     * checkpoint after 3 of 6 epochs, the model of an uninterrupted run) embedded every preprocessed
     * input, one-hot columns and missing-value indicators included: both are read so (every input
     * listed), and the checkpoint resumes to the old code's own uninterrupted model, up to the float32
     * rounding of the GEMM backend, whose predictions it gives. Read as the numeric columns only, the
     * checkpoint's weights would not fit its layer (refused) and the model would answer otherwise.
     */
    @Test
    void aCheckpointAndAModelFromBeforePeriodicInputsWereListedEmbedEveryInput() throws Exception {
        var credit = TestData.arff("credit-g.arff").labeled();
        Checkpoint c = CheckpointIO.read(Path.of(CheckpointIOTest.class.getResource("/checkpoints/v1-periodic-credit.json").toURI()));
        Model old = ModelIO.read(Path.of(CheckpointIOTest.class.getResource("/models/v4-periodic-credit.json").toURI()));
        List<Integer> every = java.util.stream.IntStream.range(0, c.inputWidth()).boxed().toList();
        assertTrue(c.inputWidth() > 20, "credit-g's one-hot columns and indicators are inputs too: " + c.inputWidth());
        assertEquals(every, ((org.dendrite.core.layer.PeriodicEmbeddingSpec) c.config().network().layers().get(0)).inputs());
        assertEquals(every, ((org.dendrite.core.layer.PeriodicEmbeddingSpec) old.network().spec().layers().get(0)).inputs());
        assertEquals(3, c.epoch());
        Model resumed = TrainingRun.resume(c, credit, TrainingListener.NONE).run();
        for (int i = 0; i < old.network().parameters().size(); i++) {
            assertArrayEquals(old.network().parameters().get(i).value(), resumed.network().parameters().get(i).value(), 1e-4f,
                    old.network().parameters().get(i).name());
        }
        for (int r = 0; r < 50; r++) {
            assertArrayEquals(old.predictRow(credit.features().rows()[r]), resumed.predictRow(credit.features().rows()[r]), 1e-4, "row " + r);
        }
    }

    /**
     * A checkpoint restored into a run of another network of the same widths is refused naming the two
     * first layer that differs (it said "63 inputs, 2 outputs" does not match "63 inputs, 2 outputs").
     */
    @Test
    void aCheckpointOfAnotherNetworkOfTheSameWidthsIsRefusedNamingTheLayer() throws Exception {
        var iris = TestData.arff("iris.arff").labeled();
        TrainingRun relu = TrainingRun.local(committedConfig(), iris);
        relu.nextEpoch();
        TrainingConfig elu = committedConfig().withNetwork(new NetworkSpec(List.of(new DenseSpec(8, new org.dendrite.core.activation.Elu(1f))), 2));
        var e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.local(elu, iris).restore(relu.checkpoint()));
        assertEquals("The checkpoint's network differs from this configuration's at layer 0: " + committedConfig().network().layers().get(0)
                + " in the checkpoint, " + elu.network().layers().get(0) + " here", e.getMessage());
    }

    /**
     * Every optimizer's state goes through a checkpoint file and the run resumes exactly: Nadam's
     * checkpoints could not be read back (its running product, one value per parameter, was read as a
     * buffer of the parameter's size). A buffer that is not the configured optimizer's, or of another
     * length, and an L-BFGS history count beyond its size, are refused naming the field (they were taken
     * and never used, or failed in the middle of a step).
     */
    @Test
    void everyOptimizersStateReadsBackAndResumesExactly(@TempDir Path dir) throws Exception {
        var iris = TestData.arff("iris.arff").labeled();
        for (org.dendrite.core.optim.Optimizer o : org.dendrite.core.optim.OptimizerCheckpointTest.all()) {
            TrainingConfig c = TrainingConfig.DEFAULT.withEpochs(3).withOptimizer(o);
            TrainingRun run = TrainingRun.local(c, iris);
            run.nextEpoch();
            CheckpointIO.write(run.checkpoint(), dir.resolve("c.json"));
            Model resumed = TrainingRun.resume(CheckpointIO.read(dir.resolve("c.json")), iris, TrainingListener.NONE).run();
            Model whole = TrainingRun.local(c, iris).run();
            assertArrayEquals(whole.history().stepLosses(), resumed.history().stepLosses(), 0, o.name());
        }
        TrainingRun adam = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(3), iris);
        adam.nextEpoch();
        CheckpointIO.write(adam.checkpoint(), dir.resolve("adam.json"));
        String text = Files.readString(dir.resolve("adam.json"));
        Files.writeString(dir.resolve("other.json"), text.replace("\"0.weight.exp_avg\"", "\"0.weight.momentum_buffer\""));
        var e = org.junit.jupiter.api.Assertions.assertThrows(ModelFormatException.class, () -> CheckpointIO.read(dir.resolve("other.json")));
        assertTrue(e.getMessage().contains("$.optimizer.buffers.0.weight.momentum_buffer: is not a buffer of the configured optimizer, adam"),
                e.getMessage());
        TrainingRun lbfgs = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(3).withOptimizer(new org.dendrite.core.optim.Lbfgs(0.5)), iris);
        lbfgs.nextEpoch();
        CheckpointIO.write(lbfgs.checkpoint(), dir.resolve("lbfgs.json"));
        String l = Files.readString(dir.resolve("lbfgs.json")).replaceFirst("\"history_count\" : [0-9.]+", "\"history_count\" : 500");
        Files.writeString(dir.resolve("count.json"), l);
        var count = org.junit.jupiter.api.Assertions.assertThrows(ModelFormatException.class, () -> CheckpointIO.read(dir.resolve("count.json")));
        assertTrue(count.getMessage().contains("$.optimizer.scalars.history_count: is 500.0: allowed: a whole number 0.."), count.getMessage());
    }

    /**
     * A run whose layer statistics are thinned (more than History.MAX_STATISTICS_STEPS sampled steps)
     * resumed from a checkpoint file keeps the statistics of the steps the uninterrupted run keeps: the
     * file holds the statistics kept, not how many steps were sampled, and the resumed run went on as
     * if every sampled step so far had been kept (iris at batch 1, 150 steps an epoch, every step
     * sampled: 1,200 steps at the checkpoint; the statistics of 900 steps over 10 epochs' 1,500 steps (the last 300 all kept)
     * where the uninterrupted run keeps 750, every second step's). In memory the checkpoint kept it and
     * resumed exactly.
     */
    @Test
    void aResumedRunKeepsTheUninterruptedRunsThinnedLayerStatistics(@TempDir Path dir) throws Exception {
        var iris = TestData.arff("iris.arff").labeled();
        TrainingConfig c = TrainingConfig.DEFAULT.withEpochs(10).withBatchSize(1).withNetwork(new NetworkSpec(List.of(new DenseSpec(4,
                new org.dendrite.core.activation.Relu())), 2)).withOptimizer(new org.dendrite.core.optim.Sgd(1e-3))
                .withDiagnostics(new org.dendrite.core.diagnostics.DiagnosticsConfig(1, 0));
        TrainingRun whole = TrainingRun.local(c, iris);
        whole.run();
        TrainingRun first = TrainingRun.local(c, iris);
        for (int e = 0; e < 8; e++) first.nextEpoch();
        CheckpointIO.write(first.checkpoint(), dir.resolve("c.json"));
        TrainingRun second = TrainingRun.resume(CheckpointIO.read(dir.resolve("c.json")), iris, TrainingListener.NONE);
        second.run();
        var kept = whole.history().statistics();
        assertEquals(1500, whole.steps());
        // 1,500 sampled steps thinned at the 1,025th to every second (Thinning, by hand): steps 0, 2, ..., 1498, 750 of them
        assertEquals(750, kept.stream().mapToLong(org.dendrite.core.diagnostics.LayerStatistics::step).distinct().count());
        assertEquals(1498, kept.get(kept.size() - 1).step());
        var resumed = second.history().statistics();
        assertEquals(kept.stream().map(org.dendrite.core.diagnostics.LayerStatistics::step).distinct().toList(),
                resumed.stream().map(org.dendrite.core.diagnostics.LayerStatistics::step).distinct().toList(), "the steps whose statistics are kept");
        assertTrue(kept.equals(resumed), "and their values");
        assertArrayEquals(whole.network().parameters().get(0).value(), second.network().parameters().get(0).value());
    }

    /** A resumed warm start keeps its frozen layers and their values, and continues as the uninterrupted run. */
    @Test
    void aResumedWarmStartKeepsItsFrozenLayers(@TempDir Path dir) throws Exception {
        var iris = TestData.arff("iris.arff").labeled();
        Model start = Trainer.fit(TrainingConfig.DEFAULT.withEpochs(3), iris);
        TrainingConfig more = TrainingConfig.DEFAULT.withEpochs(6);
        TrainingRun whole = TrainingRun.local(more, iris, TrainingListener.NONE, new WarmStart(start, 1));
        whole.run();
        TrainingRun first = TrainingRun.local(more, iris, TrainingListener.NONE, new WarmStart(start, 1));
        for (int e = 0; e < 2; e++) first.nextEpoch();
        Path file = dir.resolve("warm.json");
        CheckpointIO.write(first.checkpoint(), file);
        TrainingRun second = TrainingRun.resume(CheckpointIO.read(file), iris, TrainingListener.NONE);
        second.run();
        float[] frozen = start.network().parameters().get(0).value();
        assertArrayEquals(frozen, second.network().parameters().get(0).value(), "the frozen layer kept its weights");
        for (int i = 0; i < whole.network().parameters().size(); i++) {
            assertArrayEquals(whole.network().parameters().get(i).value(), second.network().parameters().get(i).value());
        }        // kept values other than the model's (an edited file) would overwrite its weights at the first step: refused by name
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(file));
        var values = (com.fasterxml.jackson.databind.node.ArrayNode) tree.with("frozen").withArray("values").get(0);
        values.set(0, values.get(0).asDouble() + 1);
        var e = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(tree.toString()));
        assertTrue(e.getMessage().contains("$.frozen.values[0]: differs from the model's"), e.getMessage());
    }

    /**
     * Early stopping's counts are epochs of the run, at most the epochs done ($.loop.epoch, 3 in the
     * committed checkpoint, whose patience is 50): an edited sinceBest of 60 was taken and stopped the
     * resumed run after its next epoch, and the largest int overflowed to a negative count on the next
     * epoch without improvement, so the run never stopped for patience; a bestEpoch of 4 named an epoch
     * not yet trained. Each is refused naming the field.
     */
    @Test
    void earlyStoppingCountsBeyondTheEpochsDoneAreRefused() throws Exception {
        String json = Files.readString(Path.of(CheckpointIOTest.class.getResource("/checkpoints/v2-iris.json").toURI()));
        var com = new com.fasterxml.jackson.databind.ObjectMapper();
        String[][] cases = {{"sinceBest", "60"}, {"sinceBest", "2147483647"}, {"bestEpoch", "4"}};
        for (String[] c : cases) {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) com.readTree(json);
            tree.with("earlyStopping").put(c[0], Integer.parseInt(c[1]));
            var e = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(tree.toString()), c[0] + " " + c[1]);
            assertEquals("The checkpoint JSON: $.earlyStopping." + c[0] + ": is " + c[1] + " but $.loop.epoch, the epochs done, is 3; allowed: 0..3",
                    e.getMessage());
        }
        var edge = (com.fasterxml.jackson.databind.node.ObjectNode) com.readTree(json);
        edge.with("earlyStopping").put("sinceBest", 3).put("bestEpoch", 0);
        assertEquals(3, CheckpointIO.fromJson(edge.toString()).earlyStopping().sinceBest(), "the most a run of 3 epochs counts");
    }

    @Test
    void lbfgsScalarsSurviveTheRoundTrip() throws Exception {
        var iris = TestData.arff("iris.arff").labeled();
        TrainingConfig c = TrainingConfig.DEFAULT.withEpochs(2).withOptimizer(new Lbfgs(1, 5, 6, 1e-7, 1e-9, 10, Lbfgs.LineSearch.STRONG_WOLFE));
        TrainingRun run = TrainingRun.local(c, iris);
        run.nextEpoch();
        Checkpoint back = CheckpointIO.fromJson(CheckpointIO.toJson(run.checkpoint()));
        assertEquals(run.checkpoint().optimizer().scalars(), back.optimizer().scalars());
        assertTrue(back.optimizer().scalars().containsKey("H_diag"), back.optimizer().scalars().toString());
    }

    @Test
    void aNewerFormatAndWrongShapesAreRefusedNamingTheField() throws Exception {
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(2), TestData.arff("iris.arff").labeled());
        run.nextEpoch();
        String json = CheckpointIO.toJson(run.checkpoint());
        var future = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(json.replace("\"formatVersion\" : " + CheckpointIO.FORMAT_VERSION, "\"formatVersion\" : 9")));
        assertTrue(future.getMessage().contains("unknown checkpoint format version 9"), future.getMessage());
        var com = new com.fasterxml.jackson.databind.ObjectMapper();
        // version 2 records the rows (null where unknown); version 1 had no such field
        var noRows = (com.fasterxml.jackson.databind.node.ObjectNode) com.readTree(json);
        noRows.with("loop").remove("rows");
        var missing = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(noRows.toString()));
        assertEquals("The checkpoint JSON: $.loop.rows: missing (null where the rows are not known in one place)", missing.getMessage());
        var v1 = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(json.replace("\"formatVersion\" : 2", "\"formatVersion\" : 1")));
        assertTrue(v1.getMessage().contains("$.loop.rows: unknown field; allowed: epoch, step, clock, lrScale, rollbacks"), v1.getMessage());
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) com.readTree(json);
        var buffers = (com.fasterxml.jackson.databind.node.ObjectNode) tree.with("optimizer").with("buffers");
        String name = buffers.fieldNames().next();
        ((com.fasterxml.jackson.databind.node.ArrayNode) buffers.get(name)).add(1.0);
        var shape = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(tree.toString()));
        assertTrue(shape.getMessage().contains("$.optimizer.buffers." + name), shape.getMessage());
        // a batch size of 0 ("chosen from the rows") read, then failed at the resume with a bare "Batch size must be >= 1"
        var batch = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(json.replaceFirst("\"batchSize\" : \\d+", "\"batchSize\" : 0")));
        assertTrue(batch.getMessage().contains("$.config.batchSize: is 0; a checkpoint's batch size was chosen: >= 1"), batch.getMessage());
        var epoch = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(json.replace("\"epoch\" : 1,", "\"epoch\" : 4,")));
        assertTrue(epoch.getMessage().contains("$.loop.epoch"), epoch.getMessage());
        // a second moment below 0 was read, then the resume "diverged" (a NaN root) blaming the learning rate; an lrScale above 1
        // (1, divided by 10 per rollback) resumed at the rate times 1e30; a dense layer of 0 units failed bare ("must be resolved")
        var moments = (com.fasterxml.jackson.databind.node.ObjectNode) com.readTree(json);
        var sq = (com.fasterxml.jackson.databind.node.ArrayNode) moments.with("optimizer").with("buffers").get("0.weight.exp_avg_sq");
        sq.set(3, -1.0);
        var negative = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(moments.toString()));
        assertTrue(negative.getMessage().contains("$.optimizer.buffers.0.weight.exp_avg_sq: holds -1.0 at index 3; a running sum or mean of "
                + "squares is >= 0"), negative.getMessage());
        var scale = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(json.replaceFirst("\"lrScale\" : [0-9.Ee-]+", "\"lrScale\" : 1e30")));
        assertTrue(scale.getMessage().contains("$.loop.lrScale: is 1.0E30; allowed: 0 < lrScale <= 1"), scale.getMessage());
        var units = (com.fasterxml.jackson.databind.node.ObjectNode) com.readTree(json);
        ((com.fasterxml.jackson.databind.node.ObjectNode) units.at("/config/network/layers/0")).put("units", 0);
        var zero = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(units.toString()));
        assertTrue(zero.getMessage().contains("$.config.network.layers[0].units: is 0; a checkpoint's units were chosen: >= 1"), zero.getMessage());
        var notOne = assertThrows(ModelFormatException.class, () -> CheckpointIO.fromJson(ModelIO.toJson(run.model())));
        assertTrue(notOne.getMessage().contains("Not a Dendrite checkpoint"), notOne.getMessage());
    }
}
