package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dendrite.core.check.Check;
import org.dendrite.core.data.Seeds;

/**
 * Coarse-to-fine search, as the course notes teach it: a random search over the whole space first,
 * then in each later round random draws around the {@code top} best settings found so far, each
 * parameter within a window covering {@code shrink^round} of its range on its own scale (a choice
 * keeps the centre's value with probability 1 - shrink^round, or draws it again). Draw n of the search centres on the
 * (n mod top)-th best trial, however the draws are batched.
 */
public record ZoomSampler(int rounds, int top, double shrink) implements Sampler {
    private static final long serialVersionUID = 1L;

    public static final ZoomSampler DEFAULT = new ZoomSampler(3, 3, 0.5);

    public ZoomSampler {
        Check.atLeast("rounds", rounds, 1);
        Check.atLeast("top", top, 1);
        if (!(shrink > 0 && shrink < 1)) {
            throw Check.invalid("shrink", "Invalid shrink: " + shrink + " (allowed: 0 < shrink < 1, the share of each range kept per round)");
        }
    }

    @Override public String name() { return "zoom"; }

    @Override public int rounds() { return rounds; }

    @Override public boolean adaptive() { return true; }

    @Override
    public List<Candidate> propose(SearchSpace space, int count, int round, int proposed, List<TrialRecord> ranked, long seed) {
        List<TrialRecord> centres = new ArrayList<>();
        for (TrialRecord r : ranked) {
            if (!r.failed() && centres.size() < top) centres.add(r);
        }
        List<Candidate> out = new ArrayList<>();
        double share = Math.pow(shrink, round);
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = Seeds.searchDraw(seed, proposed + i);
            if (round == 0 || centres.isEmpty()) {
                out.add(space.sample(rng));
                continue;
            }
            Candidate centre = centres.get((proposed + i) % centres.size()).candidate();
            Map<String, Object> v = new LinkedHashMap<>();
            for (SearchParameter p : space.parameters()) {
                Object c = centre.values().get(p.name());
                v.put(p.name(), c == null ? p.distribution().sample(rng) : p.distribution().sampleAround(c, share, rng));
            }
            out.add(new Candidate(v));
        }
        return out;
    }
}
