package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dendrite.core.train.Checkpoint;
import org.dendrite.core.train.TrainingConfig;

/**
 * A trial while a search runs: its configuration, seed and what it has reached so far. Schedulers
 * read {@link #epochs()} and {@link #score()} to decide promotions. Its state changes only when the
 * search commits a finished training job ({@link TrialPool#commit}), on the scheduler's own decision
 * path, so a result computed early on another thread is not visible before its turn.
 */
public final class Trial {
    private final int id;
    private final int bracket;
    private final Candidate candidate;
    private final TrainingConfig config;
    private final long seed;
    private int epochs;
    private int budget;
    private double score = Double.NaN;
    private List<Double> curve = new ArrayList<>();
    private final Map<Integer, Double> rungScores = new LinkedHashMap<>();
    private double seconds;
    private int epochsTrained;
    private boolean complete;
    private String failure;
    /** One per validation split, taken after the last committed job (null when the trial will not continue). */
    private List<Checkpoint> checkpoints;

    Trial(int id, int bracket, Candidate candidate, TrainingConfig config, long seed) {
        this.id = id;
        this.bracket = bracket;
        this.candidate = candidate;
        this.config = config;
        this.seed = seed;
    }

    public int id() { return id; }
    public int bracket() { return bracket; }
    public Candidate candidate() { return candidate; }
    /** The trial's configuration (its epochs: the space's or the base's, before any budget). */
    public TrainingConfig config() { return config; }
    long seed() { return seed; }
    /** Epochs trained so far. */
    public int epochs() { return epochs; }
    /** The score after the last committed job (NaN before one, or when it failed). */
    public double score() { return score; }
    public boolean failed() { return failure != null; }
    public boolean complete() { return complete; }
    List<Checkpoint> checkpoints() { return checkpoints; }

    /** True when a job to {@code epochs} epochs in all finished without failing (its score there: {@link #scoreAt}). */
    boolean reached(int epochs) { return rungScores.containsKey(epochs); }

    /** The score at the budget of {@code epochs} epochs (NaN when it was not scored there). */
    double scoreAt(int epochs) { return rungScores.getOrDefault(epochs, Double.NaN); }

    /** Marks the trial as having reached the scheduler's final budget (it competes for best); a trial whose job failed did not. */
    void markComplete() {
        complete = failure == null;
    }

    /** Drops the checkpoints of a trial that will not train again. */
    void release() {
        checkpoints = null;
    }

    /** Applies a finished job (called by {@link TrialPool#commit}). */
    void apply(TrialOutcome o) {
        seconds += o.seconds();
        epochsTrained += o.epochsTrained();
        budget = o.target();
        if (o.failure() != null) {
            failure = o.failure();
            score = Double.NaN;
            checkpoints = null;
            return;
        }
        if (o.restarted()) curve = new ArrayList<>();
        for (double v : o.curve()) curve.add(v);
        epochs = o.epochs();
        score = curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1);
        rungScores.put(o.target(), score);
        checkpoints = o.checkpoints();
    }

    /** The trial as it stands, as an immutable record. */
    TrialRecord record() {
        double[] c = new double[curve.size()];
        for (int i = 0; i < c.length; i++) c[i] = curve.get(i);
        return new TrialRecord(id, bracket, candidate, config.withEpochs(Math.max(1, budget > 0 ? budget : config.epochs())), epochs, score,
                c, rungScores, seconds, epochsTrained, complete, failure);
    }

    /**
     * The search's ranking, best first: trials that reached the final budget before the others
     * (among them the better score wins, whatever their epochs), the others by epochs reached, then
     * score; failed trials last; ties by the lower id, so the order never depends on timing.
     */
    static Comparator<TrialRecord> ranking(Metric metric) {
        return (a, b) -> {
            if (a.failed() != b.failed()) return a.failed() ? 1 : -1;
            if (a.complete() != b.complete()) return a.complete() ? -1 : 1;
            if (!a.complete() && a.epochs() != b.epochs()) return Integer.compare(b.epochs(), a.epochs());
            int c = metric.compare(a.score(), b.score());
            return c != 0 ? c : Integer.compare(a.id(), b.id());
        };
    }
}
