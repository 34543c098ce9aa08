package org.dendrite.core.search;

/** Receives a search's progress after each committed training job (calls are serialized, never concurrent). */
public interface SearchListener {
    SearchListener NONE = p -> { };

    void onProgress(SearchProgress progress);
}
