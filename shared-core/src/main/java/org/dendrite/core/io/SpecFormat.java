package org.dendrite.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.schedule.Schedule;
import org.dendrite.core.train.TrainingConfig;

/**
 * The JSON network spec (the same text the Weka and Spark wrappers accept) and the training
 * configuration as JSON. Grammar and examples: docs/model-format.md.
 */
public final class SpecFormat {
    /** Floats are parsed as exact decimals, so each float32 written with its shortest repr reads back bit for bit. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private SpecFormat() {}

    public static String write(NetworkSpec spec) {
        return text(RecordJson.write(spec, NetworkSpec.class));
    }

    /** Parses a network spec; errors name the JSON path and what is allowed. */
    public static NetworkSpec readNetwork(String json) {
        return (NetworkSpec) RecordJson.read(parse(json, "network spec"), NetworkSpec.class, "$");
    }

    public static String write(TrainingConfig config) {
        return text(RecordJson.write(config, TrainingConfig.class));
    }

    /** Parses a training configuration; absent fields take {@link TrainingConfig#DEFAULT}'s values. */
    public static TrainingConfig readTrainingConfig(String json) {
        JsonNode n = parse(json, "training config");
        return (TrainingConfig) RecordJson.readWithDefaults(n, TrainingConfig.class, TrainingConfig.DEFAULT, "$");
    }

    public static String write(Optimizer optimizer) {
        return text(RecordJson.write(optimizer, Optimizer.class));
    }

    public static Optimizer readOptimizer(String json) {
        return (Optimizer) RecordJson.read(parseLenient(json), Optimizer.class, "$");
    }

    /** The optimizer registered as {@code name} with its defaults but {@code learningRate}. */
    public static Optimizer optimizer(String name, double learningRate) {
        com.fasterxml.jackson.databind.node.ObjectNode o = MAPPER.createObjectNode();
        o.put("type", name);
        o.put("learningRate", learningRate);
        return (Optimizer) RecordJson.read(o, Optimizer.class, "$");
    }

    public static String write(Schedule schedule) {
        return text(RecordJson.write(schedule, Schedule.class));
    }

    public static Schedule readSchedule(String json) {
        return (Schedule) RecordJson.read(parseLenient(json), Schedule.class, "$");
    }

    /** A bare name like {@code adam} is accepted as well as JSON. */
    private static JsonNode parseLenient(String text) {
        String t = text.trim();
        if (!t.startsWith("{") && !t.startsWith("\"")) {
            return MAPPER.getNodeFactory().textNode(t);
        }
        return parse(t, "spec");
    }

    static JsonNode parse(String json, String what) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new ModelFormatException("The " + what + " is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("The " + what + " is not valid JSON (truncated or malformed) at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
