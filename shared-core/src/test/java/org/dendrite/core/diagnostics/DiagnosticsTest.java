package org.dendrite.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.activation.Selu;
import org.dendrite.core.activation.Sigmoid;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.diagnostics.DiagnosticsConfig;
import org.dendrite.core.diagnostics.LayerStatistics;
import org.dendrite.core.init.Constant;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Sgd;
import org.dendrite.core.testutil.TestData;
import org.dendrite.core.train.LrFinder;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsTest {
    private static void assertPicture(Path file) throws Exception {
        assertTrue(Files.exists(file), file.toString());
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(TrainingPlots.WIDTH, img.getWidth());
        assertEquals(TrainingPlots.HEIGHT, img.getHeight());
        assertTrue(ChartTest.bluePixels(img) > 100, "non-blank: " + file);
    }

    @Test
    void trainingPicturesAreWrittenHeadless(@TempDir Path dir) throws Exception {
        TestData.Labeled d = TestData.arff("diabetes.arff");
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(8).withValidationFraction(0.2).withDiagnostics(new DiagnosticsConfig(5, 0)), new LabeledTable(d.table(), d.targetName(), d.classes(), d.target(), null));
        while (run.hasNextEpoch()) run.nextEpoch();
        TrainingPlots.lossCurves(run.history(), dir.resolve("loss.png"));
        assertTrue(TrainingPlots.metricCurves(run.history(), dir.resolve("metrics.png")));
        List<Path> hist = TrainingPlots.weightAndGradientHistograms(run.network(), run.history(), dir.resolve("hist"));
        assertEquals(4, hist.size(), "weights and gradients of the hidden and the output layer");
        assertPicture(dir.resolve("loss.png"));
        assertPicture(dir.resolve("metrics.png"));
        for (Path p : hist) assertPicture(p);
        LrFinder.Result r = LrFinder.run(TrainingConfig.DEFAULT, new LabeledTable(d.table(), d.targetName(), d.classes(), d.target(), null), 1e-5, 1, 60);
        TrainingPlots.lrRangeTest(r, dir.resolve("lr.png"));
        assertPicture(dir.resolve("lr.png"));
    }

    /**
     * After early stopping restored an earlier epoch, the gradient histograms draw the last step's gradients (the parameters
     * keep no other) and their title says that epoch, not the kept one the weights (and their title) are from. The epochs
     * stated are checked against gradient and weight copies taken here after every epoch (sonar, 30% held out, patience 5:
     * the run stops well before its 40 epochs, as with Weka's -diagnostics, where the title had said only "Gradients 0.weight").
     */
    @Test
    void gradientHistogramsSayTheyAreTheLastStepsNotTheKeptEpochs(@TempDir Path dir) throws Exception {
        TestData.Labeled d = TestData.arff("sonar.arff");
        TrainingConfig c = TrainingConfig.DEFAULT.withEpochs(40).withValidationFraction(0.3)
                .withEarlyStopping(new org.dendrite.core.train.EarlyStopping(org.dendrite.core.train.Monitor.VALIDATION_LOSS, 5, 0, true));
        TrainingRun run = TrainingRun.local(c, d.labeled());
        List<List<float[]>> grads = new java.util.ArrayList<>(), weights = new java.util.ArrayList<>();
        while (run.hasNextEpoch()) {
            run.nextEpoch();
            List<float[]> g = new java.util.ArrayList<>(), w = new java.util.ArrayList<>();
            for (org.dendrite.core.layer.Parameter p : run.network().parameters()) {
                g.add(p.grad().clone());
                w.add(p.value().clone());
            }
            grads.add(g);
            weights.add(w);
        }
        assertTrue(run.stoppedEarly(), "sonar overfits and stops early");
        int last = run.history().last().epoch(), kept = run.history().bestEpoch();
        assertEquals(grads.size(), last);
        assertTrue(kept > 0 && kept < last, "kept " + kept + ", last " + last);
        List<org.dendrite.core.layer.Parameter> ps = run.network().parameters();
        for (int i = 0; i < ps.size(); i++) {
            org.dendrite.core.layer.Parameter p = ps.get(i);
            // what is drawn: the live buffers; the weights are the kept epoch's (after the restore), the gradients the last epoch's
            assertArrayEquals(weights.get(kept - 1).get(i), p.value(), p.name());
            assertArrayEquals(grads.get(last - 1).get(i), p.grad(), p.name());
            assertFalse(java.util.Arrays.equals(grads.get(kept - 1).get(i), p.grad()), p.name() + ": the kept epoch's gradients differ");
            String g = TrainingPlots.gradientsTitle(p.name(), run.history()), w = TrainingPlots.weightsTitle(p.name(), run.history());
            assertEquals("Gradients " + p.name() + ", last step of epoch " + last + " (not of the weights' epoch " + kept + ")", g);
            assertEquals("Weights " + p.name() + ", epoch " + kept + " (kept by early stopping; training ran to epoch " + last + ")", w);
        }
        assertEquals(4, TrainingPlots.weightAndGradientHistograms(run.network(), run.history(), dir).size());
        // without early stopping's restore the two are the same epoch, said once
        TrainingRun plain = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(2), d.labeled());
        plain.run();
        assertEquals("Gradients output.weight, last step of epoch 2", TrainingPlots.gradientsTitle("output.weight", plain.history()));
        assertEquals("Weights output.weight, epoch 2", TrainingPlots.weightsTitle("output.weight", plain.history()));
    }

    /**
     * An ensemble's diagnostics: the history's validation accuracy is that of the model's prediction
     * (the members' mean probability), and its validation loss is the training objective on the
     * held-out rows (the mean of the members' cross-entropies, so it compares with the training loss),
     * both recomputed here by hand on the same stratified split (by the config's seed): the accuracy
     * from {@code predictRow}, the loss from the raw member outputs through a softmax written here.
     */
    @Test
    void anEnsemblesHistoryScoresTheMeanPredictionAndTheMembersLoss() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        int members = 4;
        TrainingConfig c = TrainingConfig.DEFAULT.withNetwork(NetworkSpec.DEFAULT.withMembers(members)).withEpochs(6).withValidationFraction(0.2);
        TrainingRun run = TrainingRun.local(c, d.labeled());
        org.dendrite.core.train.Model m = run.run();
        int[] held = org.dendrite.core.data.ValidationSplit.of(150, 0.2, d.labeled().classIndices(), c.seed()).validation();
        int n = held.length;
        double correct = 0, memberLoss = 0, meanLoss = 0;
        double[] each = new double[members];
        // a copy: the forward pass's result is the network's own buffer, valid until the next forward (predictRow below)
        org.dendrite.core.tensor.Matrix raw = m.network().forward(m.preprocessor().transform(d.table().subset(held)), false, null).copy();
        assertEquals(members * n, raw.rows(), "member-major blocks of rows");
        for (int r = 0; r < n; r++) {
            double[] p = m.predictRow(d.table().rows()[held[r]]);
            int y = (int) d.target()[held[r]], best = 0;
            for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
            correct += best == y ? 1 : 0;
            meanLoss -= Math.log(p[y]);
            for (int j = 0; j < members; j++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int k = 0; k < raw.cols(); k++) max = Math.max(max, raw.get(j * n + r, k));
                for (int k = 0; k < raw.cols(); k++) sum += Math.exp(raw.get(j * n + r, k) - max);
                memberLoss -= (raw.get(j * n + r, y) - max - Math.log(sum)) / members;
                each[j] -= raw.get(j * n + r, y) - max - Math.log(sum);
            }
        }
        // each member's own validation loss, in the history, the JSON and the learning-curve plot
        List<Double> recorded = run.history().last().memberValidationLosses();
        assertEquals(members, recorded.size());
        for (int j = 0; j < members; j++) assertEquals(each[j] / n, recorded.get(j), 1e-5, "member " + (j + 1));
        assertTrue(run.history().toJson().contains("\"member_validation_losses\""));
        org.dendrite.core.train.History back = org.dendrite.core.io.ModelIO.fromJson(org.dendrite.core.io.ModelIO.toJson(m)).history();
        assertEquals(recorded, back.last().memberValidationLosses(), "read back from the model file");
        java.nio.file.Path png = java.nio.file.Files.createTempFile("curves", ".png");
        try {
            org.dendrite.core.diagnostics.TrainingPlots.lossCurves(run.history(), png);
            assertTrue(java.nio.file.Files.size(png) > 1000);
        } finally {
            java.nio.file.Files.deleteIfExists(png);
        }
        var last = run.history().last();
        assertEquals(correct / n, last.validationAccuracy(), 1e-12);
        assertEquals(memberLoss / n, last.validationLoss(), 1e-5);
        assertTrue(meanLoss < memberLoss, "the mean prediction's log loss is below the members' mean loss (Jensen): " + meanLoss + " " + memberLoss);
        assertEquals(6, run.history().size());
    }

    @Test
    void layerStatisticsAreSampledEveryNSteps() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        NetworkSpec net = new NetworkSpec(List.of(new DenseSpec(16, new Relu()), new DenseSpec(8, new Tanh())));
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withNetwork(net).withEpochs(2).withBatchSize(30)
                .withDiagnostics(new DiagnosticsConfig(3, 0)), d.labeled());
        while (run.hasNextEpoch()) run.nextEpoch();
        List<LayerStatistics> s = run.history().statistics();
        // 10 steps (150 rows / 30 x 2 epochs), sampled at steps 0, 3, 6, 9; 5 layers each
        assertEquals(4 * 5, s.size());
        for (LayerStatistics x : s) assertEquals(0, x.step() % 3, x.toString());
        String json = run.history().toJson();
        assertTrue(json.contains("\"update_ratio\"") && json.contains("\"dead_fraction\""));
        String csv = run.history().toCsv();
        assertEquals(3, csv.split("\n").length, "header and two epochs");
    }

    /**
     * The statistics of one sampled step, against values worked out by hand: a 1-input network with a
     * dense layer of weights (1, -1) and no bias, inputs 1, 2, 3, so the pre-activations are (1, -1),
     * (2, -2), (3, -3) and ReLU leaves (1, 0), (2, 0), (3, 0): the second unit is dead (fraction 1/2),
     * the mean is 1 and the population spread sqrt(8/6). Gradients and the pre-step weights are set, so
     * the gradient norm is |(3, 4)| = 5, its largest magnitude 4, the weight norm sqrt 2 and the update
     * ratio |(0.5, 0)| / sqrt 2.
     */
    @Test
    void sampledStatisticsEqualHandValues() {
        NetworkSpec spec = new NetworkSpec(List.of(new DenseSpec(2, new Relu(), new Constant(1f), false)));
        org.dendrite.core.network.Network net = org.dendrite.core.network.Network.build(spec, 1, 1, 1);
        var dense = net.parameters().get(0);
        dense.value()[0] = 1;
        dense.value()[1] = -1;
        net.forward(new org.dendrite.core.tensor.Matrix(3, 1, new float[] {1, 2, 3}), true, new java.util.SplittableRandom(1));
        dense.grad()[0] = 3;
        dense.grad()[1] = -4;
        List<float[]> before = new java.util.ArrayList<>();
        for (var p : net.parameters()) before.add(p.value().clone());
        before.get(0)[0] = 0.5f;
        List<LayerStatistics> s = StatisticsSampler.sample(net, 7, before);
        LayerStatistics d = s.get(0), relu = s.get(1);
        assertEquals(7, d.step());
        assertEquals(5, d.gradientNorm(), 1e-12);
        assertEquals(4, d.gradientMaxAbs(), 1e-12);
        assertEquals(Math.sqrt(2), d.weightNorm(), 1e-12);
        assertEquals(0.5 / Math.sqrt(2), d.updateRatio(), 1e-12);
        assertEquals("relu", relu.name());
        assertEquals(0.5, relu.deadFraction(), 0);
        assertEquals(1, relu.activationMean(), 1e-12);
        assertEquals(Math.sqrt(8.0 / 6), relu.activationStd(), 1e-7);
        assertTrue(Double.isNaN(relu.saturatedFraction()), "saturation is a sigmoid/tanh figure");
    }

    @Test
    void overfitCheckPassesForAHealthyNetworkAndFailsForAFrozenOne() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        OverfitCheck.Result ok = OverfitCheck.run(TrainingConfig.DEFAULT, new LabeledTable(d.table(), d.targetName(), d.classes(), d.target()), 20);
        assertTrue(ok.passed() && ok.trainingAccuracy() == 1.0, ok.summary());
        assertEquals(20, ok.rows());
        OverfitCheck.Result bad = OverfitCheck.run(TrainingConfig.DEFAULT.withOptimizer(new Sgd(1e-9)), new LabeledTable(d.table(), d.targetName(), d.classes(), d.target()), 20);
        assertFalse(bad.passed(), bad.summary());
        assertTrue(bad.summary().contains("FAILED"));
    }

    @Test
    void learningCurveGrowsTheTrainingSetAndIsPlotted(@TempDir Path dir) throws Exception {
        TestData.Labeled d = TestData.arff("diabetes.arff");
        List<LearningCurve.Point> pts = LearningCurve.compute(TrainingConfig.DEFAULT.withEpochs(30), new LabeledTable(d.table(), d.targetName(), d.classes(), d.target()), new double[] {0.1, 0.3, 1.0}, 0.25, 1);
        assertEquals(3, pts.size());
        assertTrue(pts.get(0).trainingRows() < pts.get(1).trainingRows() && pts.get(1).trainingRows() < pts.get(2).trainingRows());
        assertTrue(pts.get(0).trainingError() < pts.get(0).validationError(), "a small training set is fitted better than it generalizes");
        assertTrue(pts.get(2).trainingError() > pts.get(0).trainingError(), "more rows are harder to fit");
        LearningCurve.plot(pts, true, dir.resolve("lc.png"));
        assertPicture(dir.resolve("lc.png"));
    }

    @Test
    void biasVarianceInPlainLanguage() {
        assertTrue(Diagnosis.biasVariance(0.6, 0.58, "accuracy", 0.5).contains("High bias (underfitting)"));
        assertTrue(Diagnosis.biasVariance(1.0, 0.7, "accuracy", 0.5).contains("High variance (overfitting)"));
        assertTrue(Diagnosis.biasVariance(0.95, 0.93, "accuracy", 0.5).contains("no sign of underfitting or overfitting"));
        assertTrue(Diagnosis.biasVariance(0.95, Double.NaN, "accuracy", 0.5).contains("No validation split"));
        assertTrue(Diagnosis.biasVariance(0.6, 0.3, "accuracy", 0.5).contains("High variance (overfitting), and possibly high bias"));
        // R^2 of a constant target is 1 - rmse^2 / 0: no claim of underfitting (it said "train longer, increase model capacity")
        assertEquals("Training R^2 is undefined: the training target does not vary, so bias and variance cannot be judged.",
                Diagnosis.biasVariance(Double.NEGATIVE_INFINITY, Double.NaN, "R^2", 0));
        assertEquals("Training R^2 is undefined: the training target does not vary, so bias and variance cannot be judged.",
                Diagnosis.biasVariance(Double.NaN, 0.5, "R^2", 0));
        assertTrue(Diagnosis.biasVariance(0.95, Double.NEGATIVE_INFINITY, "R^2", 0).contains("The validation target does not vary"));
        // no better than predicting without the inputs: not "train longer, increase model capacity" (the lecture's high-bias advice)
        assertEquals("Training accuracy 0.6250: no better than predicting without the inputs (always the most frequent class: 0.6250). "
                + "The model learned nothing from the inputs: check that they carry information about the target (and the warnings "
                + "above); if they do, training did not get going: try another learning rate or more epochs.",
                Diagnosis.biasVariance(0.625, 0.6, "accuracy", 0.625));
        assertTrue(Diagnosis.biasVariance(0.004, Double.NaN, "R^2", 0).contains("(predicting the target's mean has R^2 0)"));
        assertTrue(Diagnosis.biasVariance(0.64, Double.NaN, "accuracy", 0.625).contains("High bias"), "1.5 points above the baseline");
    }

    /** {@code n} rows of four uniform inputs whose label is [x0 > 0] with 30% of them flipped at random: Bayes accuracy 0.7 by construction. */
    private static LabeledTable noisyLabels(int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        double[][] x = new double[n][4];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) x[i][j] = r.nextDouble() * 2 - 1;
            y[i] = (x[i][0] > 0) != (r.nextDouble() < 0.3) ? 1 : 0;
        }
        List<org.dendrite.core.data.Column> cols = new java.util.ArrayList<>();
        for (int j = 0; j < 4; j++) cols.add(org.dendrite.core.data.Column.numeric("x" + j));
        return new LabeledTable(new org.dendrite.core.data.Table(cols, x), "y", List.of("a", "b"), y, null);
    }

    /**
     * Labels at their noise floor: y = [x0 > 0] with 30% of the labels flipped at random, so no model
     * beats 0.7 (the Bayes accuracy, by construction) and a network there has training and validation
     * accuracy alike near 0.7 with a flat validation loss. The fixed 0.8 cutoff called that "High bias
     * (underfitting) ... increase model capacity", which on noise only overfits; the diagnosis now names
     * both readings and the experiment that tells them apart. The other side: the same low, level
     * figures while the validation loss is still falling (a small rate, 6 epochs) stay "High bias ...
     * Train longer" (more epochs are what such a run needs).
     */
    @Test
    void labelsAtTheirNoiseFloorAreNotCalledUnderfitting() throws Exception {
        LabeledTable noisy = noisyLabels(1000);
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(30).withValidationFraction(0.3), noisy);
        run.run();
        Diagnosis.BiasVariance d = run.biasVariance();
        assertTrue(d.train() < Diagnosis.LOW_PERFORMANCE && Math.abs(d.train() - d.validation()) < Diagnosis.LARGE_GAP && d.flattened(), d.toString());
        assertFalse(d.toString().contains("High bias (underfitting)"), d.toString());
        assertTrue(d.toString().contains("either the model underfits (high bias) or the labels are this noisy"), d.toString());

        TrainingRun slow = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(6).withValidationFraction(0.3).withOptimizer(new Sgd(0.001)), noisy);
        slow.run();
        Diagnosis.BiasVariance s = slow.biasVariance();
        assertFalse(s.flattened(), s + " " + slow.history().toCsv());
        assertTrue(s.toString().contains("High bias (underfitting): performance is low already on the training data. Train longer"), s.toString());
    }

    /**
     * XOR of two signs with no hidden layers: each input alone says nothing about the class, so a
     * linear model stays at the majority share, and the diagnosis said "check that they carry
     * information ...; if they do, training did not get going: try another learning rate or more
     * epochs", none of which helps (they do carry it, together). It now says a network without hidden
     * layers cannot learn that, and to add one; the advice is checked: the default hidden layer on the
     * same rows and epochs learns them. A network with hidden layers keeps the earlier words.
     */
    @Test
    void aLinearModelOnXorIsToldToAddAHiddenLayer() throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int n = 600;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextDouble() * 2 - 1;
            x[i][1] = r.nextDouble() * 2 - 1;
            y[i] = (x[i][0] > 0) != (x[i][1] > 0) ? 1 : 0;
        }
        LabeledTable xor = new LabeledTable(new org.dendrite.core.data.Table(List.of(org.dendrite.core.data.Column.numeric("a"),
                org.dendrite.core.data.Column.numeric("b")), x), "y", List.of("no", "yes"), y, null);
        TrainingConfig linear = TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of())).withEpochs(20).withValidationFraction(0.3);
        TrainingRun run = TrainingRun.local(linear, xor);
        run.run();
        String said = run.biasVariance().toString();
        assertTrue(said.contains("no better than predicting without the inputs") && said.contains("a network without hidden layers (a linear "
                + "model) cannot learn a target that they carry only together (as XOR does: each alone says nothing), so add a hidden layer"), said);
        TrainingRun hidden = TrainingRun.local(linear.withNetwork(NetworkSpec.DEFAULT), xor);
        hidden.run();
        assertTrue(hidden.biasVariance().train() > 0.9 && hidden.biasVariance().validation() > 0.9, "the advice helps: " + hidden.biasVariance());
        assertFalse(Diagnosis.biasVariance(0.5, 0.5, "accuracy", 0.5, false, false, Double.NaN, Double.NaN).contains("hidden layer"), "a network with hidden layers");
    }

    /**
     * A rare class whose chance the inputs raise but never past one half: class 1 with probability
     * 0.02, or 0.2 where x0 > 1 (by construction), so the best prediction of every row is the majority
     * class and accuracy stays at its share, while the probabilities beat the class shares. The
     * diagnosis said "The model learned nothing from the inputs ... try another learning rate or more
     * epochs"; the log losses (recomputed here from the model's probabilities and the training rows'
     * class shares) show it learned, and it now says so.
     */
    @Test
    void aRareClassLearnedButNeverPredictedIsNotCalledLearningNothing() throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        int n = 1500;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) x[i][j] = r.nextGaussian();
            y[i] = r.nextDouble() < (x[i][0] > 1 ? 0.2 : 0.02) ? 1 : 0;
        }
        List<org.dendrite.core.data.Column> cols = new java.util.ArrayList<>();
        for (int j = 0; j < 3; j++) cols.add(org.dendrite.core.data.Column.numeric("x" + j));
        LabeledTable rare = new LabeledTable(new org.dendrite.core.data.Table(cols, x), "y", List.of("common", "rare"), y, null);
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(20).withValidationFraction(0), rare);
        org.dendrite.core.train.Model m = run.run();
        Diagnosis.BiasVariance d = run.biasVariance();
        double ones = 0, logLoss = 0;
        for (int i = 0; i < n; i++) {
            ones += y[i];
            logLoss -= Math.log(m.predictRow(x[i])[(int) y[i]]);
        }
        double share = ones / n, prior = -(share * Math.log(share) + (1 - share) * Math.log(1 - share));
        assertEquals(1 - share, d.train(), 1e-12, "every row predicted the majority class");
        assertEquals(prior, d.priorLogLoss(), 1e-12);
        assertEquals(logLoss / n, d.logLoss(), 1e-5);
        assertTrue(d.logLoss() < 0.95 * prior, d.toString());
        assertFalse(d.toString().contains("learned nothing"), d.toString());
        assertTrue(d.toString().contains("the model learned from the inputs, not enough to change a predicted class"), d.toString());
        // probabilities no better than the class shares: learned nothing, as before
        assertTrue(Diagnosis.biasVariance(0.96, 0.96, "accuracy", 0.96, false, false, 0.1675, 0.1679).contains("learned nothing"));
    }

    /**
     * A large network on labels with 30% flipped at random (Bayes accuracy 0.7 by construction): it fits
     * them past what they allow on the training rows (above 0.7) and below on the held-out ones, a gap
     * with training accuracy under the 0.8 cutoff. That read "Both high bias and high variance: the model
     * underfits the training data"; a training accuracy above the labels' own limit is not underfitting,
     * so the words now put the gap first and the underfitting as possible, unless the labels are noisy.
     */
    @Test
    void aGapOnNoisyLabelsIsNotCalledUnderfittingTheTrainingData() throws Exception {
        LabeledTable noisy = noisyLabels(600);
        NetworkSpec big = new NetworkSpec(List.of(new DenseSpec(128, new Relu()), new DenseSpec(128, new Relu())));
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withNetwork(big).withRegularization(org.dendrite.core.regularization.Regularization.NONE)
                .withEpochs(20).withValidationFraction(0.3), noisy);
        run.run();
        Diagnosis.BiasVariance d = run.biasVariance();
        assertTrue(d.train() > 0.7 && d.train() < Diagnosis.LOW_PERFORMANCE && d.train() - d.validation() > Diagnosis.LARGE_GAP, d.toString());
        assertFalse(d.toString().contains("the model underfits the training data and still generalizes worse"), d.toString());
        assertTrue(d.toString().contains("unless the labels are this noisy"), d.toString());
    }

    /** The flat-curve rule by hand: the second half's fall against the whole fall from the first epoch. */
    @Test
    void aValidationCurveIsFlatWhenItsSecondHalfBringsAtMostATenthOfItsFall() {
        // fell 0.3 in the first half, then 0.01 more: 0.01 <= 0.1 x 0.31
        assertTrue(Diagnosis.flattened(new double[] {1.0, 0.8, 0.7, 0.7, 0.69, 0.695}));
        // rising after the first epoch (overfitting from the start): nothing more to gain
        assertTrue(Diagnosis.flattened(new double[] {0.5, 0.6, 0.7, 0.8}));
        // a steady fall brings half of it in the second half
        assertFalse(Diagnosis.flattened(new double[] {1.0, 0.99, 0.98, 0.97, 0.96, 0.95}));
        assertFalse(Diagnosis.flattened(new double[] {1.0, 0.8, 0.7}), "three epochs are no curve");
        assertFalse(Diagnosis.flattened(new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN}), "no validation rows");
        // the words: level and flat is either reading; a gap, no split or a falling curve keep the earlier ones
        assertTrue(Diagnosis.biasVariance(0.7, 0.7, "accuracy", 0.5, true, false, Double.NaN, Double.NaN).contains("the labels are this noisy"));
        assertTrue(Diagnosis.biasVariance(0.7, 0.7, "accuracy", 0.5, false, false, Double.NaN, Double.NaN).contains("High bias (underfitting)"));
        assertTrue(Diagnosis.biasVariance(0.7, 0.6, "accuracy", 0.5, true, false, Double.NaN, Double.NaN).contains("High variance (overfitting), and possibly high bias"));
        assertTrue(Diagnosis.biasVariance(0.7, Double.NaN, "accuracy", 0.5, true, false, Double.NaN, Double.NaN).contains("High bias (underfitting)"));
        assertTrue(Diagnosis.biasVariance(0.9, 0.9, "accuracy", 0.5, true, false, Double.NaN, Double.NaN).contains("no sign of underfitting or overfitting"));
        // a numeric target is noisy, not its labels
        assertTrue(Diagnosis.biasVariance(0.54, 0.53, "R^2", 0, true, false, Double.NaN, Double.NaN).contains("either the model underfits (high bias) or the target is this noisy"));
        assertTrue(Diagnosis.biasVariance(0.6, 0.4, "R^2", 0, true, false, Double.NaN, Double.NaN).contains("unless the target is this noisy"));
    }

    @Test
    void trainingRunDiagnosesItself() throws Exception {
        TestData.Labeled d = TestData.arff("credit-g.arff");
        TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(256, new Relu()))))
                .withRegularization(org.dendrite.core.regularization.Regularization.NONE).withEpochs(60).withValidationFraction(0.3), new LabeledTable(d.table(), d.targetName(), d.classes(), d.target(), null));
        while (run.hasNextEpoch()) run.nextEpoch();
        assertTrue(run.biasVariance().toString().contains("High variance"), run.biasVariance().toString());
    }

    /**
     * A regression's diagnosis and overfit check judge R^2-like shares, which do not depend on the
     * target's units: the same rows with the target in units of 1e300 and of 1e-300 train the same
     * network (the target is standardized) and must be judged the same. Squared errors in the original
     * units overflowed (R^2 "undefined", the overfit check at 0% after 500 epochs) and underflowed (R^2
     * 1 for any model, the check passed at once).
     */
    @Test
    void aRegressionIsJudgedAlikeInAnyUnitsOfItsTarget() throws Exception {
        TestData.Labeled d = TestData.arff("servo.arff");
        TrainingConfig config = TrainingConfig.DEFAULT.withEpochs(8).withValidationFraction(0.25);
        double[] r2 = null, check = null;
        for (double unit : new double[] {1, 1e300, 1e-300}) {
            double[] y = d.target().clone();
            for (int i = 0; i < y.length; i++) y[i] *= unit;
            LabeledTable rows = new LabeledTable(d.table(), d.targetName(), d.classes(), y, null);
            TrainingRun run = TrainingRun.local(config, rows);
            run.run();
            double[] got = {run.biasVariance().train(), run.biasVariance().validation()};
            OverfitCheck.Result o = OverfitCheck.run(config, rows, OverfitCheck.DEFAULT_ROWS);
            double[] checked = {o.trainingAccuracy(), o.epochs()};
            if (r2 == null) {
                r2 = got;
                check = checked;
                assertTrue(r2[0] > 0.3 && r2[1] > 0.3, "servo is learned: " + java.util.Arrays.toString(r2));
            } else {
                assertArrayEquals(r2, got, 1e-4, "R^2 (training, validation) in units of " + unit);
                assertArrayEquals(check, checked, 1e-4, "the overfit check's fit and epochs in units of " + unit);
            }
        }
    }

    /**
     * The overfit check trains without regularization, dropout and label smoothing included (it kept
     * them: a network with dropout 0.5 "FAILED" at 82% where without it it passed): the same result as
     * the network without them.
     */
    @Test
    void theOverfitCheckTrainsWithoutDropoutOrLabelSmoothing() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        TrainingConfig plain = TrainingConfig.DEFAULT.withNetwork(new NetworkSpec(List.of(new DenseSpec(32, new Relu()))));
        TrainingConfig regularized = plain.withNetwork(new NetworkSpec(List.of(new DenseSpec(32, new Relu(), null, true, DenseSpec.BatchNorm.NONE, 0.5),
                new org.dendrite.core.layer.DropoutSpec(0.3)))).withLoss(new org.dendrite.core.loss.SoftmaxCrossEntropy(0.2));
        OverfitCheck.Result a = OverfitCheck.run(plain, d.labeled(), OverfitCheck.DEFAULT_ROWS);
        OverfitCheck.Result b = OverfitCheck.run(regularized, d.labeled(), OverfitCheck.DEFAULT_ROWS);
        assertEquals(a, b);
        assertTrue(a.passed(), a.summary());
    }

    @Test
    void configurationWarnings() {
        NetworkSpec seluHe = new NetworkSpec(List.of(new DenseSpec(8, new Selu(), Initializer.HE_NORMAL, true)));
        assertTrue(ConfigWarnings.check(seluHe, true, 16, 100).stream().anyMatch(w -> w.contains("SELU") && w.contains("LeCun")));
        NetworkSpec selu = new NetworkSpec(List.of(new DenseSpec(8, new Selu())));
        assertTrue(ConfigWarnings.check(selu, false, 16, 100).stream().anyMatch(w -> w.contains("not standardized")));
        assertTrue(ConfigWarnings.check(selu, true, 16, 100).isEmpty());
        // data init sets the hidden dense layers (DataInit's doc): beside none it did nothing, silently
        NetworkSpec linear = new NetworkSpec(List.of())
                .withDataInit(org.dendrite.core.network.DataInit.SCALED);
        assertEquals(List.of("Data-dependent initialization (dataInit scaled) sets the hidden dense layers, and this network has none: it "
                + "changes nothing."), ConfigWarnings.check(linear, true, 16, 100));
        assertTrue(ConfigWarnings.check(selu.withDataInit(org.dendrite.core.network.DataInit.SCALED), true, 16, 100).isEmpty());
        NetworkSpec bnDrop = new NetworkSpec(List.of(new DenseSpec(8, new Relu(), null, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0.3),
                new DenseSpec(8, new Relu(), null, true, DenseSpec.BatchNorm.BEFORE_ACTIVATION, 0)));
        assertTrue(ConfigWarnings.check(bnDrop, true, 16, 100).stream().anyMatch(w -> w.contains("batch normalization with dropout")));
        NetworkSpec deep = new NetworkSpec(List.of(new DenseSpec(8, new Sigmoid()), new DenseSpec(8, new Tanh()), new DenseSpec(8, new Sigmoid()),
                new DenseSpec(8, new Tanh())));
        assertTrue(ConfigWarnings.check(deep, true, 16, 100).stream().anyMatch(w -> w.contains("4 sigmoid/tanh layers")));
        assertTrue(ConfigWarnings.check(NetworkSpec.DEFAULT, true, 500, 100).stream().anyMatch(w -> w.contains("batch size 500")));
        NetworkSpec constant = new NetworkSpec(List.of(new DenseSpec(8, new Relu(), new Constant(0.1f), true)));
        assertTrue(ConfigWarnings.check(constant, true, 16, 100).stream().anyMatch(w -> w.contains("constant initializer")));
        assertTrue(ConfigWarnings.check(NetworkSpec.DEFAULT, true, 16, 100).isEmpty(), "the defaults raise no warning");
    }

    /**
     * The full-batch warning fires exactly when an epoch is one step: with batches of 32, 47 rows are one batch (the remainder
     * of 15, less than half a batch, joins the last batch: Batches.count), 64 rows are two, 48 two (a remainder of 16 is half a
     * batch, a batch of its own); a batch of 32 over 20 rows is one. The steps are counted from the run itself; before, only a
     * batch larger than the rows warned, and 47 rows trained one step per epoch without a word.
     */
    @Test
    void theFullBatchWarningFiresExactlyWhenAnEpochIsOneStep() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        String oneBatch = "The batch size 32 leaves 15 of the 47 training rows over, less than half a batch, and such a remainder joins the last "
                + "batch: each epoch is one step on all the rows, full-batch gradient descent.";
        for (int rows : new int[] {47, 64, 48, 32, 20}) {
            int[] idx = new int[rows];
            for (int i = 0; i < rows; i++) idx[i] = i * 150 / rows; // every class among them
            TrainingRun run = TrainingRun.local(TrainingConfig.DEFAULT.withBatchSize(32).withEpochs(1).withValidationFraction(0),
                    d.labeled().subset(idx));
            run.nextEpoch();
            boolean oneStep = run.steps() == 1;
            assertEquals(rows <= 47, oneStep, rows + " rows: " + run.steps() + " steps");
            List<String> full = run.history().warnings().stream().filter(w -> w.contains("full-batch")).toList();
            assertEquals(oneStep ? 1 : 0, full.size(), rows + " rows: " + run.history().warnings());
            if (rows == 47) assertEquals(List.of(oneBatch), full);
            if (rows == 20) assertEquals(List.of("The batch size 32 is larger than the 20 training rows: each epoch is one step on all the rows, "
                    + "full-batch gradient descent."), full);
        }
        // L-BFGS takes every row at each step whatever the batch size: no warning of a batch size it ignores (40 rows, batch 32)
        int[] idx = new int[40];
        for (int i = 0; i < idx.length; i++) idx[i] = i * 150 / idx.length;
        TrainingRun lbfgs = TrainingRun.local(TrainingConfig.DEFAULT.withBatchSize(32).withEpochs(1).withValidationFraction(0)
                .withOptimizer(new org.dendrite.core.optim.Lbfgs(1, 5, 10, org.dendrite.core.optim.Lbfgs.LineSearch.NONE)), d.labeled().subset(idx));
        lbfgs.nextEpoch();
        assertTrue(lbfgs.history().warnings().stream().noneMatch(w -> w.contains("full-batch")), lbfgs.history().warnings().toString());
    }

    @Test
    void sanityWarningsReachTheHistory() throws Exception {
        TestData.Labeled d = TestData.arff("iris.arff");
        TrainingRun frozen = TrainingRun.local(TrainingConfig.DEFAULT.withOptimizer(new Sgd(1e-12)).withEpochs(1)
                .withRegularization(org.dendrite.core.regularization.Regularization.NONE)
                .withPreprocessing(new PreprocessingConfig(true, true, false, true)), d.labeled());
        frozen.nextEpoch();
        // iris' 150 rows in batches of 32: 5 steps, all there is of a 1-epoch run
        assertTrue(frozen.history().warnings().stream().anyMatch(w -> w.startsWith("The loss did not change in the first 5 steps")),
                frozen.history().warnings().toString());
        // six rows, one step an epoch: the check waits for 10 steps, by which the default rate has moved the loss
        double[][] x = {{0}, {1}, {2}, {3}, {4}, {5}};
        LabeledTable six = new LabeledTable(new org.dendrite.core.data.Table(List.of(org.dendrite.core.data.Column.numeric("x")), x), "y",
                List.of("a", "b"), new double[] {0, 0, 0, 1, 1, 1}, null);
        TrainingRun tiny = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(20), six);
        tiny.nextEpoch();
        assertTrue(tiny.history().warnings().stream().noneMatch(w -> w.contains("did not change")), "after one step: not judged yet");
        tiny.run();
        assertTrue(tiny.history().warnings().stream().noneMatch(w -> w.contains("did not change")), tiny.history().warnings().toString());
        // a run of one step: its epoch's loss is the loss before that step, the initial loss; nothing to judge (it blamed the rate)
        TrainingRun one = TrainingRun.local(TrainingConfig.DEFAULT.withEpochs(1), six);
        one.run();
        assertTrue(one.history().warnings().stream().noneMatch(w -> w.contains("did not change")), one.history().warnings().toString());
    }
}
