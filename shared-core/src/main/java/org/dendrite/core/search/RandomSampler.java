package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.data.Seeds;

/**
 * Random search (Bergstra and Bengio 2012): every parameter drawn independently from its
 * distribution. With a few important parameters among many, it tries far more distinct values of
 * each than a grid of the same size: the sound default.
 */
public record RandomSampler() implements Sampler {
    private static final long serialVersionUID = 1L;

    @Override public String name() { return "random"; }

    @Override
    public List<Candidate> propose(SearchSpace space, int count, int round, int proposed, List<TrialRecord> ranked, long seed) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(space.sample(Seeds.searchDraw(seed, proposed + i)));
        return out;
    }
}
