package org.dendrite.weka.search;

import java.nio.file.Path;
import org.dendrite.core.check.Check;
import org.dendrite.core.check.InvalidSettingException;
import org.dendrite.core.io.SearchFormat;
import org.dendrite.core.search.Continuation;
import org.dendrite.core.search.GridSampler;
import org.dendrite.core.search.Metric;
import org.dendrite.core.search.RandomSampler;
import org.dendrite.core.search.Sampler;
import org.dendrite.core.search.Scheduler;
import org.dendrite.core.search.SearchConfig;
import org.dendrite.core.search.SearchSpace;
import org.dendrite.core.search.Validation;
import org.dendrite.core.search.ZoomSampler;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/**
 * The options every search shares: the space (JSON, a JSON file, or empty for the default space
 * around the classifier's configuration), the sampler, where trials are validated inside the
 * training rows (a holdout or k folds), the metric and the worker threads. Defaults from the core
 * ({@link SearchConfig#DEFAULT}).
 */
public abstract class SearchSettings extends SearchOption {
    private static final long serialVersionUID = 1L;
    private static final SearchConfig D = SearchConfig.DEFAULT;

    /** The sampler families, as a dropdown. */
    public enum SamplerKind { RANDOM, GRID, ZOOM }

    private String space = "";
    private SamplerKind sampler = SamplerKind.RANDOM;
    private int points = GridSampler.DEFAULT.points();
    private int rounds = ZoomSampler.DEFAULT.rounds();
    private int top = ZoomSampler.DEFAULT.top();
    private double shrink = ZoomSampler.DEFAULT.shrink();
    private double holdout = D.validation().holdout();
    private int folds = D.validation().folds();
    private Metric metric = D.metric();
    private int threads = D.threads();

    /** The scheduler these options describe. */
    protected abstract Scheduler scheduler();

    /** What a promoted trial does (schedulers without promotions: irrelevant). */
    protected Continuation continuation() {
        return Continuation.AUTO;
    }

    @Override
    protected SearchConfig build() {
        // another sampler's settings were silently not used
        if (sampler != SamplerKind.GRID && points != GridSampler.DEFAULT.points()) {
            throw Check.invalid("grid-points", "-grid-points " + points + " sets the grid sampler's points, but this search's sampler is "
                    + sampler.name().toLowerCase(java.util.Locale.ROOT) + ": give -sampler grid, or leave -grid-points out");
        }
        if (sampler != SamplerKind.ZOOM && (rounds != ZoomSampler.DEFAULT.rounds() || top != ZoomSampler.DEFAULT.top()
                || shrink != ZoomSampler.DEFAULT.shrink())) {
            throw Check.invalid("zoom-rounds", "-zoom-rounds, -zoom-top and -zoom-shrink set the zoom sampler, but this search's "
                    + "sampler is " + sampler.name().toLowerCase(java.util.Locale.ROOT) + ": give -sampler zoom, or leave them out");
        }
        Sampler s = switch (sampler) {
            case RANDOM -> new RandomSampler();
            case GRID -> new GridSampler(points);
            case ZOOM -> new ZoomSampler(rounds, top, shrink);
        };
        return new SearchConfig(readSpace(), s, scheduler(), new Validation(holdout, folds), metric, continuation(), threads);
    }

    private SearchSpace readSpace() {
        String t = space.trim();
        if (t.isEmpty()) return null;
        try {
            return t.startsWith("{") ? SearchFormat.readSpace(t) : SearchFormat.readSpace(Path.of(t));
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw Check.invalid("space", e.getMessage());
        } catch (java.io.IOException e) {
            throw Check.invalid("space", "The search space file " + t + " cannot be read: " + e.getMessage());
        }
    }

