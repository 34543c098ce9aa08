package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.dendrite.core.check.Check;
import org.dendrite.core.data.LabeledTable;
import org.dendrite.core.data.ValidationSplit;
import org.dendrite.core.tensor.Parallelism;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingListener;
import org.dendrite.core.train.TrainingRun;
import org.dendrite.core.train.WarmStart;

/**
 * A hyperparameter search over a base training configuration, validated inside the training rows
 * only: a seeded stratified holdout (or k-fold cross-validation) of the given rows scores every
 * trial, and the chosen configuration is then refitted on all of them with the epochs it was chosen
 * at ({@link #run}). Trials go through the one training loop, are paused and continued with its
 * checkpoints, and run side by side on a fixed pool of worker threads, each with single-threaded
 * kernels.
 *
 * <p>Reproducible: the split and every draw come from the base configuration's seed, each trial's
 * training seed from that seed and the trial's id ({@code data.Seeds#trial}), and schedulers decide
 * only from committed results in an order fixed by trial ids (ASHA on a virtual clock), so the same
 * seed gives the same trials, scores and choice with 1 thread or many (bit for bit on one GEMM
 * backend).
 */
public final class Search {
    private final SearchConfig config;

    public Search(SearchConfig config) {
        if (config == null) throw new IllegalArgumentException("A search needs a configuration");
        this.config = config;
    }

    public SearchConfig config() {
        return config;
    }

    /** Searches on {@code table} around {@code base}, then refits the best configuration on all of {@code table}'s rows. */
    public SearchResult run(LabeledTable table, TrainingConfig base, SearchListener listener) {
        SearchResult r = explore(table, base, listener);
        long start = System.nanoTime();
        Model model = refit(r.bestConfig(), table, TrainingListener.NONE);
        return r.withModel(model, (System.nanoTime() - start) / 1e9);
    }

    /** The chosen configuration trained on all of {@code table}'s rows through the one loop. */
    public static Model refit(TrainingConfig best, LabeledTable table, TrainingListener listener) {
        return TrainingRun.local(best, table, listener, WarmStart.NONE).run();
    }

    /** The trials and the best configuration, without the refit; the jobs run on this JVM's worker threads. */
    public SearchResult explore(LabeledTable table, TrainingConfig base, SearchListener listener) {
        table = table.withoutZeroWeights(); // rows that are not there, as for a training run (TrainingData)
        base = base.resolve(table.size());
        SearchSpace space = check(table, base);
        TrialData data = TrialData.of(table, config.validation(), base.seed());
        return explore(table, base, space, listener, task -> TrialJob.run(task, data));
    }

    /**
     * The trials and the best configuration, each job run by {@code runner} (Spark's runs it on an
     * executor against its own {@link TrialData} of the same rows), at most {@link SearchConfig#threads()}
     * at once (0: this JVM's cores).
     */
    public SearchResult explore(LabeledTable table, TrainingConfig base, SearchListener listener, TrialRunner runner) {
        // the values left to the data (units, epochs, batch size) are chosen once, from these rows, for every trial
        table = table.withoutZeroWeights();
        base = base.resolve(table.size());
        return explore(table, base, check(table, base), listener, runner);
    }

