package org.dendrite.core.network;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.layer.DenseLayer;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.tensor.Matrix;

/** A feed-forward stack of built layers: forward in training or inference mode, backward, and its parameters. */
public final class Network implements Serializable {
    private static final long serialVersionUID = 1L;

    private final NetworkSpec spec;
    private final int inputWidth;
    private final int outputWidth;
    private final List<Layer> layers;
    private final List<Parameter> parameters;
    private transient Matrix[] outputs;
    private transient Matrix rowsBuffer;

    private Network(NetworkSpec spec, int inputWidth, int outputWidth, List<Layer> layers) {
        this.spec = spec;
        this.inputWidth = inputWidth;
        this.outputWidth = outputWidth;
        this.layers = Collections.unmodifiableList(layers);
        List<Parameter> ps = new ArrayList<>();
        for (Layer l : layers) {
            ps.addAll(l.parameters());
        }
        this.parameters = Collections.unmodifiableList(ps);
    }

    /**
     * A network Java-serialized before periodic embeddings listed their inputs (a Weka model file) has
     * a spec without them, for layers that embedded every input (PeriodicEmbeddingLayer reads so): its
     * spec lists them, as a model file of that time is read ({@link NetworkSpec#withEveryInputEmbedded}),
     * so that training it further builds the layers it has.
     */
    private Object readResolve() {
        NetworkSpec listed = spec.withEveryInputEmbedded(inputWidth);
        return listed == spec ? this : new Network(listed, inputWidth, outputWidth, new ArrayList<>(layers));
    }

    /**
     * Builds the hidden layers of {@code spec} for inputs of {@code inputWidth} (0 is allowed: data
     * with no input columns, the network then learns the target's prior through its biases), then a linear output
     * layer of {@code outputWidth} units; all weights drawn from a generator seeded with {@code seed}.
     */
    public static Network build(NetworkSpec spec, int inputWidth, int outputWidth, long seed) {
        if (inputWidth < 0) {
            throw new IllegalArgumentException("A network needs a non-negative input width, got " + inputWidth);
        }
        if (outputWidth < 1) {
            throw new IllegalArgumentException("A network needs at least 1 output, got " + outputWidth);
        }
        RandomGenerator rng = new SplittableRandom(seed);
        List<Layer> layers = new ArrayList<>();
        int width = inputWidth;
        int index = 0;
        if (spec.members() > 1) {
            layers.add(new org.dendrite.core.layer.MemberScaleLayer(inputWidth, spec.members(), rng));
        }
        for (LayerSpec s : spec.layers()) {
            for (Layer l : s.build(width, rng, index)) {
                if (l.inputWidth() != width) {
                    throw new IllegalStateException("Layer " + index + " takes " + l.inputWidth() + " inputs while the previous layer has " + width + " outputs");
                }
                layers.add(l);
                width = l.outputWidth();
            }
            index++;
        }
        layers.add(spec.members() > 1 ? new org.dendrite.core.layer.MemberHeadsLayer(width, outputWidth, spec.members(), rng)
                : new DenseLayer(width, outputWidth, true, Initializer.OUTPUT, rng, "output."));
        return new Network(spec, inputWidth, outputWidth, layers);
    }

