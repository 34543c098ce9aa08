package org.dendrite.spark.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.dendrite.spark.DendriteClassifier;

/**
 * A named Dendrite configuration from the command line, {@code name:param=value,param=value}: any
 * Param of {@link DendriteClassifier} by its Spark name, the value parsed by the Param's type (so
 * params added later work unchanged). A token without {@code =} continues the previous value
 * ({@code hiddenLayers=64,32}). {@code epochs=1|2|4} gives the epoch budgets explicitly; otherwise
 * they are the powers of two below the configuration's own epochs (its default when not set) and
 * that value itself. {@code defaults:} is {@code new DendriteClassifier()} untouched.
 */
record DendriteConfig(String name, Map<String, String> params, List<Integer> explicitBudgets) {

    static DendriteConfig parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("--dendrite '" + spec + "': expected name:param=value,... (e.g. defaults:)");
        String name = spec.substring(0, colon).trim();
        Map<String, String> params = new LinkedHashMap<>();
        String last = null;
        for (String token : spec.substring(colon + 1).split(",")) {
            if (token.isBlank()) continue;
            int eq = token.indexOf('=');
            if (eq < 0) {
                if (last == null) throw new IllegalArgumentException("--dendrite '" + spec + "': '" + token + "' is not param=value");
                params.put(last, params.get(last) + "," + token.trim());
                continue;
            }
            last = token.substring(0, eq).trim();
            params.put(last, token.substring(eq + 1).trim());
        }
        List<Integer> budgets = null;
        String epochs = params.get("epochs");
        if (epochs != null && epochs.contains("|")) {
            budgets = new ArrayList<>();
            for (String b : epochs.split("\\|")) budgets.add(Integer.parseInt(b.trim()));
            params.remove("epochs");
        }
        DendriteConfig c = new DendriteConfig(name, params, budgets);
        c.estimator(); // unknown params and bad values fail here, before any data is built
        return c;
    }

    /** The configured estimator, before a budget's epochs are applied. */
    DendriteClassifier estimator() {
        DendriteClassifier est = new DendriteClassifier();
        ParamMap map = new ParamMap();
        for (Map.Entry<String, String> e : params.entrySet()) put(est, map, e.getKey(), e.getValue());
        return est.copy(map);
    }

    /** The estimator for one epoch budget, with {@code validationFraction} 0 unless the configuration sets it. */
    DendriteClassifier estimator(int epochs) {
        DendriteClassifier est = estimator();
        ParamMap map = new ParamMap();
        put(est, map, "epochs", Integer.toString(epochs));
        if (!params.containsKey("validationFraction")) put(est, map, "validationFraction", "0");
        return est.copy(map);
    }

    /** Epoch budgets in increasing order, at most {@code maxEpochs} (0: no limit). */
    List<Integer> budgets(int maxEpochs) {
        TreeSet<Integer> b = new TreeSet<>();
        if (explicitBudgets != null) {
            b.addAll(explicitBudgets);
        } else {
            DendriteClassifier est = estimator();
            int own = (Integer) est.getOrDefault(est.epochs());
            for (int e = 1; e < own; e *= 2) b.add(e);
            b.add(own);
        }
        if (maxEpochs > 0) b.removeIf(e -> e > maxEpochs);
        return new ArrayList<>(b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void put(DendriteClassifier est, ParamMap map, String name, String value) {
        Param p;
        try {
            p = est.getParam(name);
        } catch (java.util.NoSuchElementException e) {
            List<String> names = new ArrayList<>();
            for (Param<?> q : est.params()) names.add(q.name());
            throw new IllegalArgumentException("DendriteClassifier has no param '" + name + "' (params: " + String.join(", ", names) + ")", e);
        }
        Object v;
        try {
            if (p instanceof IntParam) v = Integer.parseInt(value);
            else if (p instanceof LongParam) v = Long.parseLong(value);
            else if (p instanceof DoubleParam) v = Double.parseDouble(value);
            else if (p instanceof FloatParam) v = Float.parseFloat(value);
            else if (p instanceof BooleanParam) v = Boolean.parseBoolean(value);
            else v = value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Param " + name + " = '" + value + "': not a number", e);
        }
        map.put(p, v); // Spark's ParamPair validates: a bad value throws the param's own message
    }

    /** The params as given, for the tables: "name (k=v, ...)" or "name (untouched)". */
    String label() {
        if (params.isEmpty() && explicitBudgets == null) return name + " (untouched)";
        List<String> kv = new ArrayList<>();
        params.forEach((k, v) -> kv.add(k + "=" + v));
        if (explicitBudgets != null) kv.add("epochs from " + explicitBudgets);
        return name + " (" + String.join(", ", kv) + ")";
    }
}
