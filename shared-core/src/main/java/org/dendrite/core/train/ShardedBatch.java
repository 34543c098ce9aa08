package org.dendrite.core.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.dendrite.core.layer.BatchNormLayer;
import org.dendrite.core.layer.Layer;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.tensor.Matrix;

/**
 * The gradient of one minibatch whose rows are split into shards kept in different places (Spark
 * partitions), equal to the gradient of the whole batch on one machine, batch normalization
 * included. The driver ({@link #gradient}) owns the network and sends a {@link Request} to every
 * shard; each shard answers with {@link #pass} over its rows, and the answers are added up in any
 * order or tree by {@link Partial#merge}.
 *
 * <p>Each shard back-propagates the gradient of its rows' weighted loss <em>sum</em>; the driver
 * divides the total by the batch's weight. Without batch normalization that is one pass. Batch norm
 * couples the rows: it normalizes with the mean and variance of the whole batch, and its backward,
 * dL/dx_i = s/n (n g_i - sum_j g_j - xhat_i sum_j g_j xhat_j) with g = gamma dL/dy, needs two sums
 * over the whole batch. With B batch-norm layers a gradient takes 2B + 1 passes: B forward passes,
 * each up to the next batch-norm layer, collecting its input's row count, mean and M2 (merged with
 * Chan et al.'s parallel formula); B backward passes, each from the loss down to the next
 * batch-norm layer from the top, collecting sum dL/dy and sum dL/dy xhat there; and a full pass
 * collecting the parameter gradients and the loss. A shard draws the same randomness in every pass
 * (the caller seeds it per step and shard), so every pass sees the same dropout masks.
 */
public final class ShardedBatch {
    private ShardedBatch() {}

    /** What a pass collects. */
    public enum Kind { STATISTICS, GRADIENT_SUMS, GRADIENT }

    /**
     * One pass's instructions: the network (spec, widths, parameter values, buffers), what to
     * collect ({@code kind}, for batch-norm layer number {@code layer} in forward order), and the
     * whole batch's statistics and gradient sums known so far (per batch-norm layer; null where not yet known).
     */
    public record Request(NetworkSpec spec, int inputWidth, int outputWidth, List<float[]> parameters, List<float[]> buffers, Kind kind, int layer,
                          long rows, List<double[]> means, List<double[]> variances, List<double[]> sumDy, List<double[]> sumDyXhat)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One shard's answer, or a sum of answers: row count, weight and weighted loss sum; for
     * STATISTICS the per-feature mean and M2, for GRADIENT_SUMS sum dL/dy and sum dL/dy xhat, for
     * GRADIENT the parameters' gradient of the weighted loss sum (in {@code a}).
     */
    public static final class Partial implements Serializable {
        private static final long serialVersionUID = 1L;
        long rows;
        double weight;
        double loss;
        double[] a;
        double[] b;
        final Kind kind;

        public Partial(Kind kind) {
            this.kind = kind;
        }

        /** Adds {@code o} into this (Chan et al.'s merge for statistics); returns this. */
        public Partial merge(Partial o) {
            if (o.rows == 0) return this;
            if (rows == 0) {
                rows = o.rows;
                weight = o.weight;
                loss = o.loss;
                a = o.a.clone();
                b = o.b == null ? null : o.b.clone();
                return this;
            }
            if (kind == Kind.STATISTICS) {
                long n = rows + o.rows;
                for (int j = 0; j < a.length; j++) {
                    double d = o.a[j] - a[j];
                    b[j] += o.b[j] + d * d * rows * o.rows / n;
                    a[j] += d * o.rows / n;
                }
            } else {
                for (int j = 0; j < a.length; j++) a[j] += o.a[j];
                if (b != null) for (int j = 0; j < b.length; j++) b[j] += o.b[j];
            }
            rows += o.rows;
            weight += o.weight;
            loss += o.loss;
            return this;
        }

        public long rows() { return rows; }

        /** The summed weight of the rows. */
        public double weight() { return weight; }

        /** The weighted mean loss of the rows (after a GRADIENT pass); 0 without rows. */
        public double meanLoss() { return weight > 0 ? loss / weight : 0; }
    }

