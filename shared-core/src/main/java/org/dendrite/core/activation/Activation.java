package org.dendrite.core.activation;

import java.io.Serializable;
import org.dendrite.core.init.Initializer;
import org.dendrite.core.layer.Layer;

/**
 * An activation function as it appears in a network spec. Stateless functions
 * ({@link ActivationFunction}) run inside a generic activation layer; the ones with learned
 * parameters or training-time randomness (PReLU, RReLU) build layers of their own.
 */
public interface Activation extends Serializable {
    /** The name used in JSON specs and option strings, e.g. {@code "relu"}. */
    String name();

    /** The initializer that suits the layer feeding this activation (He, LeCun or Glorot). */
    Initializer defaultInitializer();

    /** Builds the layer applying this activation to {@code width} units. */
    Layer newLayer(int width);

    /** The number of learned values the layer of {@link #newLayer} holds for {@code width} units (most hold none). */
    default long stateSize(int width) {
        return 0;
    }
}
