package org.dendrite.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.search.Candidate;
import org.dendrite.core.search.Choice;
import org.dendrite.core.search.Continuation;
import org.dendrite.core.search.Distribution;
import org.dendrite.core.search.IntUniform;
import org.dendrite.core.search.LogUniform;
import org.dendrite.core.search.Metric;
import org.dendrite.core.search.Sampler;
import org.dendrite.core.search.Scheduler;
import org.dendrite.core.search.SearchConfig;
import org.dendrite.core.search.SearchParameter;
import org.dendrite.core.search.SearchResult;
import org.dendrite.core.search.SearchSpace;
import org.dendrite.core.search.TrialRecord;
import org.dendrite.core.search.Uniform;
import org.dendrite.core.search.Validation;
import org.dendrite.core.train.TrainingConfig;

/**
 * The JSON of hyperparameter searches (docs/model-format.md, "Search spaces" and "Searches"): a
 * search space, a whole search configuration (space, sampler, scheduler, validation, metric), and
 * the trials table a search writes. Read through the one strict reader ({@link JsonInput}): errors
 * name the source, the JSON path and what is allowed; a newer format version is refused.
 */
public final class SearchFormat {
    /** The {@code format} of a search-space document. */
    public static final String SPACE_FORMAT = "dendrite-search-space";
    /** The {@code format} of a search document. */
    public static final String SEARCH_FORMAT = "dendrite-search";
    /** The {@code format} of a trials table. */
    public static final String TRIALS_FORMAT = "dendrite-search-trials";
    /** The version this Dendrite writes and the newest it reads, of search spaces and searches. */
    public static final int FORMAT_VERSION = 1;
    /**
     * The version of the trials table this Dendrite writes and the newest it reads: 2 records each
     * trial's configuration; version 1 tables (without them) are not read back.
     */
    public static final int TRIALS_FORMAT_VERSION = 2;

    private static final String[] DISTRIBUTIONS = {"log_uniform", "uniform", "int", "choice"};

    private SearchFormat() {}

    // ---- search spaces ----

    /** Parses a search space. */
    public static SearchSpace readSpace(String json) {
        return JsonInput.parse(json, "The search space", v -> space(v, SPACE_FORMAT));
    }

    /** Reads a search-space file; errors name the file. */
    public static SearchSpace readSpace(Path file) throws IOException {
        return JsonInput.read(file, v -> space(v, SPACE_FORMAT));
    }

