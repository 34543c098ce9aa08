package org.dendrite.core.search;

/** One rung of successive halving: how many trials train to how many epochs in all. */
public record Rung(int trials, int epochs) {}
