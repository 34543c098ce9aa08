package org.dendrite.core.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.OptimizerState;
import org.dendrite.core.train.Checkpoint;
import org.dendrite.core.train.EarlyStopper;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.Provenance;
import org.dendrite.core.train.TrainingConfig;

/**
 * Training checkpoints as versioned JSON (docs/model-format.md, "Checkpoints"), in the spirit of
 * PyTorch's {@code state_dict()}: plain named values, never a serialized object graph. A checkpoint
 * holds the training configuration, the model as it stands (a model document: preprocessing, task,
 * network, weights and buffers, history), the loop's counters, the optimizer's buffers, scalars and
 * step count, early stopping's state with its best weights, the pruning masks and the frozen layers
 * with their values. Read through the one strict reader ({@link JsonInput}): every field type- and
 * shape-checked against the network, bounded memory, errors naming the file and the field; a newer
 * format version is refused.
 */
public final class CheckpointIO {
    /** The value of the top-level {@code format} field. */
    public static final String FORMAT = "dendrite-checkpoint";
    /** The format version this Dendrite writes and the newest it reads. */
    public static final int FORMAT_VERSION = 2;

    private static final String[] TOP_LEVEL = {"format", "formatVersion", "config", "model", "loop", "optimizer", "earlyStopping", "pruning",
        "frozen"};

    private CheckpointIO() {}

    public static void write(Checkpoint c, Path file) throws IOException {
        AtomicWrite.text(file, toJson(c));
    }

    public static Checkpoint read(Path file) throws IOException {
        return JsonInput.read(file, CheckpointIO::fromTree);
    }

    public static Checkpoint fromJson(String json) {
        return JsonInput.parse(json, "The checkpoint JSON", CheckpointIO::fromTree);
    }

    /** The network a checkpoint's weights belong to (its configuration's spec and the checkpoint's widths), holding them. */
    private static Network network(Checkpoint c) {
        Network net = Network.build(c.config().network(), c.inputWidth(), c.outputWidth(), c.config().seed());
        net.restore(c.network());
        return net;
    }

    public static String toJson(Checkpoint c) {
        ObjectNode root = SpecFormat.mapper().createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.set("config", RecordJson.write(c.config(), TrainingConfig.class));
        Network net = network(c);
        Model m = new Model(c.preprocessor(), net, c.config().lossFor(c.task()), c.task(), Provenance.of(c.config()), c.history());
        root.set("model", ModelIO.toTree(m));
        ObjectNode loop = root.putObject("loop");
        loop.put("epoch", c.epoch());
        loop.put("step", c.step());
        loop.put("clock", c.clock());
        loop.put("lrScale", c.lrScale());
        loop.put("rollbacks", c.rollbacks());
        if (c.rows() == null) {
            loop.putNull("rows");
        } else {
            loop.putObject("rows").put("count", c.rows().count()).put("fingerprint", c.rows().fingerprint());
        }
        ObjectNode opt = root.putObject("optimizer");
        opt.put("steps", c.optimizer().steps());
        ObjectNode bufs = opt.putObject("buffers");
        c.optimizer().buffers().forEach((k, v) -> floats(bufs.putArray(k), v));
        ObjectNode scalars = opt.putObject("scalars");
        c.optimizer().scalars().forEach(scalars::put);
        EarlyStopper.State es = c.earlyStopping();
        ObjectNode e = root.putObject("earlyStopping");
        if (Double.isFinite(es.best())) e.put("best", es.best()); else e.putNull("best");
        e.put("bestEpoch", es.bestEpoch());
        e.put("sinceBest", es.sinceBest());
        e.put("stopped", es.stopped());
        if (es.bestWeights() == null) {
            e.putNull("bestWeights");
        } else {
            ObjectNode w = e.putObject("bestWeights");
            arrays(w.putArray("parameters"), es.bestWeights().parameters());
            arrays(w.putArray("buffers"), es.bestWeights().buffers());
        }
        if (c.pruneMask() == null) root.putNull("pruning"); else arrays(root.putObject("pruning").putArray("masks"), c.pruneMask());
        ObjectNode frozen = root.putObject("frozen");
        frozen.put("layers", c.frozenLayers());
        arrays(frozen.putArray("values"), c.frozenValues());
        return SpecFormat.text(root);
    }

