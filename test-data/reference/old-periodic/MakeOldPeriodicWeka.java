import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import weka.classifiers.functions.Dendrite;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Writes, with the code of commit 774f240 (the last before periodic embeddings listed their inputs),
 * a Java-serialized Weka Dendrite model with a periodic embedding trained on credit-g (13 nominal
 * attributes: the old layer embedded their one-hot columns too), kept with its training state
 * (-resume), the class probabilities it gives the first 50 rows, as that code computed them, and those
 * of the same classifier trained on to 6 epochs (the continuation Weka's -continue-iterating makes). Run
 * from the repository root of a checkout of 774f240 after `mvn -o -q -DskipTests package`:
 *
 *   java -cp weka-plugin/target/classes:shared-core/target/classes:JACKSON_AND_BLAS_JARS:WEKA_JAR \
 *       MakeOldPeriodicWeka.java MODEL.model PROBABILITIES.csv CONTINUED.csv
 */
public class MakeOldPeriodicWeka {
    public static void main(String[] args) throws Exception {
        Instances credit = DataSource.read("test-data/datasets/credit-g.arff");
        credit.setClassIndex(credit.numAttributes() - 1);
        Dendrite d = new Dendrite();
        d.setOptions(new String[] {"-epochs", "4", "-resume", "-layer", "org.dendrite.weka.layer.PeriodicEmbedding -frequencies 4 -dimensions 2",
            "-layer", "org.dendrite.weka.layer.Dense -units 8"});
        d.buildClassifier(credit);
        SerializationHelper.write(args[0], d);
        probabilities(d, credit, args[1]);
        d.setEpochs(6);
        d.buildClassifier(credit);
        probabilities(d, credit, args[2]);
    }

    private static void probabilities(Dendrite d, Instances data, String file) throws Exception {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(file)))) {
            for (int r = 0; r < 50; r++) {
                double[] p = d.distributionForInstance(data.instance(r));
                out.println(String.format(Locale.ROOT, "%.9g,%.9g", p[0], p[1]));
            }
        }
    }
}
