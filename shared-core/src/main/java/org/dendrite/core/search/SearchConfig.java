package org.dendrite.core.search;

import java.io.Serializable;
import org.dendrite.core.check.Check;

/**
 * How to search: the space (null = {@link SearchSpace#defaultFor} the base configuration), the
 * sampler, the scheduler, where trials are validated, the metric, what a promoted trial does, and
 * the worker threads (0 = the machine's cores; the result does not depend on it, but that the trials share
 * the memory budget, {@code data.HeapBudget}: a trial needing more than its share fails, named so). The search's seed
 * is the base configuration's. Written as JSON by {@code io.SearchFormat} (docs/model-format.md,
 * "Searches").
 */
public record SearchConfig(SearchSpace space, Sampler sampler, Scheduler scheduler, Validation validation, Metric metric,
                           Continuation continuation, int threads) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The default space, random sampling, Hyperband up to the base configuration's epochs, a 20% holdout, log loss or RMSE. */
    public static final SearchConfig DEFAULT = new SearchConfig(null, new RandomSampler(), Hyperband.DEFAULT, Validation.DEFAULT, Metric.AUTO,
            Continuation.AUTO, 0);

    public SearchConfig {
        if (sampler == null) throw Check.invalid("sampler", "A search needs a sampler (random, grid or zoom)");
        if (scheduler == null) throw Check.invalid("scheduler", "A search needs a scheduler (full_budget, successive_halving, hyperband or asha)");
        validation = validation == null ? Validation.DEFAULT : validation;
        metric = metric == null ? Metric.AUTO : metric;
        continuation = continuation == null ? Continuation.AUTO : continuation;
        Check.atLeast("threads", threads, 0);
    }

    public SearchConfig withSpace(SearchSpace v) {
        return new SearchConfig(v, sampler, scheduler, validation, metric, continuation, threads);
    }

    public SearchConfig withSampler(Sampler v) {
        return new SearchConfig(space, v, scheduler, validation, metric, continuation, threads);
    }

    public SearchConfig withScheduler(Scheduler v) {
        return new SearchConfig(space, sampler, v, validation, metric, continuation, threads);
    }

    public SearchConfig withValidation(Validation v) {
        return new SearchConfig(space, sampler, scheduler, v, metric, continuation, threads);
    }

    public SearchConfig withMetric(Metric v) {
        return new SearchConfig(space, sampler, scheduler, validation, v, continuation, threads);
    }

    public SearchConfig withContinuation(Continuation v) {
        return new SearchConfig(space, sampler, scheduler, validation, metric, v, threads);
    }

    public SearchConfig withThreads(int v) {
        return new SearchConfig(space, sampler, scheduler, validation, metric, continuation, v);
    }
}
