package org.dendrite.core.optim;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.tensor.FlushToZero;

/**
 * The mutable side of an optimizer: the step count and named per-parameter buffers (created
 * lazily as zeros, like PyTorch's {@code state[p]}). {@link #step} updates every parameter from the
 * gradient currently stored in it.
 */
public abstract class OptimizerState implements Serializable {
    private static final long serialVersionUID = 1L;

    protected final List<Parameter> parameters;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();
    /** Named scalars of the whole state (L-BFGS's step length, curvature estimate and counters), kept as doubles. */
    private final Map<String, Double> scalars = new LinkedHashMap<>();
    /**
     * The same buffers by parameter index and buffer name: the lookup every step makes, without
     * building the {@code parameterName.bufferName} key (rebuilt lazily after deserialization or a restore).
     */
    private transient Map<String, float[]>[] byParameter;
    private long step;
    /** Steps between two {@link #flushNegligible} passes. */
    static final int FLUSH_EVERY = 16;

    protected OptimizerState(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /**
     * Evaluates {@code objective} (loss and gradients at the current parameters) and applies one
     * update; returns the loss before the update. Optimizers that need several evaluations per step
     * override this.
     */
    public double step(double learningRate, Objective objective) {
        double loss = objective.evaluate();
        if (Double.isFinite(loss)) {
            step(learningRate);
        }
        return loss;
    }

    /** Applies one update with learning rate {@code learningRate} from the gradients stored in the parameters. */
    public void step(double learningRate) {
        step++;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            update(i, p.value(), p.grad(), learningRate);
        }
        if (step % FLUSH_EVERY == 0) {
            flushNegligible();
        }
    }

    /**
     * Sets weights and optimizer buffers below 2^-100 to zero ({@link FlushToZero}): the weights of
     * dead units and the moments of unused weights decay toward the subnormal range, where every
     * product with them is up to 100 times slower. Values cross from 2^-100 into that range over
     * many steps (Adam's first moment, the fastest, in about 170), so a pass every
     * {@link #FLUSH_EVERY} steps keeps them out at a sixteenth of a pass per step, and the update
     * loops themselves stay exactly PyTorch's.
     */
    protected void flushNegligible() {
        for (Parameter p : parameters) FlushToZero.flush(p.value());
        for (float[] b : buffers.values()) FlushToZero.flush(b);
    }

    /** Counts one step for optimizers that override {@link #step(double, Objective)} without calling {@link #step(double)}. */
    protected void countStep() {
        step++;
    }

    /** Updates parameter {@code index} (values {@code w}, gradient {@code g}) for step {@link #steps()}. */
    protected abstract void update(int index, float[] w, float[] g, double learningRate);

    /** The parameters this state updates. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The number of steps taken so far. */
    public long steps() {
        return step;
    }

    /** The buffer {@code name} of parameter {@code index}, created as zeros on first use. */
    protected float[] buffer(int index, String name) {
        if (byParameter == null) {
            @SuppressWarnings("unchecked")
            Map<String, float[]>[] maps = new Map[parameters.size()];
            byParameter = maps;
        }
        Map<String, float[]> own = byParameter[index];
        if (own == null) {
            own = new java.util.HashMap<>();
            byParameter[index] = own;
        }
        float[] b = own.get(name);
        if (b == null) {
            Parameter p = parameters.get(index);
            b = buffers.computeIfAbsent(p.name() + "." + name, k -> new float[p.size()]);
            own.put(name, b);
        }
        return b;
    }

    /**
     * A buffer of the whole state rather than of one parameter (L-BFGS keeps its history over the
     * parameters as one flat vector), saved under {@code name}; created as zeros of {@code length}
     * on first use, or re-created when a different length is asked for.
     */
    protected float[] globalBuffer(String name, int length) {
        float[] b = buffers.get(name);
        if (b == null || b.length != length) {
            b = new float[length];
            buffers.put(name, b);
        }
        return b;
    }

    /** True when the global buffer {@code name} exists. */
    protected boolean hasGlobalBuffer(String name) {
        return buffers.containsKey(name);
    }

