package org.dendrite.core.loss;

import java.util.List;
import java.util.Locale;

/** Looks losses up by the names used in specs and options. */
public final class Losses {
    private Losses() {}

    public static final List<Loss> ALL = List.of(new SoftmaxCrossEntropy(), new SigmoidBinaryCrossEntropy(),
            new MeanSquaredError(), new MeanAbsoluteError(), new Huber());

    public static Loss byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Loss l : ALL) {
            if (l.name().equals(key)) {
                return l;
            }
        }
        throw new IllegalArgumentException("Unknown loss '" + name + "'; allowed: softmax_cross_entropy, sigmoid_cross_entropy, mse, mae, huber");
    }
}