    /**
     * The number of parameter and buffer values {@link #build} would allocate for these widths,
     * computed from the spec alone (no allocation); Long.MAX_VALUE when it exceeds the range of a long.
     */
    public static long stateSize(NetworkSpec spec, int inputWidth, int outputWidth) {
        try {
            // an ensemble's input scales (one per input and member)
            long n = spec.members() > 1 ? Math.multiplyExact((long) inputWidth, spec.members()) : 0;
            int[] w = spec.widths(inputWidth);
            for (int i = 0; i < spec.layers().size(); i++) n = Math.addExact(n, spec.layers().get(i).stateSize(w[i]));
            // the output layer (one head per member): weights and bias
            return Math.addExact(n, Math.multiplyExact(Math.multiplyExact((long) w[w.length - 1] + 1, outputWidth), spec.members()));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Bytes of training state per network value: the float32 value, its gradient and an optimizer's two buffers (Adam's). */
    public static final int TRAINING_BYTES_PER_VALUE = 16;

    /** Bytes per activation value of a batch: a layer's float32 output, its gradient, and what the layer keeps for its backward pass. */
    public static final int ACTIVATION_BYTES = 16;

    /**
     * The activation values of a batch of {@code rows} rows: each member's copy of the rows through
     * the input, every layer's output and the output layer's; Long.MAX_VALUE beyond a long.
     */
    public static long activationSize(NetworkSpec spec, int inputWidth, int outputWidth, long rows) {
        try {
            long widths = inputWidth;
            int[] w = spec.widths(inputWidth);
            for (int i = 0; i < spec.layers().size(); i++) {
                // what a layer keeps for its backward pass (periodic embeddings' cos and sin): 4 bytes a value, a quarter of an activation's
                widths = Math.addExact(widths, (spec.layers().get(i).keptPerRow(w[i]) + 3) / 4);
                widths = Math.addExact(widths, w[i + 1]);
            }
            return Math.multiplyExact(Math.multiplyExact(Math.addExact(widths, outputWidth), rows), spec.members());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The longest array a layer keeps for {@code rows} rows ({@link LayerSpec#keptPerRow}); Long.MAX_VALUE beyond a long. */
    private static long largestKeptArray(NetworkSpec spec, int inputWidth, long rows) {
        try {
            long most = 0;
            int[] w = spec.widths(inputWidth);
            for (int i = 0; i < spec.layers().size(); i++) {
                LayerSpec s = spec.layers().get(i);
                // an ensemble's members each take the batch's rows through the layers (members x rows)
                most = Math.max(most, Math.multiplyExact(Math.multiplyExact(s.keptPerRow(w[i]) / s.keptArrays(), rows), spec.members()));
            }
            return most;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Refuses, before anything is allocated, a network whose training would not fit in
     * {@code budgetBytes} ({@link #stateSize} values, each with its gradient and two optimizer
     * buffers, and the {@link #activationSize} of a batch of {@code batchRows} rows) or whose values
     * exceed what Java arrays index: a clear error naming the widths, the hidden units, the members and
     * the batch instead of an OutOfMemoryError or an integer overflow.
     */
    public static void requireFits(NetworkSpec spec, int inputWidth, int outputWidth, long batchRows, double budgetBytes) {
        requireFits(spec, inputWidth, outputWidth, batchRows, budgetBytes, true);
    }

    /**
     * {@link #requireFits}; {@code batchShrinks}: the batch counted is the training batch, which a
     * smaller batch size makes smaller (not where it is an evaluation's fixed chunk), so the refusal
     * advises it only then.
     */
    public static void requireFits(NetworkSpec spec, int inputWidth, int outputWidth, long batchRows, double budgetBytes, boolean batchShrinks) {
        requireFits(spec, inputWidth, outputWidth, batchRows, budgetBytes, batchShrinks, null, null);
    }

    /**
     * {@link #requireFits}, with {@code optimizer}'s state beyond the two buffers counted for any
     * ({@link org.dendrite.core.optim.Optimizer#extraBytesPerValue}; null: none): L-BFGS's history,
     * which a network within the budget filled past the heap partway through training; the refusal advising
     * {@code batchAdvice} (", ...") to make the batch smaller where it is not null: a distributed trainer's batch is a
     * partition's, which its own settings make smaller (null: a smaller batch where {@code batchShrinks}, fewer training
     * rows or another optimizer for a full-batch one).
     */
    public static void requireFits(NetworkSpec spec, int inputWidth, int outputWidth, long batchRows, double budgetBytes, boolean batchShrinks,
                                   org.dendrite.core.optim.Optimizer optimizer, String batchAdvice) {
        long n = stateSize(spec, inputWidth, outputWidth), a = activationSize(spec, inputWidth, outputWidth, batchRows);
        // one array must hold a layer's output, or what it keeps, for the whole batch
        long array = Math.max(a, largestKeptArray(spec, inputWidth, batchRows));
        double state = (double) TRAINING_BYTES_PER_VALUE * n, activations = (double) ACTIVATION_BYTES * a;
        double extra = optimizer == null ? 0 : (double) optimizer.extraBytesPerValue() * n;
        if (n <= Integer.MAX_VALUE && array <= Integer.MAX_VALUE && state + activations + extra <= budgetBytes) return;
        if (n <= Integer.MAX_VALUE && array <= Integer.MAX_VALUE && state + activations <= budgetBytes
                && optimizer instanceof org.dendrite.core.optim.Lbfgs l) {
            // the network fits; its optimizer's history does not
            long most = (long) Math.floor(((budgetBytes - state - activations) / n + 8) / 8 - org.dendrite.core.optim.Lbfgs.BUFFERS_BESIDE_HISTORY / 2.0);
            throw org.dendrite.core.check.Check.invalid("historySize", String.format(java.util.Locale.ROOT, "L-BFGS's historySize %d keeps "
                    + "%d vectors as long as the network's %,d values: with the network and a batch of %,d rows through it about %.0f MB, "
                    + "more than the %.0f MB allowed (%s). %s, or give the JVM more memory (-Xmx)", l.historySize(), 2 * l.historySize(),
                    n, batchRows, (state + activations + extra) / (1 << 20), budgetBytes / (1 << 20), org.dendrite.core.data.HeapBudget.describe(),
                    most >= 1 ? "Use a historySize of at most " + most + " (allowed: 1 to " + org.dendrite.core.optim.Lbfgs.MAX_HISTORY
                            + "), fewer hidden units" : "Use fewer hidden units"));
        }
        List<String> units = new ArrayList<>();
        for (LayerSpec l : spec.layers()) if (l instanceof org.dendrite.core.layer.DenseSpec d) units.add(Integer.toString(d.units()));
        if (units.size() > 8) {
            // a spec of thousands of layers: the first and the last few (the message listed every one, 400,000 characters)
            int all = units.size();
            units = new ArrayList<>(List.of(String.join(", ", units.subList(0, 4)), "... (" + all + " layers)", String.join(", ", units.subList(all - 2, all))));
        }
        String members = spec.members() > 1 ? String.format(java.util.Locale.ROOT, " in %,d members", spec.members()) : "";
        // an embedding's size is its own settings' (dimensions 2^31 - 1 was refused advising fewer hidden units only)
        StringBuilder embeddings = new StringBuilder();
        for (LayerSpec l : spec.layers()) {
            if (l instanceof org.dendrite.core.layer.CategoryEmbeddingSpec c && embeddings.indexOf("category") < 0) {
                embeddings.append(String.format(java.util.Locale.ROOT, ", fewer category embedding dimensions (%,d)", c.dimensions()));
            } else if (l instanceof org.dendrite.core.layer.PeriodicEmbeddingSpec p && embeddings.indexOf("periodic") < 0) {
                embeddings.append(String.format(java.util.Locale.ROOT, ", fewer periodic embedding frequencies (%,d) or dimensions (%,d)",
                        p.frequencies(), p.dimensions()));
            }
        }
        String values = n == Long.MAX_VALUE ? "more than 2^63" : String.format(java.util.Locale.ROOT, "%,d", n);
        String why = n > Integer.MAX_VALUE ? "more than one Java array indexes (" + Integer.MAX_VALUE + ")"
                : array > Integer.MAX_VALUE ? String.format(java.util.Locale.ROOT, "a batch of %,d rows through it has more activations than one Java "
                        + "array indexes (%d)", batchRows, Integer.MAX_VALUE)
                : String.format(java.util.Locale.ROOT, "with their gradients and optimizer state about %.0f MB, and a batch of %,d rows through it "
                        + "%.0f MB of activations: more than the %.0f MB allowed (%s)", state / (1 << 20), batchRows, activations / (1 << 20),
                        budgetBytes / (1 << 20), org.dendrite.core.data.HeapBudget.describe());
        throw org.dendrite.core.check.Check.invalid("units", String.format(java.util.Locale.ROOT, "The network for %d inputs and %d "
                + "outputs with hidden layers of %s units%s has %s values: %s%s. Use fewer hidden units%s%s or fewer input columns (a one-hot "
                + "nominal column counts one input per value)%s, or give the JVM more memory (-Xmx)", inputWidth, outputWidth,
                units.isEmpty() ? "no" : String.join(", ", units), members, values, why, widest(spec, inputWidth),
                spec.members() > 1 ? ", fewer members" : "", embeddings, batchAdvice != null ? batchAdvice : batchShrinks ? ", a smaller batch"
                        : optimizer != null && optimizer.requiresFullBatch() && batchRows > org.dendrite.core.train.Model.PREDICTION_BATCH
                        ? ", fewer training rows or another optimizer than " + optimizer.name() + " (its batch is every training row)" : ""));
    }

    /** Which layer of {@code spec} holds the most values a row (its output and what it keeps), as the refusal names it. */
    private static String widest(NetworkSpec spec, int inputWidth) {
        int i = 0;
        try {
            long most = inputWidth;
            String which = "the input";
            int[] w = new int[spec.layers().size() + 1];
            w[0] = inputWidth;
            for (; i < spec.layers().size(); i++) {
                LayerSpec s = spec.layers().get(i);
                w[i + 1] = s.outputWidth(w[i]);
                long row = Math.addExact(s.keptPerRow(w[i]), w[i + 1]);
                if (row > most) {
                    most = row;
                    which = "layer " + i + " (" + s.type() + ")";
                }
            }
            return String.format(java.util.Locale.ROOT, " (the widest part, %s, holds %,d values a row)", which, most);
        } catch (ArithmeticException e) {
            // stacked periodic embeddings, each multiplying the width
            return " (layer " + i + " (" + spec.layers().get(i).type() + ") would output more than 2^31 values a row)";
        }
    }

    public NetworkSpec spec() { return spec; }
    public int inputWidth() { return inputWidth; }
    public int outputWidth() { return outputWidth; }
    public List<Layer> layers() { return layers; }
    public List<Parameter> parameters() { return parameters; }

    /** The number of ensemble members: the forward pass outputs this many blocks of rows, member-major. */
    public int members() { return spec.members(); }

    /**
     * A tensor name two layers hold, or null: every PReLU activation names its slope "slope" (the model
     * format's known limit), so a network with two of them cannot be saved faithfully.
     */
    public String nameHeldTwice() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Parameter p : parameters) if (!names.add(p.name())) return p.name();
        return null;
    }

    /** The total number of learned values. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) n += p.size();
        return n;
    }

    /** Runs all layers; the result is owned by the last layer and valid until the next forward. */
    public Matrix forward(Matrix input, boolean training, RandomGenerator rng) {
        checkWidth(input);
        if (outputs == null) {
            outputs = new Matrix[layers.size()];
        }
        Matrix x = input;
        for (int i = 0; i < layers.size(); i++) {
            x = inference(layers.get(i), x, x != input, training, rng);
            outputs[i] = x;
        }
        return x;
    }

    /**
     * Inference on rows {@code [start, start + n)} of {@code input}: the first dense layer reads them
     * in place, so batched prediction over a large matrix copies nothing. The result is owned by the
     * last layer and valid until the next forward.
     */
    public Matrix forwardRows(Matrix input, int start, int n) {
        checkWidth(input);
        if (start < 0 || n < 0 || start + n > input.rows()) {
            throw new IllegalArgumentException("Rows " + start + ".." + (start + n) + " are outside the input's " + input.rows() + " rows");
        }
        Matrix x;
        if (layers.get(0) instanceof DenseLayer first) {
            x = first.forwardRows(input, start, n);
        } else {
            rowsBuffer = Matrix.reuse(rowsBuffer, n, inputWidth);
            System.arraycopy(input.data(), start * inputWidth, rowsBuffer.data(), 0, n * inputWidth);
            x = layers.get(0).forward(rowsBuffer, false, null);
        }
        for (int i = 1; i < layers.size(); i++) {
            x = inference(layers.get(i), x, x != input, false, null);
        }
        return x;
    }

    /**
     * One layer's forward; in inference an activation overwrites its input when that is a buffer of
     * this network ({@code owned}), never the caller's matrix.
     */
    private static Matrix inference(Layer layer, Matrix x, boolean owned, boolean training, RandomGenerator rng) {
        if (!training && owned && layer instanceof org.dendrite.core.layer.ActivationLayer a) {
            return a.forwardInPlace(x);
        }
        return layer.forward(x, training, rng);
    }

    private void checkWidth(Matrix input) {
        if (input.cols() != inputWidth) {
            throw new IllegalArgumentException("The network takes " + inputWidth + " inputs per row, got " + input.cols());
        }
    }

    /** The output of layer {@code i} in the last {@link #forward} (owned by the layer), or null. */
    public Matrix lastOutput(int i) {
        return outputs == null ? null : outputs[i];
    }

    /** All layers' buffers (batch-norm running statistics) by name: live arrays. */
    public java.util.Map<String, float[]> buffers() {
        java.util.Map<String, float[]> all = new java.util.LinkedHashMap<>();
        for (Layer l : layers) all.putAll(l.buffers());
        return all;
    }

    /** A deep copy of every parameter value and buffer, to {@link #restore} later. */
    public Snapshot snapshot() {
        List<float[]> p = new ArrayList<>();
        for (Parameter x : parameters) p.add(x.value().clone());
        List<float[]> b = new ArrayList<>();
        for (float[] x : buffers().values()) b.add(x.clone());
        return new Snapshot(p, b);
    }

    /** Writes a snapshot's values back into this network; refused unless it holds this network's tensors, of their sizes. */
    public void restore(Snapshot s) {
        List<float[]> own = new ArrayList<>(buffers().values());
        boolean fits = s.parameters().size() == parameters.size() && s.buffers().size() == own.size();
        for (int i = 0; fits && i < parameters.size(); i++) fits = s.parameters().get(i).length == parameters.get(i).size();
        for (int i = 0; fits && i < own.size(); i++) fits = s.buffers().get(i).length == own.get(i).length;
        if (!fits) {
            // a prefix copied silently would leave the rest of each tensor as it was
            throw new IllegalArgumentException("The weights to restore (" + s.parameters().size() + " tensors) are not of this network's "
                    + "shape (" + describe() + ")");
        }
        for (int i = 0; i < parameters.size(); i++) {
            System.arraycopy(s.parameters().get(i), 0, parameters.get(i).value(), 0, parameters.get(i).size());
        }
        for (int i = 0; i < own.size(); i++) System.arraycopy(s.buffers().get(i), 0, own.get(i), 0, own.get(i).length);
    }

    /** Parameter values and buffers at one point in training. */
    public record Snapshot(List<float[]> parameters, List<float[]> buffers) implements Serializable {
        /** The number of values held: every parameter's and buffer's. */
        public long values() {
            long n = 0;
            for (float[] p : parameters) n += p.length;
            for (float[] b : buffers) n += b.length;
            return n;
        }
    }

    /**
     * Monte-Carlo dropout pass (Gal and Ghahramani 2016): stochastic layers (dropout) sample as in
     * training, every other layer (batch norm!) runs in inference mode.
     */
    public Matrix forwardMonteCarlo(Matrix input, RandomGenerator rng) {
        checkWidth(input);
        Matrix x = input;
        for (Layer l : layers) {
            x = l.forward(x, l.stochastic(), rng);
        }
        return x;
    }

    /** True when some layer is stochastic, i.e. Monte-Carlo dropout has something to sample. */
    public boolean hasStochasticLayers() {
        for (Layer l : layers) {
            if (l.stochastic()) return true;
        }
        return false;
    }

    /** Back-propagates dLoss/dOutput of the last forward, leaving every parameter's gradient in place. */
    public void backward(Matrix gradOutput) {
        Matrix g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, i > 0);
        }
    }

    /** A multi-line description of the architecture. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("input(").append(inputWidth).append(")\n");
        for (Layer l : layers) {
            sb.append("  ").append(l.describe()).append('\n');
        }
        if (spec.dataInit() != DataInit.NONE) {
            sb.append("hidden layers started from the training rows (data init: ").append(spec.dataInit().label()).append(")\n");
        }
        sb.append(parameterCount()).append(" parameters");
        return sb.toString();
    }
}
