package org.dendrite.spark;

import java.io.Serializable;

/**
 * One partition's training rows, or its held-out validation rows ({@code heldOut}), as dense
 * float32 arrays (already preprocessed), cached once: features row-major, targets (class index or
 * standardized value), weights, and the global index of the first row among the training rows.
 */
record Block(int partition, boolean heldOut, long offset, int rows, int width, float[] features, float[] targets, float[] weights)
        implements Serializable {}
