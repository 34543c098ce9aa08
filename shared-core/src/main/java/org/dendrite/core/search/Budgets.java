package org.dendrite.core.search;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.check.Check;

/**
 * The epoch budgets the multi-fidelity schedulers share. With reduction factor eta, a maximum of
 * R epochs and a minimum of r, there are s + 1 rungs, s the largest with r eta^s <= R, and rung k
 * trains to round(R / eta^(s - k)) epochs, so the top rung is exactly R and the lowest is R / eta^s
 * rounded, which may exceed r (a minimum of 2 under R = 9, eta 3: rungs 3 and 9). A maximum of 0
 * means the base configuration's epochs; a minimum of 0 means R / eta^3 rounded to the nearest (at
 * least 1): four rungs where that minimum times eta^3 is at most R, else three or, for a small R, fewer (R = 100, eta 3: the
 * minimum is 4, 4 x 27 > 100, so the rungs are 11, 33 and 100). The rounding was kept as measured:
 * the default searches' costs in docs/benchmarks.md are those of these rungs.
 */
final class Budgets {
    private Budgets() {}

    static void checkEta(int eta) {
        Check.atLeast("eta", eta, 2);
    }

    static int max(int maxEpochs, int baseEpochs) {
        return maxEpochs > 0 ? maxEpochs : baseEpochs;
    }

    static int min(int minEpochs, int max, int eta) {
        return minEpochs > 0 ? minEpochs : (int) Math.max(1, Math.round(max / Math.pow(eta, 3)));
    }

    /** s: the largest with min eta^s <= max. */
    static int steps(int min, int max, int eta) {
        int s = 0;
        long v = min;
        while (v * eta <= max) {
            v *= eta;
            s++;
        }
        return s;
    }

    /** The rungs' epochs, lowest first; a budget that leaves no room for a second rung is an error naming the fields. */
    static int[] rungs(String scheduler, int minEpochs, int maxEpochs, int eta, int baseEpochs) {
        checkEta(eta);
        Check.atLeast("minEpochs", minEpochs, 0);
        Check.atLeast("maxEpochs", maxEpochs, 0);
        int max = max(maxEpochs, baseEpochs), min = min(minEpochs, max, eta);
        // maxEpochs 0 is the configuration's epochs (a search given without a scheduler): said so, the user wrote no maxEpochs
        String maxShown = maxEpochs == 0 ? max + " (0: the configuration's epochs)" : Integer.toString(max);
        if (min > max) {
            throw Check.invalid("minEpochs", "Invalid " + scheduler + " budget: minEpochs " + min + " exceeds maxEpochs " + maxShown
                    + (maxEpochs == 0 ? ": set maxEpochs, or more epochs" : ""));
        }
        int s = steps(min, max, eta);
        if (s == 0) {
            throw Check.invalid("maxEpochs", "Invalid " + scheduler + " budget: with maxEpochs " + maxShown + ", minEpochs " + min + " and eta "
                    + eta + " there is only one rung (its lower rung would train " + String.format(java.util.Locale.ROOT, "%.3g", max / (double) eta)
                    + " epochs, below minEpochs); allowed: maxEpochs >= eta x minEpochs" + (minEpochs == 0 ? " (minEpochs 0 = at least 1)" : "")
                    + (maxEpochs == 0 ? ": set maxEpochs, or more epochs" : ""));
        }
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k <= s; k++) {
            int e = (int) Math.max(1, Math.round(max / Math.pow(eta, s - k)));
            if (out.isEmpty() || e > out.get(out.size() - 1)) out.add(e);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Rungs as "27 x 2, 9 x 7, 3 x 20, 1 x 60 epochs" (trials x epochs). */
    static String list(java.util.List<Rung> rungs) {
        StringBuilder sb = new StringBuilder();
        for (Rung r : rungs) sb.append(sb.length() == 0 ? "" : ", ").append(r.trials()).append(" x ").append(r.epochs());
        return sb.append(" epochs").toString();
    }
}
