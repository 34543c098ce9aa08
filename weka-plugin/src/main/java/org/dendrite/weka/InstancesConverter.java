package org.dendrite.weka;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.Table;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Weka data to the core's raw rows: numeric and date attributes become numeric columns (dates as
 * milliseconds, shown in messages in the attribute's date format), nominal attributes nominal columns with the same values (one that declares none, so
 * that every value is missing, a numeric column), missing values NaN. The
 * class attribute is the target.
 */
public final class InstancesConverter {
    private InstancesConverter() {}

    /** The input columns: every attribute but the class. */
    public static List<Column> columns(Instances header) {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < header.numAttributes(); i++) {
            if (i == header.classIndex()) continue;
            Attribute a = header.attribute(i);
            if (a.isNominal() && a.numValues() == 0) {
                // a nominal attribute declaring no values holds only missing values: read as a numeric column of missing values,
                // which carries nothing (as a numeric attribute that is all missing); Weka's own classifiers take it too
                cols.add(Column.numeric(a.name()));
            } else if (a.isNominal()) {
                List<String> values = new ArrayList<>();
                for (int v = 0; v < a.numValues(); v++) values.add(a.value(v));
                cols.add(Column.nominal(a.name(), values));
            } else if (a.isDate()) {
                // milliseconds, as Weka holds them; messages show a value in the attribute's own date format
                cols.add(Column.date(a.name(), a.getDateFormat()));
            } else if (a.isNumeric()) {
                cols.add(Column.numeric(a.name()));
            } else {
                throw new IllegalArgumentException("Attribute '" + a.name() + "' is " + Attribute.typeToString(a)
                        + "; Dendrite takes numeric, date and nominal attributes: " + (a.isString()
                        ? "turn it into numbers first, e.g. with weka.filters.unsupervised.attribute.StringToWordVector in a "
                                + "weka.classifiers.meta.FilteredClassifier, or remove it"
                        : "remove it (weka.filters.unsupervised.attribute.Remove), or turn each bag into one row first"));
            }
        }
        return cols;
    }

    /**
     * Refuses a class attribute Dendrite does not predict (string, relational, or nominal without
     * values), naming it and what is allowed: Weka's capabilities refuse it too, but not with -do-not-check-capabilities, and a string
     * class was then trained as a numeric one on the indices of its strings, without a word.
     */
    public static void checkClass(Instances header) {
        Attribute c = header.classAttribute();
        if (!c.isNominal() && !c.isNumeric()) {
            throw new IllegalArgumentException("The class attribute '" + c.name() + "' is " + Attribute.typeToString(c) + "; Dendrite predicts "
                    + "nominal, numeric and date classes" + (c.isString() ? ": make it nominal first, e.g. with "
                    + "weka.filters.unsupervised.attribute.StringToNominal, or choose another class attribute" : ": choose another class attribute"));
        }
        if (c.isNominal() && c.numValues() == 0) {
            // Weka's capabilities said "Cannot handle multi-valued nominal class!"; unchecked, ZeroR failed with "Can't normalize array. Sum is zero."
            throw new IllegalArgumentException("The class attribute '" + c.name() + "' is nominal and declares no values, so there is no class "
                    + "to predict: declare its values (@attribute " + c.name() + " {a, b, ...}), or choose another class attribute");
        }
    }

    /** One instance's input values (NaN = missing), in {@link #columns} order. */
    public static double[] row(Instance inst) {
        double[] r = new double[inst.numAttributes() - 1];
        int o = 0;
        for (int i = 0; i < inst.numAttributes(); i++) {
            if (i == inst.classIndex()) continue;
            r[o++] = inst.isMissing(i) ? Double.NaN : inst.value(i);
        }
        return r;
    }

    /** The instances' input values, each row numbered as Weka numbers the instances, from 1. */
    public static Table table(Instances data) {
        return table(data, null);
    }

    /** The instances' input values, the rows named in messages by {@code numbers} (null: from 1 in {@code data}'s order). */
    public static Table table(Instances data, long[] numbers) {
        double[][] rows = rows(data);
        return new Table(columns(data), rows, numbers != null ? numbers : java.util.stream.LongStream.rangeClosed(1, rows.length).toArray());
    }

    /**
     * The instances' input values, one array per instance in {@link #columns} order, refused as {@link #table} refuses them when
     * they would not fit held dense; without the columns, which prediction does not read (made for every instance Weka predicts one
     * at a time, they were most of that prediction's time and allocation on a header of many nominal attributes).
     */
    public static double[][] rows(Instances data) {
        Table.checkFits(data.numInstances(), data.numAttributes() - (data.classIndex() < 0 ? 0 : 1), "Relation '" + data.relationName() + "'",
                "Use fewer attributes (for example with AttributeSelection) or give Weka more memory (-Xmx).");
        double[][] rows = new double[data.numInstances()][];
        for (int i = 0; i < rows.length; i++) rows[i] = row(data.instance(i));
        return rows;
    }

    /**
     * Weka's numbers (from 1, counting every instance) of the instances of {@code data} with a class
     * value, the rows training takes: how the core's messages name a training row.
     */
    public static long[] numbersWithClass(Instances data) {
        return java.util.stream.IntStream.range(0, data.numInstances()).filter(i -> !data.instance(i).classIsMissing()).mapToLong(i -> i + 1L)
                .toArray();
    }

    /** The class values (class indices or numbers). */
    public static double[] target(Instances data) {
        double[] y = new double[data.numInstances()];
        for (int i = 0; i < y.length; i++) y[i] = data.instance(i).classValue();
        return y;
    }

    /** The instance weights, or null when all are 1, as training holds them ({@link #weightDivisor}). */
    public static float[] weights(Instances data) {
        float[] w = new float[data.numInstances()];
        double divisor = weightDivisor(data);
        boolean all1 = true;
        for (int i = 0; i < w.length; i++) {
            w[i] = weight(data.instance(i).weight(), divisor, i);
            all1 &= w[i] == 1f;
        }
        return all1 ? null : w;
    }

    /**
     * What the instance weights of {@code data}'s instances with a class value (those that train) are
     * divided by: 1, or where a positive weight lies outside float32's normal range, which training
     * holds them in, and every weight over the largest fits it, the largest (only their ratios matter;
     * Weka's own classifiers take weights of 1e-40, which were refused). Weights whose ratios float32
     * cannot hold are taken as given, and the one out of its range refused by its row.
     */
    static double weightDivisor(Instances data) {
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (int i = 0; i < data.numInstances(); i++) {
            double w = data.instance(i).weight();
            if (!data.instance(i).classIsMissing() && w > 0 && Double.isFinite(w)) {
                min = Math.min(min, w);
                max = Math.max(max, w);
            }
        }
        return org.dendrite.core.data.LabeledTable.weightDivisor(min, max);
    }

    /** Weight {@code w} over {@code divisor}, as training holds it; refused naming row {@code row}, as the core refuses it. */
    private static float weight(double w, double divisor, long row) {
        // NaN, negative or infinite weights are refused as given; a weight of 0 stays 0
        return org.dendrite.core.data.LabeledTable.weight(org.dendrite.core.data.LabeledTable.held(w, divisor), row);
    }

    /**
     * Checks every instance with a class value as the core will (its weight, its class value, its
     * attribute values; missing values allowed when {@code imputeMissing}), with the core's rules and
     * messages, naming it as Weka numbers it: from 1, counting every instance of {@code data} (as the
     * core's own checks after the instances without a class value are set aside: {@link #numbersWithClass}).
     */
    public static void check(Instances data, boolean imputeMissing) {
        List<Column> columns = columns(data);
        List<String> classes = classes(data);
        String target = data.classAttribute().name();
        double divisor = weightDivisor(data);
        for (int i = 0; i < data.numInstances(); i++) {
            Instance inst = data.instance(i);
            if (inst.classIsMissing()) continue;
            long number = i + 1;
            weight(inst.weight(), divisor, number);
            org.dendrite.core.data.LabeledTable.checkTarget(target, classes, number, inst.classValue());
            double[] x = row(inst);
            for (int c = 0; c < x.length; c++) org.dendrite.core.data.ColumnStatistics.check(columns.get(c), number, x[c], imputeMissing);
        }
    }

    /**
     * A 64-bit fingerprint of {@code data}'s rows (every value, class and weight, in order): whether a
     * build meets the rows a model was trained on, or others.
     */
    public static long fingerprint(Instances data) {
        long h = 0x9E3779B97F4A7C15L ^ data.numInstances();
        for (int i = 0; i < data.numInstances(); i++) {
            weka.core.Instance in = data.instance(i);
            for (int j = 0; j < in.numAttributes(); j++) h = (h ^ Double.doubleToLongBits(in.value(j))) * 0x100000001B3L + j;
            h = (h ^ Double.doubleToLongBits(in.weight())) * 0xC2B2AE3D27D4EB4FL;
        }
        return h;
    }

    /** The rows with their class values and weights, as the core trains on them, named in messages by {@code numbers} (as {@link #table}). */
    public static LabeledTable labeled(Instances data, long[] numbers) {
        weka.core.Attribute c = data.classAttribute();
        return new LabeledTable(table(data, numbers), c.name(), classes(data), target(data), weights(data), c.isDate() ? c.getDateFormat() : null);
    }

    /** The class labels of a nominal class, or an empty list for a numeric class. */
    public static List<String> classes(Instances data) {
        List<String> c = new ArrayList<>();
        if (data.classAttribute().isNominal()) {
            for (int v = 0; v < data.classAttribute().numValues(); v++) c.add(data.classAttribute().value(v));
        }
        return c;
    }
}