    /**
     * Driver side: the gradient of {@code network}'s weighted mean loss over the whole batch,
     * written into its parameters' gradients, with the passes sent through {@code exchange} (ask
     * every shard, return the merged answers). Updates batch-norm running statistics as one training
     * forward over the whole batch would; returns the merged answer of the last pass, whose
     * {@link Partial#meanLoss} is the batch's loss.
     */
    public static Partial gradient(Network network, Function<Request, Partial> exchange) {
        List<BatchNormLayer> norms = batchNorms(network);
        int count = norms.size();
        List<float[]> values = new ArrayList<>();
        for (Parameter p : network.parameters()) values.add(p.value().clone());
        List<float[]> buffers = new ArrayList<>();
        for (float[] b : network.buffers().values()) buffers.add(b.clone());
        List<double[]> means = nulls(count), variances = nulls(count), sumDy = nulls(count), sumDyXhat = nulls(count);
        long rows = 0;
        for (int k = 0; k < count; k++) {
            Partial p = exchange.apply(new Request(network.spec(), network.inputWidth(), network.outputWidth(), values, buffers, Kind.STATISTICS, k,
                    rows, fill(means), fill(variances), null, null));
            rows = p.rows;
            if (rows < 2) {
                // one row: batch norm uses its running statistics, the same in the one shard that has the row
                means = nulls(count);
                variances = nulls(count);
                break;
            }
            double[] v = p.b.clone();
            for (int j = 0; j < v.length; j++) v[j] /= rows;
            means.set(k, p.a);
            variances.set(k, v);
        }
        boolean whole = count > 0 && rows >= 2;
        if (whole) {
            for (int k = 0; k < count; k++) norms.get(k).updateRunningStatistics(means.get(k), variances.get(k), rows);
            for (int k = count - 1; k >= 0; k--) {
                Partial p = exchange.apply(new Request(network.spec(), network.inputWidth(), network.outputWidth(), values, buffers, Kind.GRADIENT_SUMS,
                        k, rows, means, variances, fill(sumDy), fill(sumDyXhat)));
                sumDy.set(k, p.a);
                sumDyXhat.set(k, p.b);
            }
        }
        Partial p = exchange.apply(new Request(network.spec(), network.inputWidth(), network.outputWidth(), values, buffers, Kind.GRADIENT, -1, rows,
                means, variances, sumDy, sumDyXhat));
        int o = 0;
        for (Parameter q : network.parameters()) {
            float[] g = q.grad();
            for (int i = 0; i < g.length; i++) g[i] = p.a == null || !(p.weight > 0) ? 0f : (float) (p.a[o + i] / p.weight);
            o += g.length;
        }
        return p;
    }

    /**
     * Shard side: one pass of {@code request} over this shard's rows of the batch ({@code x},
     * targets {@code y}, weights {@code w}, null = all 1), with {@code rng} seeded the same in every
     * pass of a step.
     */
    public static Partial pass(Request request, Loss loss, Matrix x, Matrix y, float[] w, RandomGenerator rng) {
        Partial out = new Partial(request.kind());
        int n = x.rows();
        if (n == 0) return out;
        Network net = Network.build(request.spec(), request.inputWidth(), request.outputWidth(), 0);
        for (int k = 0; k < request.parameters().size(); k++) {
            float[] v = request.parameters().get(k);
            System.arraycopy(v, 0, net.parameters().get(k).value(), 0, v.length);
        }
        int bi = 0;
        for (float[] b : net.buffers().values()) {
            float[] v = request.buffers().get(bi++);
            System.arraycopy(v, 0, b, 0, v.length);
        }
        List<BatchNormLayer> norms = batchNorms(net);
        for (int k = 0; k < norms.size(); k++) {
            if (request.means() != null && request.means().get(k) != null) {
                norms.get(k).useBatchStatistics(request.means().get(k), request.variances().get(k), request.rows());
                if (request.sumDy() != null && request.sumDy().get(k) != null) {
                    norms.get(k).useBatchGradientSums(request.sumDy().get(k), request.sumDyXhat().get(k));
                }
            }
        }
        List<Layer> layers = net.layers();
        Matrix h = x;
        if (request.kind() == Kind.STATISTICS) {
            Layer target = norms.get(request.layer());
            for (int i = 0; layers.get(i) != target; i++) h = layers.get(i).forward(h, true, rng);
            int d = h.cols();
            double[] mean = new double[d], m2 = new double[d];
            float[] a = h.data();
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int r = 0; r < n; r++) s += a[r * d + j];
                mean[j] = s / n;
                double ss = 0;
                for (int r = 0; r < n; r++) {
                    double e = a[r * d + j] - mean[j];
                    ss += e * e;
                }
                m2[j] = ss;
            }
            out.rows = n;
            out.a = mean;
            out.b = m2;
            return out;
        }
        for (Layer l : layers) h = l.forward(h, true, rng);
        Matrix grad = new Matrix(h.rows(), h.cols());
        double weight = Loss.weightSum(w, n);
        double value = 0;
        if (weight > 0) {
            value = loss.compute(h, y, w, grad);
            // the gradient of the shard's weighted loss sum: the driver divides the total by the batch's weight
            float s = (float) weight;
            float[] g = grad.data();
            for (int i = 0; i < g.length; i++) g[i] *= s;
        }
        out.rows = n;
        out.weight = weight;
        out.loss = value * weight;
        Matrix g = grad;
        if (request.kind() == Kind.GRADIENT_SUMS) {
            Layer target = norms.get(request.layer());
            for (int i = layers.size() - 1; layers.get(i) != target; i--) g = layers.get(i).backward(g, true);
            target.backward(g, false);
            double[][] sums = ((BatchNormLayer) target).gradientSums();
            out.a = sums[0];
            out.b = sums[1];
            return out;
        }
        for (int i = layers.size() - 1; i >= 0; i--) g = layers.get(i).backward(g, i > 0);
        int size = 0;
        for (Parameter p : net.parameters()) size += p.size();
        double[] gradient = new double[size];
        int o = 0;
        for (Parameter p : net.parameters()) {
            for (float v : p.grad()) gradient[o++] = v;
        }
        out.a = gradient;
        return out;
    }

    private static List<BatchNormLayer> batchNorms(Network network) {
        List<BatchNormLayer> norms = new ArrayList<>();
        for (Layer l : network.layers()) if (l instanceof BatchNormLayer b) norms.add(b);
        return norms;
    }

    private static List<double[]> nulls(int n) {
        return new ArrayList<>(Arrays.asList(new double[n][]));
    }

    /** List.copyOf refuses nulls: a copy that keeps them. */
    private static List<double[]> fill(List<double[]> l) {
        return new ArrayList<>(l);
    }
}
