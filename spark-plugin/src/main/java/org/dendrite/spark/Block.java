package org.dendrite.spark;

import java.io.Serializable;

/**
 * One partition's training rows as dense float32 arrays (already preprocessed), cached once:
 * features row-major, targets (class index or standardized value), weights, and the partition's
 * first global row index.
 */
record Block(int partition, long offset, int rows, int width, float[] features, float[] targets, float[] weights) implements Serializable {}
