package org.dendrite.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.schedule.Schedule;
import org.dendrite.core.train.TrainingConfig;

/**
 * The JSON network spec (the same text the Weka and Spark wrappers accept) and the training
 * configuration as JSON. Grammar and examples: docs/model-format.md.
 */
public final class SpecFormat {
    /**
     * The mapper that writes specs and models (reading goes through {@link JsonInput}), made when first
     * needed: building one loads Jackson's databind, about 0.25 s in a fresh JVM, which showing a model's
     * configuration ({@link #writeChanges}) does without.
     */
    static ObjectMapper mapper() {
        return Mapper.MAPPER;
    }

    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private SpecFormat() {}

    public static String write(NetworkSpec spec) {
        return text(RecordJson.write(spec, NetworkSpec.class));
    }

    /** One layer of a network spec as its JSON, on one line (as messages quote it). */
    public static String writeLine(LayerSpec layer) {
        return RecordJson.write(layer, LayerSpec.class).toString();
    }

    /** Parses a network spec; errors name the JSON path and what is allowed. */
    public static NetworkSpec readNetwork(String json) {
        return JsonInput.parse(json, "The network spec", v -> (NetworkSpec) RecordJson.read(v.node(), NetworkSpec.class, "$"));
    }

    public static String write(TrainingConfig config) {
        return text(RecordJson.write(config, TrainingConfig.class));
    }

    /**
     * {@code config} as one line of JSON holding only what differs from {@link TrainingConfig#DEFAULT}
     * (a field of a plain record such as {@code regularization} alone; an optimizer, schedule, loss or
     * the layers whole): what {@link #readTrainingConfig} reads back to {@code config}, so a model's
     * configuration can be given again as {@code -config-json} / {@code configJson}. A category
     * embedding's blocks and a periodic embedding's inputs are left out (the data it trains on resolves
     * them: another fold's rows may have other inputs), as a spec gives them.
     */
    public static String writeChanges(TrainingConfig config) {
        TrainingConfig given = config.withNetwork(config.network().withInputsUnresolved());
        JsonNode changes = changes(RecordJson.write(given, TrainingConfig.class), RecordJson.write(TrainingConfig.DEFAULT, TrainingConfig.class));
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            write(g, changes == null ? JsonNodeFactory.instance.objectNode() : changes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** {@code n} through a streaming generator: a tree's own {@code toString} would load the databind mapper. */
    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        if (n.isObject()) {
            g.writeStartObject();
            for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> f = it.next();
                g.writeFieldName(f.getKey());
                write(g, f.getValue());
            }
            g.writeEndObject();
        } else if (n.isArray()) {
            g.writeStartArray();
            for (JsonNode e : n) write(g, e);
            g.writeEndArray();
        } else if (n.isTextual()) {
            g.writeString(n.textValue());
        } else if (n.isNumber()) {
            g.writeNumber(n.asText()); // as the node writes itself (a float as a float)
        } else if (n.isBoolean()) {
            g.writeBoolean(n.booleanValue());
        } else {
            g.writeNull();
        }
    }

    /**
     * What of {@code value} differs from {@code base}, null when nothing: field by field in an object
     * without a "type" (a plain record, whose absent fields a reader takes from the defaults), whole
     * otherwise (a typed object's absent fields would take its type's defaults, not the base's).
     */
    private static JsonNode changes(JsonNode value, JsonNode base) {
        if (value.equals(base)) return null;
        if (!value.isObject() || base == null || !base.isObject() || value.has("type") || base.has("type")) return value;
        com.fasterxml.jackson.databind.node.ObjectNode out = JsonNodeFactory.instance.objectNode();
        value.fields().forEachRemaining(f -> {
            JsonNode c = changes(f.getValue(), base.get(f.getKey()));
            if (c != null) out.set(f.getKey(), c);
        });
        return out;
    }

    /** Parses a training configuration; absent fields take {@link TrainingConfig#DEFAULT}'s values. */
    public static TrainingConfig readTrainingConfig(String json) {
        return JsonInput.parse(json, "The training config", SpecFormat::trainingConfig);
    }

    /** {@link #readTrainingConfig(String)} of a file, read as every Dendrite JSON file is; errors name the file. */
    public static TrainingConfig readTrainingConfig(java.nio.file.Path file) throws java.io.IOException {
        return JsonInput.read(file, SpecFormat::trainingConfig);
    }

    private static TrainingConfig trainingConfig(JsonValue v) {
        return (TrainingConfig) RecordJson.readWithDefaults(v.node(), TrainingConfig.class, TrainingConfig.DEFAULT, "$");
    }

    public static String write(Optimizer optimizer) {
        return text(RecordJson.write(optimizer, Optimizer.class));
    }

    public static Optimizer readOptimizer(String json) {
        return (Optimizer) readLenient(json, "The optimizer", Optimizer.class);
    }

    /** The optimizer registered as {@code name} with its defaults but {@code learningRate}. */
    public static Optimizer optimizer(String name, double learningRate) {
        com.fasterxml.jackson.databind.node.ObjectNode o = mapper().createObjectNode();
        // a flat option's name, in any case, as the activation's and scaling's are read
        o.put("type", name == null ? null : name.trim().toLowerCase(java.util.Locale.ROOT));
        o.put("learningRate", learningRate);
        return (Optimizer) RecordJson.read(o, Optimizer.class, "$");
    }

    /**
     * {@code optimizer} with its field {@code field} (a record component such as {@code learningRate}
     * or {@code weightDecay}) set to {@code value}, validated by the optimizer's constructor; an
     * optimizer without that field is an error naming the field and the ones it has.
     */
    public static Optimizer optimizerWith(Optimizer optimizer, String field, double value) {
        JsonNode tree = RecordJson.write(optimizer, Optimizer.class);
        com.fasterxml.jackson.databind.node.ObjectNode o;
        if (tree.isObject()) {
            o = (com.fasterxml.jackson.databind.node.ObjectNode) tree;
        } else {
            o = mapper().createObjectNode();
            o.put("type", tree.textValue());
        }
        boolean known = false;
        for (java.lang.reflect.RecordComponent c : optimizer.getClass().getRecordComponents()) known |= c.getName().equals(field);
        if (!known) {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (java.lang.reflect.RecordComponent c : optimizer.getClass().getRecordComponents()) names.add(c.getName());
            throw org.dendrite.core.check.Check.invalid(field, "The optimizer " + optimizer.name() + " has no " + field + " (its fields: "
                    + String.join(", ", names) + ")");
        }
        o.put(field, value);
        try {
            return (Optimizer) RecordJson.read(o, Optimizer.class, "$");
        } catch (ModelFormatException e) {
            throw org.dendrite.core.check.Check.invalid(field, "Invalid " + field + " for the optimizer " + optimizer.name() + ": " + value
                    + " (" + e.getMessage() + ")");
        }
    }

    public static String write(Schedule schedule) {
        return text(RecordJson.write(schedule, Schedule.class));
    }

    public static Schedule readSchedule(String json) {
        return (Schedule) readLenient(json, "The schedule", Schedule.class);
    }

    /** A bare name like {@code adam} is accepted as well as JSON. */
    private static Object readLenient(String text, String source, Class<?> family) {
        String t = text.trim();
        java.util.function.Function<JsonValue, Object> reader = v -> RecordJson.read(v.node(), family, "$");
        if (!t.startsWith("{") && !t.startsWith("\"")) {
            return JsonInput.apply(source, com.fasterxml.jackson.databind.node.TextNode.valueOf(t), reader);
        }
        return JsonInput.parse(t, source, reader);
    }

    static String text(JsonNode n) {
        try {
            return mapper().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
