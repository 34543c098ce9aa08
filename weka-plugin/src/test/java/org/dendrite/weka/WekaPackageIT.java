package org.dendrite.weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package as a user gets it: the zip installed by Weka's real package manager into a fresh
 * WEKA_HOME, then Weka's command line cross-validating Dendrite from the installed package (nothing of
 * Dendrite on the classpath).
 */
class WekaPackageIT {
    static Path zip() {
        return Path.of(System.getProperty("dendrite.packageZip"));
    }

    @Test
    void zipIsLaidOutAsWekaRequires() throws Exception {
        try (ZipFile z = new ZipFile(zip().toFile())) {
            assertTrue(z.getEntry("Description.props") != null && z.getEntry("dendrite.jar") != null, "root entries");
            assertTrue(z.getEntry("GenericPropertiesCreator.props") != null && z.getEntry("GUIEditors.props") != null,
                    "class discovery and editors for the option objects at the root");
            assertTrue(z.stream().anyMatch(e -> e.getName().matches("lib/dendrite-core-.*\\.jar")), "core in lib/");
            assertTrue(z.stream().anyMatch(e -> e.getName().startsWith("src/")), "sources");
            assertTrue(z.stream().anyMatch(e -> e.getName().startsWith("doc/")), "docs");
            // doc/README.md is the repository's README: its links into docs/ (the design notes, the model format, the
            // Explorer's picture) must resolve beside it in the package as in a clone (they pointed to doc/docs/..., absent)
            String readme = new String(z.getInputStream(z.getEntry("doc/README.md")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("\\]\\((docs/[^)#\\s]+)").matcher(readme);
            int links = 0;
            while (link.find()) {
                links++;
                assertTrue(z.getEntry("doc/" + link.group(1)) != null, "doc/README.md links to " + link.group(1) + ", not in the package");
            }
            assertTrue(links >= 3, "README links into docs/: " + links);
            assertTrue(z.stream().noneMatch(e -> e.getName().contains("weka-stable")), "Weka itself is not bundled");
            String props = new String(z.getInputStream(z.getEntry("Description.props")).readAllBytes());
            assertTrue(props.contains("Depends=weka (>=3.8.4)") && props.matches("(?s).*Version=\\d+\\.\\d+\\.\\d+\\s.*"), props);
        }
        assertTrue(Files.size(zip()) < 5L * 1024 * 1024, "under 5 MB: " + Files.size(zip()));
    }

    @Test
    void installsWithThePackageManagerAndCrossValidatesFromTheCommandLine(@TempDir Path home) throws Exception {
        WekaProcesses.Result install = WekaProcesses.install(home, zip());
        assertEquals(0, install.exit(), install.output());
        assertTrue(Files.exists(home.resolve("packages/dendrite/dendrite.jar")), "installed: " + install.output());

        Path arff = Path.of(System.getProperty("dendrite.testData"), "datasets", "diabetes.arff");
        WekaProcesses.Result cv = WekaProcesses.java(home, 600, List.of("-Dweka.packageManager.offline=true", "-cp",
                WekaProcesses.wekaClasspath(), "weka.Run", "-no-scan", "weka.classifiers.functions.Dendrite", "-t", arff.toString(), "-x", "10"),
                Map.of());
        String out = cv.output();
        System.out.println(out);
        assertEquals(0, cv.exit(), out);
        Matcher acc = Pattern.compile("Stratified cross-validation(?s).*?Correctly Classified Instances\\s+\\d+\\s+([0-9.]+)\\s*%").matcher(out);
        assertTrue(acc.find(), out);
        double accuracy = Double.parseDouble(acc.group(1));
        // Pima diabetes: predicting the majority class gives 65.1%; Weka's MultilayerPerceptron about 75%
        assertTrue(accuracy > 72, "10-fold accuracy " + accuracy + "\n" + out);
        Matcher roc = Pattern.compile("Weighted Avg\\.\\s+(?:[0-9.?]+\\s+){6}([0-9.]+)").matcher(out.substring(acc.start()));
        assertTrue(roc.find(), out);
        assertTrue(Double.parseDouble(roc.group(1)) > 0.78, "weighted ROC area " + roc.group(1) + "\n" + out);

        // nested option objects load through the package's class loader from a command line
        Path iris = Path.of(System.getProperty("dendrite.testData"), "datasets", "iris.arff");
        WekaProcesses.Result nested = WekaProcesses.java(home, 300, List.of("-Dweka.packageManager.offline=true", "-cp",
                WekaProcesses.wekaClasspath(), "weka.Run", "-no-scan", "weka.classifiers.functions.Dendrite", "-t", iris.toString(), "-x", "3",
                "-epochs", "30", "-layer", "org.dendrite.weka.layer.Dense -units 16 -activation tanh", "-layer",
                "org.dendrite.weka.layer.Dense -units 8 -batch-norm before_activation", "-optimizer",
                "org.dendrite.weka.optim.Sgd -lr 0.05 -momentum 0.9 -nesterov", "-schedule",
                "org.dendrite.weka.schedule.WarmUp -inner \"org.dendrite.weka.schedule.Cosine -period 30\" -total-steps 20"), Map.of());
        System.out.println(nested.output());
        assertEquals(0, nested.exit(), nested.output());
        assertTrue(!nested.output().contains("Exception"), nested.output());
        assertTrue(nested.output().contains("dense(4 -> 16") && nested.output().contains("dense(16 -> 8"), nested.output());
        Matcher irisAcc = Pattern.compile("Stratified cross-validation(?s).*?Correctly Classified Instances\\s+\\d+\\s+([0-9.]+)\\s*%")
                .matcher(nested.output());
        assertTrue(irisAcc.find() && Double.parseDouble(irisAcc.group(1)) > 85, nested.output());

        // a hyperparameter search from the command line: nested inside each of Weka's folds, its choice shown with the model
        WekaProcesses.Result searched = WekaProcesses.java(home, 600, List.of("-Dweka.packageManager.offline=true", "-cp",
                WekaProcesses.wekaClasspath(), "weka.Run", "-no-scan", "weka.classifiers.functions.Dendrite", "-t", iris.toString(), "-x", "3",
                "-epochs", "12", "-search", "org.dendrite.weka.search.Asha -trials 6 -min-epochs 3 -eta 2 -workers 2 -space "
                        + "\"{\\\"parameters\\\": {\\\"units\\\": [8, 16], \\\"learningRate\\\": [0.01, 0.03]}}\""), Map.of());
        System.out.println(searched.output());
        assertEquals(0, searched.exit(), searched.output());
        assertTrue(searched.output().contains("Hyperparameter search: ASHA (6 trials, eta 2, rungs of 3, 6, 12 epochs") && searched.output().contains("Best configuration"), searched.output());
        Matcher searchedAcc = Pattern.compile("Stratified cross-validation(?s).*?Correctly Classified Instances\\s+\\d+\\s+([0-9.]+)\\s*%")
                .matcher(searched.output());
        assertTrue(searchedAcc.find() && Double.parseDouble(searchedAcc.group(1)) > 85, searched.output());

        // and in the Experimenter (its command line, as the GUI runs it; it loads the installed packages itself): 2 runs of 2-fold
        // cross-validation of the tuned classifier
        Path results = home.resolve("experiment.arff");
        WekaProcesses.Result exp = WekaProcesses.java(home, 600, List.of("-Dweka.packageManager.offline=true", "-cp",
                WekaProcesses.wekaClasspath(), "weka.experiment.Experiment", "-r", "-L", "1", "-U", "2", "-T", iris.toString(),
                "-D", "weka.experiment.InstancesResultListener -O " + results, "-P", "weka.experiment.CrossValidationResultProducer",
                "--", "-X", "2", "-W", "weka.experiment.ClassifierSplitEvaluator", "--", "-W", "weka.classifiers.functions.Dendrite", "--",
                "-epochs", "8", "-search", "org.dendrite.weka.search.SuccessiveHalving -trials 4 -min-epochs 2 -eta 2"), Map.of());
        System.out.println(exp.output());
        assertEquals(0, exp.exit(), exp.output());
        String table = Files.readString(results);
        assertTrue(table.contains("weka.classifiers.functions.Dendrite") && table.contains("org.dendrite.weka.search.SuccessiveHalving"), table);
        // 2 runs x 2 folds, each a row naming the tuned classifier with its options
        String rows = table.substring(table.indexOf("@data"));
        assertEquals(4, rows.split("org.dendrite.weka.search.SuccessiveHalving", -1).length - 1, table);
        // with the classifier's own measures beside Weka's (AdditionalMeasureProducer)
        for (String m : List.of("measureEpochs", "measureParameters", "measureTrainingLoss")) {
            assertTrue(table.contains("@attribute " + m + " numeric"), m + " in\n" + table.substring(0, table.indexOf("@data")));
        }

        WekaProcesses.Result help = WekaProcesses.java(home, 120, List.of("-Dweka.packageManager.offline=true", "-cp",
                WekaProcesses.wekaClasspath(), "weka.Run", "-no-scan", "weka.classifiers.functions.Dendrite", "-help"), Map.of());
        for (String cls : List.of("org.dendrite.weka.optim.Lbfgs", "org.dendrite.weka.schedule.OneCycle", "org.dendrite.weka.layer.Dense",
                "org.dendrite.weka.search.Hyperband")) {
            assertTrue(help.output().contains(cls), "-help documents " + cls + ":\n" + help.output());
        }
    }
}
