package org.dendrite.weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.dendrite.core.io.ModelFormatException;
import org.dendrite.core.io.ModelIO;
import org.dendrite.core.testutil.DamagedModels;
import org.dendrite.core.testutil.DamagedModels.Case;
import org.dendrite.core.testutil.DamagedModels.Outcome;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import weka.classifiers.functions.Dendrite;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Every file of test-data/damaged-models/ as Weka's -initial-model: a warm start from the model, or an
 * Exception whose message names the file and the field (a ModelFormatException underneath), within
 * the memory bound, the file unchanged, and the classifier still usable afterwards.
 */
class DamagedModelsWekaTest {
    /** Data shaped like the corpus models: a numeric, b {x,y,z}, c numeric, and a nominal (neg/pos) or numeric target. */
    static Instances data(boolean classification) {
        ArrayList<Attribute> attrs = new ArrayList<>(List.of(new Attribute("a"), new Attribute("b", List.of("x", "y", "z")), new Attribute("c"),
                classification ? new Attribute("y", List.of("neg", "pos")) : new Attribute("y")));
        Instances d = new Instances(classification ? "classes" : "numbers", attrs, 40);
        d.setClassIndex(3);
        Random r = new Random(16);
        for (int i = 0; i < 40; i++) {
            double a = r.nextGaussian() * 5 + 2;
            d.add(new DenseInstance(1, new double[] {a, r.nextInt(3), r.nextGaussian(), classification ? (a > 2 ? 1 : 0) : 3 * a}));
        }
        return d;
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileAsTheInitialModel() throws Exception {
        return DamagedModels.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) throws Exception {
        String before = DamagedModels.hash(c.file());
        boolean classification = !c.loads() || ModelIO.read(c.file()).task().isClassification();
        Instances data = data(classification);
        Dendrite d = new Dendrite();
        d.setEpochs(1);
        d.setInitialModel(c.file().toString());
        Outcome<Object> o = DamagedModels.run(() -> {
            d.buildClassifier(data);
            return d;
        });
        if (c.loads()) {
            if (o.error() != null) throw new AssertionError(c.name() + " should warm-start Weka: " + o.error(), o.error());
        } else {
            DamagedModels.assertWithinBound(c, o.allocated(), "Weka's -initial-model");
            if (o.error() == null || o.error().getClass() != Exception.class || !(o.error().getCause() instanceof ModelFormatException)) {
                throw new AssertionError(c.name() + ": expected Weka's Exception around a ModelFormatException, got " + o.error(), o.error());
            }
            c.assertClearError(o.error(), c.file().toString());
            // the classifier is still usable: without the initial model it trains and predicts
            d.setInitialModel("");
            d.buildClassifier(data);
        }
        double[] p = d.distributionForInstance(data.instance(0));
        assertEquals(classification ? 2 : 1, p.length);
        assertTrue(Double.isFinite(p[0]), c.name());
        DamagedModels.assertUnchanged(c, before);
    }
}
