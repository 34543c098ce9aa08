package org.dendrite.core.search;

/** Receives a search's progress after each committed training job (calls are serialized, never concurrent). */
public interface SearchListener {
    SearchListener NONE = p -> { };

    void onProgress(SearchProgress progress);

    /**
     * Called once before the first trial with the search's plan ({@code description}: the scheduler,
     * sampler, validation, metric and threads) and its planned epochs in all: a budget far larger than
     * meant is seen at once, not after the first trial or at the end.
     */
    default void onStart(String description, long plannedEpochs) {}
}