    @OptionMetadata(displayName = "search space", description = "The searched parameters and their distributions as JSON (or the path of "
            + "a JSON file), e.g. {\"parameters\": {\"learningRate\": {\"distribution\": \"log_uniform\", \"min\": 1e-4, \"max\": 0.1}, "
            + "\"units\": [32, 64, 128]}}; empty: the default space around the classifier's configuration (learning rate, L2, depth, "
            + "width, dropout, batch size). Format: docs/model-format.md, \"Search spaces\".",
            commandLineParamName = "space", commandLineParamSynopsis = "-space <json or file>", displayOrder = 20)
    public String getSpace() { return space; }
    public void setSpace(String v) { space = v == null ? "" : v; }

    @OptionMetadata(displayName = "sampler", description = "How candidates are drawn: random (independent draws, the default), grid "
            + "(evenly spaced points, see -grid-points; a grid of more points than the trials planned is refused) or zoom (coarse to fine: "
            + "random, then around the best so far).",
            commandLineParamName = "sampler", commandLineParamSynopsis = "-sampler <random|grid|zoom>", displayOrder = 21)
    public SelectedTag getSampler() { return tag(sampler); }
    public void setSampler(SelectedTag v) { sampler = value(v, SamplerKind.class); }

    @OptionMetadata(displayName = "grid points", description = "Grid sampler: values per numeric parameter (1 to 10000; refused with another sampler).",
            commandLineParamName = "grid-points", commandLineParamSynopsis = "-grid-points <n>", displayOrder = 22)
    public int getPoints() { return points; }
    public void setPoints(int v) { points = v; }

    @OptionMetadata(displayName = "zoom rounds", description = "Zoom sampler: rounds of random search (>= 1), each around the best "
            + "settings of those before (this and the other zoom options are refused with another sampler).", commandLineParamName = "zoom-rounds", commandLineParamSynopsis = "-zoom-rounds <n>", displayOrder = 23)
    public int getRounds() { return rounds; }
    public void setRounds(int v) { rounds = v; }

    @OptionMetadata(displayName = "zoom centres", description = "Zoom sampler: how many of the best settings a round draws around (>= 1).",
            commandLineParamName = "zoom-top", commandLineParamSynopsis = "-zoom-top <n>", displayOrder = 24)
    public int getTop() { return top; }
    public void setTop(int v) { top = v; }

    @OptionMetadata(displayName = "zoom shrink", description = "Zoom sampler: the share of each range kept per round (0 < shrink < 1).",
            commandLineParamName = "zoom-shrink", commandLineParamSynopsis = "-zoom-shrink <s>", displayOrder = 25)
    public double getShrink() { return shrink; }
    public void setShrink(double v) { shrink = v; }

    @OptionMetadata(displayName = "validation holdout", description = "The share of the training rows held out (stratified, seeded) to "
            + "score trials (0 < holdout < 1). The chosen configuration is then refitted on all training rows.",
            commandLineParamName = "holdout", commandLineParamSynopsis = "-holdout <f>", displayOrder = 26)
    public double getHoldout() { return holdout; }
    public void setHoldout(double v) { holdout = v; }

    @OptionMetadata(displayName = "validation folds", description = "k >= 2: score trials by k-fold cross-validation inside the training "
            + "rows instead of a holdout (k times the work); 0: the holdout.",
            commandLineParamName = "folds", commandLineParamSynopsis = "-folds <k>", displayOrder = 27)
    public int getFolds() { return folds; }
    public void setFolds(int v) { folds = v; }

    @OptionMetadata(displayName = "metric", description = "The validation score trials are compared by: auto (log loss for a nominal "
            + "class, RMSE for a numeric one), log_loss, accuracy, auc or rmse.",
            commandLineParamName = "metric", commandLineParamSynopsis = "-metric <name>", displayOrder = 28)
    public SelectedTag getMetric() { return tag(metric); }
    public void setMetric(SelectedTag v) { metric = value(v, Metric.class); }

    @OptionMetadata(displayName = "threads", description = "Trials trained side by side (0 = the machine's cores); the result is the same "
            + "for any number, but that the trials share the memory budget (half the heap): a trial needing more than its share fails, "
            + "named so.", commandLineParamName = "threads", commandLineParamSynopsis = "-threads <n>", displayOrder = 29)
    public int getThreads() { return threads; }
    public void setThreads(int v) { threads = v; }
}
