package org.dendrite.weka.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The markdown tables of {@link WekaComparison}'s results: classification, regression, the paired
 * tests of each Dendrite configuration against each reference, and a summary per classifier and
 * configuration (means over the datasets, summed times, test verdicts counted).
 */
final class Report {
    private Report() {}

    static String markdown(List<Result> all, List<String> datasets) {
        StringBuilder s = new StringBuilder();
        List<Result> classification = all.stream().filter(r -> !r.regression()).toList();
        List<Result> regression = all.stream().filter(Result::regression).toList();
        if (!classification.isEmpty()) {
            s.append("| dataset | rows | runs | classifier | accuracy % | accuracy % (seed 1) | weighted ROC AUC | 10-fold CV seconds | first run seconds |\n");
            s.append("|---|---|---|---|---|---|---|---|---|\n");
            for (Result r : classification) {
                s.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.2f | %.2f | %.4f | %s | %s |%n", r.dataset(), r.rows(), runs(r),
                        name(r), r.accuracy(), r.accuracySeed1(), r.weightedAuc(), cvSeconds(r), firstRun(r)));
            }
            s.append(legend(classification)).append('\n');
        }
        if (!regression.isEmpty()) {
            s.append("| dataset | rows | runs | classifier | correlation | RMSE | 10-fold CV seconds | first run seconds |\n");
            s.append("|---|---|---|---|---|---|---|---|\n");
            for (Result r : regression) {
                s.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.4f | %.4f | %s | %s |%n", r.dataset(), r.rows(), runs(r),
                        name(r), r.correlation(), r.rmse(), cvSeconds(r), firstRun(r)));
            }
            s.append(legend(regression)).append('\n');
        }
        String tests = tests(classification) + tests(regression);
        if (!tests.isEmpty()) {
            s.append("Dendrite against each reference on the same folds: the mean difference per fold (Dendrite minus the reference; "
                    + "accuracy in points, or RMSE) and, on the 10 x 10-fold datasets, the corrected resampled t-test of Weka's "
                    + "Experimenter (weka.experiment.PairedStatsCorrected, test/train ratio 1/9, significance 0.05). "
                    + "The 1 x 10-fold datasets are not tested.\n\n");
            s.append(tests);
        }
        s.append(summary(all));
        return s.toString();
    }

    /** The run's facts for the top of the .md file written next to the results. */
    static String preamble(Map<String, String> meta, List<Result> all) {
        StringBuilder s = new StringBuilder("# Weka cross-validation: Dendrite and Weka's classifiers\n\n");
        s.append("Written by `org.dendrite.weka.bench.WekaComparison` (protocol and timing method in its Javadoc and in "
                + "docs/benchmarks.md); every number is also in the JSON file of the same name.\n\n");
        meta.forEach((k, v) -> {
            if (!v.isEmpty()) s.append("- ").append(k).append(": ").append(v).append('\n');
        });
        Set<String> sources = new LinkedHashSet<>();
        for (Result r : all) if (!r.source().equals(Result.THIS_RUN)) sources.add(r.source());
        for (String f : sources) s.append("- rows marked ‡ read from: ").append(f).append('\n');
        return s.append('\n').toString();
    }

    private static String runs(Result r) {
        return r.repetitions() + " x 10";
    }

    private static String name(Result r) {
        return r.displayName() + (r.source().equals(Result.THIS_RUN) ? "" : " ‡");
    }

    private static String cvSeconds(Result r) {
        return String.format(Locale.ROOT, "%.3f", r.cvSeconds()) + (r.cvTiming().contains("first run") ? " *" : "");
    }

    private static String firstRun(Result r) {
        return String.format(Locale.ROOT, "%.3f", r.firstRunSeconds()) + (r.firstRunTiming().startsWith("harness JVM (") ? " †" : "");
    }

    private static String legend(List<Result> rows) {
        List<String> notes = new ArrayList<>();
        if (rows.stream().anyMatch(r -> r.cvTiming().contains("first run"))) {
            notes.add("\\* a first run of over 10 s, timed once and not repeated (compilation included, negligible at that length)");
        }
        if (rows.stream().anyMatch(r -> r.firstRunTiming().startsWith("harness JVM ("))) {
            notes.add("† first run in the harness's JVM (over 10 s), not repeated in a fresh JVM");
        }
        if (rows.stream().anyMatch(r -> r.firstRunTiming().equals("fresh JVM"))) {
            notes.add("first run: making the classifier and one 10-fold run in a fresh JVM (data read beforehand)");
        } else if (rows.stream().anyMatch(r -> r.firstRunTiming().equals("harness JVM"))) {
            notes.add("first run: the first 10-fold run of that classifier on that dataset in the harness's JVM, after the ones above it");
        }
        if (rows.stream().anyMatch(r -> !r.source().equals(Result.THIS_RUN))) notes.add("‡ read from an earlier run's results file");
        return notes.isEmpty() ? "" : "\n" + String.join("; ", notes) + ".\n";
    }

    /** One table per task: a row per Dendrite configuration and dataset, three columns per reference. */
    private static String tests(List<Result> rows) {
        List<String> refs = new ArrayList<>();
        for (Result r : rows) if (!r.isDendrite() && !refs.contains(r.classifier())) refs.add(r.classifier());
        List<Result> candidates = rows.stream().filter(Result::isDendrite).toList();
        if (refs.isEmpty() || candidates.isEmpty()) return "";
        StringBuilder s = new StringBuilder("| dataset | configuration | measure |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (String ref : refs) {
            s.append(" minus ").append(ref).append(" | p | verdict |");
            rule.append("---|---|---|");
        }
        s.append('\n').append(rule).append('\n');
        for (Result c : candidates) {
            s.append("| ").append(c.dataset()).append(" | ").append(c.configuration()).append(" | ").append(c.measure()).append(" |");
            for (String ref : refs) {
                Result other = rows.stream().filter(r -> r.classifier().equals(ref) && r.dataset().equals(c.dataset())).findFirst().orElse(null);
                PairedTest t = c.tests().stream().filter(x -> x.against().equals(ref)).findFirst().orElse(null);
                if (t != null) {
                    s.append(String.format(Locale.ROOT, " %+.3f | %.3f | %s |", t.difference(), t.p(), t.verdict()));
                } else if (other != null && other.foldScores().length == c.foldScores().length) {
                    s.append(String.format(Locale.ROOT, " %+.3f | | not tested (%s) |", meanDifference(c.foldScores(), other.foldScores()), runs(c)));
                } else {
                    s.append(" | | |");
                }
            }
            s.append('\n');
        }
        return s.append('\n').toString();
    }

    private static double meanDifference(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) d += (a[i] - b[i]) / a.length;
        return d;
    }

    /** Means over the datasets each classifier ran, summed times; then each configuration's test verdicts counted. */
    private static String summary(List<Result> all) {
        Map<String, List<Result>> byName = new LinkedHashMap<>();
        for (Result r : all) byName.computeIfAbsent(r.displayName(), k -> new ArrayList<>()).add(r);
        StringBuilder s = new StringBuilder("Summary: means over the datasets each classifier ran (accuracy and ROC AUC over the "
                + "classification datasets, correlation over the regression datasets), times summed.\n\n");
        s.append("| classifier | classification datasets | mean accuracy % | mean weighted ROC AUC | regression datasets | mean correlation "
                + "| 10-fold CV seconds, classification | 10-fold CV seconds, regression | first runs, seconds |\n");
        s.append("|---|---|---|---|---|---|---|---|---|\n");
        for (var e : byName.entrySet()) {
            List<Result> cls = e.getValue().stream().filter(r -> !r.regression()).toList();
            List<Result> reg = e.getValue().stream().filter(Result::regression).toList();
            s.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %d | %s | %s | %s | %.3f |%n", e.getKey(), cls.size(),
                    mean(cls, Result::accuracy, "%.2f"), mean(cls, Result::weightedAuc, "%.4f"), reg.size(),
                    mean(reg, Result::correlation, "%.4f"), sum(cls), sum(reg),
                    e.getValue().stream().mapToDouble(Result::firstRunSeconds).sum()));
        }
        Map<String, Map<String, int[]>> verdicts = new LinkedHashMap<>();
        for (Result r : all) {
            if (!r.isDendrite()) continue;
            Map<String, int[]> v = verdicts.computeIfAbsent(r.configuration(), k -> new LinkedHashMap<>());
            for (PairedTest t : r.tests()) {
                int[] n = v.computeIfAbsent(t.against() + (r.regression() ? " (regression)" : " (classification)"), k -> new int[3]);
                n[t.verdict().equals("better") ? 0 : t.verdict().equals("worse") ? 2 : 1]++;
            }
        }
        Set<String> columns = new LinkedHashSet<>();
        verdicts.values().forEach(v -> columns.addAll(v.keySet()));
        if (!columns.isEmpty()) {
            s.append("\nDendrite against each reference on the 10 x 10-fold datasets (corrected t-test): datasets where "
                    + "Dendrite is significantly better / not significantly different / significantly worse.\n\n");
            s.append("| configuration |");
            for (String c : columns) s.append(" against ").append(c).append(" |");
            s.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
            for (var e : verdicts.entrySet()) {
                s.append("| ").append(e.getKey()).append(" |");
                for (String c : columns) {
                    int[] n = e.getValue().get(c);
                    s.append(n == null ? " |" : String.format(Locale.ROOT, " %d / %d / %d |", n[0], n[1], n[2]));
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    private static String mean(List<Result> rows, java.util.function.ToDoubleFunction<Result> f, String format) {
        return rows.isEmpty() ? "" : String.format(Locale.ROOT, format, rows.stream().mapToDouble(f).average().orElse(Double.NaN));
    }

    private static String sum(List<Result> rows) {
        return rows.isEmpty() ? "" : String.format(Locale.ROOT, "%.3f", rows.stream().mapToDouble(Result::cvSeconds).sum());
    }
}
