package org.dendrite.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import org.dendrite.core.activation.Elu;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.weka.layer.LayerOption;
import org.junit.jupiter.api.Test;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.Dendrite;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

class DendriteClassifierTest {
    static Instances load(String name) throws Exception {
        Instances d = DataSource.read(Path.of(System.getProperty("dendrite.testData"), "datasets", name).toString());
        d.setClassIndex(d.numAttributes() - 1);
        return d;
    }

    /**
     * Class probabilities are computed in double from the network's outputs: in float32 a probability
     * above 1 - 6e-8 was exactly 1, so a confident model tied its surest rows of the majority class and
     * Weka's ROC areas of a binary class's two values differed (0.965 against 0.979 on a probe's
     * overfit model; p0 = 1 - p1 makes them equal). Hand derivation: two classes 20 standard deviations
     * apart, trained without L2, give logits far more than ln(1/6e-8) = 16.6 apart.
     */
    @Test
    void confidentProbabilitiesAreNotRoundedToOne() throws Exception {
        ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("x"), new Attribute("class", List.of("a", "b"))));
        Instances data = new Instances("apart", atts, 200);
        data.setClassIndex(1);
        Random rng = new Random(3);
        for (int i = 0; i < 200; i++) data.add(new DenseInstance(1, new double[] {(i % 2 == 0 ? -10 : 10) + rng.nextGaussian(), i % 2}));
        Dendrite d = new Dendrite();
        d.setOptions(new String[] {"-epochs", "2000", "-l2", "0"});
        d.buildClassifier(data);
        double surest = 0;
        for (int i = 0; i < data.numInstances(); i++) {
            double[] p = d.distributionForInstance(data.instance(i));
            surest = Math.max(surest, Math.max(p[0], p[1]));
            assertTrue(p[0] < 1 && p[1] < 1, "row " + i + ": " + p[0] + ", " + p[1]);
            assertEquals(1, p[0] + p[1], 1e-15, "row " + i);
        }
        assertTrue(surest > 1 - 6e-8, "the model is confident enough for float32 to round: " + surest);
        Evaluation eval = new Evaluation(data);
        eval.evaluateModel(d, data);
        assertEquals(eval.areaUnderROC(0), eval.areaUnderROC(1), 1e-12);
    }

    /**
     * A numeric class's coverage and region-size figures are unavailable, as Weka's other regressors
     * without intervals report them (LinearRegression's, in the same evaluation): Weka's batch
     * prediction path left them at 0, which KnowledgeFlow printed ("Coverage of cases 0 %") and the
     * Experimenter recorded. A nominal class keeps the batch path (its figures are all computed there).
     */
    @Test
    void aNumericClassHasNoCoverageFigureAsWekasOtherRegressors() throws Exception {
        Instances servo = load("servo.arff");
        Dendrite d = new Dendrite();
        d.setEpochs(2);
        d.buildClassifier(servo);
        weka.classifiers.functions.LinearRegression lr = new weka.classifiers.functions.LinearRegression();
        lr.buildClassifier(servo);
        for (weka.classifiers.Classifier c : new weka.classifiers.Classifier[] {lr, d}) {
            weka.classifiers.evaluation.Evaluation eval = new weka.classifiers.evaluation.Evaluation(servo);
            eval.evaluateModel(c, servo);
            assertTrue(Double.isNaN(eval.coverageOfTestCasesByPredictedRegions()), c.getClass() + ": " + eval.coverageOfTestCasesByPredictedRegions());
            assertTrue(Double.isNaN(eval.sizeOfPredictedRegions()), c.getClass() + ": " + eval.sizeOfPredictedRegions());
            assertTrue(eval.correlationCoefficient() > 0.5, c.getClass() + ": " + eval.correlationCoefficient());
        }
        Dendrite nominal = new Dendrite();
        nominal.setEpochs(1);
        nominal.buildClassifier(load("iris.arff"));
        assertTrue(nominal.implementsMoreEfficientBatchPrediction());
    }

    /**
     * Instance weights are held as float32: a negative weight, one beyond float32's range (it would
     * become infinite) or a positive one below its normal range (it would become 0: a set of weights
     * of 1e-50 was refused as "all zero"), is refused naming the instance (counted from 0, as the core counts rows) and
     * what is allowed; the classifier then trains on good weights as before.
     */
    @Test
    void instanceWeightsOutOfRangeAreRefusedNamingTheInstance() throws Exception {
        for (double w : new double[] {1e300, -1, 1e-50}) {
            Instances iris = load("iris.arff");
            iris.instance(3).setWeight(w);
            Dendrite d = new Dendrite();
            d.setEpochs(1);
            var e = assertThrows(Exception.class, () -> d.buildClassifier(iris));
            assertEquals("Instance weight of row 4 is " + w + "; weights must be 0 or between 1.17549435E-38 and 3.4028235E38 (training "
                    + "holds them as float32; only their ratios matter, so they can be rescaled) (rows are the instances in Weka's order, "
                    + "from 1)", e.getMessage());
            iris.instance(3).setWeight(2);
            d.buildClassifier(iris);
        }
        // weights all below float32's range (or all above it) are taken by their ratios, as Weka's own classifiers take them: the
        // model of weights all 1e-40 (or 1e39) is the unweighted one (they were refused)
        Dendrite plain = new Dendrite();
        plain.setEpochs(2);
        plain.buildClassifier(load("iris.arff"));
        for (double w : new double[] {1e-40, 1e39}) {
            Instances scaled = load("iris.arff");
            for (int i = 0; i < scaled.numInstances(); i++) scaled.instance(i).setWeight(w);
            Dendrite d = new Dendrite();
            d.setEpochs(2);
            d.buildClassifier(scaled);
            for (int i = 0; i < scaled.numInstances(); i += 10) {
                assertArrayEquals(plain.distributionForInstance(scaled.instance(i)), d.distributionForInstance(scaled.instance(i)), 0, "weights " + w);
            }
        }
        // unequal ones keep their ratios (1e-40 and 2e-40 train as 1 and 2: scaled by a power of two, the same model bit for bit), and
        // an instance without a class value (which does not train) does not decide the scale (its weight 1 made the others refused)
        Instances oneTwo = load("iris.arff"), tiny = load("iris.arff");
        for (int i = 0; i < oneTwo.numInstances(); i++) {
            oneTwo.instance(i).setWeight(1 + i % 2);
            tiny.instance(i).setWeight((1 + i % 2) * 1e-40);
        }
        tiny.add((weka.core.Instance) tiny.instance(0).copy());
        tiny.instance(tiny.numInstances() - 1).setClassMissing();
        tiny.instance(tiny.numInstances() - 1).setWeight(1);
        Dendrite byRatio = new Dendrite(), asGiven = new Dendrite();
        byRatio.setEpochs(2);
        asGiven.setEpochs(2);
        byRatio.buildClassifier(tiny);
        asGiven.buildClassifier(oneTwo);
        for (int i = 0; i < oneTwo.numInstances(); i += 10) {
            assertArrayEquals(asGiven.distributionForInstance(oneTwo.instance(i)), byRatio.distributionForInstance(tiny.instance(i)), 0);
        }
    }

    /**
     * An instance of weight 0 is an instance that is not there (as Weka's Bagging makes them, for the
     * rows a bag leaves out): iris with 150 more instances of weight 0 (numeric values + 1,000) trains
     * the model iris alone trains, bit for bit, with the width chosen from the rows, a data-dependent
     * initialization and batch normalization (the width had been counted from 300 rows, the
     * initialization had sampled the rows of weight 0 and batch norm had averaged them: up to 60 of
     * the 150 predictions changed).
     */
    @Test
    void instancesOfWeightZeroAreInstancesThatAreNotThere() throws Exception {
        Instances iris = load("iris.arff"), with = new Instances(iris);
        for (int i = 0; i < iris.numInstances(); i++) {
            weka.core.Instance extra = (weka.core.Instance) iris.instance(i).copy();
            for (int a = 0; a < iris.numAttributes() - 1; a++) extra.setValue(a, extra.value(a) + 1000);
            extra.setWeight(0);
            with.add(extra);
        }
        for (String options : new String[] {"-epochs 5 -data-init biases",
                "-epochs 5 -layer \"org.dendrite.weka.layer.Dense -units 16 -batch-norm before_activation\""}) {
            Dendrite a = new Dendrite(), b = new Dendrite();
            a.setOptions(Utils.splitOptions(options));
            b.setOptions(Utils.splitOptions(options));
            a.buildClassifier(with);
            b.buildClassifier(iris);
            for (int i = 0; i < iris.numInstances(); i++) {
                assertArrayEquals(b.distributionForInstance(iris.instance(i)), a.distributionForInstance(iris.instance(i)), 0, options + ", row " + i);
            }
        }
    }

    /**
     * The Experimenter's additional measures (Weka's AdditionalMeasureProducer): the epochs trained
     * (early stopping's fewer than configured), the weights and biases (iris: 4 -> 48 -> 3, by hand:
     * 4 x 48 + 48 + 48 x 3 + 3 = 387) and the last training loss, as the model's history holds them;
     * missing for a ZeroR model; an unknown measure is refused naming the known ones.
     */
    @Test
    void experimenterMeasuresAreTheModelsEpochsWeightsAndLoss() throws Exception {
        Instances iris = load("iris.arff");
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-epochs 7"));
        d.buildClassifier(iris);
        assertEquals(List.of("measureEpochs", "measureParameters", "measureTrainingLoss"), java.util.Collections.list(d.enumerateMeasures()));
        assertEquals(7, d.getMeasure("measureEpochs"));
        assertEquals(4 * 48 + 48 + 48 * 3 + 3, d.getMeasure("measureParameters"));
        assertEquals(d.getModel().history().last().trainLoss(), d.getMeasure("measureTrainingLoss"));
        Dendrite early = new Dendrite();
        early.setOptions(Utils.splitOptions("-epochs 400 -validation-fraction 0.3 -patience 2 -S 5"));
        early.buildClassifier(iris);
        assertTrue(early.getMeasure("measureEpochs") < 400, "early stopping ended the run after " + early.getMeasure("measureEpochs"));
        assertEquals(early.getModel().history().size(), early.getMeasure("measureEpochs"));
        // the training loss of the weights kept (the epoch early stopping kept, as toString shows it), not the last epoch's
        int kept = early.getModel().history().bestEpoch();
        assertTrue(kept > 0 && kept < early.getModel().history().size(), "kept epoch " + kept);
        assertEquals(early.getModel().history().epochs().get(kept - 1).trainLoss(), early.getMeasure("measureTrainingLoss"));
        Dendrite none = new Dendrite();
        none.buildClassifier(new Instances(iris, 0));
        assertTrue(weka.core.Utils.isMissingValue(none.getMeasure("measureEpochs")));
        var e = assertThrows(IllegalArgumentException.class, () -> d.getMeasure("measureTreeSize"));
        assertEquals("measureTreeSize is not a measure of Dendrite (its measures: measureEpochs, measureParameters, measureTrainingLoss)",
                e.getMessage());
    }

    /**
     * A wide sparse dataset (100,000 attributes, two values a row: a few megabytes as sparse ARFF) whose
     * rows held dense as doubles would take 1.2x this JVM's heap is refused before anything is
     * allocated, naming the relation, its size and what to do (without the check: OutOfMemoryError).
     */
    @Test
    void wideSparseDataIsRefusedBeforeItFillsTheHeap() {
        int m = 100_000;
        ArrayList<Attribute> attrs = new ArrayList<>();
        for (int j = 0; j < m; j++) attrs.add(new Attribute("w" + j));
        attrs.add(new Attribute("class", List.of("a", "b")));
        Instances data = new Instances("words", attrs, 0);
        data.setClassIndex(m);
        long rows = (long) (Runtime.getRuntime().maxMemory() * 1.2 / Double.BYTES / m) + 1;
        Random r = new Random(1);
        for (int i = 0; i < rows; i++) data.add(new weka.core.SparseInstance(1, new double[] {1, i % 2}, new int[] {r.nextInt(m), m}, m + 1));
        Dendrite d = new Dendrite();
        d.setEpochs(1);
        var e = assertThrows(Exception.class, () -> d.buildClassifier(data));
        assertTrue(e.getMessage().startsWith("Relation 'words': " + rows + " rows of 100000 input columns are held dense as doubles, ")
                && e.getMessage().endsWith("Use fewer attributes (for example with AttributeSelection) or give Weka more memory (-Xmx)."),
                e.getMessage());
    }

    /**
     * Rows to predict, which Weka hands over at once (its batch prediction): 60,000 rows through a
     * one-hot block of 40,000 values are 2.4e9 float32 values, more than one Java array holds. They
     * were refused (first an ArithmeticException: integer overflow; then a refusal naming the
     * attribute); preprocessed a chunk at a time, they predict, each row as it predicts alone.
     */
    @Test
    void aBatchToPredictTooWideForOneArrayPredictsInChunks() throws Exception {
        ArrayList<String> ids = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) ids.add("id" + i);
        ArrayList<Attribute> attrs = new ArrayList<>(List.of(new Attribute("x"), new Attribute("customer", ids), new Attribute("class", List.of("a", "b"))));
        Instances train = new Instances("customers", attrs, 0);
        train.setClassIndex(2);
        for (int i = 0; i < 100; i++) train.add(new DenseInstance(1, new double[] {i, i, i % 2}));
        Dendrite d = new Dendrite();
        d.setEpochs(1);
        d.buildClassifier(train);
        Instances many = new Instances(train, 60_000);
        for (int i = 0; i < 60_000; i++) many.add(new DenseInstance(1, new double[] {i, i % 40_000, 0}));
        double[][] p = d.distributionsForInstances(many);
        assertEquals(60_000, p.length);
        for (int i : new int[] {0, 1023, 1024, 59_999}) assertArrayEquals(d.distributionForInstance(many.instance(i)), p[i], 1e-6, "row " + i);
    }

    @Test
    void defaultsComeFromTheCore() {
        Dendrite d = new Dendrite();
        assertEquals(TrainingConfig.DEFAULT.epochs(), d.getEpochs());
        assertEquals(TrainingConfig.DEFAULT.batchSize(), d.getMiniBatchSize());
        assertEquals(TrainingConfig.DEFAULT.optimizer(), d.getOptimizer().toCore());
        assertEquals(TrainingConfig.DEFAULT.schedule(), d.getSchedule().toCore());
        assertEquals(TrainingConfig.DEFAULT, d.trainingConfig().withSeed(TrainingConfig.DEFAULT.seed()));
    }

    /**
     * The model's description says what the size rule chose for the rows (docs/design.md: 4 sqrt(n)
     * units to a multiple of 16, at least 48; below 3,000 rows batches of 32 for 100 epochs; iris: n
     * 150, 4 sqrt(150) = 49 -> 48), as the Spark model's summary does, and the epochs and final loss;
     * the configuration is JSON that -config-json takes back to train the same network.
     */
    @Test
    void theDescriptionShowsTheValuesChosenFromTheRows() throws Exception {
        Dendrite d = new Dendrite();
        d.buildClassifier(load("iris.arff"));
        String s = d.toString();
        String label = "Configuration (what differs from the defaults, as -config-json / configJson take it): ";
        assertTrue(s.contains(label) && s.contains("Training: 100 epochs") && s.contains("Final training loss: "), s);
        String json = s.substring(s.indexOf(label) + label.length(), s.indexOf('\n', s.indexOf(label)));
        assertTrue(json.contains("\"units\":48") && json.contains("\"batchSize\":32") && json.contains("\"epochs\":100"), json);
        // the configuration shown, given back as -config-json, trains the same network
        Dendrite again = new Dendrite();
        again.setOptions(new String[] {"-config-json", json});
        again.buildClassifier(load("iris.arff"));
        Instances iris = load("iris.arff");
        for (int i = 0; i < iris.numInstances(); i += 7) {
            assertArrayEquals(d.distributionForInstance(iris.instance(i)), again.distributionForInstance(iris.instance(i)), 0.0, "row " + i);
        }
    }

    static final String LAYER = "org.dendrite.weka.layer.Dense", SGD = "org.dendrite.weka.optim.Sgd";

    @Test
    void optionsRoundTripAndHelpListsThem() throws Exception {
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-layer \"" + LAYER + " -units 32 -activation elu -dropout 0.1\" -layer \"" + LAYER + " -units 16\" "
                + "-epochs 7 -mini-batch-size 8 -optimizer \"" + SGD + " -lr 0.05 -momentum 0.9\" "
                + "-schedule \"org.dendrite.weka.schedule.StepDecay -step-size 3\" -l2 0.001 -patience 3 -S 42"));
        assertEquals(2, d.getLayers().length);
        assertEquals(new DenseSpec(32, new Elu(), null, true, DenseSpec.BatchNorm.NONE, 0.1), d.getLayers()[0].toCore());
        assertEquals(new org.dendrite.core.optim.Sgd(0.05, 0.9, 0, false, 0), d.getOptimizer().toCore());
        assertEquals(7, d.getEpochs());
        assertEquals(42, d.getSeed());
        Dendrite e = new Dendrite();
        e.setOptions(d.getOptions());
        assertArrayEquals(d.getOptions(), e.getOptions());
        assertEquals(d.trainingConfig(), e.trainingConfig());

        // -help: Weka's options, then every optimizer, schedule and layer class with its defaults and options
        List<String> names = new ArrayList<>();
        StringBuilder help = new StringBuilder();
        for (Enumeration<Option> en = d.listOptions(); en.hasMoreElements(); ) {
            Option o = en.nextElement();
            names.add(o.name());
            help.append(o.synopsis()).append('\n').append(o.description()).append('\n');
        }
        for (String n : List.of("layer", "no-hidden-layers", "epochs", "mini-batch-size", "optimizer", "schedule", "l2", "l1",
                "validation-fraction", "patience", "config-json", "diagnostics", "S", "lr", "momentum", "nesterov", "beta1", "amsgrad",
                "line-search", "step-size", "milestones", "period", "inner", "threshold-mode", "units", "activation", "initializer",
                "batch-norm", "dropout")) {
            assertTrue(names.contains(n), "-help lists -" + n + ": " + names);
        }
        for (var o : org.dendrite.weka.optim.OptimizerOption.all()) assertTrue(help.indexOf("-optimizer \"" + o + "\"") >= 0, o.toString());
        for (var o : org.dendrite.weka.schedule.ScheduleOption.all()) assertTrue(help.indexOf("-schedule \"" + o + "\"") >= 0, o.toString());
        assertTrue(help.indexOf("-layer \"" + LAYER + " -units " + org.dendrite.core.network.NetworkSpec.DEFAULT_UNITS + " -activation relu -initializer default -batch-norm none -dropout 0.0\"") >= 0, help.toString());
        assertTrue(help.indexOf("Kingma and Ba") >= 0 && help.indexOf("SGDR") >= 0, "each class says what it is");

        Dendrite swish = new Dendrite();
        var unknown = assertThrows(Exception.class, () -> swish.setOptions(Utils.splitOptions("-layer \"" + LAYER + " -activation swish\"")));
        assertTrue(unknown.getMessage().contains("swish") && unknown.getMessage().contains("relu"), unknown.getMessage());
        var typo = assertThrows(Exception.class, () -> swish.setOptions(Utils.splitOptions("-optimizer org.dendrite.weka.optim.Adamm")));
        assertTrue(typo.getMessage().startsWith("Option -optimizer org.dendrite.weka.optim.Adamm: "), typo.getMessage());
        var word = assertThrows(Exception.class, () -> swish.setOptions(Utils.splitOptions("-epochs many")));
        assertTrue(word.getMessage().contains("Option -epochs many: not a whole number"), word.getMessage());
        // Weka's class lookup also takes a class whose name ends with the one given: "adam" found Nadam and trained it
        String family = "Sgd, ClassicMomentum, Adagrad, RmsProp, Adadelta, Adam, AdamW, AdaMax, Nadam, Lbfgs";
        var suffix = assertThrows(Exception.class, () -> swish.setOptions(Utils.splitOptions("-optimizer \"adam -lr 0.003\"")));
        assertEquals("Option -optimizer 'adam -lr 0.003': no class adam (Weka's lookup took it for org.dendrite.weka.optim.Nadam); give a "
                + "class's name exactly: " + family, suffix.getMessage());
        var lower = assertThrows(Exception.class, () -> swish.setOptions(Utils.splitOptions("-optimizer sgd")));
        assertEquals("Option -optimizer sgd: no class sgd; allowed: " + family, lower.getMessage());
        swish.setOptions(Utils.splitOptions("-optimizer \"Adam -lr 0.003\""));
        assertEquals("adam", swish.getOptimizer().toCore().name());
        assertEquals(0.003, swish.getOptimizer().toCore().learningRate());
        // a long option's malformed value was consumed and the default silently kept
        var longWord = assertThrows(Exception.class, () -> swish.setOptions(Utils.splitOptions("-l2-full-rows abc")));
        assertEquals("Option -l2-full-rows abc: not a whole number", longWord.getMessage());
        var tooLong = assertThrows(Exception.class, () -> swish.setOptions(Utils.splitOptions("-epochs 99999999999")));
        assertEquals("Option -epochs 99999999999: out of range (a whole number from -2147483648 to 2147483647)", tooLong.getMessage());
        swish.setOptions(Utils.splitOptions("-epochs -2"));
        var epochs = assertThrows(Exception.class, () -> swish.buildClassifier(load("iris.arff")));
        assertTrue(epochs.getMessage().contains("Invalid epochs: -2"), epochs.getMessage());
        swish.setOptions(Utils.splitOptions("-epochs 5 -l2-full-rows -1"));
        var fullRows = assertThrows(Exception.class, () -> swish.buildClassifier(load("iris.arff")));
        assertTrue(fullRows.getMessage().contains("-l2-full-rows: Invalid l2FullRows: -1"), fullRows.getMessage());
        swish.setOptions(Utils.splitOptions("-layer \"" + LAYER + " -units 8\" -layer \"" + LAYER + " -dropout 1\""));
        var dropout = assertThrows(Exception.class, () -> swish.buildClassifier(load("iris.arff")));
        assertTrue(dropout.getMessage().startsWith("Invalid option: -layer 2: Dense option -dropout: Dropout rate of a dense layer must be in [0, 1), got 1.0"),
                dropout.getMessage());
    }

    /**
     * The scalar training options reach the core configuration as typed (each expected value is the
     * option's own), survive getOptions/setOptions, and a value out of range is refused naming the option.
     */
    @Test
    void scalarOptionsReachTheCoreConfiguration() throws Exception {
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-l1 0.003 -l2 0.02 -l2-full-rows 500 -validation-fraction 0.25 -patience 7 -mini-batch-size 48 "
                + "-label-smoothing 0.05 -epochs 9 -S 11"));
        TrainingConfig c = d.trainingConfig();
        assertEquals(0.003, c.regularization().l1());
        assertEquals(0.02, c.regularization().l2());
        assertEquals(500, c.regularization().l2FullRows());
        assertEquals(0.25, c.validationFraction());
        assertEquals(7, c.earlyStopping().patience());
        assertEquals(48, c.batchSize());
        assertEquals(new org.dendrite.core.loss.SoftmaxCrossEntropy(0.05), c.loss());
        assertEquals(9, c.epochs());
        assertEquals(11, c.seed());
        Dendrite e = new Dendrite();
        e.setOptions(d.getOptions());
        assertEquals(c, e.trainingConfig());
        Dendrite bad = new Dendrite();
        bad.setOptions(Utils.splitOptions("-l1 -0.5"));
        var error = assertThrows(Exception.class, () -> bad.buildClassifier(load("iris.arff")));
        assertEquals("Invalid option: -l1: Invalid l1: -0.5 (allowed: a finite number >= 0)", error.getMessage());
    }

    /** The recipe's pieces as Weka options: they translate to exactly the core configuration, round-trip, and train. */
    @Test
    void recipeOptionsReachTheCoreConfiguration() throws Exception {
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-layer org.dendrite.weka.layer.Scale -layer \"org.dendrite.weka.layer.PeriodicEmbedding -frequencies 8\" "
                + "-layer \"" + LAYER + " -units 16\" -members 4 -data-init scaled -scaling robust -label-smoothing 0.1 -epochs 3"));
        TrainingConfig c = d.trainingConfig();
        assertEquals(new NetworkSpec(List.of(org.dendrite.core.layer.ScaleSpec.DEFAULT, new org.dendrite.core.layer.PeriodicEmbeddingSpec(8, 3, 0.1),
                new DenseSpec(16, new org.dendrite.core.activation.Relu())), 4, org.dendrite.core.network.DataInit.SCALED), c.network());
        assertEquals(org.dendrite.core.data.PreprocessingConfig.Scaling.ROBUST, c.preprocessing().scaling());
        assertEquals(new org.dendrite.core.loss.SoftmaxCrossEntropy(0.1), c.loss());
        Dendrite e = new Dendrite();
        e.setOptions(d.getOptions());
        assertEquals(c, e.trainingConfig());
        Instances iris = load("iris.arff");
        d.buildClassifier(iris);
        assertTrue(d.toString().contains("members(4 x 4") && d.toString().contains("heads(4 x")
                && d.toString().contains("hidden layers started from the training rows (data init: scaled)"), d.toString());
        double[] p = d.distributionForInstance(iris.instance(60));
        assertEquals(1, p[0] + p[1] + p[2], 1e-5);
        var bad = assertThrows(Exception.class, () -> {
            Dendrite x = new Dendrite();
            x.setOptions(Utils.splitOptions("-members 0"));
            x.buildClassifier(iris);
        });
        assertTrue(bad.getMessage().contains("-members") && bad.getMessage().contains("Invalid members: 0"), bad.getMessage());
        for (String option : new String[] {"-data-init lsuv", "-scaling minmax"}) {
            var tag = assertThrows(Exception.class, () -> new Dendrite().setOptions(Utils.splitOptions(option)));
            assertTrue(tag.getMessage().contains(option.split(" ")[0]) && tag.getMessage().contains(option.split(" ")[1]), option + ": " + tag.getMessage());
        }
    }

    /**
     * Category embeddings from Weka: credit-g's purpose (11 values) and nothing else is embedded at 10
     * values and more; the option round-trips, and toString shows the embedding.
     */
    @Test
    void categoryEmbeddingOfManyValuedNominalAttributes() throws Exception {
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-layer \"org.dendrite.weka.layer.CategoryEmbedding -min-categories 10 -dimensions 4\" -layer \""
                + LAYER + " -units 16\" -epochs 5"));
        assertEquals(new org.dendrite.core.layer.CategoryEmbeddingSpec(10, 4, null), d.trainingConfig().network().layers().get(0));
        Dendrite e = new Dendrite();
        e.setOptions(d.getOptions());
        assertEquals(d.trainingConfig(), e.trainingConfig());
        Instances credit = load("credit-g.arff");
        d.buildClassifier(credit);
        assertTrue(d.toString().contains("category_embedding(11 values -> 4 each"), d.toString());
        double[] p = d.distributionForInstance(credit.instance(3));
        assertEquals(1, p[0] + p[1], 1e-5);
    }

    @Test
    void aNetworkWithoutHiddenLayersRoundTrips() throws Exception {
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-no-hidden-layers -epochs 3"));
        assertEquals(0, d.getLayers().length);
        assertEquals(List.of(), d.trainingConfig().network().layers());
        Dendrite e = new Dendrite();
        e.setOptions(d.getOptions());
        assertEquals(0, e.getLayers().length, String.join(" ", d.getOptions()));
        e.buildClassifier(load("iris.arff"));
        assertTrue(e.toString().contains("dense(4 -> 3"), e.toString());
    }

    /** The same training configured three ways: nested option strings, option objects made from core records, and the core's JSON. */
    @Test
    void nestedOptionStringsTrainExactlyAsTheCoreRecordsTheyDescribe() throws Exception {
        TrainingConfig expected = TrainingConfig.DEFAULT.withSeed(3).withEpochs(4)
                .withNetwork(new NetworkSpec(List.of(new DenseSpec(24, new Elu(), Initializer.XAVIER_NORMAL, true,
                        DenseSpec.BatchNorm.AFTER_ACTIVATION, 0.1), new DenseSpec(12, new Elu()))))
                .withOptimizer(new org.dendrite.core.optim.RmsProp(0.01, 0.9, 1e-8, 0.001, 0.5, true))
                .withSchedule(new org.dendrite.core.schedule.WarmUp(new org.dendrite.core.schedule.Cosine(4, 0, false, 1,
                        org.dendrite.core.schedule.Schedule.Unit.EPOCH), 0.2, 1, 10));

        Dendrite fromStrings = new Dendrite();
        fromStrings.setOptions(Utils.splitOptions("-S 3 -epochs 4 "
                + "-layer \"" + LAYER + " -units 24 -activation elu -initializer xavier_normal -batch-norm after_activation -dropout 0.1\" "
                + "-layer \"" + LAYER + " -units 12 -activation elu\" "
                + "-optimizer \"org.dendrite.weka.optim.RmsProp -lr 0.01 -alpha 0.9 -momentum 0.5 -centered -weight-decay 0.001\" "
                + "-schedule \"org.dendrite.weka.schedule.WarmUp -inner \\\"org.dendrite.weka.schedule.Cosine -period 4\\\" "
                + "-start-factor 0.2 -total-steps 10\""));
        assertEquals(expected, fromStrings.trainingConfig());

        Dendrite fromRecords = new Dendrite();
        fromRecords.setSeed(3);
        fromRecords.setEpochs(4);
        fromRecords.setLayers(LayerOption.of(expected.network()));
        fromRecords.setOptimizer(org.dendrite.weka.optim.OptimizerOption.of(expected.optimizer()));
        fromRecords.setSchedule(org.dendrite.weka.schedule.ScheduleOption.of(expected.schedule()));
        assertArrayEquals(fromStrings.getOptions(), fromRecords.getOptions());

        Dendrite fromJson = new Dendrite();
        fromJson.setSeed(3);
        fromJson.setEpochs(4);
        fromJson.setConfigJson(org.dendrite.core.io.SpecFormat.write(expected));
        assertEquals(expected, fromJson.trainingConfig());

        Instances iris = load("iris.arff");
        double[][] p = null;
        for (Dendrite d : List.of(fromStrings, fromRecords, fromJson)) {
            d.buildClassifier(iris);
            double[][] q = d.distributionsForInstances(iris);
            if (p != null) for (int i = 0; i < q.length; i++) assertArrayEquals(p[i], q[i], 0);
            p = q;
        }
    }

    @Test
    void crossValidatesNominalAndNumericClassesWithWekasEvaluation() throws Exception {
        Instances iris = load("iris.arff");
        Evaluation ev = new Evaluation(iris);
        ev.crossValidateModel(new Dendrite(), iris, 10, new Random(1));
        assertTrue(ev.pctCorrect() > 90, "iris accuracy " + ev.pctCorrect());
        assertTrue(ev.weightedAreaUnderROC() > 0.95, "iris AUC " + ev.weightedAreaUnderROC());

        Instances diabetes = load("diabetes-regression.arff");
        Evaluation reg = new Evaluation(diabetes);
        reg.crossValidateModel(new Dendrite(), diabetes, 5, new Random(1));
        // predicting the mean gives correlation 0 and relative absolute error 100%
        assertTrue(reg.correlationCoefficient() > 0.6, "correlation " + reg.correlationCoefficient());
        assertTrue(reg.relativeAbsoluteError() < 80, "RAE " + reg.relativeAbsoluteError());
    }

    @Test
    void batchPredictionEqualsOneByOneAndIsNeverNaN() throws Exception {
        Instances data = load("breast-cancer.arff");
        Dendrite d = new Dendrite();
        d.setEpochs(10);
        d.buildClassifier(data);
        double[][] batch = d.distributionsForInstances(data);
        for (int i = 0; i < data.numInstances(); i++) {
            double[] one = d.distributionForInstance(data.instance(i));
            assertArrayEquals(one, batch[i], 1e-6);
            double s = 0;
            for (double p : one) {
                assertTrue(p >= 0 && p <= 1);
                s += p;
            }
            assertEquals(1, s, 1e-5);
        }
    }

    @Test
    void iteratesEpochByEpochAndResumesWithTheWholeRunScheduleStretched() throws Exception {
        Instances iris = load("iris.arff");
        Dendrite d = new Dendrite();
        d.setEpochs(3);
        d.initializeClassifier(iris);
        int iterations = 0;
        while (d.next()) iterations++;
        d.done();
        assertEquals(3, iterations);
        assertEquals(3, d.getModel().history().size());

        // resume keeps the run: a rebuild with more epochs continues it
        Dendrite r = new Dendrite();
        r.setResume(true);
        r.setEpochs(3);
        r.buildClassifier(iris);
        double[] firstRates = r.getModel().history().stepLearningRates();
        double[] firstLosses = r.getModel().history().stepLosses();
        assertArrayEquals(d.getModel().history().stepLosses(), firstLosses, 0, "the same three epochs");
        r.setEpochs(5);
        r.buildClassifier(iris);
        d = r;
        var h = d.getModel().history();
        assertEquals(5, h.size(), "resumed from epoch 3 to 5");
        // resumed, not retrained: the first three epochs' steps are the ones already taken
        double[] rates = h.stepLearningRates(), losses = h.stepLosses();
        assertArrayEquals(firstRates, java.util.Arrays.copyOf(rates, firstRates.length), 0);
        assertArrayEquals(firstLosses, java.util.Arrays.copyOf(losses, firstLosses.length), 0);
        // the default whole-run cosine spans the 5 epochs now asked for: epoch e (0-based) of T = 5 trains at
        // base (1 + cos(pi e / 5)) / 2 (by hand: 0.3455 and 0.0955 of the base for e = 3, 4), never at the old run's end rate 0
        double base = TrainingConfig.DEFAULT.optimizer().learningRate();
        int stepsPerEpoch = firstRates.length / 3;
        assertEquals(5 * stepsPerEpoch, rates.length);
        for (int e = 3; e < 5; e++) {
            double expected = base * (1 + Math.cos(Math.PI * e / 5)) / 2;
            for (int i = e * stepsPerEpoch; i < (e + 1) * stepsPerEpoch; i++) assertEquals(expected, rates[i], 1e-12, "step " + i);
        }
        assertEquals(0.0955, rates[rates.length - 1] / base, 1e-4);
    }

    /**
     * A kept run continued to more epochs under a schedule of its own length is the run trained to
     * them from the start, bit for bit (README, "-resume"; the whole-run cosine's stretch is the test
     * above): 3 epochs with -resume rebuilt with 6 against 6 at once, with dropout, a validation split
     * and early stopping's state in play.
     */
    @Test
    void aKeptRunContinuedUnderAScheduleOfItsOwnLengthIsTheRunTrainedToTheNewEpochs() throws Exception {
        Instances iris = load("iris.arff");
        String options = "-layer \"org.dendrite.weka.layer.Dense -units 8 -dropout 0.2\" -schedule \"org.dendrite.weka.schedule.StepDecay "
                + "-step-size 2\" -validation-fraction 0.2 -patience 50";
        Dendrite kept = new Dendrite();
        kept.setOptions(Utils.splitOptions("-epochs 3 -resume " + options));
        kept.buildClassifier(iris);
        kept.setEpochs(6);
        kept.buildClassifier(iris);
        Dendrite whole = new Dendrite();
        whole.setOptions(Utils.splitOptions("-epochs 6 " + options));
        whole.buildClassifier(iris);
        assertEquals(6, kept.getModel().history().size());
        assertArrayEquals(whole.getModel().history().stepLosses(), kept.getModel().history().stepLosses(), 0);
        assertArrayEquals(whole.getModel().history().stepLearningRates(), kept.getModel().history().stepLearningRates(), 0);
        double[][] a = whole.distributionsForInstances(iris), b = kept.distributionsForInstances(iris);
        for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], 0, "instance " + i);
    }

    /**
     * A kept run early stopping has stopped, continued to more epochs than it planned, says it trains no
     * further (it took them and trained nothing, without a word); built again as it was, it is the model it was.
     */
    @Test
    void aKeptRunThatStoppedEarlyIsNotContinuedSilently() throws Exception {
        Instances iris = load("iris.arff");
        // no improvement counts (a min delta of 1e9): stopped after the second epoch
        String json = "{\"epochs\": %d, \"validationFraction\": 0.2, \"earlyStopping\": {\"monitor\": \"validation_loss\", \"patience\": 1, "
                + "\"minDelta\": 1e9, \"restoreBest\": true}}";
        Dendrite d = new Dendrite();
        d.setResume(true);
        d.setConfigJson(String.format(json, 6));
        d.buildClassifier(iris);
        int stopped = d.getModel().history().size();
        assertTrue(stopped < 6, "stopped after " + stopped);
        d.buildClassifier(iris);
        assertEquals(stopped, d.getModel().history().size(), "built again as it was");
        d.setConfigJson(String.format(json, 12));
        Exception e = assertThrows(Exception.class, () -> d.buildClassifier(iris));
        assertEquals("-epochs: Cannot continue to 12 epochs: the kept run stopped early after epoch " + stopped + " (early stopping, -patience 1), "
                + "so it trains no further; to train on, start from this model's weights with -initial-model, with a larger -patience or without "
                + "early stopping", e.getMessage());
    }

    /**
     * Weka's -continue-iterating after -l: the loaded classifier continued from its saved state, not
     * (as it did) retrained from scratch under the same output. With -resume the state is saved with the
     * model, and continuing 3 epochs to 6 gives exactly the in-memory continuation, its first three
     * epochs the saved ones; a model saved without -resume is refused with what to do instead.
     */
    @Test
    void continueIteratingAfterLoadContinuesTheSavedRun(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String diabetes = Path.of(System.getProperty("dendrite.testData"), "datasets", "diabetes.arff").toString();
        String three = dir.resolve("three.model").toString(), six = dir.resolve("six.model").toString();
        Evaluation.evaluateModel(new Dendrite(), new String[] {"-t", diabetes, "-no-cv", "-epochs", "3", "-resume", "-d", three});
        Evaluation.evaluateModel(new Dendrite(), new String[] {"-l", three, "-t", diabetes, "-T", diabetes, "-continue-iterating", "-epochs", "6",
                "-d", six});
        var saved = ((Dendrite) weka.core.SerializationHelper.read(three)).getModel().history();
        var continued = ((Dendrite) weka.core.SerializationHelper.read(six)).getModel().history();
        Dendrite inMemory = new Dendrite();
        inMemory.setOptions(new String[] {"-epochs", "3", "-resume"});
        Instances data = load("diabetes.arff");
        inMemory.buildClassifier(data);
        inMemory.setEpochs(6);
        inMemory.buildClassifier(data);
        var expected = inMemory.getModel().history();
        assertEquals(6, continued.size());
        String config = ((Dendrite) weka.core.SerializationHelper.read(six)).getModel().provenance().config();
        assertTrue(config.contains("\"epochs\":6"), "the configuration it ended with: " + config);
        assertArrayEquals(saved.stepLosses(), java.util.Arrays.copyOf(continued.stepLosses(), saved.stepLosses().length), 0, "the saved epochs");
        assertArrayEquals(expected.stepLosses(), continued.stepLosses(), 0, "the in-memory continuation");
        // a fresh six-epoch run is another trajectory (the whole-run schedule differs from epoch 1): what the old code printed
        Dendrite fresh = new Dendrite();
        fresh.setEpochs(6);
        fresh.buildClassifier(data);
        assertFalse(java.util.Arrays.equals(fresh.getModel().history().stepLosses(), continued.stepLosses()));

        String plain = dir.resolve("plain.model").toString();
        Evaluation.evaluateModel(new Dendrite(), new String[] {"-t", diabetes, "-no-cv", "-epochs", "3", "-d", plain});
        Exception e = assertThrows(Exception.class, () -> Evaluation.evaluateModel(new Dendrite(), new String[] {"-l", plain, "-t", diabetes,
                "-T", diabetes, "-continue-iterating", "-epochs", "6"}));
        assertTrue(e.getMessage().contains("Cannot continue training: this model kept no training state (the optimizer's moments, the schedule's clock, early "
                + "stopping): it was trained without resume (-resume), or its state was cleaned up (-clean-up)"), e.getMessage());
        // continuing (Weka's iterative API) on other rows is refused: it would mix them
        Dendrite kept = (Dendrite) weka.core.SerializationHelper.read(three);
        kept.setResume(true);
        Instances half = new Instances(data, 0, 384);
        Exception h = assertThrows(Exception.class, () -> kept.initializeClassifier(half));
        assertTrue(h.getMessage().startsWith("Cannot continue training on other rows than the model was trained on (768 instances with a class "
                + "value; these are 384)"), h.getMessage());
        // as many rows in another order: said so (it read "these are 768 or differ")
        Instances shuffled = new Instances(data);
        shuffled.randomize(new Random(3));
        Exception o = assertThrows(Exception.class, () -> kept.initializeClassifier(shuffled));
        assertTrue(o.getMessage().contains("(768 instances with a class value; these are as many, with other values, weights or order)"),
                o.getMessage());
        assertThrows(Exception.class, () -> kept.initializeClassifier(load("iris.arff")));
    }

    /**
     * A continuation with other options than the run was started with went on with the old ones
     * (-continue-iterating with -l2 0.5 and another optimizer ended at the same loss as without them;
     * a rebuild with SGD continued the Adam run and said Adam): refused, naming the option, on the
     * command line and through the API; the epochs alone may change.
     */
    @Test
    void continuingWithOtherOptionsIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String diabetes = Path.of(System.getProperty("dendrite.testData"), "datasets", "diabetes.arff").toString();
        String three = dir.resolve("three.model").toString();
        Evaluation.evaluateModel(new Dendrite(), new String[] {"-t", diabetes, "-no-cv", "-epochs", "3", "-resume", "-d", three});
        Exception e = assertThrows(Exception.class, () -> Evaluation.evaluateModel(new Dendrite(), new String[] {"-l", three, "-t", diabetes,
                "-T", diabetes, "-continue-iterating", "-epochs", "6", "-l2", "0.5"}));
        assertTrue(e.getMessage().startsWith("Cannot continue the kept training run with other options than it was started with: -l2 was "),
                e.getMessage());
        assertTrue(e.getMessage().contains(" and is now 0.5. Continuing trains the same run to more epochs (-epochs) only"), e.getMessage());

        Instances data = load("diabetes.arff");
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-epochs 3 -resume"));
        d.buildClassifier(data);
        org.dendrite.weka.optim.OptimizerOption adam = d.getOptimizer();
        d.setOptions(Utils.splitOptions("-epochs 5 -resume -optimizer \"org.dendrite.weka.optim.Sgd -lr 0.5\""));
        Exception o = assertThrows(Exception.class, () -> d.buildClassifier(data));
        assertTrue(o.getMessage().startsWith("Cannot continue the kept training run with other options than it was started with: -optimizer "),
                o.getMessage());
        d.setOptimizer(adam);
        d.setSeed(2);
        String seed = assertThrows(Exception.class, () -> d.buildClassifier(data)).getMessage();
        assertTrue(seed.contains(": -S was 1 and is now 2."), seed);
        // nor the options beside the configuration: a search, an initial model, frozen layers
        d.setSeed(1);
        d.setOptions(Utils.splitOptions("-epochs 5 -resume -search \"org.dendrite.weka.search.RandomSearch -trials 2\""));
        String search = assertThrows(Exception.class, () -> d.buildClassifier(data)).getMessage();
        assertTrue(search.startsWith("Cannot continue the kept training run with other options than it was started with: -search was "
                + "org.dendrite.weka.search.NoSearch and is now org.dendrite.weka.search.RandomSearch -trials 2"), search);
        d.setSearch(new org.dendrite.weka.search.NoSearch());
        // the epochs alone: continued
        d.buildClassifier(data);
        assertEquals(5, d.getModel().history().size());
        // a build refused before training leaves the classifier as it was: the next build on other rows trains afresh with the
        // options it is given (it continued the kept Adam run on them: the refusal had marked it as theirs)
        Instances part = new Instances(data, 0, 400);
        d.setOptions(Utils.splitOptions("-epochs 6 -resume -mc-dropout 5 -optimizer \"org.dendrite.weka.optim.Sgd -lr 0.5\""));
        assertThrows(Exception.class, () -> d.buildClassifier(part));
        d.setMonteCarloPasses(0);
        d.buildClassifier(part);
        assertTrue(d.getModel().provenance().config().toLowerCase(java.util.Locale.ROOT).contains("sgd"), d.getModel().provenance().config());
        assertEquals(6, d.getModel().history().size());
    }

    /**
     * A build stopped by an interrupt (Weka's Stop) throws, serves no half-trained network, and leaves
     * nothing to continue without -resume: the next build trains afresh with its options (it took the
     * run left behind for one to continue, and refused another optimizer as a changed option).
     */
    @Test
    void aStoppedBuildLeavesNothingToContinueWithoutResume() throws Exception {
        Instances iris = load("iris.arff");
        Dendrite d = new Dendrite();
        d.setEpochs(20);
        Thread.currentThread().interrupt();
        try {
            var stopped = assertThrows(java.util.concurrent.CancellationException.class, () -> d.buildClassifier(iris));
            // it said "the model holds that epoch's weights", and the classifier had none
            assertEquals("Training was interrupted after epoch 0 of 20; without -resume nothing of the run is kept (with it, the classifier "
                    + "keeps that epoch's model and can continue)", stopped.getMessage());
        } finally {
            Thread.interrupted();
        }
        assertNull(d.getModel(), "no half-trained model");
        // a kept run continued to fewer epochs than it has: named as the option (it said "Invalid epochs: 2 ...", no option)
        Dendrite kept = new Dendrite();
        kept.setOptions(Utils.splitOptions("-epochs 3 -resume"));
        kept.buildClassifier(iris);
        kept.setEpochs(2);
        Exception fewer = assertThrows(Exception.class, () -> kept.buildClassifier(iris));
        assertEquals("-epochs: Invalid epochs: 2 (allowed: at least the 3 epochs the run has already trained)", fewer.getMessage());
        d.setOptions(Utils.splitOptions("-epochs 3 -optimizer \"org.dendrite.weka.optim.Sgd -lr 0.1\""));
        d.buildClassifier(iris);
        assertEquals(3, d.getModel().history().size());
        assertTrue(d.getModel().provenance().config().toLowerCase(java.util.Locale.ROOT).contains("sgd"), d.getModel().provenance().config());
    }

    /**
     * A classifier built with -resume and then cross-validated (Weka's makeCopy carries its state into
     * every fold): each fold trained on from the full data's model, so every fold model was the full
     * data's and the test rows leaked (79.8% against 76.7%). buildClassifier trains on its rows: a build
     * on other rows than the kept state's trains afresh, and the cross-validation equals the unbuilt one's.
     */
    @Test
    void aBuiltClassifierWithItsStateCrossValidatesAsAnUnbuiltOne() throws Exception {
        Instances diabetes = load("diabetes.arff");
        Dendrite built = new Dendrite();
        built.setOptions(Utils.splitOptions("-epochs 5 -resume"));
        built.buildClassifier(diabetes);
        Dendrite unbuilt = new Dendrite();
        unbuilt.setOptions(Utils.splitOptions("-epochs 5 -resume"));
        Evaluation a = new Evaluation(diabetes), b = new Evaluation(diabetes);
        a.crossValidateModel(built, diabetes, 3, new Random(1));
        b.crossValidateModel(unbuilt, diabetes, 3, new Random(1));
        assertEquals(b.pctCorrect(), a.pctCorrect(), 0);
        assertEquals(b.rootMeanSquaredError(), a.rootMeanSquaredError(), 0);
        // after a search, continuing goes to the epochs now asked for (it kept the chosen configuration's)
        Instances iris = load("iris.arff");
        Dendrite searched = new Dendrite();
        searched.setOptions(Utils.splitOptions("-epochs 4 -resume -search \"org.dendrite.weka.search.RandomSearch -trials 2 -threads 1\""));
        searched.buildClassifier(iris);
        int chosen = searched.getModel().history().size();
        searched.buildClassifier(iris);
        assertEquals(chosen, searched.getModel().history().size(), "nothing more asked for");
        searched.setEpochs(9);
        searched.buildClassifier(iris);
        assertEquals(9, searched.getModel().history().size());
        // the search's threads change no result: another number continues the run (it was refused as another option)
        searched.setOptions(Utils.splitOptions("-epochs 10 -resume -search \"org.dendrite.weka.search.RandomSearch -trials 2 -threads 2\""));
        searched.buildClassifier(iris);
        assertEquals(10, searched.getModel().history().size());
        // and the built one itself still continues on its own rows
        built.setEpochs(7);
        built.buildClassifier(diabetes);
        assertEquals(7, built.getModel().history().size());
    }

    /**
     * MultiClassClassifier in 1-against-1 mode trains each pair of classes under their own names
     * and predicts under "class0", "class1": every prediction was refused as a header mismatch. The
     * class may be named otherwise; the inputs may not.
     */
    @Test
    void multiClassClassifierOneAgainstOnePredicts() throws Exception {
        Instances iris = load("iris.arff");
        weka.classifiers.meta.MultiClassClassifier m = new weka.classifiers.meta.MultiClassClassifier();
        m.setOptions(new String[] {"-M", "3", "-W", Dendrite.class.getName()});
        Evaluation ev = new Evaluation(iris);
        ev.crossValidateModel(m, iris, 3, new Random(1));
        assertTrue(ev.pctCorrect() > 85, "1-against-1 accuracy " + ev.pctCorrect());
        Dendrite d = new Dendrite();
        d.setEpochs(2);
        d.buildClassifier(iris);
        Instances renamed = new Instances(iris);
        renamed.renameAttribute(0, "other");
        Exception e = assertThrows(Exception.class, () -> d.distributionsForInstances(renamed));
        assertTrue(e.getMessage().startsWith("The test data's header differs from the training data's: Attributes differ at position 1"), e.getMessage());
        // the same class labels in another order turned every distribution around (4 of 569 right through the API): refused
        java.util.ArrayList<weka.core.Attribute> atts = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) atts.add((weka.core.Attribute) iris.attribute(i).copy());
        atts.add(new weka.core.Attribute("class", List.of("Iris-virginica", "Iris-setosa", "Iris-versicolor")));
        Instances reordered = new Instances("iris", atts, 0);
        reordered.setClassIndex(4);
        reordered.add(new weka.core.DenseInstance(1, new double[] {5.1, 3.5, 1.4, 0.2, 1}));
        Exception r = assertThrows(Exception.class, () -> d.distributionsForInstances(reordered));
        assertTrue(r.getMessage().contains("the class attribute 'class' holds the model's values in another order: [Iris-virginica, "
                + "Iris-setosa, Iris-versicolor] where the model's are [Iris-setosa, Iris-versicolor, Iris-virginica] ('Iris-virginica' is "
                + "value 1 here, 3 in the model)"), r.getMessage());
        // two of the labels swapped and the third renamed: the two would have swapped their probabilities
        atts.set(4, new weka.core.Attribute("class", List.of("Iris-versicolor", "Iris-setosa", "other")));
        Instances partly = new Instances("iris", atts, 0);
        partly.setClassIndex(4);
        partly.add(new weka.core.DenseInstance(1, new double[] {5.1, 3.5, 1.4, 0.2, 1}));
        Exception p = assertThrows(Exception.class, () -> d.distributionsForInstances(partly));
        assertTrue(p.getMessage().contains("('Iris-versicolor' is value 1 here, 2 in the model)"), p.getMessage());
    }

    @Test
    void wekasIterativeClassifierOptimizerPicksAnEpochCountAndTrainsTheSameTrajectory() throws Exception {
        Instances iris = load("iris.arff");
        weka.classifiers.meta.IterativeClassifierOptimizer ico = new weka.classifiers.meta.IterativeClassifierOptimizer();
        Dendrite inner = new Dendrite();
        inner.setEpochs(12);
        ico.setIterativeClassifier(inner);
        ico.setNumFolds(3);
        ico.setLookAheadIterations(3);
        ico.buildClassifier(iris);
        int best = (int) ico.measureBestNumIts();
        assertTrue(best >= 1 && best <= 12, "best number of epochs " + best);
        Dendrite chosen = (Dendrite) ico.getIterativeClassifier();
        assertEquals(best, chosen.getModel().history().size(), "the final model trains the chosen number of epochs");
        for (double r : chosen.getModel().history().stepLearningRates()) assertTrue(r > 0, "no epoch at learning rate 0");
        // the final model is the first `best` epochs of the configured 12-epoch run (the trajectory the folds evaluated)
        Dendrite manual = new Dendrite();
        manual.setEpochs(12);
        manual.initializeClassifier(iris);
        for (int i = 0; i < best; i++) assertTrue(manual.next());
        manual.done();
        double[][] a = chosen.distributionsForInstances(iris), b = manual.distributionsForInstances(iris);
        for (int i = 0; i < a.length; i++) assertArrayEquals(b[i], a[i], 0);
    }

    @Test
    void theEpochsOfConfigJsonAreTheEpochsTrained() throws Exception {
        Dendrite d = new Dendrite();
        // -epochs stays at its default (60): the configuration's 4 epochs are the ones the loop runs
        d.setConfigJson("{\"epochs\": 4}");
        d.buildClassifier(load("iris.arff"));
        assertEquals(4, d.getModel().history().size());
        assertEquals(TrainingConfig.DEFAULT.epochs(), d.getEpochs());
    }

    @Test
    void withNothingToLearnFromItBuildsWekasZeroRModelAndSaysSo() throws Exception {
        Instances iris = load("iris.arff");
        Instances empty = new Instances(iris, 0);
        Instances noClass = new Instances(iris);
        for (int i = 0; i < noClass.numInstances(); i++) noClass.instance(i).setClassMissing();
        for (Instances data : List.of(empty, noClass)) {
            Dendrite d = new Dendrite();
            d.buildClassifier(data);
            assertTrue(d.toString().contains("ZeroR"), d.toString());
            weka.classifiers.rules.ZeroR z = new weka.classifiers.rules.ZeroR();
            z.buildClassifier(data);
            for (int i = 0; i < 5; i++) assertArrayEquals(z.distributionForInstance(iris.instance(i)), d.distributionForInstance(iris.instance(i)), 0);
            assertEquals(d.distributionsForInstances(iris).length, iris.numInstances());
        }
        // instances of weight 0 are not there: one class of weight above 0 (the other weighing 0, as a bag may leave it) is one
        // class only, and every instance weighing 0 is nothing to learn from (the core refused both)
        Instances oneWeighed = new Instances(iris), noneWeighed = new Instances(iris);
        for (int i = 0; i < iris.numInstances(); i++) {
            if (oneWeighed.instance(i).classValue() != 0) oneWeighed.instance(i).setWeight(0);
            noneWeighed.instance(i).setWeight(0);
        }
        for (Instances data : List.of(oneWeighed, noneWeighed)) {
            Dendrite d = new Dendrite();
            d.buildClassifier(data);
            assertTrue(d.toString().contains(data == oneWeighed ? "only one class value ('Iris-setosa')" : "no training instance weighs more "
                    + "than 0"), d.toString());
            weka.classifiers.rules.ZeroR z = new weka.classifiers.rules.ZeroR();
            z.buildClassifier(data);
            assertArrayEquals(z.distributionForInstance(iris.instance(60)), d.distributionForInstance(iris.instance(60)), 0);
        }
        Instances numericEmpty = new Instances(load("diabetes-regression.arff"), 0);
        Dendrite r = new Dendrite();
        r.buildClassifier(numericEmpty);
        assertTrue(r.toString().contains("ZeroR"), r.toString());

        // one class only (it was refused: "a classifier needs rows of at least two classes"), as a fold of Weka's
        // cross-validation holds when a class has a single instance: ZeroR, and the cross-validation completes
        Instances setosa = new Instances(iris);
        setosa.removeIf(in -> in.classValue() != 0);
        Dendrite one = new Dendrite();
        one.buildClassifier(setosa);
        // with resume on, a ZeroR build leaves no run to continue: the next build on data to learn from trains a network (it kept ZeroR)
        Dendrite resumed = new Dendrite();
        resumed.setOptions(Utils.splitOptions("-epochs 2 -resume"));
        resumed.buildClassifier(setosa);
        resumed.buildClassifier(iris);
        assertEquals(2, resumed.getModel().history().size());
        assertTrue(one.toString().startsWith("Dendrite: the training instances hold only one class value ('Iris-setosa'), so no network "
                + "was trained; Weka's ZeroR model is used instead"), one.toString());
        weka.classifiers.rules.ZeroR z = new weka.classifiers.rules.ZeroR();
        z.buildClassifier(setosa);
        assertArrayEquals(z.distributionForInstance(iris.instance(100)), one.distributionForInstance(iris.instance(100)), 0);
        Instances binary = load("diabetes.arff");
        for (int i = binary.numInstances() - 1, kept = 0; i >= 0; i--) {
            if (binary.instance(i).classValue() == 1 && kept++ > 0) binary.delete(i);
        }
        assertEquals(1, binary.attributeStats(binary.classIndex()).nominalCounts[1], "one instance of the second class");
        Dendrite d = new Dendrite();
        d.setEpochs(2);
        Evaluation e = new Evaluation(binary);
        e.crossValidateModel(d, binary, 10, new Random(1));
        assertEquals(binary.numInstances(), e.numInstances(), 0, "every fold evaluated");

        // a numeric class of one value: ZeroR predicts it exactly (a network trained on it came within 1e-3 of 5.0, and its
        // diagnosis called that underfitting)
        Instances constant = load("diabetes-regression.arff");
        for (int i = 0; i < constant.numInstances(); i++) constant.instance(i).setClassValue(5.0);
        Dendrite c = new Dendrite();
        c.buildClassifier(constant);
        assertTrue(c.toString().startsWith("Dendrite: the training instances hold only one class value ('5.0'), so no network was trained"),
                c.toString());
        for (int i = 0; i < 5; i++) assertEquals(5.0, c.classifyInstance(constant.instance(i)), 0);
        Instances varying = load("diabetes-regression.arff");
        Dendrite v = new Dendrite();
        v.setEpochs(1);
        v.buildClassifier(varying);
        assertFalse(v.toString().contains("ZeroR"), "a varying numeric class trains a network");
    }

    @Test
    void writesDiagnosticsAndDiagnosesItself(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-epochs 5 -validation-fraction 0.2 -diagnostics " + dir));
        d.buildClassifier(load("diabetes.arff"));
        Path run = dir.resolve("001-pima_diabetes-768-rows"); // the file's relation and rows
        for (String f : List.of("history.csv", "history.json", "model.json", "learning-curves.png", "validation-metrics.png")) {
            assertTrue(java.nio.file.Files.size(run.resolve(f)) > 100, f);
        }
        assertTrue(java.nio.file.Files.list(run.resolve("histograms")).count() >= 4);
        assertTrue(d.toString().contains("Diagnosis: Training accuracy"), d.toString());
        // the JSON model written here loads back in the core and predicts the same
        org.dendrite.core.train.Model back = org.dendrite.core.io.ModelIO.read(run.resolve("model.json"));
        Instances data = load("diabetes.arff");
        assertArrayEquals(d.distributionForInstance(data.instance(3)), back.predictRow(InstancesConverter.row(data.instance(3))), 0);
    }

    /**
     * The core's checks before training reach Weka users (they were core-only): -overfit-check and
     * -lr-range-test report in the model's output, the range test's curve is plotted into the
     * diagnostics folder, the options round-trip, and the model trained after them is the one trained
     * without them (same predictions). The suggestion is the core's LrFinder on the same rows (its
     * method is tested against hand-made curves in the core's DiagnosticsTest); a learning rate of 1e-9
     * fails the overfit check.
     */
    @Test
    void checksBeforeTrainingAreReportedAndChangeNothing(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Instances data = load("diabetes.arff");
        Dendrite plain = new Dendrite();
        plain.setOptions(Utils.splitOptions("-epochs 5"));
        plain.buildClassifier(data);
        Dendrite checked = new Dendrite();
        checked.setOptions(Utils.splitOptions("-epochs 5 -overfit-check -lr-range-test -diagnostics " + dir));
        String[] options = checked.getOptions();
        assertTrue(List.of(options).contains("-overfit-check") && List.of(options).contains("-lr-range-test"), String.join(" ", options));
        checked.buildClassifier(data);
        for (int i = 0; i < 20; i++) assertArrayEquals(plain.distributionForInstance(data.instance(i)), checked.distributionForInstance(data.instance(i)), 0);
        String out = checked.toString();
        assertTrue(out.contains("Overfit check passed: 20 rows learned to"), out);
        var core = org.dendrite.core.train.LrFinder.run(checked.trainingConfig(), InstancesConverter.labeled(data, InstancesConverter.numbersWithClass(data)),
                1e-7, 10, 100);
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "so the suggested learning rate is %.3g (this model trained at", core.suggestedRate())), out);
        assertTrue(java.nio.file.Files.size(dir.resolve("001-pima_diabetes-768-rows").resolve("lr-range-test.png")) > 100);
        assertFalse(plain.toString().contains("LR range test"), "no check without the options");
        Dendrite stuck = new Dendrite();
        stuck.setOptions(Utils.splitOptions("-epochs 1 -overfit-check -optimizer \"org.dendrite.weka.optim.Sgd -lr 1e-9\""));
        stuck.buildClassifier(data);
        assertTrue(stuck.toString().contains("Overfit check FAILED"), stuck.toString());
        // with a search the test runs on the search's base configuration; the model trains at the rate the search chose (it said "this
        // model trained at" the base's rate)
        Dendrite searched = new Dendrite();
        searched.setOptions(Utils.splitOptions("-epochs 2 -lr-range-test -search \"org.dendrite.weka.search.RandomSearch -trials 2\""));
        searched.buildClassifier(load("iris.arff"));
        assertTrue(searched.toString().contains("(on the search's base configuration, whose rate is 0.0100)"), searched.toString());
        // a schedule that sets the rates itself does not train at the optimizer's rate (it was named as the rate trained at)
        Dendrite cycle = new Dendrite();
        cycle.setOptions(Utils.splitOptions("-epochs 2 -lr-range-test -schedule \"org.dendrite.weka.schedule.OneCycle -max-rate 0.3 -total-steps 50\""));
        cycle.buildClassifier(load("iris.arff"));
        assertTrue(cycle.toString().contains("(the one_cycle schedule sets this model's rates itself, not the optimizer's rate: compare the "
                + "suggestion with its rates)"), cycle.toString());
        // for a numeric target the figure is 1 - RMSE / the target's standard deviation, said so (it read as a share of rows fitted)
        Dendrite numeric = new Dendrite();
        numeric.setOptions(Utils.splitOptions("-epochs 1 -overfit-check"));
        numeric.buildClassifier(load("servo.arff"));
        assertTrue(numeric.toString().matches("(?s).*Overfit check (passed: 20 rows learned to|FAILED: after \\d+ epochs the network fits 20 training "
                + "rows only to) \\d+% \\(1 - RMSE / the target's standard deviation on them\\).*"), numeric.toString());
    }

    /**
     * Weka's cross-validation from the command line trains the full training set's model and then one
     * per fold with the same -diagnostics folder: each training gets its own numbered subfolder (the
     * last fold's files used to overwrite the others, so the folder's model.json was fold 10's, not the
     * model Weka printed), the full set's first, its model.json the model a build on all rows gives.
     */
    @Test
    void crossValidationKeepsEachTrainingsDiagnostics(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path iris = Path.of(System.getProperty("dendrite.testData"), "datasets", "iris.arff");
        weka.classifiers.Evaluation.evaluateModel(new Dendrite(), new String[] {"-t", iris.toString(), "-x", "3", "-epochs", "2",
                "-diagnostics", dir.toString()});
        List<String> runs;
        try (var l = java.nio.file.Files.list(dir)) {
            runs = l.map(p -> p.getFileName().toString()).sorted().toList();
        }
        // iris: 150 rows; Weka's stratified 3 folds train on 100 rows each
        assertEquals(List.of("001-iris-150-rows", "002-iris-100-rows", "003-iris-100-rows", "004-iris-100-rows"), runs);
        Dendrite full = new Dendrite();
        full.setOptions(new String[] {"-epochs", "2"});
        Instances data = load("iris.arff");
        full.buildClassifier(data);
        org.dendrite.core.train.Model written = org.dendrite.core.io.ModelIO.read(dir.resolve(runs.get(0)).resolve("model.json"));
        for (int i = 0; i < data.numInstances(); i += 10) {
            assertArrayEquals(full.distributionForInstance(data.instance(i)), written.predictRow(InstancesConverter.row(data.instance(i))), 0, "row " + i);
        }
    }

    /**
     * Data whose only attribute is the class: the model can only learn the class shares, and the
     * diagnosis says it is no better than predicting without inputs (5 of 8 rows are 'a': 0.625, by
     * hand) instead of the high-bias advice to train longer or add capacity.
     */
    @Test
    void withoutInputsTheDiagnosisSaysTheModelIsNoBetterThanTheMostFrequentClass() throws Exception {
        Instances data = new Instances("only-class", new java.util.ArrayList<>(List.of(new weka.core.Attribute("class", List.of("a", "b")))), 8);
        data.setClassIndex(0);
        for (double v : new double[] {0, 1, 0, 1, 0, 0, 1, 0}) data.add(new weka.core.DenseInstance(1, new double[] {v}));
        Dendrite d = new Dendrite();
        d.setEpochs(5);
        d.buildClassifier(data);
        assertTrue(d.toString().contains("Diagnosis: Training accuracy 0.6250: no better than predicting without the inputs (always the most "
                + "frequent class: 0.6250)"), d.toString());
    }

    /** A folder in the -diagnostics folder numbered beyond an int (not one of ours) is passed over, not parsed into a crash after training. */
    @Test
    void aForeignNumberedFolderInTheDiagnosticsFolderIsPassedOver(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("99999999999-old"));
        java.nio.file.Files.createDirectories(dir.resolve("007-iris-150-rows"));
        Dendrite d = new Dendrite();
        d.setOptions(new String[] {"-epochs", "1", "-diagnostics", dir.toString()});
        d.buildClassifier(load("iris.arff"));
        assertTrue(java.nio.file.Files.isRegularFile(dir.resolve("008-iris-150-rows").resolve("model.json")));
    }

    /**
     * A bad value is named by its instance as Weka numbers it, from 1 among all instances given: the
     * core's row numbers counted from 0 after the instances without a class value were set aside (the
     * weight of instance 5 below was "row 2").
     */
    @Test
    void badValuesNameTheInstanceAsWekaNumbersIt() throws Exception {
        Instances data = new Instances("rows", new java.util.ArrayList<>(List.of(new weka.core.Attribute("a"),
                new weka.core.Attribute("class", List.of("x", "y")))), 6);
        data.setClassIndex(1);
        double q = weka.core.Utils.missingValue();
        double[][] values = {{1, q}, {2, q}, {3, 0}, {4, 1}, {5, 0}, {6, 1}};
        for (double[] v : values) data.add(new weka.core.DenseInstance(1, v));
        data.instance(4).setWeight(-1);
        Dendrite d = new Dendrite();
        d.setEpochs(1);
        Exception e = assertThrows(Exception.class, () -> d.buildClassifier(data));
        assertEquals("Instance weight of row 5 is -1.0; " + org.dendrite.core.data.LabeledTable.WEIGHT_RULE
                + " (rows are the instances in Weka's order, from 1)", e.getMessage());
        data.instance(4).setWeight(1);
        data.instance(3).setValue(0, Double.POSITIVE_INFINITY);
        e = assertThrows(Exception.class, () -> d.buildClassifier(data));
        assertEquals("Column 'a' row 4 is Infinity; values must be finite numbers (rows are the instances in Weka's order, from 1)", e.getMessage());
        // a value found only after scaling (too large for float32 then: a held-out row does not shape the scaling) is named the same
        // way (it was named by its place in the split's rows, from 0): the split's first held-out row holds 1e300
        Instances more = new Instances(data, 0);
        for (int i = 0; i < 30; i++) more.add(new weka.core.DenseInstance(1, new double[] {i % 7, i == 1 ? q : i % 2}));
        int[] classes = new int[29];
        for (int i = 0, k = 0; i < 30; i++) if (i != 1) classes[k++] = (int) more.instance(i).classValue();
        for (double fraction : new double[] {0.3, 0.5}) {
            int held = org.dendrite.core.data.ValidationSplit.of(29, fraction, classes, 1).validation()[0];
            int instance = held >= 1 ? held + 1 : held; // instance 2 (index 1) has no class value
            Instances one = new Instances(more);
            one.instance(instance).setValue(0, 1e300);
            Dendrite f = new Dendrite();
            f.setOptions(Utils.splitOptions("-epochs 1 -validation-fraction " + fraction));
            Exception big = assertThrows(Exception.class, () -> f.buildClassifier(one));
            assertTrue(big.getMessage().startsWith("Column 'a' row " + (instance + 1) + " is 1.0E300, too large to represent after scaling"),
                    fraction + ": " + big.getMessage());
        }
    }

    /**
     * A test value float32 cannot hold after scaling is refused naming the column, and the instance by
     * what Weka handed over: one instance (distributionForInstance; it was "row 1" whichever it was),
     * or its place among the instances of a batch (a fold's test rows; it was "row 2" as if the data's).
     */
    @Test
    void aTestValueTooLargeAfterScalingNamesTheInstanceAsHandedOver() throws Exception {
        Instances iris = load("iris.arff");
        Dendrite d = new Dendrite();
        d.setEpochs(1);
        d.buildClassifier(iris);
        Instances test = new Instances(iris, 0);
        for (int i = 0; i < 3; i++) test.add((weka.core.Instance) iris.instance(50 * i).copy());
        test.instance(1).setValue(0, 1e300);
        String value = "Column 'sepallength' is 1.0E300, too large to represent after scaling (allowed magnitude about ";
        Exception one = assertThrows(Exception.class, () -> d.distributionForInstance(test.instance(1)));
        assertTrue(one.getMessage().startsWith(value) && one.getMessage().endsWith(") (the instance to predict)"), one.getMessage());
        Exception batch = assertThrows(Exception.class, () -> d.distributionsForInstances(test));
        assertTrue(batch.getMessage().startsWith(value) && batch.getMessage().endsWith(") (instance 2 of the 3 to predict, from 1 in the order "
                + "given)"), batch.getMessage());
    }

    /**
     * An Error in an epoch (an OutOfMemoryError; Weka's execution slots catch it and go on) left the
     * network made before the first epoch as the model, which then predicted ([0.507, 0.493] for an
     * untrained network): nothing is kept without -resume, as after an Exception, and predicting
     * says the classifier is not trained.
     */
    @Test
    void anErrorInAnEpochLeavesNoModel() throws Exception {
        Instances iris = load("iris.arff");
        Dendrite failing = new Dendrite() {
            private int epochs;

            @Override
            public boolean next() throws Exception {
                if (++epochs == 2) throw new OutOfMemoryError("in the second epoch (the test's)");
                return super.next();
            }
        };
        failing.setEpochs(5);
        assertThrows(OutOfMemoryError.class, () -> failing.buildClassifier(iris));
        var e = assertThrows(Exception.class, () -> failing.distributionForInstance(iris.instance(0)));
        assertEquals("Dendrite has not been trained yet: call buildClassifier first", e.getMessage());
        assertEquals("Dendrite: no model built yet.", failing.toString());
    }

    /**
     * A -diagnostics folder that exists but takes no files (here /proc/self, where even root makes
     * none; a read-only folder or another user's for others) was found only after training, whose work
     * was lost with a bare AccessDeniedException: it is refused before training, naming the option.
     */
    @Test
    void aDiagnosticsFolderThatTakesNoFilesIsRefusedBeforeTraining() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        Dendrite d = new Dendrite();
        d.setOptions(new String[] {"-epochs", "1", "-diagnostics", "/proc/self"});
        Exception e = assertThrows(Exception.class, () -> d.initializeClassifier(load("iris.arff")));
        assertTrue(e.getMessage().startsWith("Invalid option -diagnostics: '/proc/self' cannot be used as a folder ("), e.getMessage());
    }

    /**
     * A diagnostics folder that fails after training (removed and replaced by a file here; a full disk)
     * failed the build, the trained model lost, and the run left behind was continued by the next build
     * without -resume: the model is kept with a warning, and the next build trains afresh (its
     * predictions those of a fresh classifier's).
     */
    @Test
    void aDiagnosticsFailureAfterTrainingKeepsTheModelAndLeavesNoRun(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Instances iris = load("iris.arff");
        Path folder = dir.resolve("diagnostics");
        Dendrite d = new Dendrite();
        d.setOptions(new String[] {"-epochs", "10", "-diagnostics", folder.toString()});
        d.initializeClassifier(iris);
        while (d.next()) {
            // train
        }
        java.nio.file.Files.delete(folder);
        java.nio.file.Files.writeString(folder, "not a folder");
        d.done();
        assertTrue(d.toString().contains("Training: 10 epochs") && d.toString().contains("Warning: The diagnostics (-diagnostics " + folder
                + ") could not be written: java.nio.file.FileAlreadyExistsException: " + folder + "; the model is trained and kept."), d.toString());
        assertEquals(3, d.distributionForInstance(iris.instance(0)).length);
        d.setDiagnosticsFolder("");
        d.setEpochs(20);
        d.buildClassifier(iris);
        Dendrite fresh = new Dendrite();
        fresh.setOptions(new String[] {"-epochs", "20"});
        fresh.buildClassifier(iris);
        for (int i = 0; i < iris.numInstances(); i += 7) {
            assertArrayEquals(fresh.distributionForInstance(iris.instance(i)), d.distributionForInstance(iris.instance(i)), 0, "instance " + i);
        }
        assertFalse(d.toString().contains("Warning: The diagnostics"), d.toString());
    }

    /** A -diagnostics path that is a file is refused before training, naming the option and the path. */
    @Test
    void aDiagnosticsFolderThatIsAFileIsRefusedBeforeTraining(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "x");
        Dendrite d = new Dendrite();
        d.setOptions(new String[] {"-epochs", "1", "-diagnostics", file.toString()});
        Exception e = assertThrows(Exception.class, () -> d.buildClassifier(load("iris.arff")));
        assertEquals("Invalid option -diagnostics: '" + file + "' cannot be used as a folder (a file of that name exists)", e.getMessage());
    }

    /**
     * A test set of more rows than one prediction chunk (Model.PREDICTION_BATCH): Weka hands the whole
     * set over at once, and its one-hot rows were built at once (a test set of 1,500 rows of a
     * 200,000-value nominal was refused as too big for the heap); each row's distribution is the one
     * it gets alone, with Monte-Carlo dropout too.
     */
    @Test
    void aTestSetPredictsInChunksAsEachRowAlone() throws Exception {
        Instances iris = load("iris.arff");
        Instances many = new Instances(iris, 0);
        for (int k = 0; k < 15; k++) for (int i = 0; i < iris.numInstances(); i++) many.add(iris.instance((i * 7 + k) % iris.numInstances()));
        assertTrue(many.numInstances() > 2 * org.dendrite.core.train.Model.PREDICTION_BATCH);
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-epochs 3 -mc-dropout 4 -layer \"" + LAYER + " -units 16 -dropout 0.2\""));
        d.buildClassifier(iris);
        double[][] batch = d.distributionsForInstances(many);
        assertEquals(many.numInstances(), batch.length);
        for (int i : new int[] {0, 1023, 1024, 1025, 2047, 2048, many.numInstances() - 1}) {
            assertArrayEquals(d.distributionForInstance(many.instance(i)), batch[i], 1e-6, "row " + i);
        }
    }

    /**
     * An option given an empty value (-layer "", -epochs "", a nested -milestones ""): Weka reads it
     * as the option left out, and the default was silently kept; refused naming the option. A text
     * option that is empty already (-initial-model "") stays as it is.
     */
    @Test
    void anEmptyOptionValueIsRefused() throws Exception {
        for (String options : new String[] {"-layer \"\"", "-epochs \"\"", "-optimizer \"\"",
                "-schedule \"org.dendrite.weka.schedule.MultiStep -milestones \\\"\\\"\""}) {
            Dendrite d = new Dendrite();
            Exception e = assertThrows(Exception.class, () -> d.setOptions(Utils.splitOptions(options)), options);
            assertTrue(e.getMessage().contains("'': a value is required (Weka reads an empty value as the option left out, which keeps the "
                    + "value held: "), options + ": " + e.getMessage());
        }
        Dendrite fine = new Dendrite();
        fine.setOptions(Utils.splitOptions("-initial-model \"\" -config-json \"\""));
        assertEquals("", fine.getInitialModel());
        // Weka's own options of every classifier, strictly: a bare NumberFormatException, or a word kept as the batch size
        for (String[] bad : new String[][] {{"-num-decimal-places", "abc", "from 0 to 20"}, {"-num-decimal-places", "999999999", "from 0 to 20"},
            {"-batch-size", "abc", ">= 1"}, {"-batch-size", "-5", ">= 1"}}) {
            Exception w = assertThrows(Exception.class, () -> new Dendrite().setOptions(new String[] {bad[0], bad[1]}));
            assertEquals("Option " + bad[0] + " " + bad[1] + ": not a whole number " + bad[2], w.getMessage());
        }
        // the GUI sets it directly: a negative value failed in toString, 999999999 made a format of a billion digits
        assertThrows(IllegalArgumentException.class, () -> new Dendrite().setNumDecimalPlaces(-1));
        assertThrows(IllegalArgumentException.class, () -> new Dendrite().setNumDecimalPlaces(999_999_999));
        Dendrite decimals = new Dendrite();
        decimals.setOptions(new String[] {"-num-decimal-places", "4", "-batch-size", "50"});
        assertEquals(4, decimals.getNumDecimalPlaces());
        assertEquals("50", decimals.getBatchSize());
        // L-BFGS's -max-eval takes 0 (its default: maxIter * 5 / 4), which the message of the core's rule (>= 1) left out
        Dendrite lbfgs = new Dendrite();
        Exception m = assertThrows(Exception.class, () -> {
            lbfgs.setOptions(Utils.splitOptions("-epochs 1 -optimizer \"org.dendrite.weka.optim.Lbfgs -max-eval -1\""));
            lbfgs.buildClassifier(load("iris.arff"));
        });
        assertTrue(m.getMessage().contains("Invalid maxEval: -1 (allowed: 0 = maxIter * 5 / 4, or a whole number >= 1)"), m.getMessage());
        // a setting of -config-json that does not suit the rows is the JSON's, not the flat option's the user never gave
        Dendrite json = new Dendrite();
        json.setOptions(new String[] {"-config-json", "{\"epochs\": 2, \"validationFraction\": 0.999}"});
        Exception v = assertThrows(Exception.class, () -> json.buildClassifier(load("iris.arff")));
        assertTrue(v.getMessage().startsWith("-config-json: ") && v.getMessage().contains("0.999"), v.getMessage());
        // what getOptions writes reads back, the defaults too
        Dendrite copy = new Dendrite();
        copy.setOptions(new Dendrite().getOptions());
        assertArrayEquals(new Dendrite().getOptions(), copy.getOptions());
    }

    /**
     * An option set beside -config-json to another value is refused naming the Weka options: it said "-config-json: The option network
     * is set beside configJson, ... or leave network at its default" for -layer (batchSize for -mini-batch-size, labelSmoothing for
     * -label-smoothing), the core's names, which no Weka option has. Expected text: the Weka option names from listOptions.
     */
    @Test
    void anOptionBesideConfigJsonIsRefusedNamingTheWekaOptions() throws Exception {
        String[][] cases = {{"-layer", "org.dendrite.weka.layer.Dense -units 8"}, {"-mini-batch-size", "32"}, {"-label-smoothing", "0.1"},
            {"-data-init", "biases"}};
        for (String[] c : cases) {
            Dendrite d = new Dendrite();
            d.setOptions(new String[] {"-config-json", "{\"epochs\": 2}", c[0], c[1]});
            Exception e = assertThrows(Exception.class, () -> d.buildClassifier(load("iris.arff")), c[0]);
            assertEquals("Invalid option: -config-json: The option " + c[0] + " is set beside -config-json, which holds the whole training "
                    + "configuration and gives it another value: give it inside the JSON only, or leave " + c[0] + " at its default", e.getMessage());
        }
        // set to the JSON's own value, it trains
        Dendrite same = new Dendrite();
        same.setOptions(new String[] {"-config-json", "{\"epochs\": 2, \"batchSize\": 32}", "-mini-batch-size", "32"});
        same.buildClassifier(load("iris.arff"));
    }

    @Test
    void warmStartsFromAJsonModelWithFrozenLayersAndPredictsWithMonteCarloDropout(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Instances iris = load("iris.arff");
        Dendrite first = new Dendrite();
        first.setOptions(Utils.splitOptions("-epochs 5 -layer \"" + LAYER + " -units 16 -dropout 0.2\" -layer \"" + LAYER + " -units 8 -dropout 0.2\""));
        first.buildClassifier(iris);
        org.dendrite.core.io.ModelIO.write(first.getModel(), dir.resolve("m.json"));
        float[] w0 = first.getModel().network().parameters().get(0).value().clone();

        Dendrite second = new Dendrite();
        second.setOptions(Utils.splitOptions("-epochs 3 -freeze 1 -mc-dropout 30 -initial-model " + dir.resolve("m.json")));
        assertEquals(30, second.getMonteCarloPasses());
        second.buildClassifier(iris);
        assertArrayEquals(w0, second.getModel().network().parameters().get(0).value(), "frozen first layer");
        assertEquals("dense(4 -> 16, he_normal)", second.getModel().network().layers().get(0).describe(), "the initial architecture");
        // options giving no network are silent; options of another (here none, -no-hidden-layers) are named as not trained
        assertTrue(second.getModel().history().warnings().stream().noneMatch(w -> w.startsWith("The initial model's network")),
                second.getModel().history().warnings().toString());
        Dendrite linear = new Dendrite();
        linear.setOptions(Utils.splitOptions("-epochs 1 -no-hidden-layers -initial-model " + dir.resolve("m.json")));
        linear.buildClassifier(iris);
        assertTrue(linear.getModel().history().warnings().stream().anyMatch(w -> w.startsWith("The initial model's network is trained")
                && w.contains("0 layers, the model's 2")), linear.getModel().history().warnings().toString());
        assertTrue(linear.toString().contains("The initial model's network is trained"), "shown with the model");
        // errors name the option: a missing file, and frozen layers without a model
        Dendrite missing = new Dendrite();
        missing.setOptions(Utils.splitOptions("-epochs 1 -initial-model " + dir.resolve("nothing.json")));
        Exception e = assertThrows(Exception.class, () -> missing.buildClassifier(iris));
        assertTrue(e.getMessage().startsWith("-initial-model: ") && e.getMessage().contains("nothing.json does not exist"), e.getMessage());
        Dendrite frozenAlone = new Dendrite();
        frozenAlone.setOptions(Utils.splitOptions("-epochs 1 -freeze 1"));
        e = assertThrows(Exception.class, () -> frozenAlone.buildClassifier(iris));
        assertTrue(e.getMessage().startsWith("-freeze = 1: ") && e.getMessage().contains("(set -initial-model)"), e.getMessage());
        Dendrite frozenTooMany = new Dendrite();
        frozenTooMany.setOptions(Utils.splitOptions("-epochs 1 -freeze 4 -initial-model " + dir.resolve("m.json")));
        e = assertThrows(Exception.class, () -> frozenTooMany.buildClassifier(iris));
        assertEquals("-freeze = 4: Invalid number of frozen layers: 4 (allowed: 0..3, the initial model's layers with weights)", e.getMessage());
        Dendrite negativePasses = new Dendrite();
        negativePasses.setOptions(Utils.splitOptions("-epochs 1 -mc-dropout -5"));
        e = assertThrows(Exception.class, () -> negativePasses.buildClassifier(iris));
        assertEquals("Invalid option -mc-dropout -5 (allowed: 0 or 1 = none, or a number of passes >= 2)", e.getMessage());
        // passes on a network without dropout: refused before training (it trained, then refused the first prediction)
        Dendrite noDropout = new Dendrite();
        noDropout.setOptions(Utils.splitOptions("-epochs 1 -mc-dropout 5"));
        assertFalse(noDropout.trainingConfig().network().hasDropout(), "the default network has no dropout");
        e = assertThrows(Exception.class, () -> noDropout.buildClassifier(iris));
        assertEquals("Invalid option -mc-dropout 5: Monte-Carlo dropout needs a network with dropout (a layer with dropout > 0); this "
                + "configuration has none", e.getMessage());
        assertNull(noDropout.getModel(), "nothing trained");
        double[] p = second.distributionForInstance(iris.instance(0));
        assertEquals(1, p[0] + p[1] + p[2], 1e-5);
        // the Monte-Carlo average agrees with the deterministic (weight-scaled) prediction on most rows
        double[][] mc = second.distributionsForInstances(iris);
        second.setMonteCarloPasses(0);
        double[][] plain = second.distributionsForInstances(iris);
        int agree = 0, differ = 0;
        for (int i = 0; i < mc.length; i++) {
            if (weka.core.Utils.maxIndex(mc[i]) == weka.core.Utils.maxIndex(plain[i])) agree++;
            if (!java.util.Arrays.equals(mc[i], plain[i])) differ++;
            assertEquals(1, mc[i][0] + mc[i][1] + mc[i][2], 1e-5, "row " + i);
        }
        // every row's average of 30 stochastic passes differs from the deterministic pass, and argmaxes mostly agree
        assertEquals(mc.length, differ, "MC dropout changes the numbers of every row");
        assertTrue(agree >= 0.9 * mc.length, "agreement " + agree + "/" + mc.length);
        // the same seed repeats the passes; another seed draws other masks
        second.setMonteCarloPasses(30);
        assertArrayEquals(mc[5], second.distributionsForInstances(iris)[5], 0);
        // a row alone (distributionForInstance, as the Explorer asks for one) gets what it gets in the whole batch (Evaluation's)
        for (int i : new int[] {0, 5, 77, 149}) assertArrayEquals(mc[i], second.distributionForInstance(iris.instance(i)), 0, "row " + i);
        // the passes are the model's: its training seed draws the masks (as on Spark), not a -S set after training
        second.setSeed(second.getSeed() + 1);
        assertArrayEquals(mc[5], second.distributionsForInstances(iris)[5], 0);
        long trained = second.getModel().provenance().seed();
        double[] other = second.getModel().predictRowMonteCarlo(InstancesConverter.row(iris.instance(5)), 30, trained + 1).mean()[0];
        assertTrue(!java.util.Arrays.equals(mc[5], other), "another seed, other masks");
    }

    /**
     * Numeric classes at the ends of double's range. The network learns the standardized target in
     * float32 and predictions are scaled back in double, so a class beyond float32's range trains: the
     * class times 1e40 gives 1e40 times the predictions of the class itself (standardization makes the
     * two trainings the same up to rounding; until 2026-12-06 such a class was refused, because
     * predictions were float32). One value of 1e300 (a variance that would overflow: the scaling is
     * computed in a power-of-two unit) trains and predicts finite values (it dominates the fit, as it
     * does least squares). Without target standardization the value itself is too large for float32
     * training, and the error names the attribute.
     */
    @Test
    void numericClassesBeyondFloat32sRangeTrainAndPredictInDouble() throws Exception {
        Instances plain = load("diabetes-regression.arff"), big = load("diabetes-regression.arff");
        for (int i = 0; i < big.numInstances(); i++) big.instance(i).setClassValue(big.instance(i).classValue() * 1e40);
        Dendrite a = new Dendrite(), b = new Dendrite();
        a.setEpochs(3);
        b.setEpochs(3);
        a.buildClassifier(plain);
        b.buildClassifier(big);
        double[][] pa = a.distributionsForInstances(plain), pb = b.distributionsForInstances(big);
        for (int i = 0; i < pa.length; i++) assertEquals(pa[i][0] * 1e40, pb[i][0], 1e-5 * Math.abs(pa[i][0] * 1e40), "row " + i);

        Instances outlier = load("diabetes-regression.arff");
        String cls = outlier.classAttribute().name();
        outlier.instance(3).setClassValue(1e300);
        Dendrite d = new Dendrite();
        d.setEpochs(3);
        d.buildClassifier(outlier);
        for (double[] p : d.distributionsForInstances(outlier)) assertTrue(Double.isFinite(p[0]), java.util.Arrays.toString(p));
        Dendrite raw = new Dendrite();
        raw.setConfigJson("{\"epochs\": 1, \"preprocessing\": {\"standardizeTarget\": false}}");
        var f = assertThrows(Exception.class, () -> raw.buildClassifier(outlier));
        assertTrue(f.getMessage().contains("Target '" + cls + "' of row ") && f.getMessage().contains("1.0E300")
                && f.getMessage().contains("standardization"), f.getMessage());
    }

    @Test
    void serializesWithTheModel() throws Exception {
        Instances iris = load("iris.arff");
        Dendrite d = new Dendrite();
        d.setEpochs(5);
        d.buildClassifier(iris);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(b)) {
            o.writeObject(d);
        }
        Dendrite back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
            back = (Dendrite) in.readObject();
        }
        assertArrayEquals(d.distributionsForInstances(iris)[7], back.distributionsForInstances(iris)[7], 0);
        assertTrue(back.toString().contains("dense(") && back.toString().contains("5 epochs"), back.toString());
    }

    @Test
    void badInputGetsWekaExceptionsWithClearMessages() throws Exception {
        Instances iris = load("iris.arff");
        // (one class only builds Weka's ZeroR model: withNothingToLearnFromItBuildsWekasZeroRModelAndSaysSo)
        ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("text", (List<String>) null));
        atts.add(new Attribute("y", List.of("a", "b")));
        Instances strings = new Instances("s", atts, 0);
        strings.setClassIndex(1);
        Exception s = assertThrows(Exception.class, () -> new Dendrite().buildClassifier(strings));
        assertTrue(s.getMessage().toLowerCase().contains("string"), s.getMessage());

        // extreme, missing and constant values still give valid distributions
        Instances odd = new Instances(iris);
        odd.instance(0).setValue(0, 1e30);
        odd.instance(1).setMissing(1);
        for (int i = 0; i < odd.numInstances(); i++) odd.instance(i).setValue(3, 0.5);
        Dendrite d = new Dendrite();
        d.setEpochs(5);
        d.buildClassifier(odd);
        DenseInstance extreme = new DenseInstance(odd.instance(2));
        extreme.setDataset(odd);
        extreme.setValue(2, -1e30);
        extreme.setMissing(0);
        double[] p = d.distributionForInstance(extreme);
        for (double v : p) assertTrue(!Double.isNaN(v) && v >= 0 && v <= 1, java.util.Arrays.toString(p));

        // a validation fraction that leaves no training rows (CVParameterSelection tried 0.99 on a 75-row fold) names the option
        Dendrite most = new Dendrite();
        most.setOptions(Utils.splitOptions("-epochs 1 -validation-fraction 0.99"));
        Exception v = assertThrows(Exception.class, () -> most.buildClassifier(new Instances(iris, 0, 75)));
        assertEquals("-validation-fraction: A validation fraction of 0.99 leaves 0 training and 75 validation rows out of 75; both need at "
                + "least one", v.getMessage());
    }
    /**
     * A classifier Java-serialized before periodic embeddings listed their inputs (commit 774f240; made
     * with its training state, -resume, by test-data/reference/old-periodic/MakeOldPeriodicWeka.java,
     * which also wrote what that code predicted) embedded every preprocessed input of credit-g, one-hot
     * columns included: read today, it gives that code's class probabilities, and trained on to 6 epochs
     * (Weka's continuation) it gives that code's continued probabilities, up to the float32 rounding of
     * the GEMM backend.
     */
    @Test
    void aClassifierSerializedBeforePeriodicInputsWereListedPredictsAndContinuesAsItsCodeDid() throws Exception {
        Dendrite old = (Dendrite) weka.core.SerializationHelper.read(DendriteClassifierTest.class.getResourceAsStream("/models/old-periodic-credit.model"));
        Instances credit = load("credit-g.arff");
        assertProbabilities("/models/old-periodic-credit.csv", old, credit, 1e-5);
        // its figures are printed as that code printed them (it kept Weka's unused default of 2 decimal places)
        assertEquals(6, old.getNumDecimalPlaces());
        assertFalse(List.of(old.getOptions()).contains("-num-decimal-places"));
        var layer = (org.dendrite.core.layer.PeriodicEmbeddingSpec) old.getModel().network().spec().layers().get(0);
        assertEquals(java.util.stream.IntStream.range(0, old.getModel().network().inputWidth()).boxed().toList(), layer.inputs(), "every input");
        old.setEpochs(6);
        old.buildClassifier(credit);
        assertEquals(6, old.getModel().history().size());
        assertProbabilities("/models/old-periodic-credit-continued.csv", old, credit, 1e-4);
    }

    private static void assertProbabilities(String resource, Dendrite d, Instances data, double tolerance) throws Exception {
        List<String> lines = new java.io.BufferedReader(new java.io.InputStreamReader(DendriteClassifierTest.class.getResourceAsStream(resource),
                java.nio.charset.StandardCharsets.UTF_8)).lines().toList();
        assertEquals(50, lines.size());
        for (int r = 0; r < lines.size(); r++) {
            double[] expected = java.util.Arrays.stream(lines.get(r).split(",")).mapToDouble(Double::parseDouble).toArray();
            assertArrayEquals(expected, d.distributionForInstance(data.instance(r)), tolerance, resource + ", row " + r);
        }
    }
    /**
     * An instance without a dataset is read by the training header's attributes: of another number of
     * values it is refused naming both counts and the attributes (one value failed with an
     * ArrayIndexOutOfBoundsException, six with "Row 1 has 5 values; the table has 4 columns"); of the
     * header's number it is predicted as the same instance with the header as its dataset.
     */
    @Test
    void anInstanceWithoutADatasetNeedsOneValuePerAttribute() throws Exception {
        Instances iris = load("iris.arff");
        Dendrite d = new Dendrite();
        d.setEpochs(2);
        d.buildClassifier(iris);
        for (double[] values : new double[][] {{0.5}, {1, 2, 3, 4, 0, 6}}) {
            Exception e = assertThrows(Exception.class, () -> d.distributionForInstance(new DenseInstance(1.0, values)));
            assertEquals("The instance has " + values.length + (values.length == 1 ? " value" : " values") + " and no dataset; the model's header has 5 attributes (sepallength, "
                    + "sepalwidth, petallength, petalwidth, class): give one value per attribute, or set the instance's dataset "
                    + "(Instance.setDataset)", e.getMessage());
        }
        double[] values = iris.instance(7).toDoubleArray();
        assertArrayEquals(d.distributionForInstance(iris.instance(7)), d.distributionForInstance(new DenseInstance(1.0, values)), 0);
    }
    /**
     * Test data whose class is not set, that lacks or adds an attribute, or whose class is another
     * attribute is refused saying so (Weka's own words were passed on: "Class index differ: 0 != 5" for
     * a class not set, and "Class index differ: 4 != 5" for a missing attribute, as its command line's
     * check words them; J48 says "Class index is negative (not set)!" for the first).
     */
    @Test
    void testDataOfAnotherShapeIsRefusedSayingHow() throws Exception {
        Instances iris = load("iris.arff");
        Dendrite d = new Dendrite();
        d.setEpochs(1);
        d.buildClassifier(iris);
        String prefix = "The test data's header differs from the training data's: ";
        Instances unset = new Instances(iris);
        unset.setClassIndex(-1);
        assertEquals(prefix + "its class attribute is not set (Instances.setClassIndex); the model's is 'class' (attribute 5)",
                assertThrows(Exception.class, () -> d.distributionsForInstances(unset)).getMessage());
        assertEquals(prefix + "its class attribute is not set (Instances.setClassIndex); the model's is 'class' (attribute 5)",
                assertThrows(Exception.class, () -> d.distributionForInstance(unset.instance(0))).getMessage());
        Instances fewer = new Instances(iris);
        fewer.deleteAttributeAt(3);
        assertEquals(prefix + "it has 4 attributes where the model's header has 5 (sepallength, sepalwidth, petallength, petalwidth, class); "
                + "missing: petalwidth (weka.classifiers.misc.InputMappedClassifier maps attributes by name)",
                assertThrows(Exception.class, () -> d.distributionsForInstances(fewer)).getMessage());
        Instances more = new Instances(iris);
        more.insertAttributeAt(new Attribute("extra"), 0);
        assertEquals(prefix + "it has 6 attributes where the model's header has 5 (sepallength, sepalwidth, petallength, petalwidth, class); "
                + "not the model's: extra (weka.classifiers.misc.InputMappedClassifier maps attributes by name)",
                assertThrows(Exception.class, () -> d.distributionForInstance(more.instance(0))).getMessage());
        Instances other = new Instances(iris);
        other.setClassIndex(0);
        assertEquals(prefix + "its class attribute is 'sepallength' (attribute 1), the model's 'class' (attribute 5)",
                assertThrows(Exception.class, () -> d.distributionsForInstances(other)).getMessage());
    }
    /**
     * A nominal attribute that declares no values (every value missing; Weka's own classifiers take it)
     * trains as a numeric attribute of missing values does, to the same predictions: it was refused with
     * "Nominal column 'n' needs at least one category (rows are the instances in Weka's order, from 1)".
     */
    @Test
    void aNominalAttributeWithoutValuesTrainsAsAnAllMissingNumericOne() throws Exception {
        double[] predictions = null;
        for (Attribute n : List.of(new Attribute("n", new ArrayList<String>()), new Attribute("n"))) {
            ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("x"), n, new Attribute("c", List.of("a", "b"))));
            Instances data = new Instances("o", atts, 20);
            data.setClassIndex(2);
            for (int r = 0; r < 20; r++) data.add(new DenseInstance(1.0, new double[] {r / 20.0, weka.core.Utils.missingValue(), r % 2}));
            Dendrite d = new Dendrite();
            d.setEpochs(3);
            d.buildClassifier(data);
            double[] p = new double[20];
            for (int r = 0; r < 20; r++) p[r] = d.distributionForInstance(data.instance(r))[1];
            if (predictions == null) predictions = p;
            else assertArrayEquals(predictions, p, 0, "the same model as with a numeric attribute of missing values");
        }
    }
    /**
     * Weka's -num-decimal-places sets the decimals of the model output's training figures (it was
     * accepted and ignored); Dendrite's default is the core's 6, not Weka's 2, and options round-trip
     * (2 given is written, 6 is not).
     */
    @Test
    void numDecimalPlacesSetsTheTrainingFiguresDecimals() throws Exception {
        Instances iris = load("iris.arff");
        for (int places : new int[] {6, 2, 0}) {
            Dendrite d = new Dendrite();
            d.setOptions(places == 6 ? new String[] {"-epochs", "2", "-validation-fraction", "0.2"}
                    : new String[] {"-epochs", "2", "-validation-fraction", "0.2", "-num-decimal-places", String.valueOf(places)});
            d.buildClassifier(iris);
            String figure = places == 0 ? "\\d+" : "\\d+\\.\\d{" + places + "}";
            for (String name : List.of("training loss", "validation loss", "validation accuracy")) {
                assertTrue(java.util.regex.Pattern.compile("\\nFinal " + name + ": " + figure + "\\n").matcher(d.toString()).find(), name + ", " + places
                        + " places: " + d.toString());
            }
            List<String> options = List.of(d.getOptions());
            assertEquals(places != 6, options.contains("-num-decimal-places"), options.toString());
            Dendrite copy = new Dendrite();
            copy.setOptions(d.getOptions());
            assertEquals(places, copy.getNumDecimalPlaces());
        }
        assertTrue(java.util.Collections.list(new Dendrite().listOptions()).stream().anyMatch(o -> o.name().equals("num-decimal-places")
                && o.description().contains("training figures") && o.description().contains("(default 6)")));
    }
    /**
     * Choosing the classifier's default optimizer or schedule by name, or setting one of their other
     * options, keeps the classifier's defaults for the rest: -optimizer Adam took torch's rate of 0.001
     * (the classifier's is 0.01: 72.7% training accuracy on iris for 89.3%) and -schedule Cosine a period
     * of 50 epochs (the classifier's anneals over the whole run). The same model as with no option.
     */
    @Test
    void namingTheDefaultOptimizerOrScheduleKeepsTheClassifiersDefaults() throws Exception {
        Instances iris = load("iris.arff");
        double[][] expected = null;
        for (String[] options : List.of(new String[0], new String[] {"-optimizer", "org.dendrite.weka.optim.Adam"},
                new String[] {"-schedule", "org.dendrite.weka.schedule.Cosine"},
                new String[] {"-optimizer", "org.dendrite.weka.optim.Adam -beta1 0.9", "-schedule", "org.dendrite.weka.schedule.Cosine -eta-min 0"})) {
            Dendrite d = new Dendrite();
            d.setOptions(weka.core.Utils.splitOptions(weka.core.Utils.joinOptions(options) + " -epochs 3"));
            d.buildClassifier(iris);
            double[][] p = d.distributionsForInstances(iris);
            if (expected == null) expected = p;
            else for (int r = 0; r < p.length; r++) assertArrayEquals(expected[r], p[r], 0, java.util.Arrays.toString(options) + ", row " + r);
        }
    }
    /**
     * A date attribute's far value (a placeholder 1000-01-01 among dates of 2020) is named as the data
     * gives it: the warning read "one training value, -3.0609792E13, lies so far ..." (Weka's
     * milliseconds, which no ARFF file holds); expected text: the ARFF's own value, in the attribute's
     * date format (Weka's Attribute.formatDate of it, parsed by Weka from that same text).
     */
    @Test
    void aDateAttributesFarValueIsNamedAsADate() throws Exception {
        ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("when", "yyyy-MM-dd"), new Attribute("x"),
                new Attribute("c", List.of("a", "b"))));
        Instances data = new Instances("dated", atts, 200);
        data.setClassIndex(2);
        for (int r = 0; r < 200; r++) {
            String day = r == 3 ? "1000-01-01" : String.format(java.util.Locale.ROOT, "2020-%02d-%02d", 1 + r % 12, 1 + r % 28);
            data.add(new DenseInstance(1.0, new double[] {data.attribute(0).parseDate(day), r % 7, r % 2}));
        }
        assertEquals("1000-01-01", data.attribute(0).formatDate(data.instance(3).value(0)));
        Dendrite d = new Dendrite();
        d.setEpochs(1);
        d.buildClassifier(data);
        assertTrue(d.toString().contains("Warning: Column 'when': one training value, 1000-01-01, lies so far from the others that standard "
                + "scaling squeezes them into "), d.toString());
    }

    /**
     * A date class's far value is named as a date in the target's warning, as a date input's is: it read "The target 'when': one
     * training value, -3.0609792E13, lies so far ..." (Weka's milliseconds for 1000-01-01, which no ARFF file holds).
     */
    @Test
    void aDateClassesFarValueIsNamedAsADate() throws Exception {
        ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("when", "yyyy-MM-dd"), new Attribute("x")));
        Instances data = new Instances("dated", atts, 200);
        data.setClassIndex(0);
        for (int r = 0; r < 200; r++) {
            String day = r == 3 ? "1000-01-01" : String.format(java.util.Locale.ROOT, "%d-%02d-%02d", 2019 + r % 3, 1 + r % 12, 1 + r % 28);
            data.add(new DenseInstance(1.0, new double[] {data.attribute(0).parseDate(day), r % 7}));
        }
        Dendrite d = new Dendrite();
        d.setEpochs(1);
        d.buildClassifier(data);
        assertTrue(d.toString().contains("Warning: The target 'when': one training value, 1000-01-01, lies so far from the others that its "
                + "standardization squeezes them into "), d.toString());
    }

    /**
     * A string attribute is refused naming it and saying what to do (Weka's capabilities said "Cannot
     * handle string attributes!"); the same data through StringToWordVector in a FilteredClassifier trains.
     */
    @Test
    void aStringAttributeIsNamedWithWhatToDo() throws Exception {
        ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("x"), new Attribute("review", (List<String>) null),
                new Attribute("c", List.of("a", "b"))));
        Instances data = new Instances("texts", atts, 20);
        data.setClassIndex(2);
        for (int r = 0; r < 20; r++) {
            double[] v = {r, data.attribute(1).addStringValue(r % 2 == 0 ? "good fine great" : "bad poor awful"), r % 2};
            data.add(new DenseInstance(1.0, v));
        }
        Exception e = assertThrows(Exception.class, () -> new Dendrite().buildClassifier(data));
        assertEquals("Attribute 'review' is string; Dendrite takes numeric, date and nominal attributes: turn it into numbers first, e.g. with "
                + "weka.filters.unsupervised.attribute.StringToWordVector in a weka.classifiers.meta.FilteredClassifier, or remove it", e.getMessage());
        weka.classifiers.meta.FilteredClassifier f = new weka.classifiers.meta.FilteredClassifier();
        f.setFilter(new weka.filters.unsupervised.attribute.StringToWordVector());
        Dendrite d = new Dendrite();
        d.setEpochs(20);
        f.setClassifier(d);
        f.buildClassifier(data);
        assertEquals(1.0, f.distributionForInstance(data.instance(0))[0], 0.3);
    }
    /**
     * A string class is refused naming it and what to do, also when Weka's capabilities are not checked
     * (-do-not-check-capabilities, the GUI's doNotCheckCapabilities): it trained a regression on the
     * indices of the strings (Weka's internal values), predicting numbers for a text class without a word.
     */
    @Test
    void aStringClassIsRefusedAlsoWithoutTheCapabilitiesCheck() throws Exception {
        ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("x"), new Attribute("label", (List<String>) null)));
        Instances data = new Instances("texts", atts, 20);
        data.setClassIndex(1);
        for (int r = 0; r < 20; r++) data.add(new DenseInstance(1.0, new double[] {r, data.attribute(1).addStringValue(r < 10 ? "low" : "high")}));
        Dendrite d = new Dendrite();
        d.setEpochs(2);
        d.setDoNotCheckCapabilities(true);
        Exception e = assertThrows(Exception.class, () -> d.buildClassifier(data));
        assertEquals("The class attribute 'label' is string; Dendrite predicts nominal, numeric and date classes: make it nominal first, e.g. "
                + "with weka.filters.unsupervised.attribute.StringToNominal, or choose another class attribute", e.getMessage());
        // with the check, the same message (Weka's capabilities said "Cannot handle string class!")
        Dendrite checked = new Dendrite();
        checked.setEpochs(2);
        assertEquals(e.getMessage(), assertThrows(Exception.class, () -> checked.buildClassifier(data)).getMessage());
    }
    /**
     * A unary class (one declared value) with Weka's capabilities not checked is Weka's convention for
     * nothing to learn from, a ZeroR model predicting that value (J48 then trains too): it was
     * refused by "weka.classifiers.rules.ZeroR: Cannot handle unary class!", a classifier the user never chose.
     */
    @Test
    void aUnaryClassWithoutTheCapabilitiesCheckIsTheZeroRModel() throws Exception {
        Instances data = new Instances("one", new ArrayList<>(List.of(new Attribute("x"), new Attribute("c", List.of("only")))), 5);
        data.setClassIndex(1);
        for (int r = 0; r < 5; r++) data.add(new DenseInstance(1.0, new double[] {r, 0}));
        Dendrite d = new Dendrite();
        d.setEpochs(2);
        d.setDoNotCheckCapabilities(true);
        d.buildClassifier(data);
        assertArrayEquals(new double[] {1.0}, d.distributionForInstance(data.instance(0)), 0);
        assertTrue(d.toString().startsWith("Dendrite: the training instances hold only one class value ('only')"), d.toString());
    }
    /**
     * A nominal class that declares no values is refused naming it, capabilities checked or not: Weka's
     * capabilities said "Cannot handle multi-valued nominal class!", and unchecked its ZeroR failed
     * with "Can't normalize array. Sum is zero." (or, before ZeroR took the classifier's
     * doNotCheckCapabilities, "weka.classifiers.rules.ZeroR: Cannot handle ...").
     */
    @Test
    void aNominalClassWithoutValuesIsRefusedNamingIt() throws Exception {
        Instances data = new Instances("none", new ArrayList<>(List.of(new Attribute("x"), new Attribute("c", List.<String>of()))), 3);
        data.setClassIndex(1);
        for (int r = 0; r < 3; r++) data.add(new DenseInstance(1.0, new double[] {r, Utils.missingValue()}));
        for (boolean unchecked : new boolean[] {false, true}) {
            Dendrite d = new Dendrite();
            d.setEpochs(2);
            d.setDoNotCheckCapabilities(unchecked);
            Exception e = assertThrows(Exception.class, () -> d.buildClassifier(data));
            assertEquals("The class attribute 'c' is nominal and declares no values, so there is no class to predict: declare its values "
                    + "(@attribute c {a, b, ...}), or choose another class attribute", e.getMessage(), "unchecked " + unchecked);
        }
    }
    /**
     * -mc-dropout with a search whose chosen network has no dropout is refused when the search has
     * chosen, before the refit (the search and refit ran, then every prediction failed).
     */
    @Test
    void monteCarloDropoutWithASearchThatChoseNoDropoutIsRefusedBeforeTheRefit(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path space = dir.resolve("space.json");
        java.nio.file.Files.writeString(space, "{\"parameters\": {\"units\": [8]}}");
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-epochs 2 -mc-dropout 5 -search \"org.dendrite.weka.search.RandomSearch -trials 2 -space "
                + Utils.quote(space.toString()).replace("\"", "\\\"") + "\""));
        Exception e = assertThrows(Exception.class, () -> d.buildClassifier(load("iris.arff")));
        assertTrue(e.getMessage().startsWith("Invalid option -mc-dropout 5: Monte-Carlo dropout needs a network with dropout, and the search "
                + "chose one without ("), e.getMessage());
    }
}
