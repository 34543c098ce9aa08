package org.dendrite.core.search;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.dendrite.core.train.TrainingConfig;

/** One point of a search space: a value per searched parameter, in the space's order. */
public record Candidate(Map<String, Object> values) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Candidate {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The base configuration with these values ({@link ConfigParameters#apply}). */
    public TrainingConfig apply(TrainingConfig base) {
        return ConfigParameters.apply(base, values);
    }

    /** {@code name=value, ...}, numbers with 4 significant digits. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ");
        values.forEach((k, v) -> j.add(k + "=" + format(v)));
        return j.toString();
    }

    static String format(Object v) {
        if (v instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(v);
    }
}
