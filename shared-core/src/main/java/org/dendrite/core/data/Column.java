package org.dendrite.core.data;

import java.io.Serializable;
import java.util.List;

/** A raw input column: numeric (no categories) or nominal (values are indices into {@code categories}). */
public record Column(String name, List<String> categories) implements Serializable {
    public Column {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A column needs a name");
        }
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public static Column numeric(String name) {
        return new Column(name, List.of());
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
