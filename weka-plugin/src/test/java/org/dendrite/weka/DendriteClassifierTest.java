package org.dendrite.weka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.dendrite.core.train.TrainingConfig;
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

    @Test
    void defaultsComeFromTheCore() {
        Dendrite d = new Dendrite();
        assertEquals(TrainingConfig.DEFAULT.epochs(), d.getEpochs());
        assertEquals(TrainingConfig.DEFAULT.batchSize(), d.getMiniBatchSize());
        assertEquals(TrainingConfig.DEFAULT.optimizer().learningRate(), d.getLearningRate());
        assertEquals(TrainingConfig.DEFAULT, d.trainingConfig().withSeed(TrainingConfig.DEFAULT.seed()));
    }

    @Test
    void optionsRoundTripAndHelpListsThem() throws Exception {
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-layers 32,16 -activation elu -epochs 7 -mini-batch-size 8 -optimizer sgd -lr 0.05 -l2 0.001 "
                + "-dropout 0.1 -patience 3 -S 42"));
        assertEquals("32,16", d.getHiddenLayers());
        assertEquals("elu", d.getActivation());
        assertEquals(7, d.getEpochs());
        assertEquals(42, d.getSeed());
        Dendrite e = new Dendrite();
        e.setOptions(d.getOptions());
        assertArrayEquals(d.getOptions(), e.getOptions());
        assertEquals(d.trainingConfig(), e.trainingConfig());
        List<String> names = new ArrayList<>();
        for (Enumeration<Option> en = d.listOptions(); en.hasMoreElements(); ) names.add(en.nextElement().name());
        for (String n : List.of("layers", "activation", "epochs", "mini-batch-size", "optimizer", "lr", "l2", "l1", "dropout",
                "validation-fraction", "patience", "network-json", "config-json", "diagnostics", "S")) {
            assertTrue(names.contains(n), "-help lists -" + n + ": " + names);
        }
        Dendrite swish = new Dendrite();
        swish.setOptions(Utils.splitOptions("-activation swish -epochs 0"));
        var bad = assertThrows(Exception.class, () -> swish.buildClassifier(load("iris.arff")));
        assertTrue(bad.getMessage().contains("swish") && bad.getMessage().contains("relu"), bad.getMessage());
        swish.setActivation("relu");
        var epochs = assertThrows(Exception.class, () -> swish.buildClassifier(load("iris.arff")));
        assertTrue(epochs.getMessage().contains("Invalid epochs: 0"), epochs.getMessage());
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
    void iteratesEpochByEpochAndResumes() throws Exception {
        Instances iris = load("iris.arff");
        Dendrite d = new Dendrite();
        d.setEpochs(3);
        d.initializeClassifier(iris);
        int iterations = 0;
        while (d.next()) iterations++;
        d.done();
        assertEquals(3, iterations);
        assertEquals(3, d.getModel().history().size());
        d.setResume(true);
        d.buildClassifier(iris);
        d.setEpochs(5);
        d.buildClassifier(iris);
        assertEquals(5, d.getModel().history().size(), "resumed from epoch 3 to 5");
    }

    @Test
    void writesDiagnosticsAndDiagnosesItself(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Dendrite d = new Dendrite();
        d.setOptions(Utils.splitOptions("-epochs 5 -validation-fraction 0.2 -diagnostics " + dir));
        d.buildClassifier(load("diabetes.arff"));
        for (String f : List.of("history.csv", "history.json", "model.json", "learning-curves.png", "validation-metrics.png")) {
            assertTrue(java.nio.file.Files.size(dir.resolve(f)) > 100, f);
        }
        assertTrue(java.nio.file.Files.list(dir.resolve("histograms")).count() >= 4);
        assertTrue(d.toString().contains("Diagnosis: Training accuracy"), d.toString());
        // the JSON model written here loads back in the core and predicts the same
        org.dendrite.core.train.Model back = org.dendrite.core.io.ModelIO.read(dir.resolve("model.json"));
        Instances data = load("diabetes.arff");
        assertArrayEquals(d.distributionForInstance(data.instance(3)), back.predictRow(InstancesConverter.row(data.instance(3))), 0);
    }

    @Test
    void warmStartsFromAJsonModelWithFrozenLayersAndPredictsWithMonteCarloDropout(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Instances iris = load("iris.arff");
        Dendrite first = new Dendrite();
        first.setOptions(Utils.splitOptions("-epochs 5 -layers 16,8 -dropout 0.2"));
        first.buildClassifier(iris);
        org.dendrite.core.io.ModelIO.write(first.getModel(), dir.resolve("m.json"));
        float[] w0 = first.getModel().network().parameters().get(0).value().clone();

        Dendrite second = new Dendrite();
        second.setOptions(Utils.splitOptions("-epochs 3 -freeze 1 -mc-dropout 30 -initial-model " + dir.resolve("m.json")));
        assertEquals(30, second.getMonteCarloPasses());
        second.buildClassifier(iris);
        assertArrayEquals(w0, second.getModel().network().parameters().get(0).value(), "frozen first layer");
        assertEquals("dense(4 -> 16, he_normal)", second.getModel().network().layers().get(0).describe(), "the initial architecture");
        double[] p = second.distributionForInstance(iris.instance(0));
        assertEquals(1, p[0] + p[1] + p[2], 1e-5);
        // the Monte-Carlo average agrees with the deterministic (weight-scaled) prediction on most rows
        double[][] mc = second.distributionsForInstances(iris);
        second.setMonteCarloPasses(0);
        double[][] plain = second.distributionsForInstances(iris);
        int agree = 0;
        for (int i = 0; i < mc.length; i++) {
            if (weka.core.Utils.maxIndex(mc[i]) == weka.core.Utils.maxIndex(plain[i])) agree++;
            assertTrue(!java.util.Arrays.equals(mc[i], plain[i]) || i > 0, "MC dropout changes the numbers");
        }
        assertTrue(agree >= 0.9 * mc.length, "agreement " + agree + "/" + mc.length);
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
        Instances empty = new Instances(iris, 0);
        Exception e = assertThrows(Exception.class, () -> new Dendrite().buildClassifier(empty));
        assertNotNull(e.getMessage());

        Instances oneClass = new Instances(iris, 0);
        for (int i = 0; i < 50; i++) oneClass.add(iris.instance(i));
        Exception one = assertThrows(Exception.class, () -> new Dendrite().buildClassifier(oneClass));
        assertTrue(one.getMessage().contains("only one class"), one.getMessage());

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
    }
}
