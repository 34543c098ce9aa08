package org.dendrite.spark;

import org.apache.spark.SparkContext;
import org.dendrite.core.train.EpochRecord;
import org.dendrite.core.train.TrainingDivergedException;
import org.dendrite.core.train.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a Spark user sees of training: job descriptions in the Spark UI, and a driver log line per epoch and per warning. */
final class SparkJobs implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger("org.dendrite.spark");

    private final long start = System.nanoTime();
    /** Whether the losses are on a scaled numeric target (the network's units, not the label's), as the model's summary says. */
    private final boolean scaledTarget;

    /** The listener of a training whose losses are on a scaled numeric target when {@code scaledTarget}. */
    SparkJobs(boolean scaledTarget) {
        this.scaledTarget = scaledTarget;
    }

    /**
     * Runs {@code work}, which names its jobs, and gives the calling thread back the job description
     * it had (a fit's last "Dendrite epoch ..." named the user's next jobs, and replaced the user's own).
     * Its jobs carry a tag of their own, so that a fit stopped by an interrupt cancels those still
     * running (Spark does not cancel a job when the thread waiting for it is interrupted: a search's
     * trials ran on for 5-10 s); the user's job group is left as it is.
     */
    static <T> T keepingDescription(SparkContext sc, java.util.function.Supplier<T> work) {
        String before = sc.getLocalProperty("spark.job.description");
        String tag = "dendrite-fit-" + java.util.UUID.randomUUID();
        sc.addJobTag(tag);
        try {
            return work.get();
        } catch (Exception e) {
            // stopped by an interrupt, wherever it met the fit (a job it waited for, a search's wait, between epochs)
            boolean interrupted = e instanceof java.util.concurrent.CancellationException;
            for (Throwable t = e; t != null && !interrupted; t = t.getCause()) interrupted = t instanceof InterruptedException;
            if (!interrupted) throw e;
            sc.cancelJobsWithTag(tag);
            // a search's trial job submitted as its threads were shut down can register after that: cancelled by the repeats (one
            // ran on past the fit's end on a loaded machine); the interrupt stays set for the caller
            boolean again = Thread.interrupted();
            for (int i = 0; i < CANCEL_REPEATS; i++) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException x) {
                    again = true;
                }
                sc.cancelJobsWithTag(tag);
            }
            if (again) Thread.currentThread().interrupt();
            throw e instanceof java.util.concurrent.CancellationException c ? c : unwrap(e);
        } finally {
            sc.removeJobTag(tag);
            sc.setJobDescription(before);
        }
    }

    /** How many more times, 200 ms apart, a stopped fit cancels its jobs (a second: a job registered late is caught). */
    private static final int CANCEL_REPEATS = 5;

    /** Above this many bytes of partials in all, {@link #mergeInOrder} lets the executors merge them first. */
    static final long ORDERED_MERGE_BYTES = 64L << 20;

    /**
     * The partials of {@code partials} (one per partition, or a few), merged in partition order on
     * the driver: the same float sums on every run, so two fits of one seed and partitioning save the
     * same model to the last digit (Spark's {@code reduce} and {@code treeAggregate} merge in the order
     * the tasks finish: the preprocessing's centres differed in their last digits). Where the partials
     * would pass {@link #ORDERED_MERGE_BYTES} in all ({@code bytesEach} each: Spark's 1 GB
     * {@code spark.driver.maxResultSize} and the driver's heap), Spark's tree merges them on the
     * executors first, in no fixed order.
     */
    static <T extends java.io.Serializable> T mergeInOrder(org.apache.spark.api.java.JavaRDD<T> partials,
                                                         org.apache.spark.api.java.function.Function2<T, T, T> merge, long bytesEach) {
        // boxed: the partials pass Spark's serializer, which may be Kryo (Boxed)
        if ((double) bytesEach * partials.getNumPartitions() > ORDERED_MERGE_BYTES) return Boxed.treeReduce(partials, merge);
        T all = null;
        try {
            for (T p : Boxed.collect(partials)) all = all == null ? p : merge.call(all, p);
        } catch (Exception e) {
            throw unwrap(e);
        }
        if (all == null) throw new IllegalStateException("No partition answered"); // callers' RDDs hold at least one partition
        return all;
    }

    /** The element-wise sum of {@code pairs} (two values each, such as a sum and its weight), added in partition order ({@link #mergeInOrder}). */
    static double[] sumPairsInOrder(org.apache.spark.api.java.JavaRDD<double[]> pairs) {
        return mergeInOrder(pairs, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]}, 16);
    }

    /** Names the next jobs in the Spark UI. */
    static void describe(SparkContext sc, String what) {
        sc.setJobDescription(what);
    }

    @Override
    public void onEpoch(EpochRecord r, int plannedEpochs) {
        LOG.info(epochLine(r, plannedEpochs, (System.nanoTime() - start) / 1e9));
    }

    /**
     * The driver's log line after epoch {@code r} of {@code plannedEpochs}, {@code elapsed} seconds into
     * the training: a numeric target's losses said to be on its scaled values (they read as the label's
     * mean squared error: 0.002 for a label of scale 1e-9, whose error in its units was 1e-21).
     */
    String epochLine(EpochRecord r, int plannedEpochs, double elapsed) {
        double left = elapsed / r.epoch() * Math.max(0, plannedEpochs - r.epoch());
        return String.format(java.util.Locale.ROOT, "Dendrite epoch %d/%d: training loss %s%s%s, %s s, about %d s left", r.epoch(), plannedEpochs,
                (float) r.trainLoss(), Double.isNaN(r.validationLoss()) ? "" : ", validation loss " + (float) r.validationLoss(),
                scaledTarget ? " (on the scaled target, as the model's summary says)" : "", (float) r.seconds(), Math.round(left));
    }

    @Override
    public void onWarning(String message) {
        LOG.warn("Dendrite: {}", message);
    }

    /** The tasks an executor runs at once: {@code spark.executor.cores}, or in local mode (unset) the JVM's processors. */
    static int executorCores(org.apache.spark.SparkConf conf) {
        return conf.contains("spark.executor.cores") ? conf.getInt("spark.executor.cores", 1) : Runtime.getRuntime().availableProcessors();
    }

    /**
     * {@code work} in an executor's task that may run beside its other tasks (every partition's block
     * filled at once): the memory budget a training checks against is shared by the executor's cores,
     * so that side-by-side tasks cannot together take more than one training may.
     */
    static <T> T besideOtherTasks(java.util.function.Supplier<T> work) {
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        int cores = env == null ? 1 : executorCores(env.conf());
        return org.dendrite.core.data.HeapBudget.sharedBy(cores, "partitions an executor fills at once (its cores)", work);
    }

    /** A driver log line about how the fit uses the cluster. */
    static void note(String message) {
        LOG.info(message);
    }

    /** A hyperparameter search's progress as a driver log line per finished training job. */
    static org.dendrite.core.search.SearchListener searchProgress() {
        return p -> LOG.info("Dendrite {}", p.line());
    }

    /**
     * Unwraps a failed Spark job to the IllegalArgumentException (bad input) or divergence error a task
     * threw, so users read its message; any other failure is thrown as Spark threw it (a job group the
     * user cancelled: Spark's {@code SparkException}, which Scala throws undeclared and Spark's own
     * estimators pass on as it is; it reached callers inside an IllegalStateException).
     */
    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof TrainingDivergedException
                    || t instanceof java.util.concurrent.CancellationException) return (RuntimeException) t;
            if (t instanceof InterruptedException) {
                // the fit's thread was interrupted while it waited for a job: stopped, as one machine's training stops
                Thread.currentThread().interrupt();
                java.util.concurrent.CancellationException c = new java.util.concurrent.CancellationException("The fit was interrupted");
                c.initCause(e);
                return c;
            }
        }
        if (e instanceof RuntimeException re) return re;
        throw SparkJobs.<RuntimeException>undeclared(e);
    }

    /** Throws {@code e} without declaring it, as Scala code throws a checked exception. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E undeclared(Throwable e) throws E {
        throw (E) e;
    }
}
