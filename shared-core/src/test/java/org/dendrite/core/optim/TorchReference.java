package org.dendrite.core.optim;

import static org.dendrite.core.testutil.JsonValues.doubles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dendrite.core.testutil.TestData;

/**
 * The PyTorch reference trajectories of {@code test-data/reference/optim/} (written by
 * {@code make_optim_reference.py}) and the one place where torch's constructor arguments are
 * mapped to Dendrite's optimizer records.
 */
final class TorchReference {
    static final String DIR = "reference/optim/";

    /**
     * One case: the optimizer, the learning rate, the start point, the parameters after each step and the loss before it.
     * {@code schedule} is null at a constant rate, else the rate torch's param_group held during each step
     * ({@code lr_schedule} of make_optim_extra_reference.py).
     */
    record Case(String id, String torchClass, JsonNode options, String dtype, Optimizer optimizer, double learningRate,
                double[] initial, double[][] trajectory, double[] loss, double[] schedule) {
        /** The learning rate of step {@code k + 1} (k from 0). */
        double learningRate(int k) {
            return schedule == null ? learningRate : schedule[k];
        }
    }

    private TorchReference() {}

    static JsonNode read(String file) throws IOException {
        return new ObjectMapper().readTree(TestData.file(DIR + file).toFile());
    }

    static List<Case> cases(String file) throws IOException {
        JsonNode root = read(file);
        List<Case> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            JsonNode o = c.get("options");
            JsonNode traj = c.get("trajectory");
            double[][] t = new double[traj.size()][];
            for (int i = 0; i < t.length; i++) t[i] = doubles(traj.get(i));
            JsonNode schedule = c.get("lr_schedule");
            if (schedule != null && schedule.size() != t.length) {
                throw new IllegalArgumentException(c.get("case").asText() + ": " + schedule.size() + " rates for " + t.length + " steps");
            }
            out.add(new Case(c.get("case").asText(), c.get("optimizer").asText(), o, c.get("dtype").asText(),
                    fromTorch(c.get("optimizer").asText(), o), o.get("lr").asDouble(), doubles(c.get("initial")), t,
                    doubles(c.get("loss")), schedule == null ? null : doubles(schedule)));
        }
        return out;
    }

    /** Options that do not change the arithmetic of a single-tensor CPU step, with the value they must have. */
    private static final Map<String, Boolean> NEUTRAL = Map.of("foreach", false, "maximize", false, "capturable", false,
            "differentiable", false, "fused", false);

    /**
     * The Dendrite optimizer for {@code torch.optim.<cls>(**options)}. Every option must be consumed
     * or be one of the neutral flags at its neutral value, so a new torch option cannot be ignored.
     */
    static Optimizer fromTorch(String cls, JsonNode options) {
        Set<String> used = new HashSet<>();
        Options o = new Options(options, used);
        Optimizer opt = switch (cls) {
            case "SGD" -> new Sgd(o.d("lr"), o.d("momentum"), o.d("dampening"), o.b("nesterov"), o.d("weight_decay"));
            case "Adagrad" -> new Adagrad(o.d("lr"), o.d("lr_decay"), o.d("weight_decay"), o.d("initial_accumulator_value"), o.d("eps"));
            case "RMSprop" -> new RmsProp(o.d("lr"), o.d("alpha"), o.d("eps"), o.d("weight_decay"), o.d("momentum"), o.b("centered"));
            case "Adadelta" -> new Adadelta(o.d("lr"), o.d("rho"), o.d("eps"), o.d("weight_decay"));
            case "Adam" -> new Adam(o.d("lr"), o.beta(0), o.beta(1), o.d("eps"), o.d("weight_decay"), o.b("amsgrad"));
            case "AdamW" -> new AdamW(o.d("lr"), o.beta(0), o.beta(1), o.d("eps"), o.d("weight_decay"), o.b("amsgrad"));
            case "Adamax" -> new AdaMax(o.d("lr"), o.beta(0), o.beta(1), o.d("eps"), o.d("weight_decay"));
            case "NAdam" -> new Nadam(o.d("lr"), o.beta(0), o.beta(1), o.d("eps"), o.d("weight_decay"), o.d("momentum_decay"));
            case "LBFGS" -> new Lbfgs(o.d("lr"), o.i("max_iter"), o.i("max_eval"), o.d("tolerance_grad"), o.d("tolerance_change"),
                    o.i("history_size"), o.lineSearch("line_search_fn"));
            default -> throw new IllegalArgumentException("No Dendrite optimizer for torch.optim." + cls);
        };
        for (Iterator<String> it = options.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (used.contains(k)) continue;
            Boolean neutral = NEUTRAL.get(k);
            if (neutral == null || options.get(k).asBoolean() != neutral) {
                throw new IllegalArgumentException("torch option " + k + "=" + options.get(k) + " of " + cls + " is not mapped");
            }
        }
        return opt;
    }

    private record Options(JsonNode n, Set<String> used) {
        JsonNode get(String k) {
            JsonNode v = n.get(k);
            if (v == null) throw new IllegalArgumentException("missing torch option " + k);
            used.add(k);
            return v;
        }
        double d(String k) { return get(k).asDouble(); }
        int i(String k) { return get(k).asInt(); }
        boolean b(String k) { return get(k).asBoolean(); }
        double beta(int index) { return get("betas").get(index).asDouble(); }
        Lbfgs.LineSearch lineSearch(String k) {
            JsonNode v = get(k);
            if (v.isNull()) return Lbfgs.LineSearch.NONE;
            if (v.asText().equals("strong_wolfe")) return Lbfgs.LineSearch.STRONG_WOLFE;
            throw new IllegalArgumentException("unknown line_search_fn " + v);
        }
    }
}