    /** The scalar {@code name}, or {@code absent} when it has not been set. */
    protected double scalar(String name, double absent) {
        Double v = scalars.get(name);
        return v == null ? absent : v;
    }

    /** Sets the scalar {@code name}. */
    protected void setScalar(String name, double value) {
        scalars.put(name, value);
    }

    /** True when the scalar {@code name} has been set (the state is not fresh). */
    protected boolean hasScalar(String name) {
        return scalars.containsKey(name);
    }

    /** True when the buffer exists (PyTorch's "state not yet initialised" test). */
    protected boolean hasBuffer(int index, String name) {
        if (byParameter != null && byParameter[index] != null && byParameter[index].containsKey(name)) {
            return true;
        }
        if (buffers.containsKey(parameters.get(index).name() + "." + name)) {
            buffer(index, name); // restored from a checkpoint: remember it by index
            return true;
        }
        return false;
    }

    /** The per-parameter buffers ({@code parameterName.bufferName}, of the parameter's size) this optimizer keeps, by buffer name. */
    protected java.util.Set<String> parameterBuffers() {
        return java.util.Set.of();
    }

    /**
     * The length a saved buffer {@code name} (a checkpoint's) must have in this state, or -1 when this
     * optimizer keeps no buffer of that name: a per-parameter buffer ({@link #parameterBuffers}) has its
     * parameter's size; optimizers with other buffers (L-BFGS's history, Nadam's running product) say theirs.
     */
    public int bufferLength(String name) {
        Parameter p = parameterOf(name);
        return p != null && parameterBuffers().contains(name.substring(p.name().length() + 1)) ? p.size() : -1;
    }

    /**
     * The per-parameter buffers that hold a running sum or mean of squares or magnitudes (PyTorch's
     * names: Adam's, AdamW's and Nadam's second moments, AdaMax's infinity norm, Adagrad's sum,
     * RMSprop's and Adadelta's averages): never negative (a negative one made the step's root NaN,
     * reported as a divergence).
     */
    private static final java.util.Set<String> NON_NEGATIVE = java.util.Set.of("exp_avg_sq", "max_exp_avg_sq", "exp_inf", "sum", "square_avg",
            "acc_delta");

    /** Why saved buffer {@code name} of {@code values} (a checkpoint's, of its {@link #bufferLength}) cannot be this state's, or null. */
    public String bufferProblem(String name, float[] values) {
        if (!NON_NEGATIVE.contains(name.substring(name.lastIndexOf('.') + 1))) return null;
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0)) return "holds " + values[i] + " at index " + i + "; a running sum or mean of squares is >= 0";
        }
        return null;
    }

    /** The parameter a buffer named {@code parameterName.bufferName} belongs to, or null. */
    protected Parameter parameterOf(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) return null;
        for (Parameter p : parameters) if (p.name().equals(name.substring(0, dot))) return p;
        return null;
    }

    /** Why a saved scalar {@code name} of value {@code value} cannot be this state's (null when it can be); by default none is. */
    public String scalarProblem(String name, double value) {
        return "this optimizer keeps no scalars";
    }

    /** All buffers by {@code parameterName.bufferName} (or a global buffer's name). */
    public Map<String, float[]> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** The state as data: step count, buffers and scalars, copied (what checkpoints and rollbacks keep). */
    public Snapshot snapshot() {
        Map<String, float[]> b = new LinkedHashMap<>();
        buffers.forEach((k, v) -> b.put(k, v.clone()));
        return new Snapshot(step, b, new LinkedHashMap<>(scalars));
    }

    /** Restores a {@link #snapshot()} (its arrays copied, so the snapshot can be restored again). */
    public void restore(Snapshot saved) {
        buffers.clear();
        scalars.clear();
        byParameter = null;
        saved.buffers().forEach((k, v) -> buffers.put(k, v.clone()));
        scalars.putAll(saved.scalars());
        this.step = saved.steps();
    }

    /** An optimizer state as plain named values, in the spirit of PyTorch's {@code state_dict()}. */
    public record Snapshot(long steps, Map<String, float[]> buffers, Map<String, Double> scalars) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Snapshot {
            buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
            scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
        }
    }
}
