package weka.classifiers.functions;

import junit.framework.Test;
import junit.framework.TestSuite;
import org.dendrite.weka.layer.Dense;
import org.dendrite.weka.layer.LayerOption;
import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.Classifier;

/**
 * Weka's own classifier test suite (weka-stable test-jar): option handling, capabilities, missing
 * values, instance weights, serialization, rebuilding, header changes, and the regression reference
 * in src/test/resources/wekarefs (written by the first run, compared on every later run: a change
 * detector). The classifier is configured in full, so the reference follows changes of the code, not
 * of the defaults.
 */
public class DendriteTest extends AbstractClassifierTest {
    public DendriteTest(String name) {
        super(name);
    }

    @Override
    public Classifier getClassifier() {
        Dendrite d = new Dendrite();
        d.setEpochs(20);
        d.setMiniBatchSize(32);
        d.setOptimizer(new org.dendrite.weka.optim.Adam(new org.dendrite.core.optim.Adam(1.5e-2)));
        d.setL2(7e-3);
        Dense layer = new Dense();
        layer.setUnits(8);
        d.setLayers(new LayerOption[] {layer});
        return d;
    }

    public static Test suite() {
        return new TestSuite(DendriteTest.class);
    }
}
