package org.dendrite.core.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import org.dendrite.core.tensor.Matrix;

/** Reference values of the JSON files in test-data/reference/, as the core's types hold them. */
public final class JsonValues {
    private JsonValues() {}

    /** A float32 matrix of a JSON array of rows, or of a flat array (one column). */
    public static Matrix matrix(JsonNode rows) {
        if (!rows.get(0).isArray()) {
            Matrix m = new Matrix(rows.size(), 1);
            for (int i = 0; i < rows.size(); i++) m.data()[i] = (float) rows.get(i).asDouble();
            return m;
        }
        Matrix m = new Matrix(rows.size(), rows.get(0).size());
        for (int i = 0; i < m.rows(); i++) for (int j = 0; j < m.cols(); j++) m.set(i, j, (float) rows.get(i).get(j).asDouble());
        return m;
    }
}
