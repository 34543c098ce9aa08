package org.dendrite.core.search;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dendrite.core.io.SearchFormat;
import org.dendrite.core.io.SpecFormat;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.TrainingConfig;

/**
 * What a search found: every trial in id order, the best one, its configuration ready to train
 * (epochs = the budget it was chosen at, the base seed; {@code io.SpecFormat.write} gives the JSON
 * that Weka's {@code -config-json} and Spark's {@code configJson} accept), the metric, the space
 * searched, a one-line description of the search, its seconds, and the model refitted on all rows
 * (null before the refit).
 */
public record SearchResult(List<TrialRecord> trials, TrialRecord best, TrainingConfig bestConfig, Metric metric, SearchSpace space,
                           String description, double seconds, Model model, double refitSeconds) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SearchResult {
        trials = List.copyOf(trials);
    }

    SearchResult withModel(Model m, double refit) {
        return new SearchResult(trials, best, bestConfig, metric, space, description, seconds, m, refit);
    }

    /** The trials best first (the search's ranking: those that reached the final budget first). */
    public List<TrialRecord> ranked() {
        List<TrialRecord> r = new ArrayList<>(trials);
        r.sort(Trial.ranking(metric));
        return r;
    }

    /** Epochs trained by all trials together (per validation split). */
    public long epochsTrained() {
        long sum = 0;
        for (TrialRecord t : trials) sum += t.epochsTrained();
        return sum;
    }

    /**
     * The trials table as CSV: id, bracket, each searched parameter, epochs reached ({@code epochs}, or
     * {@code epochs_reached} where epochs is searched), score, seconds, complete (reached the final
     * budget without failing), failure.
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("trial,bracket");
        for (String n : space.names()) sb.append(',').append(n);
        // the epochs reached; named apart where epochs is a searched parameter (two columns "epochs" were ambiguous)
        sb.append(space.names().contains("epochs") ? ",epochs_reached," : ",epochs,").append(metric.label()).append(",seconds,complete,failure\n");
        for (TrialRecord t : trials) {
            sb.append(t.id()).append(',').append(t.bracket());
            for (String n : space.names()) sb.append(',').append(csv(t.candidate().values().get(n)));
            sb.append(',').append(t.epochs()).append(',').append(Double.isNaN(t.score()) ? "" : String.valueOf(t.score()));
            sb.append(String.format(Locale.ROOT, ",%.3f", t.seconds())).append(',').append(t.complete()).append(',');
            sb.append(t.failure() == null ? "" : csv(t.failure())).append('\n');
        }
        return sb.toString();
    }

    private static String csv(Object v) {
        String s = String.valueOf(v);
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A readable summary: the search, the best configuration (as JSON) and the {@code top} best trials. */
    public String summary(int top) {
        StringBuilder sb = new StringBuilder();
        sb.append("Hyperparameter search: ").append(description).append('\n');
        long failed = trials.stream().filter(TrialRecord::failed).count();
        sb.append(String.format(Locale.ROOT, "%d trials%s, %d epochs trained, %.1f s", trials.size(), failed == 0 ? "" : " (" + failed + " failed: see "
                + "the trials table)", epochsTrained(), seconds));
        if (model != null) sb.append(String.format(Locale.ROOT, " (+ %.1f s refit on all rows)", refitSeconds));
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "Best: trial %d, validation %s %s at %d epochs: %s%n", best.id(), metric.label(), shown(best.score()),
                best.epochs(), best.candidate()));
        sb.append("Best configuration (for -config-json / configJson):\n").append(SpecFormat.write(bestConfig)).append('\n');
        // failed trials are not among the best (they were listed when fewer than top had scores)
        List<TrialRecord> r = ranked().stream().filter(t -> !t.failed()).toList();
        int k = Math.min(top, r.size());
        sb.append("Top ").append(k).append(" trials:\n");
        sb.append(String.format(Locale.ROOT, "%6s %7s %10s %8s  %s%n", "trial", "epochs", metric.label(), "seconds", "parameters"));
        for (int i = 0; i < k; i++) {
            TrialRecord t = r.get(i);
            sb.append(String.format(Locale.ROOT, "%6d %7d %10s %8.2f  %s%n", t.id(), t.epochs(), shown(t.score()), t.seconds(),
                    t.failed() ? "failed: " + t.failure() : t.candidate().toString()));
        }
        return sb.toString();
    }

    /**
     * Writes the search's files into {@code dir}: {@code trials.csv}, {@code trials.json}
     * ({@code io.SearchFormat}), {@code best-config.json}, and the plots {@code score-vs-epochs.png}
     * and {@code score-vs-<parameter>.png} ({@link SearchPlots}).
     */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        org.dendrite.core.io.AtomicWrite.text(dir.resolve("trials.csv"), toCsv());
        org.dendrite.core.io.AtomicWrite.text(dir.resolve("trials.json"), SearchFormat.trialsJson(this));
        org.dendrite.core.io.AtomicWrite.text(dir.resolve("best-config.json"), SpecFormat.write(bestConfig));
        SearchPlots.scoreVsEpochs(this, dir.resolve("score-vs-epochs.png"));
        for (String name : space.names()) SearchPlots.scoreVsParameter(this, name, dir.resolve("score-vs-" + name + ".png"));
    }

    /**
     * A score to four decimals (an RMSE in dollars of 1234567.1234 keeps its digits), or to four
     * significant digits where the decimals would show 300 digits or none (an RMSE of 3e298 or 2e-301).
     */
    static String shown(double score) {
        double a = Math.abs(score);
        return String.format(Locale.ROOT, a != 0 && (a >= 1e15 || a < 1e-3) ? "%.4g" : "%.4f", score);
    }
}
