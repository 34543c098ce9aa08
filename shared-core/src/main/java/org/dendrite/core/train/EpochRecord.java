package org.dendrite.core.train;

import java.io.Serializable;

/** One line of the training history. */
public record EpochRecord(int epoch, double trainLoss, double learningRate, double seconds) implements Serializable {}
