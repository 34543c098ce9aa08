package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dendrite.core.check.Check;

/**
 * Grid search: the Cartesian product of {@code points} evenly spaced values per numeric parameter
 * (on its own scale, ends included) and every value of each choice, in order with the last parameter
 * varying fastest. It ends when the grid does.
 */
public record GridSampler(int points) implements Sampler {
    private static final long serialVersionUID = 1L;

    public static final GridSampler DEFAULT = new GridSampler(3);

    /** The most points per numeric parameter (each parameter's points are made in full). */
    public static final int MAX_POINTS = 10_000;

    public GridSampler {
        Check.between("points", points, 1, MAX_POINTS);
    }

    @Override public String name() { return "grid"; }

    /** How many points the grid over {@code space} has ({@link Long#MAX_VALUE} for more: no search reaches its end). */
    public long size(SearchSpace space) {
        long n = 1;
        for (SearchParameter p : space.parameters()) {
            int k = p.distribution().grid(points).size();
            n = n > Long.MAX_VALUE / k ? Long.MAX_VALUE : n * k;
        }
        return n;
    }

    @Override
    public List<Candidate> propose(SearchSpace space, int count, int round, int proposed, List<TrialRecord> ranked, long seed) {
        List<List<Object>> axes = new ArrayList<>();
        for (SearchParameter p : space.parameters()) axes.add(p.distribution().grid(points));
        long size = size(space);
        List<Candidate> out = new ArrayList<>();
        for (long index = proposed; index < size && out.size() < count; index++) {
            Map<String, Object> v = new LinkedHashMap<>();
            long rest = index;
            Object[] picked = new Object[axes.size()];
            for (int a = axes.size() - 1; a >= 0; a--) {
                List<Object> axis = axes.get(a);
                picked[a] = axis.get((int) (rest % axis.size()));
                rest /= axis.size();
            }
            for (int a = 0; a < axes.size(); a++) v.put(space.parameters().get(a).name(), picked[a]);
            out.add(new Candidate(v));
        }
        return out;
    }
}
