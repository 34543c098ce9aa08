package org.dendrite.core.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * An exact stratified sample of rows seen in parts (Spark partitions), mergeable in any order or
 * tree: every row comes with a random key (drawn from its part's seeded generator), and each class
 * keeps the {@link #quotas quota} rows of smallest keys, a uniform sample of its rows. A part
 * offers its rows to its own sample; the parts' samples {@link #merge} into the same rows, in key
 * order, whatever the merge order, so the sample is reproducible for the same seed and parts.
 *
 * @param <T> the row type (serializable: part samples travel between machines)
 */
public final class StratifiedSample<T extends Serializable> implements Serializable {
    private static final long serialVersionUID = 1L;

    private record Keyed<T>(long key, T row) implements Serializable {}

    /** The queue's order, largest key first (a named class: the queue travels between machines). */
    private static final class LargestKeyFirst implements Comparator<Keyed<?>>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Keyed<?> a, Keyed<?> b) {
            return Long.compare(b.key(), a.key());
        }
    }

    private final Map<Integer, Integer> quota;
    private final Map<Integer, PriorityQueue<Keyed<T>>> classes = new HashMap<>();

    /** An empty sample keeping at most {@code quota.get(c)} rows of class {@code c}. */
    public StratifiedSample(Map<Integer, Integer> quota) {
        this.quota = Map.copyOf(quota);
    }

    /**
     * Each class's quota for a sample of {@code size} rows from classes of {@code counts} rows: its
     * share of {@code size}, rounded, at least 1 and at most its count.
     */
    public static Map<Integer, Integer> quotas(Map<Integer, Long> counts, long size) {
        long n = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<Integer, Integer> q = new HashMap<>();
        counts.forEach((c, k) -> q.put(c, (int) Math.min(k, Math.max(1, Math.round(size * (double) k / n)))));
        return q;
    }

    /** Offers a row of class {@code c} with its random {@code key}. */
    public void offer(int c, long key, T row) {
        int limit = quota.getOrDefault(c, 0);
        if (limit == 0) return;
        PriorityQueue<Keyed<T>> q = classes.computeIfAbsent(c, x -> new PriorityQueue<>(new LargestKeyFirst()));
        if (q.size() < limit) {
            q.add(new Keyed<>(key, row));
        } else if (key < q.peek().key()) {
            q.poll();
            q.add(new Keyed<>(key, row));
        }
    }

    /** Adds {@code other}'s rows into this sample; returns this. */
    public StratifiedSample<T> merge(StratifiedSample<T> other) {
        other.classes.forEach((c, q) -> q.forEach(k -> offer(c, k.key(), k.row())));
        return this;
    }

    /** The kept rows of all classes in key order. */
    public List<T> rows() {
        List<Keyed<T>> all = new ArrayList<>();
        classes.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong(Keyed::key));
        List<T> out = new ArrayList<>();
        for (Keyed<T> k : all) out.add(k.row());
        return out;
    }
}
