package org.dendrite.core.data;

import java.io.Serializable;
import java.util.List;

/**
 * A raw input column: numeric (no categories) or nominal (values are indices into {@code categories}).
 * A numeric column may hold dates ({@code datePattern} not null): milliseconds since 1970-01-01 UTC,
 * as Weka holds a date attribute, which messages show in that pattern ({@link #show}); training
 * takes them as any numeric column, and a model file holds them as numeric.
 */
public record Column(String name, List<String> categories, String datePattern) implements Serializable {
    public Column {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A column needs a name");
        }
        categories = categories == null ? List.of() : List.copyOf(categories);
        if (datePattern != null && !categories.isEmpty()) {
            throw new IllegalArgumentException("Column '" + name + "' is nominal and cannot hold dates");
        }
        if (datePattern != null) new java.text.SimpleDateFormat(datePattern); // an invalid pattern is refused here, not in a message
    }

    public Column(String name, List<String> categories) {
        this(name, categories, null);
    }

    public static Column numeric(String name) {
        return new Column(name, List.of());
    }

    /**
     * A numeric column of dates, held as milliseconds since 1970-01-01 UTC and shown in {@code pattern}
     * (a {@link java.text.SimpleDateFormat} pattern, in the JVM's time zone, as Weka writes a date attribute's values).
     */
    public static Column date(String name, String pattern) {
        return new Column(name, List.of(), java.util.Objects.requireNonNull(pattern, "pattern"));
    }

    /**
     * Value {@code v} of this column as its data gives it: a date in its pattern (milliseconds that are
     * not a whole finite number are shown as they are), otherwise as Java writes a double.
     */
    public String show(double v) {
        if (datePattern == null || !Double.isFinite(v) || v != Math.rint(v) || Math.abs(v) > 9.2e18) return Double.toString(v);
        return new java.text.SimpleDateFormat(datePattern).format(new java.util.Date((long) v));
    }

    public static Column nominal(String name, List<String> categories) {
        if (categories == null || categories.isEmpty()) {
            throw new IllegalArgumentException("Nominal column '" + name + "' needs at least one category");
        }
        return new Column(name, categories);
    }

    public boolean isNominal() {
        return !categories.isEmpty();
    }

    /**
     * True when input {@code index} named {@code a} on one side and {@code b} on the other is the same
     * input: the same name, or either named only by its place ({@code features[3]} at index 3: a Spark
     * vector's element whose metadata gives no name), which matches any name at that place. Named
     * columns in another order are not the same (their values would silently go to other weights).
     */
    public static boolean sameInput(String a, String b, int index) {
        return a.equals(b) || positional(a, index) || positional(b, index);
    }

    /**
     * Where {@code names} (the data's, null where unnamed) put a column of the model's {@code columns}
     * at another place (some name differs from the model's at its index and is the name of another of
     * the model's inputs: inputs in another order), the first index whose name is not the model's;
     * otherwise -1. Names the model does not hold at all (a vector assembled from another vector,
     * "v_0"...) say nothing of the order.
     */
    public static int misplaced(List<Column> columns, String[] names) {
        java.util.Set<String> held = new java.util.HashSet<>();
        for (Column c : columns) held.add(c.name());
        int first = -1;
        boolean elsewhere = false;
        for (int i = 0; i < Math.min(columns.size(), names.length); i++) {
            if (names[i] != null && !sameInput(columns.get(i).name(), names[i], i)) {
                if (first < 0) first = i;
                elsewhere |= held.contains(names[i]);
            }
        }
        return elsewhere ? first : -1;
    }

    private static boolean positional(String name, int index) {
        return name.endsWith("[" + index + "]");
    }
}
