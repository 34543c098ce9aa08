package org.dendrite.core.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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

    /** The numbers of a JSON array (a null element: NaN, a missing value), or null for a null or absent array. */
    public static double[] doubles(JsonNode a) {
        if (a == null || a.isNull()) return null;
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
        return out;
    }

    /** {@link #doubles} as float32 (values written as float32 come back exact), or null. */
    public static float[] floats(JsonNode a) {
        if (a == null || a.isNull()) return null;
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) a.get(i).asDouble();
        return out;
    }

    /** The whole numbers of a JSON array. */
    public static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }

    /** A JSON array of rows as double rows ({@link #doubles} each). */
    public static double[][] doubleRows(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) out[i] = doubles(a.get(i));
        return out;
    }

    /** The elements of a JSON array, such as a reference file's list of cases. */
    public static List<JsonNode> elements(JsonNode a) {
        List<JsonNode> out = new ArrayList<>();
        a.forEach(out::add);
        return out;
    }
}
