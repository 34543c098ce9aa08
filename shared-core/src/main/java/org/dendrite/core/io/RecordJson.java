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

/**
 * One generic mapping between Dendrite's config records and JSON, driven by the record components.
 * A component whose type is a registered family (activation, initializer, layer, loss, optimizer,
 * schedule) is written as the bare type name when it is a preset or has all default values, else as
 * an object with {@code "type"} and its fields; other records nest as plain objects. Reading fills
 * absent fields from the type's default instance and rejects unknown fields, naming the JSON path.
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
            if (e.preset() || e.defaults().equals(value)) {
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

    static Object read(JsonNode node, Type declared, String path) {
        return read(node, declared, path, null);
    }

    /** {@code fallback}: for a plain record, the instance whose values fill absent fields (may be null). */
    private static Object read(JsonNode node, Type declared, String path, Object fallback) {
        Class<?> raw = rawClass(declared);
        if (node == null || node.isNull()) {
            return null;
        }
        if (Registry.isFamily(raw)) {
            if (node.isTextual()) {
                Registry.Entry e = Registry.lookup(raw, node.asText(), path);
                return e.defaults();
            }
            if (!node.isObject() || !node.hasNonNull("type")) {
                throw new ModelFormatException(path + ": expected a " + Registry.familyName(raw) + " name or an object with \"type\"; allowed types: "
                        + Registry.names(raw));
            }
            Registry.Entry e = Registry.lookup(raw, node.get("type").asText(), path + ".type");
            return readRecord((ObjectNode) node, e.type(), e.defaults(), path, "type");
        }
        if (raw.isRecord()) {
            if (!node.isObject()) {
                throw new ModelFormatException(path + ": expected an object");
            }
            return readRecord((ObjectNode) node, raw, fallback, path, null);
        }
        if (List.class.isAssignableFrom(raw)) {
            if (!node.isArray()) {
                throw new ModelFormatException(path + ": expected an array");
            }
            Type element = ((ParameterizedType) declared).getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) out.add(read(node.get(i), element, path + "[" + i + "]"));
            return out;
        }
        if (raw.isEnum()) {
            for (Object c : raw.getEnumConstants()) {
                if (((Enum<?>) c).name().equalsIgnoreCase(node.asText())) return c;
            }
            List<String> allowed = new ArrayList<>();
            for (Object c : raw.getEnumConstants()) allowed.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
            throw new ModelFormatException(path + ": unknown value '" + node.asText() + "'; allowed: " + String.join(", ", allowed));
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (!node.isBoolean()) throw new ModelFormatException(path + ": expected true or false, got " + node);
            return node.asBoolean();
        }
        if (raw == String.class) {
            return node.asText();
        }
        if (raw == int.class || raw == long.class || raw == double.class || raw == float.class) {
            double d;
            if (node.isNumber()) {
                d = node.asDouble();
            } else if (node.isTextual() && node.asText().matches("-?Infinity|NaN")) {
                d = Double.parseDouble(node.asText());
            } else {
                throw new ModelFormatException(path + ": expected a number, got " + node);
            }
            if (raw == int.class || raw == long.class) {
                if (d != Math.rint(d)) throw new ModelFormatException(path + ": expected a whole number, got " + node);
                return raw == int.class ? (Object) (int) d : (Object) (long) d;
            }
            return raw == float.class ? (Object) (float) d : (Object) d;
        }
        throw new ModelFormatException(path + ": cannot read a " + raw.getSimpleName());
    }

    /** Reads a plain record, taking absent fields from {@code defaults}. */
    static Object readWithDefaults(JsonNode node, Class<?> type, Object defaults, String path) {
        if (!node.isObject()) {
            throw new ModelFormatException(path + ": expected an object");
        }
        return readRecord((ObjectNode) node, type, defaults, path, null);
    }

    private static Object readRecord(ObjectNode node, Class<?> type, Object defaults, String path, String skip) {
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
                throw new ModelFormatException(path + "." + n + ": unknown field; allowed: " + String.join(", ", allowed));
            }
        }
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            types[i] = c.getType();
            String p = path + "." + c.getName();
            if (node.has(c.getName())) {
                Object fallback = null;
                if (defaults != null && c.getType().isRecord()) {
                    try {
                        fallback = c.getAccessor().invoke(defaults);
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new IllegalStateException(e);
                    }
                }
                args[i] = read(node.get(c.getName()), c.getGenericType(), p, fallback);
            } else if (defaults != null) {
                try {
                    args[i] = c.getAccessor().invoke(defaults);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(e);
                }
            } else if (!c.getType().isPrimitive()) {
                args[i] = null;
            } else {
                throw new ModelFormatException(p + ": missing");
            }
            if (args[i] == null && c.getType().isPrimitive()) {
                throw new ModelFormatException(p + ": must not be null");
            }
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new ModelFormatException(path + ": " + cause.getMessage(), cause);
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
