package org.dendrite.core.search;

import java.io.Serializable;
import java.util.List;

/**
 * Where a search's candidates come from: {@link RandomSampler} (the default), {@link GridSampler}
 * and the coarse-to-fine {@link ZoomSampler}. A sampler is a pure function of its arguments: draw
 * number {@code proposed + i} uses its own generator (seeded from the search seed and that number),
 * so the candidates do not depend on how the draws are batched.
 */
public sealed interface Sampler extends Serializable permits RandomSampler, GridSampler, ZoomSampler {
    /** The name in JSON and options. */
    String name();

    /**
     * Up to {@code count} candidates (fewer only when a finite grid runs out) for round {@code round}
     * (0-based), after {@code proposed} earlier draws, given the trials committed so far ranked best
     * first.
     */
    List<Candidate> propose(SearchSpace space, int count, int round, int proposed, List<TrialRecord> ranked, long seed);

    /** How many rounds the sampler wants a fixed number of trials split into (1 but for the zoom). */
    default int rounds() {
        return 1;
    }

    /** True when it learns from earlier results, so later trials must wait for them. */
    default boolean adaptive() {
        return false;
    }
}
