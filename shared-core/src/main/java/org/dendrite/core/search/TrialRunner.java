package org.dendrite.core.search;

/**
 * Where a search's training jobs run. The default runs each on the search's worker threads against
 * the rows in memory ({@link TrialJob#run}); Spark's runs each as a task on an executor against a
 * per-task copy of the sampled rows. A runner may be called from several threads at once.
 */
@FunctionalInterface
public interface TrialRunner {
    TrialOutcome run(TrialTask task);
}
