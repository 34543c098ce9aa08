package org.dendrite.core.data;

import java.io.Serializable;

/**
 * One raw row of a sharded table as a distributed trainer reads it, checked by {@link RowCheck}:
 * the feature values, the label (a class index, or a number) and the instance weight (1 without a
 * weight column).
 */
public record LabeledRow(double[] features, double label, double weight) implements Serializable {}
