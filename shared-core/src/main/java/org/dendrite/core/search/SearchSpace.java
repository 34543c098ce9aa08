package org.dendrite.core.search;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.dendrite.core.check.Check;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.layer.DenseSpec;
import org.dendrite.core.layer.LayerSpec;
import org.dendrite.core.train.TrainingConfig;

/**
 * The settings a search varies and how each is drawn: a non-empty list of {@link SearchParameter}s
 * with distinct names (written as JSON by {@code io.SearchFormat}, docs/model-format.md "Search
 * spaces"). {@link #defaultFor} derives a space from a base configuration, so it follows whatever
 * the defaults become.
 */
public record SearchSpace(List<SearchParameter> parameters) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SearchSpace {
        if (parameters == null || parameters.isEmpty()) {
            throw Check.invalid("parameters", "A search space needs at least one parameter (allowed names: "
                    + String.join(", ", ConfigParameters.names()) + ")");
        }
        Set<String> seen = new HashSet<>();
        for (SearchParameter p : parameters) {
            if (p == null) throw Check.invalid("parameters", "A search space's parameter is null");
            if (!seen.add(p.name())) {
                throw Check.invalid(p.name(), "Search parameter " + p.name() + " appears twice in the space");
            }
        }
        parameters = List.copyOf(parameters);
    }

    /**
     * The space searched when none is given, around {@code base}: the learning rate log-uniform from a
     * tenth to three times the base's, the L2 penalty log-uniform from a hundredth to ten times the
     * base's (1e-5 to 1e-2 when it has none), the width log-uniform from a quarter to four times the
     * base's first dense layer (at least 8 units), the depth from one layer fewer to one more (at least 1),
     * dropout uniform in [0, 0.3] (the last three only for a base with hidden layers: one without, a
     * linear or logistic model, stays one), and the batch size half, equal or double the base's (not
     * for a full-batch optimizer, L-BFGS).
     */
    public static SearchSpace defaultFor(TrainingConfig base) {
        double lr = base.optimizer().learningRate(), l2 = base.regularization().l2();
        int units = org.dendrite.core.network.NetworkSpec.DEFAULT_UNITS, depth = 0;
        for (LayerSpec l : base.network().layers()) {
            if (l instanceof DenseSpec d) {
                if (depth == 0) units = d.units();
                depth++;
            }
        }
        int b = base.batchSize();
        List<Object> batches = new ArrayList<>();
        for (int v : new int[] {Math.max(1, b / 2), b, b * 2}) if (!batches.contains(v)) batches.add(v);
        List<SearchParameter> ps = new ArrayList<>();
        ps.add(new SearchParameter("learningRate", new LogUniform(lr / 10, lr * 3)));
        ps.add(new SearchParameter("l2", l2 > 0 ? new LogUniform(l2 / 100, l2 * 10) : new LogUniform(1e-5, 1e-2)));
        if (depth > 0) {
            // a base without hidden layers (a linear or logistic model asked for) stays one: it searched networks of 1-2 layers
            ps.add(new SearchParameter("hiddenLayers", new IntUniform(Math.max(1, depth - 1), depth + 1)));
            ps.add(new SearchParameter("units", new IntUniform(Math.max(8, units / 4), Math.max(9, units * 4), true)));
            ps.add(new SearchParameter("dropout", new Uniform(0, 0.3)));
        }
        // a base whose batch size is still to be chosen from the rows (0; a search resolves it first) leaves it to them; a full-batch
        // optimizer (L-BFGS) takes every row at each step, whatever the batch size (a third of the draws differed in nothing)
        if (b >= 1 && !base.optimizer().requiresFullBatch()) ps.add(new SearchParameter("batchSize", new Choice(batches)));
        return new SearchSpace(ps);
    }

    public List<String> names() {
        return parameters.stream().map(SearchParameter::name).toList();
    }

    /** The parameter called {@code name}, or null. */
    public SearchParameter get(String name) {
        for (SearchParameter p : parameters) if (p.name().equals(name)) return p;
        return null;
    }

    /** One candidate drawn independently per parameter. */
    public Candidate sample(RandomGenerator rng) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (SearchParameter p : parameters) v.put(p.name(), p.distribution().sample(rng));
        return new Candidate(v);
    }

    /**
     * Checks that this space can be applied to {@code base}: every extreme value of each parameter, and
     * of each pair of parameters together (an optimizer choice and a weight decay the chosen optimizer
     * lacks), gives a valid configuration. A failure names the parameters and the values.
     */
    public void checkAgainst(TrainingConfig base) {
        for (int i = 0; i < parameters.size(); i++) {
            SearchParameter p = parameters.get(i);
            for (Object a : p.distribution().extremes()) {
                applyOne(base, p, a, null, null);
                for (int j = i + 1; j < parameters.size(); j++) {
                    SearchParameter q = parameters.get(j);
                    for (Object b : q.distribution().extremes()) applyOne(base, p, a, q, b);
                }
            }
        }
    }

    private static void applyOne(TrainingConfig base, SearchParameter p, Object a, SearchParameter q, Object b) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(p.name(), a);
        if (q != null) v.put(q.name(), b);
        try {
            ConfigParameters.apply(base, v);
        } catch (InvalidSettingException e) {
            if (q == null) throw e;
            throw Check.invalid(e.setting(), "Contradictory search space: " + p.name() + " = " + Candidate.format(a) + " with " + q.name() + " = "
                    + Candidate.format(b) + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (SearchParameter p : parameters) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p.name()).append(' ').append(p.distribution());
        }
        return sb.toString();
    }
}
