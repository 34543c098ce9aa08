package org.dendrite.weka.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.Logistic;
import weka.classifiers.trees.M5P;
import weka.core.Instances;

/** The pieces of the Weka comparison that its numbers rest on: the cross-validation, the data, the results file, the test. */
class StudyHarnessTest {
    private static Instances load(String name) throws Exception {
        return WekaComparison.read(Path.of(System.getProperty("dendrite.testData"), "datasets", name).toString());
    }

    @Test
    void crossValidationIsWekasOwn() throws Exception {
        Instances iris = load("iris.arff");
        CrossValidation.Run run = CrossValidation.run(new Logistic(), iris, 3);
        Evaluation weka = new Evaluation(iris);
        weka.crossValidateModel(new Logistic(), iris, 10, new Random(3));
        assertEquals(weka.pctCorrect(), run.total().pctCorrect(), 1e-12);
        assertEquals(weka.weightedAreaUnderROC(), run.total().weightedAreaUnderROC(), 1e-12);
        double mean = 0;
        for (double s : run.foldScores()) mean += s / 10;
        assertEquals(weka.pctCorrect(), mean, 1e-9); // iris's stratified folds are all 15 rows

        Instances servo = load("servo.arff");
        CrossValidation.Run reg = CrossValidation.run(new M5P(), servo, 2);
        Evaluation wekaReg = new Evaluation(servo);
        wekaReg.crossValidateModel(new M5P(), servo, 10, new Random(2));
        assertEquals(wekaReg.rootMeanSquaredError(), reg.total().rootMeanSquaredError(), 1e-12);
        assertEquals(wekaReg.correlationCoefficient(), reg.total().correlationCoefficient(), 1e-12);
        double sse = 0;
        int n = servo.numInstances();
        for (int f = 0; f < 10; f++) {
            int foldRows = n / 10 + (f < n % 10 ? 1 : 0);
            sse += reg.foldScores()[f] * reg.foldScores()[f] * foldRows;
        }
        assertEquals(wekaReg.rootMeanSquaredError(), Math.sqrt(sse / n), 1e-9);
    }

    /** Rows and class counts of the study suite as test-data/README.md gives them, read as the harness reads them (gzip included). */
    @Test
    void studySuiteReadsAsDocumented() throws Exception {
        Map<String, int[]> expected = Map.ofEntries(
                Map.entry("sonar.arff", new int[] {208, 60, 2}), Map.entry("vehicle.arff", new int[] {846, 18, 4}),
                Map.entry("vowel.arff", new int[] {990, 10, 11}), Map.entry("zoo.arff", new int[] {101, 16, 7}),
                Map.entry("satellite.arff.gz", new int[] {6435, 36, 6}), Map.entry("letter-recognition.arff.gz", new int[] {20000, 16, 26}),
                Map.entry("dna.arff.gz", new int[] {3186, 180, 3}), Map.entry("shuttle.arff.gz", new int[] {58000, 9, 7}),
                Map.entry("boston-housing.arff", new int[] {506, 13, 0}), Map.entry("servo.arff", new int[] {167, 4, 0}),
                Map.entry("ozone.arff", new int[] {361, 12, 0}));
        for (String name : WekaComparison.STUDY) {
            Instances d = load(name);
            assertTrue(d.numInstances() > 0, name);
            int[] e = expected.get(name);
            if (e == null) continue; // a bundled dataset
            assertEquals(e[0], d.numInstances(), name + " rows");
            assertEquals(e[1], d.numAttributes() - 1, name + " inputs");
            assertEquals(e[2], d.classAttribute().isNominal() ? d.numClasses() : 0, name + " classes");
            for (int i = 0; i < d.numInstances(); i++) assertTrue(!d.instance(i).classIsMissing(), name + " row " + i + " has no target");
        }
        assertEquals(17, WekaComparison.STUDY.size());
    }

    @Test
    void resultsFileRoundTrip(@TempDir Path dir) throws Exception {
        double[] folds = {90, 100, 93.33333333333333, 86.66666666666667, 100, 100, 93.33333333333333, 100, 93.33333333333333, 86.66666666666667};
        Result cls = new Result("iris.arff", "abc", "classification", 150, 4, 3, 1, "Logistic", "defaults", "-R 1.0E-8 -M -1",
                94.3, 94.3, 0.987, Double.NaN, Double.NaN, 0.05, "seed 1 after 5 s of warm-up", 1.2, "fresh JVM", 0.4, 2.5,
                folds, Result.THIS_RUN, List.of());
        Result reg = new Result("servo.arff", "def", "regression", 167, 4, 0, 1, Result.DENDRITE, "defaults", "",
                Double.NaN, Double.NaN, Double.NaN, 0.95, 4.2, 0.3, "t", 1.0, "harness JVM", 1.0, Double.NaN,
                new double[10], Result.THIS_RUN, List.of(new PairedTest("M5P", "RMSE", -0.5, 0.01, "better")));
        Path file = dir.resolve("r.json");
        ResultsFile.write(file, Map.of("note", "x"), List.of(cls, reg));
        assertTrue(Files.readString(file).contains("\"correlation\" : null"));
        List<Result> back = ResultsFile.read(file);
        assertEquals(2, back.size());
        Result c = back.get(0);
        assertEquals(cls.accuracy(), c.accuracy());
        assertTrue(Double.isNaN(c.correlation()));
        assertArrayEquals(folds, c.foldScores());
        assertEquals(cls.options(), c.options());
        assertEquals(file.toString(), c.source());
        assertEquals(reg.rmse(), back.get(1).rmse());
        assertTrue(Double.isNaN(back.get(1).firstRunProcessSeconds()));
        assertTrue(back.get(1).tests().isEmpty(), "tests are recomputed by the run that reads the rows");
    }

    @Test
    void pairedTestVerdicts() {
        double[] a = new double[100], b = new double[100];
        Random r = new Random(1);
        for (int i = 0; i < 100; i++) {
            b[i] = 80 + r.nextGaussian();
            a[i] = b[i] + 5 + 0.1 * r.nextGaussian();
        }
        assertEquals("better", PairedTest.of("x", "accuracy %", a, b).verdict());
        assertEquals("worse", PairedTest.of("x", "accuracy %", b, a).verdict());
        assertEquals("worse", PairedTest.of("x", "RMSE", a, b).verdict());
        PairedTest same = PairedTest.of("x", "accuracy %", a, a);
        assertEquals("no significant difference", same.verdict());
        assertEquals(0, same.difference(), 0);
        assertEquals(5, PairedTest.of("x", "accuracy %", a, b).difference(), 0.05);
    }
}
