package org.dendrite.core.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.Task;
import org.dendrite.core.data.Whitening;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
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
    public static final int FORMAT_VERSION = 5;

    private ModelIO() {}

    public static void write(Model model, Path file) throws IOException {
        AtomicWrite.text(file, toJson(model));
    }

    public static void write(Model model, OutputStream out) throws IOException {
        out.write(toJson(model).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a model file. Every error (a missing or unreadable file, bytes that are not UTF-8, malformed
     * JSON, a field of the wrong type or range, shapes that do not match the weights) is a
     * {@link ModelFormatException} naming the file and the field; the file is never written.
     */
    public static Model read(Path file) throws IOException {
        return JsonInput.read(file, ModelIO::fromTree);
    }

    /** Reads a model from a stream (not closed); {@code sourceName} (e.g. the file's URI) names it in every error. */
    public static Model read(InputStream in, String sourceName) throws IOException {
        return JsonInput.read(in, sourceName, ModelIO::fromTree);
    }

    public static Model read(InputStream in) throws IOException {
        return read(in, "The model stream");
    }

    /** The model as JSON text. */
    public static String toJson(Model model) {
        return SpecFormat.text(toTree(model));
    }

    /** The model document as a JSON tree (a checkpoint embeds it). */
    static ObjectNode toTree(Model model) {
        ObjectNode root = SpecFormat.mapper().createObjectNode();
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
        ArrayNode unseen = pp.putArray("unseen");
        for (int[] u : pre.unseen()) {
            ArrayNode a = unseen.addArray();
            for (int i : u) a.add(i);
        }
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
        root.set("history", HistoryJson.write(model.history()));
        return root;
    }

    /** Reads a model from JSON text. */
    public static Model fromJson(String json) {
        return JsonInput.parse(json, "The model JSON", ModelIO::fromTree);
    }

    private static final String[] TOP_LEVEL = {"format", "formatVersion", "provenance", "task", "preprocessing", "network", "loss", "parameters",
        "buffers", "history"};
    /**
     * How many parameter and buffer values the network may declare beyond those the file holds and still
     * be built (so a short or missing tensor is reported by name): twice the values present plus this.
     * Beyond it the shapes are refused before anything is allocated.
     */
    static final long BUILD_SLACK = 1 << 16;

    /** Reads and checks every field of a model document (docs/model-format.md, "Models"). */
    static Model fromTree(JsonValue root) {
        if (root.node() == null || !root.node().isObject()) {
            throw new ModelFormatException("Not a Dendrite model: the document is " + JsonValue.describe(root.node())
                    + ", expected a JSON object with \"format\": \"" + FORMAT + "\"");
        }
        JsonValue format = root.field("format");
        if (format.node() == null || !format.node().isTextual() || !FORMAT.equals(format.node().textValue())) {
            throw new ModelFormatException("Not a Dendrite model: $.format is " + JsonValue.describe(format.node()) + ", expected \"" + FORMAT + "\"");
        }
        long version = root.field("formatVersion").integer(1, Long.MAX_VALUE);
        if (version > FORMAT_VERSION) {
            throw new ModelFormatException("$.formatVersion: unknown model format version " + version + "; this Dendrite ("
                    + Provenance.currentVersion() + ") reads versions up to " + FORMAT_VERSION + ". Upgrade Dendrite to read this model.");
        }
        root.object(TOP_LEVEL);
        Provenance provenance = provenance(root.field("provenance"));
        Task task = task(root.field("task"));
        Preprocessor pre = preprocessing(root.field("preprocessing"), (int) version);

        JsonValue nn = root.field("network").object("spec", "inputWidth", "outputWidth");
        NetworkSpec spec = (NetworkSpec) RecordJson.readComplete(nn.field("spec").object().node(), NetworkSpec.class, nn.field("spec").path(),
                (int) version);
        for (int i = 0; i < spec.layers().size(); i++) {
            if (spec.layers().get(i) instanceof org.dendrite.core.layer.DenseSpec d && d.units() == 0) {
                throw new ModelFormatException(nn.field("spec").path() + ".layers[" + i + "].units: 0 (chosen from the data when training starts) "
                        + "is not a trained model's; expected a whole number >= 1");
            }
        }
        if (!spec.layers().isEmpty() && spec.layers().get(0) instanceof org.dendrite.core.layer.CategoryEmbeddingSpec c
                && !c.resolve(pre.nominalBlocks()).equals(c)) {
            // the embedding reads one-hot blocks by position: other blocks would read numeric inputs or parts of a category's block
            throw new ModelFormatException(nn.field("spec").path() + ".layers[0].blocks: " + (c.blocks() == null ? "missing; a trained "
                    + "model's category embedding lists the blocks it embeds, which must be" : c.blocks() + " are not") + " the one-hot blocks of "
                    + "the nominal columns of at least " + c.minCategories() + " categories in $.preprocessing, "
                    + c.resolve(pre.nominalBlocks()).blocks() + " ([start, size] each)");
        }
        int in = nn.field("inputWidth").integer(0, Integer.MAX_VALUE);
        int out = nn.field("outputWidth").integer(1, Integer.MAX_VALUE);
        if (in != pre.outputWidth()) {
            throw new ModelFormatException("$.network.inputWidth is " + in + " but the preprocessing produces " + pre.outputWidth() + " inputs");
        }
        Loss loss = (Loss) RecordJson.readComplete(root.field("loss").node(), Loss.class, "$.loss", (int) version);
        if (loss == null) {
            throw new ModelFormatException("$.loss: missing (required: a loss name, e.g. \"softmax_cross_entropy\")");
        }
        int lossMembers = loss instanceof org.dendrite.core.loss.MemberMean m ? m.members() : 1;
        if (lossMembers != spec.members()) {
            throw new ModelFormatException("$.loss: the network has " + spec.members() + " ensemble member(s) ($.network.spec.members) but the "
                    + "loss " + (lossMembers == 1 ? "is not a member_mean" : "averages " + lossMembers + " members"));
        }
        Loss base = loss instanceof org.dendrite.core.loss.MemberMean m ? m.loss() : loss;
        if (task.isClassification() && !(base instanceof org.dendrite.core.loss.SoftmaxCrossEntropy)) {
            // one number an output where Weka and Spark read a probability per class (Weka's evaluation failed on its index)
            throw new ModelFormatException("$.loss: " + base.name() + " gives no probability per class, but the model is a classifier of "
                    + task.classCount() + " classes ($.task.classes); a classifier's loss is softmax_cross_entropy");
        }
        int needed = loss.outputWidth(1, task.classCount());
        if (needed < 1) {
            throw new ModelFormatException("$.loss: " + loss.name() + " needs the classes of a classifier, but $.task.classes is empty "
                    + "(a numeric target)");
        }
        if (out != needed) {
            throw new ModelFormatException("$.network.outputWidth is " + out + " but the loss " + loss.name() + " needs " + needed + " output"
                    + (needed == 1 ? "" : "s") + " for " + (task.isClassification() ? task.classCount() + " classes" : "a numeric target"));
        }
        Network net = network(spec, in, out, root.field("parameters").object(), root.field("buffers").object(), version < 5);
        JsonValue h = root.field("history");
        return new Model(pre, net, loss, task, provenance, h.node() == null ? new History() : HistoryJson.read(h));
    }

    private static Provenance provenance(JsonValue p) {
        p.object("dendriteVersion", "seed", "createdAt", "config");
        return new Provenance(p.field("dendriteVersion").string(), p.field("seed").integer(Long.MIN_VALUE, Long.MAX_VALUE),
                p.field("config").string(), p.field("createdAt").string());
    }

    private static Task task(JsonValue t) {
        t.object("target", "classes", "targetMean", "targetScale");
        String target = t.field("target").string();
        JsonValue cv = t.field("classes");
        List<String> classes = cv.distinctStrings("the class names");
        if (classes.size() == 1) {
            throw cv.error("has one class " + JsonValue.quote(classes.get(0)) + "; a classifier needs at least two (a numeric target has none)");
        }
        double mean = t.field("targetMean").finite();
        JsonValue sv = t.field("targetScale");
        double scale = sv.finite();
        if (!(scale > 0)) {
            throw sv.error("is " + scale + "; the target scale must be > 0");
        }
        if (!classes.isEmpty() && (mean != 0 || scale != 1)) {
            throw t.error("targetMean and targetScale are " + mean + " and " + scale + "; a classifier has 0 and 1");
        }
        return new Task(target, classes, mean, scale);
    }

    private static Preprocessor preprocessing(JsonValue pp, int version) {
        pp.object("config", "columns", "center", "scale", "indicator", "unseen", "whitening");
        JsonValue cv = pp.field("config");
        PreprocessingConfig pc = (PreprocessingConfig) RecordJson.readComplete(cv.object().node(), PreprocessingConfig.class, cv.path(), version);
        List<Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonValue c : pp.field("columns").array("columns ({\"name\": ..., \"categories\": [...]})").elements()) {
            c.object("name", "categories");
            JsonValue nv = c.field("name");
            String name = nv.string();
            if (name.isEmpty() || !names.add(name)) {
                throw nv.error(name.isEmpty() ? "a column needs a name" : JsonValue.quote(name) + " names two columns; column names must differ");
            }
            columns.add(new Column(name, c.field("categories").distinctStrings("the column's categories")));
        }
        int n = columns.size();
        JsonValue centerValue = pp.field("center");
        double[] center = centerValue.finiteNumbers(n);
        for (int i = 0; i < n; i++) {
            int k = columns.get(i).categories().size();
            if (k > 0 && (center[i] != Math.rint(center[i]) || center[i] < 0 || center[i] >= k)) {
                throw new ModelFormatException(centerValue.path() + "[" + i + "]: is " + center[i] + "; for the nominal column "
                        + JsonValue.quote(columns.get(i).name()) + " it is the index of its most frequent category, a whole number in 0.." + (k - 1));
            }
        }
        JsonValue scaleValue = pp.field("scale");
        double[] scale = scaleValue.finiteNumbers(n);
        for (int i = 0; i < n; i++) {
            if (!(scale[i] > 0)) {
                throw new ModelFormatException(scaleValue.path() + "[" + i + "]: is " + scale[i] + "; a scale (standard deviation) must be > 0");
            }
        }
        JsonValue indicatorValue = pp.field("indicator");
        boolean[] indicator = indicatorValue.booleans(n);
        int width = 0;
        for (int i = 0; i < n; i++) {
            if (indicator[i] && !pc.missingIndicators()) {
                throw new ModelFormatException(indicatorValue.path() + "[" + i + "]: is true but $.preprocessing.config.missingIndicators is false");
            }
            width += Math.max(1, columns.get(i).categories().size()) + (indicator[i] ? 1 : 0);
        }
        JsonValue w = pp.field("whitening");
        Whitening whitening = null;
        if (pc.whitening() == Whitening.Kind.NONE) {
            if (!w.absent()) {
                throw w.error("is present but $.preprocessing.config.whitening is none");
            }
        } else {
            w.object("kind", "mean", "transform");
            Whitening.Kind kind = (Whitening.Kind) RecordJson.readComplete(w.field("kind").node(), Whitening.Kind.class, w.field("kind").path(), version);
            if (kind != pc.whitening()) {
                throw w.field("kind").error("is " + JsonValue.describe(w.field("kind").node()) + " but $.preprocessing.config.whitening is "
                        + pc.whitening().name().toLowerCase(java.util.Locale.ROOT));
            }
            whitening = new Whitening(kind, w.field("mean").finiteNumbers(width), w.field("transform").finiteNumbers((long) width * width));
        }
        return new Preprocessor(columns, pc, center, scale, indicator, whitening, unseen(pp.field("unseen"), columns, version));
    }

    /** Per column, its categories without training rows (since version 4; absent before: none). */
    private static int[][] unseen(JsonValue u, List<Column> columns, int version) {
        if (u.absent()) {
            if (version >= 4) throw u.error("missing (since format version 4: per column, the categories without training rows)");
            return null;
        }
        if (version < 4) throw u.error("is a field of format version 4 and later; this file says version " + version);
        List<JsonValue> perColumn = u.array("arrays of category indices").elements();
        if (perColumn.size() != columns.size()) throw u.error("has " + perColumn.size() + " entries; there are " + columns.size() + " columns");
        int[][] out = new int[columns.size()][];
        for (int c = 0; c < out.length; c++) {
            List<JsonValue> e = perColumn.get(c).array("category indices").elements();
            int k = columns.get(c).categories().size();
            out[c] = new int[e.size()];
            for (int i = 0; i < out[c].length; i++) {
                out[c][i] = (int) e.get(i).integer(0, Math.max(0, k - 1));
                if (k == 0 || (i > 0 && out[c][i] <= out[c][i - 1])) {
                    throw e.get(i).error(k == 0 ? "a numeric column has no categories" : "indices must increase");
                }
            }
        }
        return out;
    }

    /**
     * Builds the network the spec describes and fills it from the file. The number of values it would
     * allocate is computed from the spec first and compared with the values the file holds, so a small
     * file cannot make the reader allocate a large network.
     */
    private static Network network(NetworkSpec spec, int in, int out, JsonValue params, JsonValue bufs, boolean everyInputEmbedded) {
        long present = 0;
        for (JsonValue group : List.of(params, bufs)) {
            for (String name : group.fieldNames()) present += group.field(name).array("numbers").size();
        }
        long expected;
        try {
            expected = Network.stateSize(spec, in, out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a layer that cannot take this input (a category embedding's blocks beyond it, or not listed)
            throw new ModelFormatException("$.network.spec: " + e.getMessage() + " (the model takes " + in + " inputs)", e);
        }
        if (expected > 2 * present + BUILD_SLACK) {
            throw new ModelFormatException("$.network.spec: the network it describes for " + in + " inputs and " + out + " outputs (widths "
                    + widths(spec, in, out) + ") has " + (expected == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(expected))
                    + " parameter and buffer values, but $.parameters and $.buffers hold " + present + "; refusing to build it");
        }
        // a periodic embedding in a file before version 5 embedded every input: its inputs listed now (after the size check above,
        // which bounds the widths by the values the file holds)
        if (everyInputEmbedded) spec = spec.withEveryInputEmbedded(in);
        Network net = Network.build(spec, in, out, 0);
        String twice = net.nameHeldTwice();
        if (twice != null) {
            // PReLU layers all name their slope "slope": the file holds one of them, so the model cannot be read faithfully
            throw new ModelFormatException("$.network.spec: two layers hold a tensor named " + JsonValue.quote(twice)
                    + " (e.g. two PReLU activations); the file keeps only one of them, so the model cannot be read faithfully");
        }
        Set<String> seen = new HashSet<>();
        for (Parameter p : net.parameters()) {
            JsonValue a = params.field(p.name());
            if (a.node() == null) {
                throw a.error("missing (the network spec needs it: " + p.size() + " numbers)");
            }
            a.float32s(p.value());
            seen.add(p.name());
        }
        rejectExtra(params, seen);
        Set<String> seenBuffers = new HashSet<>();
        for (Map.Entry<String, float[]> b : net.buffers().entrySet()) {
            JsonValue a = bufs.field(b.getKey());
            if (a.node() == null) {
                throw a.error("missing (the network spec needs it: " + b.getValue().length + " numbers)");
            }
            a.float32s(b.getValue());
            if (b.getKey().endsWith("running_var")) {
                // batch norm divides by sqrt(variance + eps): a negative variance saturates or makes NaN every prediction
                float[] v = b.getValue();
                for (int i = 0; i < v.length; i++) {
                    if (!(v[i] >= 0)) throw a.elements().get(i).error(v[i] + ": a running variance must be >= 0");
                }
            }
            seenBuffers.add(b.getKey());
        }
        rejectExtra(bufs, seenBuffers);
        return net;
    }

    /** "4 -> 64 -> 3", at most 12 widths. */
    private static String widths(NetworkSpec spec, int in, int out) {
        int[] w;
        try {
            w = spec.widths(in);
        } catch (ArithmeticException e) {
            return in + " -> (a layer wider than 2^31 values) -> " + out;
        }
        StringBuilder b = new StringBuilder().append(in);
        int shown = 1;
        for (int i = 1; i < w.length; i++) {
            if (w[i] == w[i - 1]) continue;
            if (++shown > 12) {
                b.append(" -> ...");
                break;
            }
            b.append(" -> ").append(w[i]);
        }
        return b.append(" -> ").append(out).toString();
    }

    private static void rejectExtra(JsonValue group, Set<String> known) {
        for (String n : group.fieldNames()) {
            if (!known.contains(n)) {
                throw group.field(n).error("does not belong to the network described by the spec (its tensors: "
                        + JsonValue.shorten(String.join(", ", known)) + ")");
            }
        }
    }

    private static void doubles(ArrayNode a, double[] v) {
        for (double x : v) a.add(x);
    }

    private static void floats(ArrayNode a, float[] v) {
        for (float x : v) a.add(x);
    }
}
