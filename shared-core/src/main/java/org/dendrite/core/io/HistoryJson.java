package org.dendrite.core.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dendrite.core.diagnostics.LayerStatistics;
import org.dendrite.core.train.EpochRecord;
import org.dendrite.core.train.History;

/**
 * The training history's JSON (docs/model-format.md, "history"), written and read in this one place:
 * inside model files and checkpoints, and as the history.json a diagnostics folder holds.
 */
public final class HistoryJson {
    private HistoryJson() {}

    /** The history as JSON text. */
    public static String toJson(History h) {
        return SpecFormat.text(write(h));
    }

    /** The history as a JSON tree: epochs, per-step learning rates and losses, layer statistics and warnings (NaN as null). */
    static ObjectNode write(History h) {
        ObjectNode root = SpecFormat.mapper().createObjectNode();
        ArrayNode es = root.putArray("epochs");
        for (EpochRecord r : h.epochs()) {
            ObjectNode e = es.addObject();
            e.put("epoch", r.epoch());
            put(e, "train_loss", r.trainLoss());
            put(e, "validation_loss", r.validationLoss());
            put(e, "validation_accuracy", r.validationAccuracy());
            put(e, "validation_auc", r.validationAuc());
            put(e, "validation_rmse", r.validationRmse());
            put(e, "learning_rate", r.learningRate());
            put(e, "seconds", r.seconds());
            e.put("event", r.event());
            if (!r.memberValidationLosses().isEmpty()) {
                ArrayNode m = e.putArray("member_validation_losses");
                for (double l : r.memberValidationLosses()) {
                    if (Double.isFinite(l)) m.add(l); else m.addNull();
                }
            }
        }
        root.put("best_epoch", h.bestEpoch());
        org.dendrite.core.train.StepSeries rates = h.stepSeries(false);
        if (rates.stride() > 1) {
            // a long run's per-step records are every stride-th step's (StepSeries): written only then, so that files of shorter runs
            // stay what earlier readers read
            root.put("step_stride", rates.stride());
            root.put("step_count", rates.steps());
        }
        ArrayNode lr = root.putArray("step_learning_rates");
        for (double r : h.stepLearningRates()) lr.add(r);
        ArrayNode sl = root.putArray("step_losses");
        for (double l : h.stepLosses()) {
            if (Double.isFinite(l)) sl.add(l); else sl.addNull();
        }
        ArrayNode st = root.putArray("layer_statistics");
        for (LayerStatistics s : h.statistics()) {
            ObjectNode o = st.addObject();
            o.put("step", s.step());
            o.put("layer", s.layer());
            o.put("name", s.name());
            put(o, "gradient_norm", s.gradientNorm());
            put(o, "gradient_max_abs", s.gradientMaxAbs());
            put(o, "weight_norm", s.weightNorm());
            put(o, "update_ratio", s.updateRatio());
            put(o, "activation_mean", s.activationMean());
            put(o, "activation_std", s.activationStd());
            put(o, "dead_fraction", s.deadFraction());
            put(o, "saturated_fraction", s.saturatedFraction());
        }
        ArrayNode w = root.putArray("warnings");
        h.warnings().forEach(w::add);
        return root;
    }

    private static void put(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) o.put(field, v); else o.putNull(field);
    }


    private static final String[] HISTORY = {"epochs", "best_epoch", "step_stride", "step_count", "step_learning_rates", "step_losses",
        "layer_statistics", "warnings"};
    private static final String[] EPOCH = {"epoch", "train_loss", "validation_loss", "validation_accuracy", "validation_auc", "validation_rmse",
        "learning_rate", "seconds", "event", "member_validation_losses"};
    private static final String[] STATISTICS = {"step", "layer", "name", "gradient_norm", "gradient_max_abs", "weight_norm", "update_ratio",
        "activation_mean", "activation_std", "dead_fraction", "saturated_fraction"};

    /** Reads a history, strictly (every field type-checked, naming its JSON path). */
    static History read(JsonValue h) {
        h.object(HISTORY);
        History history = new History();
        JsonValue epochs = h.field("epochs");
        if (epochs.node() != null) {
            for (JsonValue e : epochs.array("epoch records").elements()) {
                e.object(EPOCH);
                java.util.List<Double> members = new java.util.ArrayList<>();
                JsonValue ml = e.field("member_validation_losses");
                if (ml.node() != null) {
                    for (JsonValue m : ml.array("losses (or null)").elements()) members.add(m.finiteOrNull());
                }
                history.add(new EpochRecord(e.field("epoch").integer(0, Integer.MAX_VALUE), e.field("train_loss").finiteOrNull(),
                        e.field("validation_loss").finiteOrNull(), e.field("validation_accuracy").finiteOrNull(),
                        e.field("validation_auc").finiteOrNull(), e.field("validation_rmse").finiteOrNull(), e.field("learning_rate").finiteOrNull(),
                        e.field("seconds").finiteOrNull(), e.field("event").string(), members));
            }
        }
        JsonValue rates = h.field("step_learning_rates"), losses = h.field("step_losses"), stride = h.field("step_stride");
        double[] r = rates.node() == null ? new double[0] : rates.array("learning rates").elements().stream().mapToDouble(JsonValue::finite).toArray();
        double[] l = losses.node() == null ? new double[0]
                : losses.array("losses (or null)").elements().stream().mapToDouble(JsonValue::finiteOrNull).toArray();
        if (stride.node() == null) {
            JsonValue count = h.field("step_count");
            if (count.node() != null) {
                // it was ignored: the arrays were read as every step, whatever the count said
                throw count.error("is given without " + stride.path() + "; the two come together (written for a run of more than "
                        + org.dendrite.core.train.StepSeries.MAX + " steps), or neither (the arrays hold every step)");
            }
            // every step (files of earlier writers may hold more than a series keeps: it thins them as it would have)
            for (double v : r) history.addStepRate(v);
            for (double v : l) history.addStepLoss(v);
        } else {
            int every = stride.integer(1, 1 << 30);
            long count = h.field("step_count").integer(0L, Long.MAX_VALUE);
            try {
                history.setSteps(org.dendrite.core.train.StepSeries.of(r, every, count),
                        losses.node() == null ? new org.dendrite.core.train.StepSeries() : org.dendrite.core.train.StepSeries.of(l, every, count));
            } catch (IllegalArgumentException e) {
                throw h.error("step records: " + e.getMessage());
            }
        }
        JsonValue stats = h.field("layer_statistics");
        if (stats.node() != null) {
            for (JsonValue s : stats.array("layer statistics").elements()) {
                s.object(STATISTICS);
                history.addStatistics(new LayerStatistics(s.field("step").integer(0, Long.MAX_VALUE), s.field("layer").integer(0, Integer.MAX_VALUE),
                        s.field("name").string(), s.field("gradient_norm").finiteOrNull(), s.field("gradient_max_abs").finiteOrNull(),
                        s.field("weight_norm").finiteOrNull(), s.field("update_ratio").finiteOrNull(), s.field("activation_mean").finiteOrNull(),
                        s.field("activation_std").finiteOrNull(), s.field("dead_fraction").finiteOrNull(), s.field("saturated_fraction").finiteOrNull()));
            }
        }
        JsonValue warnings = h.field("warnings");
        if (warnings.node() != null) {
            for (JsonValue w : warnings.array("warnings (strings)").elements()) history.warn(w.string());
        }
        JsonValue best = h.field("best_epoch");
        if (best.node() != null) {
            history.setBestEpoch(best.integer(0, Integer.MAX_VALUE));
        }
        return history;
    }

}
