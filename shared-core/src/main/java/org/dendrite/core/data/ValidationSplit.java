package org.dendrite.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded hold-out split of the training rows. For a nominal target it is stratified: each class
 * contributes round(fraction x its rows) validation rows (at least one when the class has two or
 * more rows), so the class proportions match. A fraction that would hold out every row of a class
 * (a class of one row at 0.5, of three rows at 0.9) is refused: training never saw that class, and
 * the model silently never predicted it.
 */
public final class ValidationSplit {
    private final int[] train;
    private final int[] validation;

    private ValidationSplit(int[] train, int[] validation) {
        this.train = train;
        this.validation = validation;
    }

    public int[] train() { return train.clone(); }

    public int[] validation() { return validation.clone(); }

    /**
     * Splits {@code n} rows, {@code fraction} of them into validation. {@code classes} holds each
     * row's class index for a stratified split, or is null for a plain random one.
     */
    public static ValidationSplit of(int n, double fraction, int[] classes, long seed) {
        return of(n, fraction, classes, null, seed);
    }

    /**
     * {@link #of(int, double, int[], long)}, naming a class held out whole by {@code classNames}
     * (indexed by class index; null: by its index).
     */
    public static ValidationSplit of(int n, double fraction, int[] classes, java.util.List<String> classNames, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("Invalid validation fraction: " + fraction + " (allowed: 0 < fraction < 1)");
        }
        if (n < 2) {
            throw new IllegalArgumentException("A validation split needs at least 2 rows, got " + n);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> groups = strata(n, classes);
        List<Integer> tr = new ArrayList<>(), va = new ArrayList<>();
        int[] whole = null;
        for (int[] g : groups) {
            int[] idx = g.clone();
            Seeds.shuffle(rng, idx);
            int v = (int) Math.round(fraction * idx.length);
            if (v == 0 && idx.length >= 2) v = 1;
            if (v == idx.length && classes == null) v = idx.length - 1;
            // the smallest class held out whole, the one that bounds the fraction
            if (v == idx.length && idx.length > 0 && (whole == null || idx.length < whole.length)) whole = idx;
            for (int i = 0; i < idx.length; i++) (i < v ? va : tr).add(idx[i]);
        }
        if (tr.isEmpty() || va.isEmpty()) {
            throw org.dendrite.core.check.Check.invalid("validationFraction", "A validation fraction of " + fraction + " leaves " + tr.size()
                    + " training and " + va.size() + " validation rows out of " + n + "; both need at least one");
        }
        if (whole != null) {
            int c = classes[whole[0]], m = whole.length;
            String name = classNames != null && c < classNames.size() ? "'" + classNames.get(c) + "'" : "index " + c;
            // round(f m) < m holds for f < 1 - 0.5 / m
            throw org.dendrite.core.check.Check.invalid("validationFraction", String.format(java.util.Locale.ROOT, "A validation fraction of %s "
                    + "holds out all %d row%s of class %s (round(%s x %d) = %d): training would never see that class. Use a validation fraction "
                    + "below %.4g, or more rows of the class", fraction, m, m == 1 ? "" : "s", name, fraction, m, m, 1 - 0.5 / m));
        }
        int[] t = tr.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] v = va.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new ValidationSplit(t, v);
    }

    /**
     * The strata of a stratified split: the row indices of each class in row order (one stratum of all
     * rows when {@code classes} is null).
     */
    static List<int[]> strata(int n, int[] classes) {
        List<int[]> groups = new ArrayList<>();
        if (classes == null) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            groups.add(all);
            return groups;
        }
        int k = Arrays.stream(classes).max().orElse(0) + 1;
        int[] counts = new int[k];
        for (int c : classes) counts[c]++;
        int[][] byClass = new int[k][];
        for (int c = 0; c < k; c++) byClass[c] = new int[counts[c]];
        int[] fill = new int[k];
        for (int i = 0; i < n; i++) byClass[classes[i]][fill[classes[i]]++] = i;
        groups.addAll(Arrays.asList(byClass));
        return groups;
    }
}