    public static String writeSpace(SearchSpace space) {
        ObjectNode root = SpecFormat.mapper().createObjectNode();
        root.put("format", SPACE_FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.set("parameters", parameters(space));
        return SpecFormat.text(root);
    }

    private static ObjectNode parameters(SearchSpace space) {
        ObjectNode ps = SpecFormat.mapper().createObjectNode();
        for (SearchParameter p : space.parameters()) ps.set(p.name(), distribution(p.distribution()));
        return ps;
    }

    private static JsonNode distribution(Distribution d) {
        ObjectNode o = SpecFormat.mapper().createObjectNode();
        o.put("distribution", d.type());
        if (d instanceof LogUniform l) {
            o.put("min", l.min());
            o.put("max", l.max());
        } else if (d instanceof Uniform u) {
            o.put("min", u.min());
            o.put("max", u.max());
        } else if (d instanceof IntUniform i) {
            o.put("min", i.min());
            o.put("max", i.max());
            o.put("log", i.log());
        } else if (d instanceof Choice c) {
            o.set("values", values(c.values()));
        }
        return o;
    }

    private static ArrayNode values(List<Object> values) {
        ArrayNode a = SpecFormat.mapper().createArrayNode();
        for (Object v : values) a.add(value(v));
        return a;
    }

    private static JsonNode value(Object v) {
        if (v instanceof String s) return SpecFormat.mapper().getNodeFactory().textNode(s);
        if (v instanceof Boolean b) return SpecFormat.mapper().getNodeFactory().booleanNode(b);
        if (v instanceof Integer i) return SpecFormat.mapper().getNodeFactory().numberNode(i);
        if (v instanceof Double d) return Double.isFinite(d) ? SpecFormat.mapper().getNodeFactory().numberNode(d) : SpecFormat.mapper().getNodeFactory().nullNode();
        throw new IllegalArgumentException("Cannot write a " + v.getClass().getSimpleName() + " search value");
    }

    /** A space document: {@code format} and {@code formatVersion} optional (absent = version 1), {@code parameters} required. */
    private static SearchSpace space(JsonValue root, String format) {
        JsonValue o = root.object("format", "formatVersion", "parameters");
        header(o, format, "search space");
        JsonValue ps = o.field("parameters").object();
        List<SearchParameter> out = new ArrayList<>();
        for (String name : ps.fieldNames()) {
            JsonValue d = ps.field(name);
            try {
                out.add(new SearchParameter(name, distribution(d)));
            } catch (InvalidSettingException e) {
                throw d.error(e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw ps.error("a search space needs at least one parameter; allowed names: "
                    + String.join(", ", org.dendrite.core.search.ConfigParameters.names()));
        }
        return new SearchSpace(out);
    }

    /** The optional {@code format} / {@code formatVersion} pair of a search document. */
    private static void header(JsonValue o, String format, String what) {
        header(o, format, what, FORMAT_VERSION);
    }

    /** Checks {@code format} and {@code formatVersion} (absent = 1, at most {@code newest}); returns the version. */
    private static long header(JsonValue o, String format, String what, int newest) {
        JsonValue f = o.field("format");
        if (!f.absent() && !format.equals(f.string())) {
            throw f.error("expected \"" + format + "\" (a " + what + "), got " + JsonValue.describe(f.node()));
        }
        JsonValue v = o.field("formatVersion");
        if (v.absent()) return 1;
        long version = v.integer(1, Long.MAX_VALUE);
        if (version > newest) {
            throw v.error("unknown " + what + " format version " + version + "; this Dendrite (" + org.dendrite.core.train.Provenance.currentVersion()
                    + ") reads versions up to " + newest + ". Upgrade Dendrite to read it.");
        }
        return version;
    }

    /** A distribution: an object with {@code distribution} and its fields, or an array (a choice among its values). */
    private static Distribution distribution(JsonValue d) {
        if (d.node() != null && d.node().isArray()) {
            return new Choice(choiceValues(d));
        }
        JsonValue type = d.object().field("distribution");
        String t = type.string();
        return switch (t) {
            case "log_uniform" -> {
                d.object("distribution", "min", "max");
                yield new LogUniform(d.field("min").finite(), d.field("max").finite());
            }
            case "uniform" -> {
                d.object("distribution", "min", "max");
                yield new Uniform(d.field("min").finite(), d.field("max").finite());
            }
            case "int" -> {
                d.object("distribution", "min", "max", "log");
                JsonValue log = d.field("log");
                yield new IntUniform(d.field("min").integer(Integer.MIN_VALUE, Integer.MAX_VALUE), d.field("max").integer(Integer.MIN_VALUE,
                        Integer.MAX_VALUE), !log.absent() && log.bool());
            }
            case "choice" -> {
                d.object("distribution", "values");
                yield new Choice(choiceValues(d.field("values")));
            }
            default -> throw type.error("unknown distribution " + JsonValue.quote(t) + "; allowed: " + String.join(", ", DISTRIBUTIONS));
        };
    }

    private static List<Object> choiceValues(JsonValue a) {
        a.array("choices (strings, numbers or true/false)");
        if (a.size() == 0) throw a.error("a choice needs at least one value");
        List<Object> out = new ArrayList<>();
        for (JsonValue e : a.elements()) {
            JsonNode n = e.node();
            if (n.isTextual()) out.add(n.textValue());
            else if (n.isBoolean()) out.add(n.booleanValue());
            else if (n.isIntegralNumber()) out.add(e.integer(Integer.MIN_VALUE, Integer.MAX_VALUE));
            else if (n.isNumber()) out.add(e.finite());
            else throw e.error("expected a string, a number or true/false, got " + JsonValue.describe(n));
        }
        return out;
    }

    // ---- whole searches ----

    /** Parses a search configuration; absent fields take {@link SearchConfig#DEFAULT}'s values (no space: the default space). */
    public static SearchConfig readSearch(String json) {
        return JsonInput.parse(json, "The search", SearchFormat::search);
    }

    /** Reads a search file; errors name the file. */
    public static SearchConfig readSearch(Path file) throws IOException {
        return JsonInput.read(file, SearchFormat::search);
    }

    public static String writeSearch(SearchConfig c) {
        ObjectNode root = SpecFormat.mapper().createObjectNode();
        root.put("format", SEARCH_FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        if (c.space() == null) {
            root.putNull("space");
        } else {
            ObjectNode s = root.putObject("space");
            s.set("parameters", parameters(c.space()));
        }
        root.set("sampler", RecordJson.write(c.sampler(), Sampler.class));
        root.set("scheduler", RecordJson.write(c.scheduler(), Scheduler.class));
        root.set("validation", RecordJson.write(c.validation(), Validation.class));
        root.set("metric", RecordJson.write(c.metric(), Metric.class));
        root.set("continuation", RecordJson.write(c.continuation(), Continuation.class));
        root.put("threads", c.threads());
        return SpecFormat.text(root);
    }

    private static SearchConfig search(JsonValue root) {
        JsonValue o = root.object("format", "formatVersion", "space", "sampler", "scheduler", "validation", "metric", "continuation", "threads");
        header(o, SEARCH_FORMAT, "search");
        SearchConfig d = SearchConfig.DEFAULT;
        JsonValue sp = o.field("space");
        SearchSpace space = sp.absent() ? null : space(sp, SPACE_FORMAT);
        Sampler sampler = o.field("sampler").absent() ? d.sampler() : (Sampler) RecordJson.read(o.field("sampler").node(), Sampler.class, "$.sampler");
        Scheduler scheduler = o.field("scheduler").absent() ? d.scheduler()
                : (Scheduler) RecordJson.read(o.field("scheduler").node(), Scheduler.class, "$.scheduler");
        JsonValue va = o.field("validation");
        Validation validation = va.absent() ? d.validation()
                : (Validation) RecordJson.readWithDefaults(va.node(), Validation.class, Validation.DEFAULT, "$.validation");
        Metric metric = o.field("metric").absent() ? d.metric() : (Metric) RecordJson.read(o.field("metric").node(), Metric.class, "$.metric");
        Continuation cont = o.field("continuation").absent() ? d.continuation()
                : (Continuation) RecordJson.read(o.field("continuation").node(), Continuation.class, "$.continuation");
        int threads = o.field("threads").absent() ? d.threads() : o.field("threads").integer(0, Integer.MAX_VALUE);
        return new SearchConfig(space, sampler, scheduler, validation, metric, cont, threads);
    }

    // ---- the trials table ----

    /** A search's result as JSON: the search, the metric, the best trial and configuration, and every trial. */
    public static String trialsJson(SearchResult r) {
        ObjectNode root = SpecFormat.mapper().createObjectNode();
        root.put("format", TRIALS_FORMAT);
        root.put("formatVersion", TRIALS_FORMAT_VERSION);
        root.put("search", r.description());
        root.put("metric", r.metric().label());
        root.put("higherIsBetter", r.metric().higherIsBetter());
        root.put("seconds", r.seconds());
        root.put("best", r.best().id());
        root.set("bestConfig", RecordJson.write(r.bestConfig(), TrainingConfig.class));
        root.set("space", parameters(r.space()));
        ArrayNode trials = root.putArray("trials");
        for (TrialRecord t : r.trials()) {
            ObjectNode o = trials.addObject();
            o.put("id", t.id());
            o.put("bracket", t.bracket());
            ObjectNode ps = o.putObject("parameters");
            for (Map.Entry<String, Object> e : t.candidate().values().entrySet()) ps.set(e.getKey(), value(e.getValue()));
            o.set("config", RecordJson.write(t.config(), TrainingConfig.class));
            o.put("epochs", t.epochs());
            number(o, "score", t.score());
            o.put("complete", t.complete());
            o.put("seconds", t.seconds());
            o.put("epochsTrained", t.epochsTrained());
            ObjectNode rungs = o.putObject("rungs");
            t.rungScores().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> number(rungs, String.valueOf(e.getKey()), e.getValue()));
            ArrayNode curve = o.putArray("curve");
            for (double v : t.curve()) {
                if (Double.isFinite(v)) curve.add(v); else curve.addNull();
            }
            if (t.failure() == null) o.putNull("failure"); else o.put("failure", t.failure());
        }
        return SpecFormat.text(root);
    }

    /**
     * Reads a trials table back (Spark's {@code search-trials.json} beside a saved model): every
     * trial with its configuration, the best one, the metric, the space, the description and the
     * seconds; the refitted model is not part of it (null). Null for a version 1 table, which did not
     * record the trials' configurations. Errors name the field and what is allowed.
     */
    public static SearchResult readTrials(InputStream in, String source) throws IOException {
        return JsonInput.read(in, source, SearchFormat::trials);
    }

    private static SearchResult trials(JsonValue root) {
        JsonValue o = root.object("format", "formatVersion", "search", "metric", "higherIsBetter", "seconds", "best", "bestConfig", "space", "trials");
        // every trials table was written with both (a document without them, "{}", was taken for one of version 1)
        for (String f : List.of("format", "formatVersion")) {
            if (o.field(f).absent()) throw o.field(f).error("missing (required: a trials table has \"format\": \"" + TRIALS_FORMAT + "\" and its version)");
        }
        if (header(o, TRIALS_FORMAT, "trials table", TRIALS_FORMAT_VERSION) < 2) return null;
        Metric metric = (Metric) RecordJson.read(o.field("metric").node(), Metric.class, o.field("metric").path());
        ObjectNode spaceDoc = SpecFormat.mapper().createObjectNode();
        spaceDoc.set("parameters", o.field("space").object().node());
        SearchSpace space = space(new JsonValue(spaceDoc, o.field("space").path()), SPACE_FORMAT);
        List<TrialRecord> trials = new ArrayList<>();
        for (JsonValue t : o.field("trials").array("trials").elements()) {
            JsonValue e = t.object("id", "bracket", "parameters", "config", "epochs", "score", "complete", "seconds", "epochsTrained", "rungs",
                    "curve", "failure");
            java.util.LinkedHashMap<String, Object> values = new java.util.LinkedHashMap<>();
            JsonValue ps = e.field("parameters").object();
            for (String name : ps.fieldNames()) values.put(name, spaceValue(space, ps.field(name), name));
            for (SearchParameter p : space.parameters()) {
                if (!values.containsKey(p.name())) throw ps.error("lacks " + p.name() + ", a parameter of the table's space ($.space)");
            }
            java.util.Map<Integer, Double> rungs = new java.util.HashMap<>();
            JsonValue rs = e.field("rungs").object();
            for (String k : rs.fieldNames()) {
                int epochs;
                try {
                    epochs = Integer.parseInt(k);
                } catch (NumberFormatException x) {
                    throw rs.field(k).error("a rung is named by its epochs, a whole number; got " + JsonValue.quote(k));
                }
                rungs.put(epochs, rs.field(k).finiteOrNull());
            }
            List<JsonValue> cs = e.field("curve").array("curve").elements();
            double[] curve = new double[cs.size()];
            for (int i = 0; i < curve.length; i++) curve[i] = cs.get(i).finiteOrNull();
            JsonValue failure = e.field("failure");
            trials.add(new TrialRecord(e.field("id").integer(0, Integer.MAX_VALUE), e.field("bracket").integer(0, Integer.MAX_VALUE),
                    new Candidate(values), (TrainingConfig) RecordJson.readWithDefaults(e.field("config").node(), TrainingConfig.class,
                    TrainingConfig.DEFAULT, e.field("config").path()), e.field("epochs").integer(0, Integer.MAX_VALUE), e.field("score").finiteOrNull(),
                    curve, rungs, e.field("seconds").finite(), e.field("epochsTrained").integer(0, Integer.MAX_VALUE), e.field("complete").bool(),
                    failure.absent() || failure.node().isNull() ? null : failure.string()));
        }
        int bestId = o.field("best").integer(0, Integer.MAX_VALUE);
        TrialRecord best = trials.stream().filter(t -> t.id() == bestId).findFirst()
                .orElseThrow(() -> o.field("best").error("no trial has the best trial's id " + bestId));
        // a table where no trial has a score (every score undefined: what a search of an earlier version chose its first trial by, and
        // what a Spark model saved after it carries) is read as it was written; a search now refuses to choose so
        boolean noneScored = trials.stream().allMatch(t -> Double.isNaN(t.score()));
        if (best.failed() || (Double.isNaN(best.score()) && !noneScored)) {
            throw o.field("best").error("names trial " + bestId + ", which " + (best.failed() ? "failed" : "has no score") + "; the best trial "
                    + "is one with a score");
        }
        TrainingConfig bestConfig = (TrainingConfig) RecordJson.readWithDefaults(o.field("bestConfig").node(), TrainingConfig.class,
                TrainingConfig.DEFAULT, o.field("bestConfig").path());
        return new SearchResult(trials, best, bestConfig, metric, space, o.field("search").string(), o.field("seconds").finite(), null, 0);
    }

    /**
     * A trial's value of parameter {@code name}, which {@code space} must hold, as its distribution
     * draws it: a whole number of an int range, a number of another range, one of a choice's values
     * (a value of another kind failed where the table was used, as a ClassCastException).
     */
    private static Object spaceValue(SearchSpace space, JsonValue v, String name) {
        Distribution d = space.parameters().stream().filter(p -> p.name().equals(name)).map(SearchParameter::distribution).findFirst()
                .orElseThrow(() -> v.error("is not a parameter of the table's space ($.space: " + space.parameters().stream()
                        .map(SearchParameter::name).collect(java.util.stream.Collectors.joining(", ")) + ")"));
        Object value = trialValue(v);
        boolean ok = d instanceof Choice c ? c.values().contains(value) : d instanceof IntUniform ? value instanceof Integer : value instanceof Number;
        if (!ok) {
            throw v.error("is " + JsonValue.describe(v.node()) + "; allowed: " + (d instanceof Choice c ? "one of " + c.values()
                    : d instanceof IntUniform ? "a whole number" : "a number") + " (its distribution in $.space)");
        }
        return value;
    }

    /** A trial's parameter value as the sampler made it: a whole number, another number, a name or a switch. */
    private static Object trialValue(JsonValue v) {
        JsonNode n = v.node();
        if (n.isIntegralNumber() && n.canConvertToInt()) return n.intValue();
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) return n.textValue();
        if (n.isBoolean()) return n.booleanValue();
        throw v.error("a parameter value is a number, a name or true/false; got " + JsonValue.describe(n));
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) o.put(name, v); else o.putNull(name);
    }
}
