package org.dendrite.core.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.activation.Relu;
import org.dendrite.core.activation.Sigmoid;
import org.dendrite.core.activation.Tanh;
import org.dendrite.core.layer.ActivationLayer;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.network.Network;
import org.dendrite.core.tensor.Matrix;

/**
 * Computes {@link LayerStatistics} for every layer after an optimizer step. Activation statistics
 * come from the network's last training forward; a network that did not run it (Spark's driver,
 * whose forward passes run on the executors) gets NaN for them and the weight and gradient
 * statistics only.
 */
public final class StatisticsSampler {
    private StatisticsSampler() {}

    /**
     * Every parameter's current values, for {@link #sample}'s {@code before}: copied into {@code reuse}
     * when it has the right shape (one copy allocated per run, not per sample), else into new arrays.
     */
    public static List<float[]> copyWeights(Network net, List<float[]> reuse) {
        List<Parameter> ps = net.parameters();
        List<float[]> out = reuse;
        if (out == null || out.size() != ps.size()) {
            out = new ArrayList<>();
            for (Parameter p : ps) out.add(new float[p.size()]);
        }
        for (int i = 0; i < ps.size(); i++) System.arraycopy(ps.get(i).value(), 0, out.get(i), 0, ps.get(i).size());
        return out;
    }

    /** {@code before} holds every parameter's values before the step (in {@link Network#parameters()} order). */
    public static List<LayerStatistics> sample(Network net, long step, List<float[]> before) {
        List<LayerStatistics> out = new ArrayList<>();
        int p = 0;
        for (int i = 0; i < net.layers().size(); i++) {
            Layer l = net.layers().get(i);
            double gNorm = Double.NaN, gMax = Double.NaN, wNorm = Double.NaN, ratio = Double.NaN;
            List<Parameter> ps = l.parameters();
            if (!ps.isEmpty()) {
                Parameter w = ps.get(0);
                float[] old = before.get(p);
                double g2 = 0, gm = 0, w2 = 0, d2 = 0;
                for (int k = 0; k < w.size(); k++) {
                    g2 += (double) w.grad()[k] * w.grad()[k];
                    gm = Math.max(gm, Math.abs(w.grad()[k]));
                    w2 += (double) w.value()[k] * w.value()[k];
                    double d = w.value()[k] - old[k];
                    d2 += d * d;
                }
                gNorm = Math.sqrt(g2);
                gMax = gm;
                wNorm = Math.sqrt(w2);
                ratio = wNorm == 0 ? Double.NaN : Math.sqrt(d2) / wNorm;
                p += ps.size();
            }
            Matrix a = net.lastOutput(i);
            double mean = Double.NaN, std = Double.NaN, dead = Double.NaN, saturated = Double.NaN;
            if (a != null) {
                double s = 0, ss = 0;
                float[] v = a.data();
                int n = a.size();
                for (int k = 0; k < n; k++) s += v[k];
                mean = s / n;
                for (int k = 0; k < n; k++) ss += (v[k] - mean) * (v[k] - mean);
                std = Math.sqrt(ss / n);
                if (l instanceof ActivationLayer al) {
                    if (al.function() instanceof Relu) {
                        int deadUnits = 0;
                        for (int j = 0; j < a.cols(); j++) {
                            boolean alive = false;
                            for (int r = 0; r < a.rows() && !alive; r++) alive = a.get(r, j) > 0;
                            if (!alive) deadUnits++;
                        }
                        dead = deadUnits / (double) a.cols();
                    } else if (al.function() instanceof Sigmoid || al.function() instanceof Tanh) {
                        boolean sig = al.function() instanceof Sigmoid;
                        int sat = 0;
                        for (int k = 0; k < n; k++) {
                            float x = v[k];
                            if (sig ? x < 0.01f || x > 0.99f : Math.abs(x) > 0.99f) sat++;
                        }
                        saturated = sat / (double) n;
                    }
                }
            }
            out.add(new LayerStatistics(step, i, l.describe(), gNorm, gMax, wNorm, ratio, mean, std, dead, saturated));
        }
        return out;
    }
}
