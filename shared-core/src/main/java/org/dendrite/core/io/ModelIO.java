package org.dendrite.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.Task;
import org.dendrite.core.data.Whitening;
import org.dendrite.core.diagnostics.LayerStatistics;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.train.EpochRecord;
import org.dendrite.core.train.History;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.Provenance;

/**
 * Reads and writes models in Dendrite's versioned JSON format (docs/model-format.md): network spec,
 * weights and buffers by name, preprocessing, task, loss, provenance and history. Readers reject
 * newer versions and malformed files with a {@link ModelFormatException} naming the problem.
 */
public final class ModelIO {
    /** The value of the top-level {@code format} field. */
    public static final String FORMAT = "dendrite-model";
    /** The format version this Dendrite writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private ModelIO() {}

    public static void write(Model model, Path file) throws IOException {
        Files.writeString(file, toJson(model), StandardCharsets.UTF_8);
    }

    public static void write(Model model, OutputStream out) throws IOException {
        out.write(toJson(model).getBytes(StandardCharsets.UTF_8));
    }

    public static Model read(Path file) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Model read(InputStream in) throws IOException {
        return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The model as JSON text. */
    public static String toJson(Model model) {
        ObjectNode root = SpecFormat.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        Provenance p = model.provenance();
        ObjectNode prov = root.putObject("provenance");
        prov.put("dendriteVersion", p.dendriteVersion());
        prov.put("seed", p.seed());
        prov.put("createdAt", p.createdAt());
        prov.put("config", p.config());
        Task t = model.task();
        ObjectNode task = root.putObject("task");
        task.put("target", t.targetName());
        ArrayNode classes = task.putArray("classes");
        t.classes().forEach(classes::add);
        task.put("targetMean", t.targetMean());
        task.put("targetScale", t.targetScale());
        Preprocessor pre = model.preprocessor();
        ObjectNode pp = root.putObject("preprocessing");
        pp.set("config", RecordJson.write(pre.config(), PreprocessingConfig.class));
        ArrayNode cols = pp.putArray("columns");
        for (Column c : pre.columns()) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            ArrayNode cats = o.putArray("categories");
            c.categories().forEach(cats::add);
        }
        doubles(pp.putArray("center"), pre.center());
        doubles(pp.putArray("scale"), pre.scale());
        ArrayNode ind = pp.putArray("indicator");
        for (boolean b : pre.indicator()) ind.add(b);
        if (pre.whitening() != null) {
            ObjectNode w = pp.putObject("whitening");
            w.put("kind", pre.whitening().kind().name().toLowerCase(java.util.Locale.ROOT));
            doubles(w.putArray("mean"), pre.whitening().mean());
            doubles(w.putArray("transform"), pre.whitening().transform());
        }
        Network net = model.network();
        ObjectNode nn = root.putObject("network");
        nn.set("spec", RecordJson.write(net.spec(), NetworkSpec.class));
        nn.put("inputWidth", net.inputWidth());
        nn.put("outputWidth", net.outputWidth());
        root.set("loss", RecordJson.write(model.loss(), Loss.class));
        ObjectNode params = root.putObject("parameters");
        for (Parameter q : net.parameters()) floats(params.putArray(q.name()), q.value());
        ObjectNode bufs = root.putObject("buffers");
        for (Map.Entry<String, float[]> b : net.buffers().entrySet()) floats(bufs.putArray(b.getKey()), b.getValue());
        try {
            root.set("history", SpecFormat.MAPPER.readTree(model.history().toJson()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SpecFormat.text(root);
    }

    /** Reads a model from JSON text. */
    public static Model fromJson(String json) {
        JsonNode root = SpecFormat.parse(json, "model file");
        if (!root.isObject()) {
            throw new ModelFormatException("Not a Dendrite model: the file is not a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new ModelFormatException("Not a Dendrite model: the field \"format\" is " + root.path("format") + ", expected \"" + FORMAT + "\"");
        }
        JsonNode v = root.get("formatVersion");
        if (v == null || !v.canConvertToInt()) {
            throw new ModelFormatException("The model file has no whole-number \"formatVersion\"");
        }
        int version = v.asInt();
        if (version > FORMAT_VERSION) {
            throw new ModelFormatException("Unknown model format version " + version + "; this Dendrite (" + Provenance.currentVersion()
                    + ") reads versions up to " + FORMAT_VERSION + ". Upgrade Dendrite to read this model.");
        }
        if (version < 1) {
            throw new ModelFormatException("Invalid model format version " + version + " (versions start at 1)");
        }
        JsonNode prov = req(root, "provenance");
        Provenance provenance = new Provenance(text(prov, "dendriteVersion"), prov.path("seed").asLong(), prov.path("config").asText(""),
                text(prov, "createdAt"));
        JsonNode tn = req(root, "task");
        List<String> classes = new ArrayList<>();
        req(tn, "classes").forEach(c -> classes.add(c.asText()));
        Task task = new Task(text(tn, "target"), classes, req(tn, "targetMean").asDouble(), req(tn, "targetScale").asDouble());

        JsonNode pp = req(root, "preprocessing");
        PreprocessingConfig pc = (PreprocessingConfig) RecordJson.readWithDefaults(req(pp, "config"), PreprocessingConfig.class,
                PreprocessingConfig.DEFAULT, "$.preprocessing.config");
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : req(pp, "columns")) {
            List<String> cats = new ArrayList<>();
            req(c, "categories").forEach(x -> cats.add(x.asText()));
            columns.add(new Column(text(c, "name"), cats));
        }
        double[] center = doubles(req(pp, "center"), columns.size(), "preprocessing.center");
        double[] scale = doubles(req(pp, "scale"), columns.size(), "preprocessing.scale");
        JsonNode indNode = req(pp, "indicator");
        if (indNode.size() != columns.size()) {
            throw new ModelFormatException("preprocessing.indicator has " + indNode.size() + " values for " + columns.size() + " columns");
        }
        boolean[] indicator = new boolean[columns.size()];
        for (int i = 0; i < indicator.length; i++) indicator[i] = indNode.get(i).asBoolean();
        Whitening whitening = null;
        if (pp.hasNonNull("whitening")) {
            JsonNode w = pp.get("whitening");
            Whitening.Kind kind = (Whitening.Kind) RecordJson.read(req(w, "kind"), Whitening.Kind.class, "$.preprocessing.whitening.kind");
            JsonNode mean = req(w, "mean");
            whitening = new Whitening(kind, doubles(mean, mean.size(), "whitening.mean"),
                    doubles(req(w, "transform"), mean.size() * mean.size(), "whitening.transform"));
        }
        Preprocessor pre = new Preprocessor(columns, pc, center, scale, indicator, whitening);

        JsonNode nn = req(root, "network");
        NetworkSpec spec = (NetworkSpec) RecordJson.read(req(nn, "spec"), NetworkSpec.class, "$.network.spec");
        int in = req(nn, "inputWidth").asInt(), out = req(nn, "outputWidth").asInt();
        if (in != pre.outputWidth()) {
            throw new ModelFormatException("network.inputWidth is " + in + " but the preprocessing produces " + pre.outputWidth() + " inputs");
        }
        Network net = Network.build(spec, in, out, 0);
        Loss loss = (Loss) RecordJson.read(req(root, "loss"), Loss.class, "$.loss");
        JsonNode params = req(root, "parameters");
        Set<String> seen = new HashSet<>();
        for (Parameter p : net.parameters()) {
            JsonNode a = params.get(p.name());
            if (a == null) {
                throw new ModelFormatException("parameters." + p.name() + " is missing (the network spec needs it)");
            }
            float[] values = floats(a, p.size(), "parameters." + p.name());
            System.arraycopy(values, 0, p.value(), 0, values.length);
            seen.add(p.name());
        }
        rejectExtra(params, seen, "parameters");
        JsonNode bufs = root.path("buffers");
        Set<String> seenBuffers = new HashSet<>();
        for (Map.Entry<String, float[]> b : net.buffers().entrySet()) {
            JsonNode a = bufs.get(b.getKey());
            if (a == null) {
                throw new ModelFormatException("buffers." + b.getKey() + " is missing (the network spec needs it)");
            }
            float[] values = floats(a, b.getValue().length, "buffers." + b.getKey());
            System.arraycopy(values, 0, b.getValue(), 0, values.length);
            seenBuffers.add(b.getKey());
        }
        if (bufs.isObject()) rejectExtra(bufs, seenBuffers, "buffers");
        return new Model(pre, net, loss, task, provenance, history(root.path("history")));
    }

    private static History history(JsonNode h) {
        History history = new History();
        for (JsonNode e : h.path("epochs")) {
            history.add(new EpochRecord(e.path("epoch").asInt(), num(e, "train_loss"), num(e, "validation_loss"), num(e, "validation_accuracy"),
                    num(e, "validation_auc"), num(e, "validation_rmse"), num(e, "learning_rate"), num(e, "seconds"), e.path("event").asText("")));
        }
        for (JsonNode r : h.path("step_learning_rates")) history.addStepRate(r.asDouble());
        for (JsonNode r : h.path("step_losses")) history.addStepLoss(r.isNull() ? Double.NaN : r.asDouble());
        for (JsonNode s : h.path("layer_statistics")) {
            history.addStatistics(new LayerStatistics(s.path("step").asLong(), s.path("layer").asInt(), s.path("name").asText(),
                    num(s, "gradient_norm"), num(s, "gradient_max_abs"), num(s, "weight_norm"), num(s, "update_ratio"), num(s, "activation_mean"),
                    num(s, "activation_std"), num(s, "dead_fraction"), num(s, "saturated_fraction")));
        }
        for (JsonNode w : h.path("warnings")) history.warn(w.asText());
        history.setBestEpoch(h.path("best_epoch").asInt(0));
        return history;
    }

    private static double num(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static void rejectExtra(JsonNode obj, Set<String> known, String where) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (!known.contains(n)) {
                throw new ModelFormatException(where + "." + n + " does not belong to the network described by the spec");
            }
        }
    }

    private static JsonNode req(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new ModelFormatException("The model file lacks the field \"" + field + "\"");
        }
        return n;
    }

    private static String text(JsonNode o, String field) {
        return req(o, field).asText();
    }

    private static void doubles(ArrayNode a, double[] v) {
        for (double x : v) a.add(x);
    }

    private static void floats(ArrayNode a, float[] v) {
        for (float x : v) a.add(x);
    }

    private static double[] doubles(JsonNode a, int n, String what) {
        if (!a.isArray() || a.size() != n) {
            throw new ModelFormatException(what + " has " + (a.isArray() ? a.size() : 0) + " values, expected " + n);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = a.get(i).asDouble();
        return v;
    }

    private static float[] floats(JsonNode a, int n, String what) {
        if (!a.isArray() || a.size() != n) {
            throw new ModelFormatException(what + " has " + (a.isArray() ? a.size() : 0) + " values, expected " + n);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            JsonNode x = a.get(i);
            if (!x.isNumber()) {
                throw new ModelFormatException(what + "[" + i + "] is " + x + ", expected a number");
            }
            v[i] = x.decimalValue().floatValue();
        }
        return v;
    }
}
