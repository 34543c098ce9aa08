package org.dendrite.core.layer;

import java.io.Serializable;

/**
 * A learned tensor of a layer with its gradient, both flat float32 arrays of the same length.
 * {@code regularized} says whether weight penalties apply (weights yes, biases and norm scales no).
 */
public final class Parameter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final float[] value;
    private final transient float[] grad;
    private final boolean regularized;
    private final int fanIn;
    private final int fanOut;

    public Parameter(String name, float[] value, boolean regularized, int fanIn, int fanOut) {
        this.name = name;
        this.value = value;
        this.grad = new float[value.length];
        this.regularized = regularized;
        this.fanIn = fanIn;
        this.fanOut = fanOut;
    }

    public String name() { return name; }
    public float[] value() { return value; }
    public float[] grad() { return grad; }
    public boolean regularized() { return regularized; }
    public int fanIn() { return fanIn; }
    public int fanOut() { return fanOut; }
    public int size() { return value.length; }

    private Object readResolve() {
        return new Parameter(name, value, regularized, fanIn, fanOut);
    }

    @Override
    public String toString() {
        return name + "[" + value.length + "]";
    }
}