    /** {@link #explore(LabeledTable, TrainingConfig, SearchListener, TrialRunner)} once the rows and {@code base} (resolved) are checked. */
    private SearchResult explore(LabeledTable table, TrainingConfig base, SearchSpace space, SearchListener listener, TrialRunner runner) {
        Metric metric = config.metric().resolve(table.isClassification(), table.targetName());
        Restarts restarts = config.continuation().restarts(base.schedule().dependsOnRunLength());
        // no more threads than trials: the trials side by side share one training's memory (HeapBudget), so idle threads would
        // shrink every trial's share (on 32 cores, 4 trials each got 1/32 of it and were all refused)
        int threads = Math.max(1, Math.min(config.threads() > 0 ? config.threads() : Parallelism.threads(),
                config.scheduler().plannedTrials(base.epochs())));
        long planned = config.scheduler().plannedEpochs(base.epochs(), restarts);
        String description = describe(base, restarts, threads, metric);
        if (listener != null) listener.onStart(description, planned);
        long start = System.nanoTime();
        ExecutorService executor = Executors.newFixedThreadPool(threads, daemonThreads(threads));
        TrialPool pool = new TrialPool(base, space, config.sampler(), metric, restarts, runner, executor,
                listener == null ? SearchListener.NONE : listener, planned);
        try {
            config.scheduler().run(pool);
        } catch (java.util.concurrent.CompletionException e) {
            // a job's own error (a failed trial is recorded as such; this is what failed outside one), not the futures' wrapper
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        } finally {
            executor.shutdownNow();
            // the trials stop at their next epoch boundary: a stopped search returns once they did (it returned with them still training,
            // their memory still held); the caller's interrupt is kept for it to see
            boolean interrupted = Thread.interrupted();
            try {
                executor.awaitTermination(STOP_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
        List<TrialRecord> trials = pool.records();
        List<TrialRecord> ranked = new ArrayList<>(trials);
        ranked.sort(Trial.ranking(metric));
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("The search drew no trials (an empty grid?)");
        }
        TrialRecord best = ranked.get(0);
        if (best.failed()) {
            throw new IllegalArgumentException("Every trial of the search failed; the first: trial " + trials.get(0).id() + " ("
                    + trials.get(0).candidate() + "): " + trials.get(0).failure());
        }
        if (trials.stream().allMatch(t -> Double.isNaN(t.score()))) {
            // no trial has a score to choose by (it chose the first, and wrote a trials file that names a best without a score)
            throw new IllegalArgumentException("No trial of the search has a validation " + metric.label() + " to choose by (the first: trial "
                    + best.id() + ", " + best.candidate() + ", trained " + best.epochs() + " epochs): check the metric and the space");
        }
        return new SearchResult(trials, best, best.config().withSeed(base.seed()), metric, space, description,
                (System.nanoTime() - start) / 1e9, null, 0);
    }

    /** The space searched: the configured one or the default around {@code base}. */
    public SearchSpace space(TrainingConfig base) {
        return config.space() != null ? config.space() : SearchSpace.defaultFor(base);
    }

    /**
     * Checks the search against the rows and the base configuration before anything trains: the
     * space applies to the base, the scheduler's budget fits its epochs, the space does not search
     * what the scheduler hands out, the metric and parameters suit the target. Errors name the
     * parameter or setting and what is allowed. Returns the space searched.
     */
    public SearchSpace check(LabeledTable table, TrainingConfig base) {
        table = table.withoutZeroWeights();
        base = base.resolve(table.size());
        if (table.size() == 0) {
            throw new IllegalArgumentException("The training data is empty: a search needs rows to train and validate on");
        }
        SearchSpace space = space(base);
        check(space, base, table);
        config.metric().resolve(table.isClassification(), table.targetName());
        return space;
    }

    /** The space, the scheduler and the target agree: errors name the parameter or setting and what is allowed. */
    private void check(SearchSpace space, TrainingConfig base, LabeledTable table) {
        space.checkAgainst(base);
        for (String name : List.of("epochs", "batchSize", "units")) {
            // 0 means "chosen from the rows" in a configuration, not a value to search: a trial of 0 epochs trained nothing, every
            // trial's batch size of 0 failed, and units of 0 trained a width chosen from a trial's rows, then another from all rows in the
            // refit, both reported as 0 (checked here, not where a space is read: a trials file written before still reads)
            SearchParameter p = space.get(name);
            if (p == null) continue;
            for (Object v : p.distribution().extremes()) {
                if (((Number) v).intValue() < 1) {
                    throw Check.invalid(name, "Search parameter " + name + " = " + v + ": allowed >= 1 (0, chosen from the rows, is not a value "
                            + "to search)");
                }
            }
        }
        for (SearchParameter p : space.parameters()) {
            // two names of one setting ("linear" and "identity", "adam" and "Adam") drew it twice as often as the others; a name's
            // setting is compared on the default configuration, which has a hidden layer for an activation to apply to (on a base
            // without one, every activation left it alike)
            if (!(p.distribution() instanceof Choice c) || ConfigParameters.get(p.name()).kind() != ConfigParameters.Kind.NAME) continue;
            java.util.Map<TrainingConfig, Object> seen = new java.util.HashMap<>();
            for (Object v : c.values()) {
                Object before = seen.put(ConfigParameters.get(p.name()).apply(TrainingConfig.DEFAULT, v), v);
                if (before != null) {
                    throw Check.invalid(p.name(), "Search parameter " + p.name() + " lists " + before + " and " + v + ", two names of the "
                            + "same setting: it would be drawn twice as often as the others. List it once");
                }
            }
        }
        SearchParameter smoothing = space.get("labelSmoothing");
        if (smoothing != null && table.isClassification()) {
            // a smoothing at or above (K - 1) / K for these classes failed its trials one by one: the range's ends are checked by the
            // training's own rule (TrainingConfig.lossFor) before any trial
            org.dendrite.core.data.Task task = org.dendrite.core.data.Task.classification(table.targetName(), table.classes());
            for (Object v : smoothing.distribution().extremes()) {
                try {
                    ConfigParameters.get("labelSmoothing").apply(base, v).lossFor(task);
                } catch (IllegalArgumentException e) {
                    throw Check.invalid("labelSmoothing", "Search parameter labelSmoothing = " + v + ": " + e.getMessage());
                }
            }
        }
        config.scheduler().check(base.epochs());
        if (config.sampler() instanceof GridSampler g && g.size(space) > config.scheduler().plannedTrials(base.epochs())) {
            // it tried the grid's first points only, in which the first parameters keep their first values (the lowest learning
            // rate, L2 and depth of the default space for its 20 trials of 729 points), without a word
            long size = g.size(space);
            throw Check.invalid("sampler", "The grid over the search space has " + (size == Long.MAX_VALUE ? "2^63 or more" : size) + " points ("
                    + g.points() + " per numeric parameter, every value of a choice), more than the " + config.scheduler().plannedTrials(base.epochs())
                    + " trials the " + config.scheduler().name() + " scheduler plans: it would try the first of them only, where the first "
                    + "parameters keep their first values. Plan as many trials as points (" + (config.scheduler() instanceof Hyperband
                    ? "Hyperband plans its trials from its budget: a larger ratio maxEpochs / minEpochs, or full_budget with as many trials"
                    : "its trials") + "), use fewer points or parameters, or the random sampler");
        }
        if (config.scheduler().budgetsEpochs() && space.get("epochs") != null) {
            throw Check.invalid("epochs", "Contradictory search: the " + config.scheduler().name() + " scheduler hands out epochs as its budget, "
                    + "so the space must not search epochs (remove it, or use full_budget to search it)");
        }
        if (config.sampler().adaptive() && config.scheduler() instanceof SuccessiveHalving) {
            // it drew them as random, silently
            throw Check.invalid("sampler", "Contradictory search: the zoom sampler draws around the best trials so far, but successive "
                    + "halving draws all its trials before any has a result; use the random sampler, or a scheduler that draws in rounds "
                    + "(full_budget, hyperband, asha)");
        }
        if (!table.isClassification() && space.get("labelSmoothing") != null) {
            throw Check.invalid("labelSmoothing", "Search parameter labelSmoothing applies to a nominal target; '" + table.targetName()
                    + "' is numeric");
        }
        if (config.validation().folds() > table.size()) {
            throw Check.invalid("folds", "Invalid folds: " + config.validation().folds() + " folds need at least as many rows; there are "
                    + table.size());
        }
        if (config.validation().folds() == 0) {
            // the holdout's sizes, before any trial (on Spark the split is made again on each executor, where an error would
            // reach the caller wrapped by the scheduler's futures)
            try {
                ValidationSplit.of(table.size(), config.validation().holdout(), table.isClassification() ? table.classIndices() : null,
                        table.classes(), base.seed());
            } catch (IllegalArgumentException e) {
                throw Check.invalid("holdout", "Invalid holdout for these rows (the search's holdout scores its trials): " + e.getMessage()
                        + "; use more rows, another holdout or folds");
            }
        }
        checkTrialValidation(base, table);
        checkScoringRows(base, table);
    }

    /**
     * ROC AUC is undefined on scoring rows of one class: a holdout or fold without a row of a rare class
     * scored every trial NaN, and the search chose its first trial. Refused before any trial, naming the
     * split and what to do.
     */
    private void checkScoringRows(TrainingConfig base, LabeledTable table) {
        if (!table.isClassification() || config.metric().resolve(true, table.targetName()) != Metric.AUC) return;
        int[] classes = table.classIndices();
        int folds = config.validation().folds();
        org.dendrite.core.data.Folds f = folds == 0 ? null : org.dendrite.core.data.Folds.of(table.size(), folds, classes, base.seed());
        for (int k = 0; k < Math.max(1, folds); k++) {
            int[] scoring = f == null ? ValidationSplit.of(table.size(), config.validation().holdout(), classes, base.seed()).validation() : f.validation(k);
            if (java.util.Arrays.stream(scoring).map(i -> classes[i]).distinct().count() < 2) {
                String only = table.classes().get(classes[scoring[0]]);
                throw Check.invalid("metric", "Metric auc is undefined on scoring rows of one class: " + (f == null ? "the holdout's " + scoring.length
                        + " rows" : "fold " + (k + 1) + "'s " + scoring.length + " rows") + " hold only '" + only + "' (the rarest class has "
                        + rarest(classes, table.classes().size()) + " rows); use log_loss or accuracy, " + (f == null ? "a larger holdout" : "fewer folds")
                        + " or more rows");
            }
        }
    }

    /** The fewest rows of a class that has rows. */
    private static long rarest(int[] classes, int k) {
        long[] n = new long[k];
        for (int c : classes) n[c]++;
        return java.util.Arrays.stream(n).filter(v -> v > 0).min().orElse(0);
    }

    /**
     * A trial holds the base's validation fraction out of its split's training rows for early stopping
     * (as the refit holds it out of all rows): its sizes checked on the first split before any trial,
     * each of which would fail in turn.
     */
    private void checkTrialValidation(TrainingConfig base, LabeledTable table) {
        double inner = base.effectiveValidationFraction();
        if (inner <= 0) return;
        int[] classes = table.isClassification() ? table.classIndices() : null;
        int[] part = config.validation().folds() == 0
                ? ValidationSplit.of(table.size(), config.validation().holdout(), classes, base.seed()).train()
                : org.dendrite.core.data.Folds.of(table.size(), config.validation().folds(), classes, base.seed()).train(0);
        try {
            int[] partClasses = classes == null ? null : java.util.Arrays.stream(part).map(i -> classes[i]).toArray();
            ValidationSplit s = ValidationSplit.of(part.length, inner, partClasses, table.classes(), base.seed());
            if (partClasses != null && java.util.Arrays.stream(s.train()).map(i -> partClasses[i]).distinct().count() < 2) {
                throw new IllegalArgumentException("the rows left to train on hold one class");
            }
        } catch (IllegalArgumentException e) {
            // where the fraction is early stopping's own (none given), the patience asked for it: named so, as on one machine
            boolean own = base.holdsOutForEarlyStopping();
            throw Check.invalid(own ? "patience" : "validationFraction", (own ? base.earlyStoppingHoldout() + ": each of the search's trials "
                    : "Invalid validation fraction " + inner + " for the search's trials: each ") + "holds it out of its split's " + part.length
                    + " training rows for early stopping, as the refit holds it out of all rows, and "
                    + Character.toLowerCase(e.getMessage().charAt(0)) + e.getMessage().substring(1)
                    + "; use more rows, another validation fraction or no early stopping");
        }
    }

    private String describe(TrainingConfig base, Restarts restarts, int threads, Metric metric) {
        Scheduler s = config.scheduler();
        String promoted = restarts.lower() && restarts.top() ? "restart"
                : !base.schedule().dependsOnRunLength() ? "continue (exactly as trained from the start)"
                : restarts.top() ? "continue (the whole-run schedule stretched) below the final budget, which trains from the start"
                : "continue, the whole-run schedule stretched";
        return s.describe(base.epochs()) + ", " + config.sampler().name() + " sampler, " + config.validation() + ", metric " + metric.label()
                + (s.budgetsEpochs() ? ", promoted trials " + promoted : "") + ", " + threads + " thread" + (threads == 1 ? "" : "s");
    }

    /** How long a stopped search waits for its trials to reach their epoch boundary and stop. */
    static final long STOP_WAIT_SECONDS = 60;

    private static java.util.concurrent.ThreadFactory daemonThreads(int threads) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            // the trials side by side share one training's memory budget
            Thread t = new Thread(org.dendrite.core.data.HeapBudget.sharedBy(threads, r), "dendrite-search-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
