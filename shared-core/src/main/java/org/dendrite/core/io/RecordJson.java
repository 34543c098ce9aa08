package org.dendrite.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One generic mapping between Dendrite's config records and JSON, driven by the record components.
 * A component whose type is a registered family (activation, initializer, layer, loss, optimizer,
 * schedule) is written as the bare type name when it is a preset or has all default values (and no
 * required field), else as an object with {@code "type"} and all its fields; other records nest as
 * plain objects. Reading a spec fills absent fields from the type's default instance, except the
 * fields the registry marks required; reading a model file ({@link #readComplete}) requires every
 * field. Unknown fields and types, and values of the wrong type or range, are errors naming the JSON
 * path.
 */
final class RecordJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RecordJson() {}

    static JsonNode write(Object value, Type declared) {
        if (value == null) {
            return F.nullNode();
        }
        Class<?> raw = rawClass(declared);
        if (Registry.isFamily(raw)) {
            Registry.Entry e = Registry.entryFor(raw, value);
            if (e.preset() || (e.required().isEmpty() && e.defaults().equals(value))) {
                return F.textNode(e.name());
            }
            ObjectNode o = F.objectNode();
            o.put("type", e.name());
            writeFields(value, o);
            return o;
        }
        if (value instanceof Record) {
            ObjectNode o = F.objectNode();
            writeFields(value, o);
            return o;
        }
        if (value instanceof List<?> list) {
            Type element = ((ParameterizedType) declared).getActualTypeArguments()[0];
            ArrayNode a = F.arrayNode();
            for (Object v : list) a.add(write(v, element));
            return a;
        }
        if (value instanceof Enum<?> en) return F.textNode(en.name().toLowerCase(Locale.ROOT));
        if (value instanceof Boolean b) return F.booleanNode(b);
        if (value instanceof Integer i) return F.numberNode(i);
        if (value instanceof Long l) return F.numberNode(l);
        if (value instanceof Float f) return F.numberNode(f);
        if (value instanceof Double d) return Double.isFinite(d) ? F.numberNode(d) : F.textNode(d.toString());
        if (value instanceof String s) return F.textNode(s);
        throw new IllegalArgumentException("Cannot write a " + value.getClass().getSimpleName() + " to JSON");
    }

    private static void writeFields(Object value, ObjectNode o) {
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            try {
                o.set(c.getName(), write(c.getAccessor().invoke(value), c.getGenericType()));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + c.getName() + " of " + value, e);
            }
        }
    }

    /**
     * Reads a spec: absent fields take the type's defaults, except the fields the registry marks
     * required. A spec itself null (the JSON text {@code null}) is refused: it read as no spec at all,
     * and failed later with a NullPointerException.
     */
    static Object read(JsonNode node, Type declared, String path) {
        if (node == null || node.isNull()) {
            throw new ModelFormatException(path + ": null is not allowed here; give " + ("$".equals(path) ? "the spec as an object"
                    : "a value, or leave the field out for its default"));
        }
        return read(node, declared, path, null, 0);
    }

    /**
     * Reads a part of a model file, where every field the writer writes must be present: an object
     * lacking a field is an error naming it (a registry type may still be a bare name, meaning its
     * defaults, when it has no required field: that is how the writer writes it).
     */
    static Object readComplete(JsonNode node, Type declared, String path, int version) {
        return read(node, declared, path, null, version);
    }

    /**
     * Fields that later model format versions added, with the version that added each and the value
     * that means what an older file meant by leaving it out: an older file may lack them, a file of
     * that version or newer must give them; a spec (a configuration a user writes) may always leave
     * them out.
     */
    private static final Map<String, Added> ADDED = Map.of(
            "PreprocessingConfig.scaling", new Added(2, org.dendrite.core.data.PreprocessingConfig.Scaling.STANDARD),
            "NetworkSpec.members", new Added(2, 1),
            "SoftmaxCrossEntropy.labelSmoothing", new Added(2, 0.0),
            "NetworkSpec.dataInit", new Added(3, org.dendrite.core.network.DataInit.NONE),
            // null: every input (ModelIO lists them), what a periodic embedding of an older file embedded
            "PeriodicEmbeddingSpec.inputs", new Added(5, null));

    /** A field that model format {@code version} added, and what its absence meant before. */
    private record Added(int version, Object before) {}

    /** Reads a plain record, taking absent fields from {@code defaults}. */
    static Object readWithDefaults(JsonNode node, Class<?> type, Object defaults, String path) {
        if (node == null || !node.isObject()) {
            throw new JsonValue(node, path).error("expected an object, got " + JsonValue.describe(node));
        }
        return readRecord((ObjectNode) node, type, defaults, path, null, Set.of(), 0);
    }

    /**
     * {@code fallback}: for a plain record, the instance whose values fill absent fields (may be null);
     * {@code version}: 0 for a spec (absent fields take defaults), else the model format version of the
     * model file being read, where every field must be present (but the ones added later than it).
     */
    private static Object read(JsonNode node, Type declared, String path, Object fallback, int version) {
        boolean complete = version > 0;
        Class<?> raw = rawClass(declared);
        if (node == null || node.isNull()) {
            if (complete && !Registry.isFamily(raw)) {
                // the writer writes null only for an absent activation, initializer, layer or loss
                throw new ModelFormatException(path + ": null is not allowed here (a model file gives every value)");
            }
            return null;
        }
        if (Registry.isFamily(raw)) {
            String family = Registry.familyName(raw);
            if (node.isTextual()) {
                Registry.Entry e = Registry.lookup(raw, node.textValue(), path);
                if (!e.required().isEmpty()) {
                    throw new ModelFormatException(path + ": a " + e.name() + " " + family + " needs " + fields(e.required())
                            + ": write it as an object, e.g. {\"type\": \"" + e.name() + "\", " + example(e) + "}");
                }
                return e.defaults();
            }
            if (!node.isObject() || !node.has("type")) {
                throw new ModelFormatException(path + ": expected a " + family + " name or an object with \"type\", got " + JsonValue.describe(node)
                        + "; allowed types: " + Registry.names(raw));
            }
            String type = new JsonValue(node.get("type"), path + ".type").string();
            Registry.Entry e = Registry.lookup(raw, type, path + ".type");
            if (e.preset() && node.size() > 1) {
                // a preset's fields are fixed: {"type": "he_uniform", "scale": 5} became another variance_scaling without a word
                ObjectNode spelled = F.objectNode();
                spelled.put("type", Registry.typeName(raw, e.type()));
                writeFields(e.defaults(), spelled);
                throw new ModelFormatException(path + ": " + e.name() + " is a preset and takes no fields; write the type it stands for with "
                        + "its fields instead: " + spelled);
            }
            return readRecord((ObjectNode) node, e.type(), e.defaults(), path, "type", e.required(), version);
        }
        if (raw.isRecord()) {
            if (!node.isObject()) {
                throw new ModelFormatException(path + ": expected an object, got " + JsonValue.describe(node));
            }
            return readRecord((ObjectNode) node, raw, fallback, path, null, Set.of(), version);
        }
        if (List.class.isAssignableFrom(raw)) {
            if (!node.isArray()) {
                throw new ModelFormatException(path + ": expected an array, got " + JsonValue.describe(node));
            }
            Type element = ((ParameterizedType) declared).getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                // a list holds no nulls (a null layer was named by the spec it failed, "$: Layer 0 of the network spec is null")
                if (node.get(i).isNull()) throw new ModelFormatException(path + "[" + i + "]: null is not allowed in a list; remove it");
                out.add(read(node.get(i), element, path + "[" + i + "]", null, version));
            }
            return out;
        }
        if (raw.isEnum()) {
            List<String> allowed = new ArrayList<>();
            for (Object c : raw.getEnumConstants()) allowed.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
            if (!node.isTextual()) {
                throw new ModelFormatException(path + ": expected one of " + String.join(", ", allowed) + ", got " + JsonValue.describe(node));
            }
            for (Object c : raw.getEnumConstants()) {
                if (((Enum<?>) c).name().equalsIgnoreCase(node.textValue())) return c;
            }
            throw new ModelFormatException(path + ": unknown value '" + JsonValue.shorten(node.textValue()) + "'; allowed: " + String.join(", ", allowed));
        }
        JsonValue v = new JsonValue(node, path);
        if (raw == boolean.class || raw == Boolean.class) {
            return v.bool();
        }
        if (raw == String.class) {
            return v.string();
        }
        if (raw == int.class || raw == Integer.class) {
            return v.integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (raw == long.class || raw == Long.class) {
            return v.integer(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            double d;
            if (node.isNumber()) {
                d = node.doubleValue();
                if (!Double.isFinite(d)) {
                    // it became Infinity silently: a rate of 1e400 trained as an infinite one, or was refused as "Infinity"
                    throw v.error("is " + JsonValue.describe(node) + " (largest magnitude " + Double.MAX_VALUE + "; an infinite value is "
                            + "written \"Infinity\")");
                }
            } else if (node.isTextual() && node.textValue().matches("-?Infinity|NaN")) {
                // how the writer spells a non-finite value (JSON has no such numbers)
                d = Double.parseDouble(node.textValue());
            } else {
                throw v.error("expected a number, got " + JsonValue.describe(node));
            }
            if (raw == double.class || raw == Double.class) {
                return d;
            }
            float f = node.isNumber() ? JsonValue.float32(node) : (float) d;
            if (Double.isFinite(d) && !Float.isFinite(f)) {
                throw v.error(JsonValue.describe(node) + " is beyond the float32 range (largest magnitude " + Float.MAX_VALUE + ")");
            }
            return f;
        }
        throw new ModelFormatException(path + ": cannot read a " + raw.getSimpleName());
    }

    private static String fields(Set<String> names) {
        List<String> sorted = new ArrayList<>(names);
        java.util.Collections.sort(sorted);
        return (sorted.size() == 1 ? "the field " : "the fields ") + String.join(", ", sorted);
    }

    private static String example(Registry.Entry e) {
        List<String> parts = new ArrayList<>();
        for (String f : new java.util.TreeSet<>(e.required())) parts.add("\"" + f + "\": ...");
        return String.join(", ", parts);
    }

    /** Component {@code c} of {@code record}. */
    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The index of the record component named {@code name}. */
    private static int component(RecordComponent[] comps, String name) {
        for (int i = 0; i < comps.length; i++) if (comps[i].getName().equals(name)) return i;
        throw new IllegalStateException("No record component " + name);
    }

    private static Object readRecord(ObjectNode node, Class<?> type, Object defaults, String path, String skip, Set<String> required,
                                     int version) {
        boolean complete = version > 0;
        RecordComponent[] comps = type.getRecordComponents();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equals(skip)) continue;
            boolean known = false;
            for (RecordComponent c : comps) known |= c.getName().equals(n);
            if (!known) {
                List<String> allowed = new ArrayList<>();
                for (RecordComponent c : comps) allowed.add(c.getName());
                throw new ModelFormatException(JsonValue.child(path, n) + ": unknown field; allowed: " + String.join(", ", allowed));
            }
        }
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            types[i] = c.getType();
            String p = path + "." + c.getName();
            Added added = ADDED.get(type.getSimpleName() + "." + c.getName());
            if (node.has(c.getName()) && node.get(c.getName()).isNull() && !complete && defaults != null && value(c, defaults) != null) {
                // null where the default is a value: "regularization": null read as no regularization (the default L2 dropped)
                throw new ModelFormatException(p + ": null is not allowed here; leave the field out for its default");
            }
            if (node.has(c.getName()) && added != null && complete && version < added.version()) {
                // a field a later version added, in a file of an earlier one: read, it disagreed with what the file's version meant
                // (a version-4 model listing a periodic embedding's inputs was refused for its weights' count)
                throw new ModelFormatException(p + ": is a field of format version " + added.version() + " and later; this file says version " + version);
            }
            if (node.has(c.getName())) {
                Object fallback = defaults != null && c.getType().isRecord() ? value(c, defaults) : null;
                args[i] = read(node.get(c.getName()), c.getGenericType(), p, fallback, version);
            } else if (added != null && (version == 0 && defaults == null || version > 0 && version < added.version())) {
                args[i] = added.before();
            } else if (complete || required.contains(c.getName())) {
                throw new ModelFormatException(p + ": missing (required" + (complete ? " in a model file" : "") + ")");
            } else if (defaults != null) {
                args[i] = value(c, defaults);
            } else if (!c.getType().isPrimitive()) {
                args[i] = null;
            } else {
                throw new ModelFormatException(p + ": missing");
            }
            if (args[i] == null && c.getType().isPrimitive()) {
                throw new ModelFormatException(p + ": must not be null");
            }
        }
        // a default that follows another field: L-BFGS's maxEval is maxIter * 5 / 4 (PyTorch's max_eval=None) where only maxIter is
        // given (it kept the default maxIter's 25: {"maxIter": 5} evaluated up to 25 times, Weka's -max-iter 5 up to 6)
        if (type == org.dendrite.core.optim.Lbfgs.class && !complete && !node.has("maxEval") && node.has("maxIter")) {
            args[component(comps, "maxEval")] = org.dendrite.core.optim.Lbfgs.defaultMaxEval((Integer) args[component(comps, "maxIter")]);
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r && !(cause instanceof IllegalArgumentException)) {
                throw r;
            }
            // the field the record's check names, where it is one of this record's ("$.epochs", not "$")
            String at = path;
            if (cause instanceof org.dendrite.core.check.InvalidSettingException s) {
                for (RecordComponent c : comps) if (c.getName().equals(s.setting()) && node.has(c.getName())) at = path + "." + c.getName();
            }
            throw new ModelFormatException(at + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct " + type.getSimpleName(), e);
        }
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        throw new IllegalArgumentException("Unsupported type " + t);
    }
}
