package org.dendrite.core.diagnostics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.network.Network;
import org.dendrite.core.train.EpochRecord;
import org.dendrite.core.train.History;
import org.dendrite.core.train.LrFinder;

/** The standard training pictures, rendered headless to PNG with {@link Chart}. */
public final class TrainingPlots {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;
    public static final int BINS = 40;

    private TrainingPlots() {}

    /** Training and validation loss per epoch. */
    public static void lossCurves(History h, Path file) throws IOException {
        List<EpochRecord> e = h.epochs();
        double[] x = new double[e.size()], train = new double[e.size()], valid = new double[e.size()];
        boolean hasValidation = false;
        for (int i = 0; i < x.length; i++) {
            x[i] = e.get(i).epoch();
            train[i] = e.get(i).trainLoss();
            valid[i] = e.get(i).validationLoss();
            hasValidation |= !Double.isNaN(valid[i]);
        }
        Chart c = new Chart("Learning curves", "epoch", "loss").integerX(true).line("training loss", x, train);
        int members = members(e);
        if (hasValidation) c.line("validation loss" + (members > 0 ? " (members' mean)" : ""), x, valid);
        // an ensemble's members, one curve each
        for (int m = 0; m < members; m++) {
            double[] member = new double[e.size()];
            for (int i = 0; i < x.length; i++) {
                List<Double> l = e.get(i).memberValidationLosses();
                member[i] = m < l.size() ? l.get(m) : Double.NaN;
            }
            c.line("member " + (m + 1) + " validation loss", x, member);
        }
        if (h.bestEpoch() > 0) c.marker(h.bestEpoch(), "best epoch " + h.bestEpoch());
        c.writePng(file, WIDTH, HEIGHT);
    }

    /** The most members any epoch records losses for (0 for a single network). */
    private static int members(List<EpochRecord> e) {
        int n = 0;
        for (EpochRecord r : e) n = Math.max(n, r.memberValidationLosses().size());
        return n;
    }

    /** The validation metric per epoch (accuracy and AUC for classifiers, RMSE for regression); false if there is none. */
    public static boolean metricCurves(History h, Path file) throws IOException {
        List<EpochRecord> e = h.epochs();
        double[] x = new double[e.size()], acc = new double[e.size()], auc = new double[e.size()], rmse = new double[e.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = e.get(i).epoch();
            acc[i] = e.get(i).validationAccuracy();
            auc[i] = e.get(i).validationAuc();
            rmse[i] = e.get(i).validationRmse();
        }
        Chart c;
        if (any(acc)) {
            c = new Chart("Validation metrics", "epoch", "value").integerX(true).line("accuracy", x, acc);
            if (any(auc)) c.line("ROC AUC", x, auc);
        } else if (any(rmse)) {
            c = new Chart("Validation RMSE", "epoch", "RMSE").integerX(true).line("RMSE", x, rmse);
        } else {
            return false;
        }
        c.writePng(file, WIDTH, HEIGHT);
        return true;
    }

    private static boolean any(double[] v) {
        for (double d : v) if (!Double.isNaN(d)) return true;
        return false;
    }

    /** The LR range test: raw and smoothed loss against the rate (log scale), the suggestion marked. */
    public static void lrRangeTest(LrFinder.Result r, Path file) throws IOException {
        Chart c = new Chart("Learning-rate range test", "learning rate", "loss").logX(true).line("loss", r.rates(), r.losses())
                .line("smoothed loss", r.rates(), r.smoothed()).marker(r.suggestedRate(), String.format("suggested %.2g", r.suggestedRate()));
        if (r.smoothed().length > 0) {
            // show the useful part: from the best smoothed loss up to 3x the starting loss (the explosion is clipped)
            double lo = Double.POSITIVE_INFINITY;
            for (double v : r.smoothed()) lo = Math.min(lo, v);
            double hi = 3 * r.smoothed()[0];
            if (hi > lo) c.yRange(Math.max(0, lo - 0.1 * (hi - lo)), hi);
        }
        c.writePng(file, WIDTH, HEIGHT);
    }

    /** One histogram of values per PNG, {@code name} in the title; returns the files written. */
    private static Path histogram(String title, float[] v, Path file) throws IOException {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (!(hi > lo)) {
            hi = lo + 1e-6f;
        }
        double[] counts = new double[BINS];
        double width = (hi - lo) / (double) BINS;
        for (float x : v) counts[Math.min(BINS - 1, (int) ((x - lo) / width))]++;
        Chart c = new Chart(title, "value", "count");
        for (int b = 0; b < BINS; b++) c.bar(lo + b * width, lo + (b + 1) * width, counts[b]);
        c.writePng(file, WIDTH, HEIGHT);
        return file;
    }

    /**
     * Histograms of every weight matrix and of its latest gradient, one PNG each, into {@code dir}; the titles say which epoch
     * each is from ({@code history} is the run's): the weights are those the model holds (early stopping's kept epoch), the
     * gradients the last training step's (the parameters keep no other), so after early stopping restored an earlier epoch the
     * two differ, and the gradients' title says so.
     */
    public static List<Path> weightAndGradientHistograms(Network net, History history, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            if (!p.regularized()) continue;
            files.add(histogram(weightsTitle(p.name(), history), p.value(), dir.resolve("weights-" + p.name() + ".png")));
            files.add(histogram(gradientsTitle(p.name(), history), p.grad(), dir.resolve("gradients-" + p.name() + ".png")));
        }
        return files;
    }

    /** The title of parameter {@code name}'s weight histogram: the epoch whose weights the model holds. */
    public static String weightsTitle(String name, History h) {
        if (h == null || h.last() == null) return "Weights " + name;
        int kept = h.kept().epoch(), last = h.last().epoch();
        return "Weights " + name + ", epoch " + kept + (kept != last ? " (kept by early stopping; training ran to epoch " + last + ")" : "");
    }

    /** The title of parameter {@code name}'s gradient histogram: the gradients are the last training step's, of the last epoch. */
    public static String gradientsTitle(String name, History h) {
        if (h == null || h.last() == null) return "Gradients " + name + ", last step";
        int kept = h.kept().epoch(), last = h.last().epoch();
        return "Gradients " + name + ", last step of epoch " + last + (kept != last ? " (not of the weights' epoch " + kept + ")" : "");
    }
}
