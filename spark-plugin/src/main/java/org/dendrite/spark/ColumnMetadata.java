package org.dendrite.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.types.StructField;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.RowCheck;

/**
 * What Spark's ML attribute metadata says of the input columns, as StringIndexer writes it and
 * VectorAssembler keeps it: the label's classes and the feature vector's elements, each read once.
 */
final class ColumnMetadata {
    private ColumnMetadata() {}

    /** The classes a label column declares: their number (0 without metadata) and their names in index order (null without them). */
    record Label(int classes, List<String> names) {
        static final Label NONE = new Label(0, null);
    }

    /**
     * The feature vector's {@code width} elements: their columns (named as the metadata names the
     * elements where it names each differently, else by place, features[0], ..., so errors point at them; nominal where the metadata declares a nominal attribute of at least
     * 2 values, whose value the core then reads as a category index), whether the metadata names each
     * element's categories (those not named are "0".."k-1", or none), and the elements' names (null
     * where the metadata gives none; the array null without such metadata).
     */
    record Features(List<Column> columns, boolean[] namedCategories, String[] names) {}

    /**
     * The classes {@code label}'s metadata declares; refused beyond {@link RowCheck#MAX_DECLARED_CLASSES}
     * before anything is made for each class.
     */
    static Label label(StructField label) {
        Attribute a = Attribute.fromStructField(label);
        if (!(a instanceof NominalAttribute n) || !n.getNumValues().isDefined()) return Label.NONE;
        int k = (Integer) n.getNumValues().get();
        if (k > RowCheck.MAX_DECLARED_CLASSES) {
            throw new IllegalArgumentException("Column '" + label.name() + "' declares " + k + " classes in its metadata, more than the "
                    + RowCheck.MAX_DECLARED_CLASSES + " a Dendrite classifier takes; check that this is the label column (an identifier indexed by "
                    + "StringIndexer declares a class per distinct value)");
        }
        return new Label(k, n.values().isDefined() ? List.of(n.values().get()) : null);
    }

    /** The elements of feature vector {@code field} of {@code width} elements; metadata that does not describe {@code width} attributes is ignored. */
    static Features features(StructField field, int width) {
        Attribute[] attributes = attributes(field, width);
        List<Column> columns = new ArrayList<>();
        boolean[] named = new boolean[width];
        String[] names = attributes == null ? null : new String[width];
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (int j = 0; attributes != null && j < width; j++) if (attributes[j].name().isDefined()) distinct.add(attributes[j].name().get());
        // the elements keep the names the metadata gives each (VectorAssembler's inputs), all distinct: a model trained on them
        // refuses the same inputs assembled in another order (scored silently: 50 of 150 right); else named by place
        boolean byName = distinct.size() == width;
        for (int j = 0; j < width; j++) {
            String name = byName ? attributes[j].name().get() : field.name() + "[" + j + "]";
            Attribute a = attributes == null ? null : attributes[j];
            List<String> values = a instanceof NominalAttribute n ? categories(n, name) : null;
            columns.add(values != null && values.size() >= 2 ? Column.nominal(name, values) : Column.numeric(name));
            named[j] = a instanceof NominalAttribute n && n.values().isDefined();
            if (names != null) names[j] = a.name().isDefined() ? a.name().get() : null;
        }
        return new Features(columns, named, names);
    }

    /** The vector's attributes as its metadata declares them, {@code width} of them, or null. */
    private static Attribute[] attributes(StructField field, int width) {
        try {
            AttributeGroup g = AttributeGroup.fromStructField(field);
            if (g.attributes().isDefined() && g.attributes().get().length == width) return g.attributes().get();
        } catch (RuntimeException e) {
            // metadata that is not an attribute group: every feature is numeric
        }
        return null;
    }

    /**
     * A nominal attribute's values, or "0".."k-1" when only their number is known; null when neither
     * is. More than {@link RowCheck#MAX_DECLARED_CLASSES} values are refused ({@code name} names the element).
     */
    private static List<String> categories(NominalAttribute n, String name) {
        int k = n.values().isDefined() ? n.values().get().length : n.getNumValues().isDefined() ? (Integer) n.getNumValues().get() : -1;
        if (k > RowCheck.MAX_DECLARED_CLASSES) {
            throw new IllegalArgumentException("Column '" + name + "' declares " + k + " categories in the features' metadata, more than the "
                    + RowCheck.MAX_DECLARED_CLASSES + " a nominal feature may have (each is an input); index fewer values, or assemble it without "
                    + "its nominal metadata to read it as a number");
        }
        if (k < 0 || n.values().isDefined()) return k < 0 ? null : List.of(n.values().get());
        return RowCheck.indexNames(k);
    }
}
