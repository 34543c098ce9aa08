package org.dendrite.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON value at its path in a document ({@code $.network.spec.layers[0].units}), read through typed
 * accessors: each checks the type (and range) it needs and otherwise throws a
 * {@link ModelFormatException} naming the path, what it found and what is allowed. An absent field
 * is a value too, so a required field that is missing is reported by the accessor that needed it.
 *
 * <p>Numbers: whole numbers are read exactly (a {@code long} never passes through a double), and a
 * decimal is never turned into an integer through {@code BigDecimal} (a huge exponent would take
 * unbounded time and memory): a decimal counts as whole only when its double value is whole and at
 * most 2^53. A float32 is the correctly rounded float of the decimal written, and must be finite.
 */
final class JsonValue {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,80}");
    private static final double EXACT_DOUBLE_INTEGERS = 9.007199254740992E15; // 2^53

    private final JsonNode node;
    /** The path, or for an array element its array's path (the element's is made only for a message). */
    private final String base;
    private final int index;

    /** {@code node} null: the field is absent. */
    JsonValue(JsonNode node, String path) {
        this(node, path, -1);
    }

    private JsonValue(JsonNode node, String base, int index) {
        this.node = node;
        this.base = base;
        this.index = index;
    }

    static JsonValue root(JsonNode node) {
        return new JsonValue(node, "$");
    }

    /** The path of field {@code name} of the object at {@code path}: {@code $.a.name}, or {@code $.a["odd name"]}. */
    static String child(String path, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return path + "." + name;
        }
        return path + "[" + quote(name) + "]";
    }

    String path() {
        return index < 0 ? base : base + "[" + index + "]";
    }

    /** The node, or null when the field is absent. */
    JsonNode node() { return node; }

    /** True when the field is absent or null. */
    boolean absent() {
        return node == null || node.isNull();
    }

    ModelFormatException error(String problem) {
        return new ModelFormatException(path() + ": " + problem);
    }

    private ModelFormatException expected(String what) {
        return node == null ? error("missing (required: " + what + ")") : error("expected " + what + ", got " + describe(node));
    }

    /** This value as an object that has no fields but {@code allowed} (each optional at this point). */
    JsonValue object(String... allowed) {
        if (node == null || !node.isObject()) {
            throw expected(allowed.length == 0 ? "an object" : "an object with the fields " + String.join(", ", allowed));
        }
        if (allowed.length > 0) {
            Set<String> known = Set.of(allowed);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (!known.contains(n)) {
                    throw new ModelFormatException(child(path(), n) + ": unknown field; allowed: " + String.join(", ", allowed));
                }
            }
        }
        return this;
    }

    /** Field {@code name} of this object (which {@link #object} checked), possibly absent. */
    JsonValue field(String name) {
        if (node == null || !node.isObject()) {
            throw expected("an object");
        }
        return new JsonValue(node.get(name), child(path(), name));
    }

    /** The names of this object's fields, in order. */
    List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        object().node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    String string() {
        if (node == null || !node.isTextual()) throw expected("a string");
        return node.textValue();
    }

    boolean bool() {
        if (node == null || !node.isBoolean()) throw expected("true or false");
        return node.booleanValue();
    }

    /** A whole number in {@code [min, max]}. */
    long integer(long min, long max) {
        boolean unbounded = (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE) || (min == Long.MIN_VALUE && max == Long.MAX_VALUE);
        String range = max == Long.MAX_VALUE || (max == Integer.MAX_VALUE && !unbounded) ? " >= " + min : " in " + min + ".." + max;
        String whole = "a whole number" + (unbounded ? "" : range);
        if (node == null || !node.isNumber()) throw expected(whole);
        long v;
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) throw expected("a whole number" + range);
            v = node.longValue();
        } else {
            double d = node.doubleValue();
            if (d != Math.rint(d) || Math.abs(d) > EXACT_DOUBLE_INTEGERS) throw expected(whole);
            v = (long) d;
        }
        if (v < min || v > max) throw expected("a whole number" + range);
        return v;
    }

    int integer(int min, int max) {
        return (int) integer((long) min, (long) max);
    }

    /** A finite number. */
    double finite() {
        if (node == null || !node.isNumber()) {
            throw expected("a finite number");
        }
        double d = node.doubleValue();
        if (!Double.isFinite(d)) {
            throw error("is " + describe(node) + " (largest magnitude " + Double.MAX_VALUE + ")");
        }
        return d;
    }

    /** A finite number, or null read as NaN (not measured). */
    double finiteOrNull() {
        if (node != null && node.isNull()) return Double.NaN;
        if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())) throw expected("a finite number or null");
        return node.doubleValue();
    }

    /** This value as an array (its elements via {@link #elements()}). */
    JsonValue array(String ofWhat) {
        if (node == null || !node.isArray()) throw expected("an array of " + ofWhat);
        return this;
    }

    /** The number of elements of this array. */
    int size() {
        return node.size();
    }

    List<JsonValue> elements() {
        List<JsonValue> out = new ArrayList<>(node.size());
        String path = path();
        for (int i = 0; i < node.size(); i++) out.add(new JsonValue(node.get(i), path, i));
        return out;
    }

    /** An array of strings, each different from the others. */
    List<String> distinctStrings(String ofWhat) {
        array(ofWhat + " (strings)");
        String path = path();
        List<String> out = new ArrayList<>(node.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode x = node.get(i);
            if (!x.isTextual()) {
                throw new ModelFormatException(path + "[" + i + "]: expected a string, got " + describe(x));
            }
            if (!seen.add(x.textValue())) {
                throw new ModelFormatException(path + "[" + i + "]: " + quote(x.textValue()) + " appears twice; each of " + ofWhat + " must be different");
            }
            out.add(x.textValue());
        }
        return out;
    }

    /** An array of exactly {@code n} finite numbers. */
    double[] finiteNumbers(long n) {
        lengthIs(n, "finite numbers");
        double[] v = new double[(int) n];
        String path = path();
        for (int i = 0; i < v.length; i++) v[i] = new JsonValue(node.get(i), path, i).finite();
        return v;
    }

    /** An array of exactly {@code n} booleans. */
    boolean[] booleans(int n) {
        lengthIs(n, "true/false values");
        boolean[] v = new boolean[n];
        String path = path();
        for (int i = 0; i < n; i++) {
            JsonNode x = node.get(i);
            if (!x.isBoolean()) throw new JsonValue(x, path, i).expected("true or false");
            v[i] = x.booleanValue();
        }
        return v;
    }

    /** Fills {@code into} from an array of exactly as many numbers, each a finite float32. */
    void float32s(float[] into) {
        lengthIs(into.length, "numbers");
        String path = path();
        for (int i = 0; i < into.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber()) {
                throw new JsonValue(x, path, i).expected("a number");
            }
            float f = float32(x);
            if (!Float.isFinite(f)) {
                throw new JsonValue(x, path, i).error(describe(x) + " is beyond the float32 range (largest magnitude " + Float.MAX_VALUE
                        + "); values are float32");
            }
            into[i] = f;
        }
    }

    /**
     * The float nearest to a JSON number (a decimal, a whole number, or an infinite double for a
     * number beyond the double range). A decimal of at most 15 significant digits and 0 to 12 decimal
     * places (every number the writer writes) goes through its correctly rounded double, which allocates
     * nothing and cannot round differently: such a decimal is either a float midpoint itself or farther
     * from one than half a double ulp, so rounding to double never lands on a midpoint it was not on.
     * Other decimals are rounded once from their text.
     */
    static float float32(JsonNode x) {
        if (x.isBigDecimal()) {
            java.math.BigDecimal d = x.decimalValue();
            return d.precision() <= 15 && d.scale() >= 0 && d.scale() <= 12 ? (float) d.doubleValue() : Float.parseFloat(d.toString());
        }
        if (x.isIntegralNumber()) return x.canConvertToLong() ? (float) x.longValue() : x.bigIntegerValue().floatValue();
        return (float) x.doubleValue();
    }

    private void lengthIs(long n, String what) {
        array(n + " " + what);
        if (node.size() != n) {
            throw new ModelFormatException(path() + " has " + node.size() + " values, expected " + n);
        }
    }

    /** A short description of a JSON value for messages (never the whole of a large value). */
    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        if (n.isNull()) return "null";
        if (n.isTextual()) return "a string " + quote(n.textValue());
        if (n.isBoolean()) return String.valueOf(n.booleanValue());
        // a number beyond a double's range is parsed as Infinity, which the file does not say
        if (n.isNumber()) return !Double.isFinite(n.doubleValue()) ? "a number beyond the range of a double"
                : "the number " + shorten(n.asText());
        if (n.isArray()) return "an array of " + n.size() + " values";
        if (n.isObject()) return "an object";
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code s} in double quotes, control characters escaped, cut after 60 characters. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        String t = shorten(s);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    /** {@code s}, cut after 60 characters (a message never repeats a huge value). */
    static String shorten(String s) {
        return org.dendrite.core.check.Check.shorten(s);
    }
}
