package org.dendrite.spark.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * A driver-side SparkListener recording every job (start, end, call site) and every finished
 * task's metrics (executorDeserializeTime, executorRunTime, resultSerializationTime), so that a fit
 * can be broken down into compute and overhead afterwards: {@link #breakdown} over the jobs that
 * started within a wall-clock window.
 */
final class JobTimeline extends SparkListener {
    /** One finished task: milliseconds as Spark's TaskMetrics report them. */
    record Task(long deserialize, long run, long resultSerialization) {}

    private static final class Job {
        final int id;
        final long start;
        final String callSite;
        long end = -1;
        final List<Task> tasks = new ArrayList<>();

        Job(int id, long start, String callSite) {
            this.id = id;
            this.start = start;
            this.callSite = callSite;
        }
    }

    private final SparkContext sc;
    private final List<Job> jobs = new ArrayList<>();
    private final Map<Integer, Job> byId = new HashMap<>();
    private final Map<Integer, Job> byStage = new HashMap<>();

    private JobTimeline(SparkContext sc) {
        this.sc = sc;
    }

    static JobTimeline attach(SparkContext sc) {
        JobTimeline t = new JobTimeline(sc);
        sc.addSparkListener(t);
        return t;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart e) {
        // the result stage (the highest id) is named after the job's call site, e.g. "treeAggregate at SyncSource.java:80"
        String site = "?";
        int last = -1;
        scala.collection.Iterator<org.apache.spark.scheduler.StageInfo> stages = e.stageInfos().iterator();
        while (stages.hasNext()) {
            org.apache.spark.scheduler.StageInfo st = stages.next();
            if (st.stageId() > last) {
                last = st.stageId();
                site = st.name();
            }
        }
        Job j = new Job(e.jobId(), e.time(), site);
        jobs.add(j);
        byId.put(j.id, j);
        scala.collection.Iterator<Object> it = e.stageIds().iterator();
        while (it.hasNext()) byStage.putIfAbsent((Integer) it.next(), j);
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd e) {
        Job j = byId.get(e.jobId());
        if (j != null) j.end = e.time();
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
        Job j = byStage.get(e.stageId());
        TaskMetrics m = e.taskMetrics();
        if (j != null && m != null) j.tasks.add(new Task(m.executorDeserializeTime(), m.executorRunTime(), m.resultSerializationTime()));
    }

    /** Forgets every job recorded so far (call between fits: a synchronous fit runs thousands of jobs). */
    synchronized void clear() {
        jobs.clear();
        byId.clear();
        byStage.clear();
    }

    /** Waits until the listener bus has delivered every event posted so far. */
    void drain() {
        try {
            sc.listenerBus().waitUntilEmpty(30_000);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not drain in 30 s", e);
        }
    }

    /**
     * Where the wall time of {@code [from, to]} (epoch ms) went, over the jobs that started in it.
     *
     * @param jobs          jobs started in the window
     * @param medianJob     median job duration (ms)
     * @param medianTasks   median task count per job
     * @param medianDeser   median task deserialization time (ms, over all tasks)
     * @param medianRun     median task run time (ms, over all tasks)
     * @param medianResult  median result serialization time (ms, over all tasks)
     * @param medianGap     median driver-side time from one job's end to the next job's start (ms)
     * @param compute       share of the window in the slowest task's run time of each job (the critical path's compute)
     * @param inJobOverhead share of the window inside jobs but outside that compute (scheduling, shipping and deserializing
     *                      tasks, waiting for slots, results)
     * @param driver        share of the window with no job running (driver-side work between jobs, before the first and after the last)
     * @param topSites      the call sites with the most job time: "site: jobs, share of the window"
     */
    record Breakdown(int jobs, double medianJob, double medianTasks, double medianDeser, double medianRun, double medianResult,
                     double medianGap, double compute, double inJobOverhead, double driver, String topSites) {}

    synchronized Breakdown breakdown(long from, long to) {
        List<Job> in = new ArrayList<>();
        for (Job j : jobs) if (j.start >= from && j.start <= to && j.end >= 0) in.add(j);
        in.sort((a, b) -> Long.compare(a.start, b.start));
        double window = Math.max(1, to - from);
        List<Double> durations = new ArrayList<>(), taskCounts = new ArrayList<>(), deser = new ArrayList<>(), run = new ArrayList<>(),
                result = new ArrayList<>(), gaps = new ArrayList<>();
        long covered = 0, coveredTo = from, critical = 0;
        Map<String, long[]> sites = new LinkedHashMap<>();
        for (int i = 0; i < in.size(); i++) {
            Job j = in.get(i);
            durations.add((double) (j.end - j.start));
            taskCounts.add((double) j.tasks.size());
            long slowest = 0;
            for (Task t : j.tasks) {
                deser.add((double) t.deserialize());
                run.add((double) t.run());
                result.add((double) t.resultSerialization());
                slowest = Math.max(slowest, t.run());
            }
            critical += Math.min(slowest, j.end - j.start);
            if (i > 0) gaps.add((double) Math.max(0, j.start - in.get(i - 1).end));
            long s = Math.max(j.start, coveredTo), e = Math.min(j.end, to);
            if (e > s) covered += e - s;
            coveredTo = Math.max(coveredTo, j.end);
            long[] site = sites.computeIfAbsent(j.callSite, k -> new long[2]);
            site[0]++;
            site[1] += j.end - j.start;
        }
        StringBuilder top = new StringBuilder();
        sites.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(3).forEach(en -> {
            if (top.length() > 0) top.append("; ");
            top.append(en.getKey()).append(": ").append(en.getValue()[0]).append(" jobs, ")
                    .append(String.format(java.util.Locale.ROOT, "%.0f%%", 100 * en.getValue()[1] / window));
        });
        return new Breakdown(in.size(), median(durations), median(taskCounts), median(deser), median(run), median(result), median(gaps),
                critical / window, (covered - critical) / window, (window - covered) / window, top.toString());
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
