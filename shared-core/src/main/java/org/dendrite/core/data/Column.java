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
}
