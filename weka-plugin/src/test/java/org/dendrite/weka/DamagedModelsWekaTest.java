package org.dendrite.weka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Random;
import java.util.stream.Stream;
import org.dendrite.core.data.Column;
import org.dendrite.core.io.ModelFormatException;
import org.dendrite.core.io.ModelIO;
import org.dendrite.core.testutil.DamagedModels;
import org.dendrite.core.testutil.DamagedModels.Case;
import org.dendrite.core.testutil.DamagedModels.Outcome;
import org.dendrite.core.train.Model;
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
    /** Rows for {@code model}'s input columns (numeric, or nominal with its categories) and its target (its classes, or numeric). */
    static Instances data(Model model) {
        ArrayList<Attribute> attrs = new ArrayList<>();
        for (Column c : model.preprocessor().columns()) attrs.add(c.isNominal() ? new Attribute(c.name(), c.categories()) : new Attribute(c.name()));
        boolean classification = model.task().isClassification();
        attrs.add(classification ? new Attribute(model.task().targetName(), model.task().classes()) : new Attribute(model.task().targetName()));
        Instances d = new Instances("rows", attrs, 40);
        d.setClassIndex(attrs.size() - 1);
        Random r = new Random(16);
        for (int i = 0; i < 40; i++) {
            double[] v = new double[attrs.size()];
            for (int j = 0; j < v.length - 1; j++) v[j] = attrs.get(j).isNominal() ? r.nextInt(attrs.get(j).numValues()) : r.nextGaussian() * 3;
            v[v.length - 1] = classification ? (v[0] > 0 ? 1 : 0) : 3 * v[0];
            d.add(new DenseInstance(1, v));
        }
        return d;
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileAsTheInitialModel() throws Exception {
        return DamagedModels.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) throws Exception {
        String before = DamagedModels.hash(c.file());
        Model model = ModelIO.read(DamagedModels.dir().resolve(c.loads() ? c.name() : "valid-classifier.json"));
        boolean classification = model.task().isClassification();
        Instances data = data(model);
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
