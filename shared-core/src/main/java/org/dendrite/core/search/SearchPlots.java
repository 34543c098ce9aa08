package org.dendrite.core.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.diagnostics.Chart;

/**
 * A search's pictures, rendered headless with {@link Chart}: every trial's validation score after
 * each epoch of its last run (the Hyperband picture: many short lines, a few long ones), and the
 * score each trial reached against one searched parameter.
 */
public final class SearchPlots {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    private SearchPlots() {}

    /** One line per trial: its score after each epoch; the best trial's epochs marked. */
    public static void scoreVsEpochs(SearchResult r, Path file) throws IOException {
        Chart c = new Chart("Validation " + r.metric().label() + " of every trial", "epoch", r.metric().label()).integerX(true).legend(false);
        for (TrialRecord t : r.trials()) {
            double[] y = t.curve();
            if (y.length == 0) continue;
            // a continued trial's curve spans epochs 1..epochs; a restarted one's too (its last run)
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) x[i] = t.epochs() - y.length + 1 + i;
            c.line("trial " + t.id(), x, y);
        }
        c.marker(r.best().epochs(), "best: trial " + r.best().id());
        c.writePng(file, WIDTH, HEIGHT);
    }

    /**
     * The final score of each trial against parameter {@code name}'s value (a choice's values at 0,
     * 1, 2, ... in its order), split into the trials that reached the final budget and the others.
     */
    public static void scoreVsParameter(SearchResult r, String name, Path file) throws IOException {
        SearchParameter p = r.space().get(name);
        if (p == null) {
            throw new IllegalArgumentException("Parameter '" + name + "' is not in the searched space (" + String.join(", ", r.space().names()) + ")");
        }
        String xLabel = name + (p.distribution() instanceof Choice ch ? " (" + choices(ch) + ")" : "");
        Chart c = new Chart("Validation " + r.metric().label() + " against " + name, xLabel, r.metric().label()).logX(p.distribution().logScale());
        List<double[]> full = new ArrayList<>(), partial = new ArrayList<>();
        for (TrialRecord t : r.trials()) {
            Object v = t.candidate().values().get(name);
            if (v == null || t.failed() || Double.isNaN(t.score())) continue;
            (t.complete() ? full : partial).add(new double[] {p.distribution().coordinate(v), t.score()});
        }
        if (!partial.isEmpty()) c.points("stopped early", xs(partial, 0), xs(partial, 1));
        if (!full.isEmpty()) c.points("final budget", xs(full, 0), xs(full, 1));
        c.writePng(file, WIDTH, HEIGHT);
    }

    private static String choices(Choice ch) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < ch.values().size(); i++) s.add(i + " = " + ch.values().get(i));
        return String.join(", ", s);
    }

    private static double[] xs(List<double[]> points, int k) {
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) out[i] = points.get(i)[k];
        return out;
    }
}
