package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.dendrite.core.data.Seeds;
import org.dendrite.core.train.TrainingConfig;

/**
 * What a {@link Scheduler} works with: new trials drawn by the sampler, training jobs started on a
 * fixed pool of threads (each runs its job through the {@link TrialRunner}: in this JVM, or on a
 * Spark executor), and the commit that makes a finished job's result visible. Every decision a
 * scheduler takes reads only committed results, in an order that does not depend on thread timing,
 * so a search gives the same trials with 1 thread or many.
 */
public final class TrialPool {
    /** A finished job waiting to be committed: its trial, what it trained, and whether it trained to the scheduler's final budget. */
    record Finished(Trial trial, TrialOutcome outcome, boolean finalBudget) {}

    private final TrainingConfig base;
    private final SearchSpace space;
    private final Sampler sampler;
    private final Metric metric;
    private final Restarts restarts;
    private final TrialRunner runner;
    private final ExecutorService executor;
    private final SearchListener listener;
    private final long plannedEpochs;
    private final long start = System.nanoTime();
    private final List<Trial> trials = new ArrayList<>();
    private int proposed;
    private long epochsDone;
    private int jobsDone;

    TrialPool(TrainingConfig base, SearchSpace space, Sampler sampler, Metric metric, Restarts restarts, TrialRunner runner, ExecutorService executor,
              SearchListener listener, long plannedEpochs) {
        this.base = base;
        this.space = space;
        this.sampler = sampler;
        this.metric = metric;
        this.restarts = restarts;
        this.runner = runner;
        this.executor = executor;
        this.listener = listener;
        this.plannedEpochs = plannedEpochs;
    }

    /** The base configuration's epochs (a scheduler's maximum budget when it names none). */
    public int baseEpochs() {
        return base.epochs();
    }

    /** Which promotions train a trial again from scratch rather than continuing from its checkpoint. */
    public Restarts restarts() {
        return restarts;
    }

    /** True when the sampler learns from earlier results (the zoom): new trials then wait for the results before them. */
    public boolean adaptiveSampler() {
        return sampler.adaptive();
    }

    /** How many rounds the sampler wants (a random search over a fixed number of trials splits them so). */
    public int samplerRounds() {
        return sampler.rounds();
    }

    Metric metric() {
        return metric;
    }

    /**
     * Up to {@code count} new trials, drawn by the sampler in its round {@code round} from the results
     * committed so far (fewer when a grid runs out), numbered in the order drawn; {@code bracket}
     * labels them (Hyperband's bracket, else 0). Called from the scheduler's decision path.
     */
    synchronized List<Trial> newTrials(int count, int round, int bracket) {
        List<Candidate> cs = sampler.propose(space, count, round, proposed, ranked(), base.seed());
        proposed += cs.size();
        List<Trial> out = new ArrayList<>();
        for (Candidate c : cs) {
            int id = trials.size() + 1;
            Trial t = new Trial(id, bracket, c, c.apply(base), Seeds.trial(base.seed(), id));
            trials.add(t);
            out.add(t);
        }
        return out;
    }

    /** The committed trials ranked best first (see {@link Trial#ranking}). */
    synchronized List<TrialRecord> ranked() {
        List<TrialRecord> r = new ArrayList<>();
        for (Trial t : trials) if (t.epochs() > 0 || t.failed()) r.add(t.record());
        r.sort(Trial.ranking(metric));
        return r;
    }

    /** Every trial drawn, in id order, as it stands. */
    synchronized List<TrialRecord> records() {
        List<TrialRecord> r = new ArrayList<>();
        for (Trial t : trials) r.add(t.record());
        return r;
    }

    /**
     * Starts training {@code trial} to {@code epochs} epochs in all, its rung {@code rung} of
     * {@code rungs}; the result becomes the trial's only through {@link #commit}. The job continues
     * from the trial's checkpoint unless {@link #restarts} says otherwise, and keeps checkpoints when a
     * promotion to the next rung would continue from them.
     */
    CompletableFuture<Finished> train(Trial trial, int epochs, int rung, int rungs) {
        TrialTask task;
        synchronized (this) {
            boolean restart = trial.epochs() == 0 || trial.checkpoints() == null || restarts.at(rung, rungs);
            boolean keep = rung < rungs - 1 && !restarts.at(rung + 1, rungs);
            task = new TrialTask(trial.id(), trial.config().withSeed(trial.seed()), epochs, restart, restart ? 0 : trial.epochs(),
                    restart ? null : trial.checkpoints(), keep, metric);
        }
        return CompletableFuture.supplyAsync(() -> new Finished(trial, runner.run(task), rung == rungs - 1), executor);
    }

    /** Marks {@code trial} as having reached the final budget. */
    synchronized void complete(Trial trial) {
        trial.markComplete();
    }

    /** Drops the checkpoints of a trial that will not train again. */
    synchronized void release(Trial trial) {
        trial.release();
    }

    /** Applies a finished job to its trial and reports progress. */
    synchronized void commit(Finished f) {
        f.trial().apply(f.outcome());
        // complete before the progress names the best: a trial reaching the final budget was reported behind a worse complete one
        if (f.finalBudget()) f.trial().markComplete();
        epochsDone += f.outcome().epochsTrained();
        jobsDone++;
        TrialRecord best = null;
        List<TrialRecord> r = ranked();
        if (!r.isEmpty() && !r.get(0).failed()) best = r.get(0);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = epochsDone == 0 ? Double.NaN : elapsed / epochsDone * Math.max(0, plannedEpochs - epochsDone);
        listener.onProgress(new SearchProgress(f.trial().record(), best, jobsDone, trials.size(), epochsDone, plannedEpochs, elapsed, left,
                metric));
    }

    /**
     * {@code f}'s result, waited for as the searching thread waits for its trials: interruptibly (an
     * interrupted search stops with a {@link java.util.concurrent.CancellationException}, its trials
     * interrupted by the executor's shutdown, where it waited for every running trial to finish), a
     * job's own failure as a {@link java.util.concurrent.CompletionException}, as join gives it.
     */
    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("The search was interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new java.util.concurrent.CompletionException(e.getCause());
        }
    }

    /**
     * Trains each of {@code group} to {@code epochs} epochs side by side and commits the results in
     * the group's order once all are done.
     */
    CompletableFuture<Void> trainAll(List<Trial> group, int epochs, int rung, int rungs) {
        List<CompletableFuture<Finished>> jobs = new ArrayList<>();
        for (Trial t : group) jobs.add(train(t, epochs, rung, rungs));
        return CompletableFuture.allOf(jobs.toArray(new CompletableFuture<?>[0])).thenRun(() -> {
            for (CompletableFuture<Finished> j : jobs) commit(j.join());
        });
    }
}