    private static Checkpoint fromTree(JsonValue root) {
        if (root.node() == null || !root.node().isObject()) {
            throw new ModelFormatException("Not a Dendrite checkpoint: the document is " + JsonValue.describe(root.node())
                    + ", expected a JSON object with \"format\": \"" + FORMAT + "\"");
        }
        JsonValue format = root.field("format");
        if (format.node() == null || !format.node().isTextual() || !FORMAT.equals(format.node().textValue())) {
            throw new ModelFormatException("Not a Dendrite checkpoint: $.format is " + JsonValue.describe(format.node()) + ", expected \"" + FORMAT
                    + "\"");
        }
        long version = root.field("formatVersion").integer(1, Long.MAX_VALUE);
        if (version > FORMAT_VERSION) {
            throw new ModelFormatException("$.formatVersion: unknown checkpoint format version " + version + "; this Dendrite ("
                    + Provenance.currentVersion() + ") reads versions up to " + FORMAT_VERSION + ". Upgrade Dendrite to read this checkpoint.");
        }
        root.object(TOP_LEVEL);
        JsonValue cv = root.field("config").object();
        // a checkpoint holds the configuration as training resolved it: a field it lacks was added later, and means
        // what it did before (l2FullRows: 0, the L2 as written)
        TrainingConfig before = TrainingConfig.DEFAULT.withRegularization(TrainingConfig.DEFAULT.regularization().forRows(1));
        TrainingConfig config = (TrainingConfig) RecordJson.readWithDefaults(cv.node(), TrainingConfig.class, before, cv.path());
        // 0 means "chosen from the rows" in a configuration to train with; a checkpoint's was chosen (it failed at the resume, bare)
        if (config.batchSize() < 1) throw cv.field("batchSize").error("is " + config.batchSize() + "; a checkpoint's batch size was chosen: >= 1");
        if (config.epochs() < 1) throw cv.field("epochs").error("is " + config.epochs() + "; a checkpoint's epochs were chosen: >= 1");
        java.util.List<org.dendrite.core.layer.LayerSpec> layers = config.network().layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof org.dendrite.core.layer.DenseSpec d && d.units() == 0) {
                // it failed with "must be resolved before it is built", naming no file or field
                throw new ModelFormatException(cv.path() + ".network.layers[" + i + "].units: is 0; a checkpoint's units were chosen: >= 1");
            }
        }
        Model model = ModelIO.fromTree(root.field("model").object());
        Network net = model.network();
        // a checkpoint from before periodic embeddings listed their inputs: such a layer embedded every input, as its model now lists
        // (listed only where the layers are the model's, whose size the model's values bound: another spec is refused below)
        if (!net.spec().equals(config.network()) && net.spec().withInputsUnresolved().equals(config.network().withInputsUnresolved())) {
            TrainingConfig listed = config.withNetwork(config.network().withEveryInputEmbedded(net.inputWidth()));
            if (net.spec().equals(listed.network())) config = listed;
        }
        if (!net.spec().equals(config.network())) {
            throw root.field("model").error("the model's network spec differs from $.config.network, the configuration it is trained with");
        }
        // the rows trained on since version 2 (null: not known in one place); version 1 did not record them
        JsonValue loop = version >= 2 ? root.field("loop").object("epoch", "step", "clock", "lrScale", "rollbacks", "rows")
                : root.field("loop").object("epoch", "step", "clock", "lrScale", "rollbacks");
        Checkpoint.Rows rows = null;
        if (version >= 2) {
            JsonValue r = loop.field("rows");
            if (r.node() == null) throw r.error("missing (null where the rows are not known in one place)");
            if (!r.absent()) {
                r.object("count", "fingerprint");
                rows = new Checkpoint.Rows(r.field("count").integer(0, Long.MAX_VALUE), r.field("fingerprint").integer(Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
        int epoch = loop.field("epoch").integer(0, Integer.MAX_VALUE);
        long step = loop.field("step").integer(0, Long.MAX_VALUE), clock = loop.field("clock").integer(0, Long.MAX_VALUE);
        double lrScale = loop.field("lrScale").finite();
        if (!(lrScale > 0 && lrScale <= 1)) throw loop.field("lrScale").error("is " + lrScale + "; allowed: 0 < lrScale <= 1 (1, divided by 10 per rollback)");
        int rollbacks = loop.field("rollbacks").integer(0, Integer.MAX_VALUE);
        if (model.history().size() != epoch) {
            throw loop.field("epoch").error("is " + epoch + " but the model's history records " + model.history().size() + " epochs");
        }
        // the file holds the layer statistics kept, not how many steps were sampled: taken up from the steps taken
        model.history().resumeStatistics(config.diagnostics().statisticsEvery(), step);

        JsonValue opt = root.field("optimizer").object("steps", "buffers", "scalars");
        long optimizerSteps = opt.field("steps").integer(0, Long.MAX_VALUE);
        // the buffers and scalars must be the configured optimizer's, of the lengths it keeps them at (a buffer of another
        // optimizer was taken and never used, a mis-sized one failed in the middle of a step)
        OptimizerState kinds = config.optimizer().newState(net.parameters());
        Map<String, float[]> buffers = new LinkedHashMap<>();
        JsonValue bufs = opt.field("buffers").object();
        for (String name : bufs.fieldNames()) {
            JsonValue b = bufs.field(name).array("numbers");
            int length = kinds.bufferLength(name);
            if (length < 0) {
                throw bufs.field(name).error("is not a buffer of the configured optimizer, " + config.optimizer().name() + " (a checkpoint "
                        + "holds its own optimizer's state)");
            }
            float[] v = new float[length];
            b.float32s(v);
            String problem = kinds.bufferProblem(name, v);
            if (problem != null) throw bufs.field(name).error(problem);
            buffers.put(name, v);
        }
        Map<String, Double> scalars = new LinkedHashMap<>();
        JsonValue sc = opt.field("scalars").object();
        for (String name : sc.fieldNames()) {
            double v = sc.field(name).finite();
            String problem = kinds.scalarProblem(name, v);
            if (problem != null) throw sc.field(name).error("is " + v + ": " + problem);
            scalars.put(name, v);
        }

        JsonValue e = root.field("earlyStopping").object("best", "bestEpoch", "sinceBest", "stopped", "bestWeights");
        Network.Snapshot best = null;
        JsonValue bw = e.field("bestWeights");
        if (bw.node() != null && !bw.node().isNull()) {
            bw.object("parameters", "buffers");
            best = new Network.Snapshot(arrays(bw.field("parameters"), sizes(net.parameters())), arrays(bw.field("buffers"),
                    net.buffers().values().stream().map(a -> a.length).toList()));
        }
        // both count epochs of this run, at most the epochs done: a larger sinceBest stopped the resumed run at once, or (the
        // largest int) overflowed on the next epoch and never stopped it
        EarlyStopper.State stopper = new EarlyStopper.State(e.field("best").finiteOrNull(), epochsAtMost(e.field("bestEpoch"), epoch),
                epochsAtMost(e.field("sinceBest"), epoch), e.field("stopped").bool(), best);

        List<float[]> masks = null;
        JsonValue pr = root.field("pruning");
        if (pr.node() != null && !pr.node().isNull()) {
            List<Integer> regularized = new ArrayList<>();
            for (Parameter p : net.parameters()) if (p.regularized()) regularized.add(p.size());
            masks = arrays(pr.object("masks").field("masks"), regularized);
        }
        JsonValue fr = root.field("frozen").object("layers", "values");
        int frozenLayers = fr.field("layers").integer(0, Integer.MAX_VALUE);
        List<Parameter> frozenParameters = new ArrayList<>();
        int parameterized = 0;
        for (org.dendrite.core.layer.Layer l : net.layers()) {
            if (l.parameters().isEmpty()) continue;
            if (parameterized++ < frozenLayers) frozenParameters.addAll(l.parameters());
        }
        if (parameterized < frozenLayers) {
            throw fr.field("layers").error("is " + frozenLayers + " but the network has " + parameterized + " layers with weights");
        }
        List<float[]> frozenValues = arrays(fr.field("values"), sizes(frozenParameters));
        for (int k = 0; k < frozenValues.size(); k++) {
            // every step writes the kept values back, so between steps the model holds them: values that differ are not this run's
            if (!java.util.Arrays.equals(frozenValues.get(k), frozenParameters.get(k).value())) {
                throw fr.field("values").array("arrays of numbers").elements().get(k).error("differs from the model's "
                        + JsonValue.quote(frozenParameters.get(k).name()) + "; a frozen layer keeps its values, so they must be the model's");
            }
        }
        return new Checkpoint(config, model.preprocessor(), model.task(), net.inputWidth(), net.outputWidth(), epoch, step, clock, lrScale, rollbacks,
                net.snapshot(), new OptimizerState.Snapshot(optimizerSteps, buffers, scalars), stopper, masks, frozenLayers, frozenValues,
                model.history(), rows);
    }

    /** A count of epochs, at most the {@code epochs} done ($.loop.epoch). */
    private static int epochsAtMost(JsonValue v, int epochs) {
        int n = v.integer(0, Integer.MAX_VALUE);
        if (n > epochs) throw v.error("is " + n + " but $.loop.epoch, the epochs done, is " + epochs + "; allowed: 0.." + epochs);
        return n;
    }

    private static List<Integer> sizes(List<Parameter> ps) {
        return ps.stream().map(Parameter::size).toList();
    }

    /** An array of float32 arrays of the given sizes, in order. */
    private static List<float[]> arrays(JsonValue a, List<Integer> sizes) {
        List<JsonValue> items = a.array("arrays of numbers").elements();
        if (items.size() != sizes.size()) {
            throw a.error("has " + items.size() + " arrays, expected " + sizes.size());
        }
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            JsonValue v = items.get(i).array("numbers");
            float[] f = new float[sizes.get(i)];
            v.float32s(f);
            out.add(f);
        }
        return out;
    }

    private static void arrays(ArrayNode into, List<float[]> arrays) {
        for (float[] v : arrays) floats(into.addArray(), v);
    }

    private static void floats(ArrayNode a, float[] v) {
        for (float x : v) a.add(x);
    }
}
