package org.dendrite.core.activation;

import java.util.List;
import java.util.Locale;

/** Looks activations up by the names used in specs and options. */
public final class Activations {
    private Activations() {}

    /** The activations with their default settings, in the order options list them. */
    public static final List<Activation> ALL = List.of(new Identity(), new Sigmoid(), new Tanh(), new Relu(), new LeakyRelu(),
            new RRelu(), new PRelu(), new Elu(), new Selu(), new Gelu(), new Softplus(), new Softmax());

    /** The activation called {@code name} with default settings ("linear" is accepted for identity). */
    public static Activation byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (key.equals("linear")) {
            key = "identity";
        }
        for (Activation a : ALL) {
            if (a.name().equals(key)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown activation '" + name + "'; allowed: " + names());
    }

    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (Activation a : ALL) {
            sb.append(sb.length() == 0 ? "" : ", ").append(a.name());
        }
        return sb.toString();
    }
}
