package org.dendrite.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The row checks of sharded rows: every refusal's whole message (written out by hand), and the rows let through unchanged. */
class RowCheckTest {
    private static final RowCheck CLASSES = new RowCheck("features", "label", "w", true, 3);

    private static String refusal(RowCheck check, int shard, int width, double[] x, Double y, Double w) {
        RowCheck.Reader r = check.reader(shard, width);
        r.read(new double[] {1, 2}, 0.0, 1.0);
        r.read(new double[] {3, 4}, 1.0, 1.0);
        return assertThrows(IllegalArgumentException.class, () -> r.read(x, y, w)).getMessage();
    }

    /** An element scored as nominal that trained as numeric is named so (the message spoke of categories "differing from index 0"). */
    @Test
    void aNominalElementOfANumericInputIsNamedSo() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RowCheck.checkCategories(
                java.util.List.of(Column.numeric("features[0]")), java.util.List.of(Column.nominal("features[0]", java.util.List.of("a", "b", "c"))),
                new boolean[] {true}));
        org.junit.jupiter.api.Assertions.assertEquals("Column 'features[0]' is nominal in the features' metadata (3 categories), but the model "
                + "was trained on it as a numeric input: assemble it as the training rows were (without its nominal metadata, its value read as a "
                + "number), or train on it as nominal", e.getMessage());
    }

    @Test
    void refusalsNameTheColumnTheValueAndTheRowOfItsPartition() {
        assertEquals("Column 'features' holds a null value (row 2 of partition 5); every row needs a feature vector",
                refusal(CLASSES, 5, -1, null, 0.0, 1.0));
        assertEquals("Column 'features' holds a vector of size 3 (row 2 of partition 5); expected size 2 (as in the first rows)",
                refusal(CLASSES, 5, -1, new double[] {1, 2, 3}, 0.0, 1.0));
        assertEquals("Column 'features' holds Infinity at features[0] (row 2 of partition 0); feature values must be finite numbers (or NaN "
                + "for a missing value)", refusal(CLASSES, 0, 2, new double[] {Double.POSITIVE_INFINITY, 1}, 0.0, 1.0));
        assertEquals("Column 'features' holds -Infinity at features[1] (row 2 of partition 0); feature values must be finite numbers (or NaN "
                + "for a missing value)", refusal(CLASSES, 0, 2, new double[] {1, Double.NEGATIVE_INFINITY}, 0.0, 1.0));
        assertEquals("Column 'label' holds a null label (row 2 of partition 1)", refusal(CLASSES, 1, 2, new double[] {1, 2}, null, 1.0));
        assertEquals("Column 'label' holds the label 0.5 (row 2 of partition 1); labels must be whole numbers 0..k-1 (class indices, as "
                + "Spark's StringIndexer makes them)", refusal(CLASSES, 1, 2, new double[] {1, 2}, 0.5, 1.0));
        assertEquals("Column 'label' holds the label -1.0 (row 2 of partition 1); labels must be whole numbers 0..k-1 (class indices, as "
                + "Spark's StringIndexer makes them)", refusal(CLASSES, 1, 2, new double[] {1, 2}, -1.0, 1.0));
        assertEquals("Column 'label' holds the label 3.0 (row 2 of partition 1), but its metadata declares 3 classes (labels 0..2)",
                refusal(CLASSES, 1, 2, new double[] {1, 2}, 3.0, 1.0));
        assertEquals("Column 'w' holds a null weight (row 2 of partition 1)", refusal(CLASSES, 1, 2, new double[] {1, 2}, 1.0, null));
        assertEquals("Column 'w' holds the weight -0.5 (row 2 of partition 1); weights must be 0 or between "
                + "1.17549435E-38 and 3.4028235E38 (training holds them as float32; only their ratios matter, so they can be rescaled)",
                refusal(CLASSES, 1, 2, new double[] {1, 2}, 1.0, -0.5));
        assertEquals("Column 'w' holds the weight Infinity (row 2 of partition 1); weights must be 0 or between "
                + "1.17549435E-38 and 3.4028235E38 (training holds them as float32; only their ratios matter, so they can be rescaled)",
                refusal(CLASSES, 1, 2, new double[] {1, 2}, 1.0, Double.POSITIVE_INFINITY));
        assertEquals("Column 'w' holds the weight NaN (row 2 of partition 1); weights must be 0 or between "
                + "1.17549435E-38 and 3.4028235E38 (training holds them as float32; only their ratios matter, so they can be rescaled)",
                refusal(CLASSES, 1, 2, new double[] {1, 2}, 1.0, Double.NaN));
        // a later pass, its weights' divisor 1 (their ratios beyond float32's: LabeledTable.weightDivisor): beyond float32's range a
        // weight would become infinite in training, below its normal range 0 (or a subnormal of a few bits), silently
        RowCheck asGiven = CLASSES.afterFirstPass(java.util.List.of("0", "1", "2"), 1);
        assertEquals("Column 'w' holds the weight 1.0E300 (row 2 of partition 1); weights must be 0 or between 1.17549435E-38 and "
                + "3.4028235E38 (training holds them as float32; only their ratios matter, so they can be rescaled)",
                refusal(asGiven, 1, 2, new double[] {1, 2}, 1.0, 1e300));
        assertEquals("Column 'w' holds the weight 1.0E-50 (row 2 of partition 1); weights must be 0 or between 1.17549435E-38 and "
                + "3.4028235E38 (training holds them as float32; only their ratios matter, so they can be rescaled)",
                refusal(asGiven, 1, 2, new double[] {1, 2}, 1.0, 1e-50));
        assertEquals("Column 'w' holds the weight 1.0E-40 (row 2 of partition 1); weights must be 0 or between 1.17549435E-38 and "
                + "3.4028235E38 (training holds them as float32; only their ratios matter, so they can be rescaled)",
                refusal(asGiven, 1, 2, new double[] {1, 2}, 1.0, 1e-40));
        // the first pass takes any finite weight >= 0 as it is (its extremes give the divisor); a later one holds it over the divisor
        assertEquals(1e-40, CLASSES.reader(1, 2).read(new double[] {1, 2}, 1.0, 1e-40).weight());
        assertEquals(0.5, CLASSES.afterFirstPass(java.util.List.of("0", "1", "2"), 2e-40).reader(1, 2).read(new double[] {1, 2}, 1.0, 1e-40).weight(), 1e-15);
        assertEquals(1e-40, LabeledTable.weightDivisor(1e-40, 1e-40));
        assertEquals(1, LabeledTable.weightDivisor(1e-40, 1e10), "ratios beyond float32's: taken as given, the tiny one refused");
        assertEquals(1, LabeledTable.weightDivisor(0.5, 2));
        RowCheck regression = new RowCheck("x", "y", null, false, 0);
        assertEquals("Column 'y' holds the label NaN (row 2 of partition 0); labels must be finite",
                refusal(regression, 0, 2, new double[] {1, 2}, Double.NaN, null));
        // a lone row (prediction) is named by nothing, and its width note says where the width comes from
        assertEquals("Column 'x' holds a vector of size 1; the model was trained on size 2",
                assertThrows(IllegalArgumentException.class, () -> RowCheck.checkFeatures(new double[] {1}, "x", 2,
                        "the model was trained on size %d", -1, -1)).getMessage());
    }

    /**
     * A vector's size is checked before its values are made dense: a sparse vector declaring 2^31 - 1
     * elements (a few bytes in a file) is refused by its size alone, never allocated; the bound is the
     * share of the heap one dense row may take.
     */
    /**
     * The passes after the first check labels against the classes it found: a nondeterministic input
     * that gives other labels on a later pass trained a target index past its own row's slot (or,
     * beyond the last class, failed with an ArrayIndexOutOfBoundsException in the loss).
     */
    @Test
    void laterPassesCheckLabelsAgainstTheClassesTheFirstFound() {
        RowCheck inferred = new RowCheck("features", "label", null, true, 0);
        RowCheck later = inferred.afterFirstPass(java.util.List.of("0", "1"), 1);
        assertEquals("Column 'label' holds the label 2.0 (row 2 of partition 1), but its labels were 0..1 on the first pass over the rows: "
                + "the input changed between passes (a nondeterministic source or expression; cache or checkpoint it before fitting)",
                refusal(later, 1, -1, new double[] {5, 6}, 2.0, null));
        // declared classes, and a regressor's labels, stay as they were checked
        assertEquals(CLASSES.declaredClasses(), CLASSES.afterFirstPass(java.util.List.of("0", "1"), 1).declaredClasses());
        assertEquals(CLASSES.found(), CLASSES.afterFirstPass(java.util.List.of("0", "1"), 1).found());
        RowCheck numbers = new RowCheck("features", "label", null, false, 0);
        assertEquals(new RowCheck("features", "label", null, false, 0, false, null, 1), numbers.afterFirstPass(java.util.List.of(), 1));
    }

    @Test
    void aHugeVectorIsRefusedByItsSizeBeforeItsValuesExist() {
        long max = Runtime.getRuntime().maxMemory() / 64 / 8;
        assertEquals(max, RowCheck.maxWidth());
        RowCheck.Reader r = CLASSES.reader(4, -1);
        var e = assertThrows(IllegalArgumentException.class, () -> r.size(Integer.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("Column 'features' holds a vector of size 2147483647 (row 0 of partition 4); the rows are "
                + "trained on as dense values, and one such row takes 16384 MB, more than the "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" MB allowed (1/64 of this JVM's largest heap): use fewer features (for example a smaller "
                + "numFeatures in FeatureHasher) or more memory (-Xmx)"), e.getMessage());
        r.size((int) Math.min(max, 1000));
        // once the width is known, another size is refused as a size, before the values
        RowCheck.Reader known = CLASSES.reader(0, 3);
        assertEquals("Column 'features' holds a vector of size 2147483647 (row 0 of partition 0); expected size 3 (as in the first rows)",
                assertThrows(IllegalArgumentException.class, () -> known.size(Integer.MAX_VALUE)).getMessage());
        assertEquals("Column 'x' holds a vector of size 2147483647; the model was trained on size 3", assertThrows(IllegalArgumentException.class,
                () -> RowCheck.checkSize(Integer.MAX_VALUE, "x", 3, "the model was trained on size %d", -1, -1)).getMessage());
    }

    @Test
    void goodRowsPassUnchangedAndWithoutAWeightColumnWeighOne() {
        LabeledRow r = CLASSES.reader(0, -1).read(new double[] {1.5, -2}, 2.0, 0.25);
        assertArrayEquals(new double[] {1.5, -2}, r.features());
        assertEquals(2.0, r.label());
        assertEquals(0.25, r.weight());
        // NaN is a missing value: let through for the preprocessing to impute (or refuse, with imputation off)
        assertTrue(Double.isNaN(CLASSES.reader(0, 2).read(new double[] {Double.NaN, 1}, 0.0, 1.0).features()[0]));
        LabeledRow u = new RowCheck("x", "y", null, false, 0).reader(0, 2).read(new double[] {0, 0}, -7.5, null);
        assertEquals(-7.5, u.label());
        assertEquals(1.0, u.weight(), "no weight column: every row weighs 1, whatever the row holds there");
        // inferred classes (none declared): any whole label >= 0 passes here; the trainer bounds their number
        assertEquals(250.0, new RowCheck("x", "y", null, true, 0).reader(0, 1).read(new double[] {0}, 250.0, null).label());
    }
}
