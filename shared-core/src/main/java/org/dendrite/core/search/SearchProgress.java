package org.dendrite.core.search;

import java.util.Locale;

/**
 * A search's progress after a training job: the trial it trained, the best trial so far (null while
 * none has a score), jobs done, trials drawn, epochs trained out of the planned upper bound, seconds
 * elapsed and an estimate of the seconds left (elapsed per epoch times the epochs left).
 */
public record SearchProgress(TrialRecord trial, TrialRecord best, int jobsDone, int trialsStarted, long epochsDone, long epochsPlanned,
                             double seconds, double secondsLeft, Metric metric) {
    /** One console line, e.g. {@code search: trial 7 at 20 epochs log_loss 0.4713 | 12 jobs, 9 trials, best 0.4602 (trial 3) | 41% of epochs, ~12 s left}. */
    public String line() {
        StringBuilder sb = new StringBuilder("search: trial ").append(trial.id());
        if (trial.failed()) {
            sb.append(" failed (").append(trial.failure()).append(')');
        } else {
            sb.append(String.format(Locale.ROOT, " at %d epochs %s %.4f", trial.epochs(), metric.label(), trial.score()));
        }
        sb.append(String.format(Locale.ROOT, " | %d jobs, %d trials", jobsDone, trialsStarted));
        if (best != null) sb.append(String.format(Locale.ROOT, ", best %.4f (trial %d)", best.score(), best.id()));
        sb.append(String.format(Locale.ROOT, " | %.0f%% of epochs", 100.0 * epochsDone / Math.max(1, epochsPlanned)));
        if (!Double.isNaN(secondsLeft)) sb.append(String.format(Locale.ROOT, ", ~%.0f s left", secondsLeft));
        return sb.toString();
    }
}
