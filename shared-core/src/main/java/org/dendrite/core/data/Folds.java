package org.dendrite.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.check.Check;

/**
 * A seeded k-fold partition of the training rows for cross-validation. For a nominal target it is
 * stratified: each class's rows are shuffled and dealt to the folds in turn (continuing where the
 * previous class stopped), so every fold holds about 1/k of each class and the fold sizes differ by
 * at most one row.
 */
public final class Folds {
    private final int[] foldOf;
    private final int k;

    private Folds(int[] foldOf, int k) {
        this.foldOf = foldOf;
        this.k = k;
    }

    /** Splits {@code n} rows into {@code k} folds; {@code classes} holds each row's class index, or is null for a plain shuffle. */
    public static Folds of(int n, int k, int[] classes, long seed) {
        Check.atLeast("folds", k, 2);
        if (n < k) {
            throw Check.invalid("folds", "Invalid folds: " + k + " folds need at least " + k + " rows, got " + n);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> groups = ValidationSplit.strata(n, classes);
        int[] foldOf = new int[n];
        int next = 0;
        for (int[] g : groups) {
            int[] idx = g.clone();
            Seeds.shuffle(rng, idx);
            for (int row : idx) {
                foldOf[row] = next;
                next = (next + 1) % k;
            }
        }
        return new Folds(foldOf, k);
    }

    public int count() {
        return k;
    }

    /** The rows of fold {@code fold} (held out when it is the validation fold), ascending. */
    public int[] validation(int fold) {
        return rows(fold, true);
    }

    /** The rows of every other fold, ascending. */
    public int[] train(int fold) {
        return rows(fold, false);
    }

    private int[] rows(int fold, boolean in) {
        Check.range("fold", fold, 0, k, false);
        int[] out = new int[foldOf.length];
        int m = 0;
        for (int i = 0; i < foldOf.length; i++) {
            if ((foldOf[i] == fold) == in) out[m++] = i;
        }
        return Arrays.copyOf(out, m);
    }
}
