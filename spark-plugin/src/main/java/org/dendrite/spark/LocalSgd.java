package org.dendrite.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.network.NetworkSpec;
import org.dendrite.core.optim.OptimizerState;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.tensor.Parallelism;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingStep;

/**
 * Local SGD / model averaging (Zinkevich et al. 2010; "local SGD", Stich 2019): each partition takes
 * {@code localSteps} optimizer steps on its own rows (each one the core's {@link TrainingStep}, as
 * on one machine), starting from the current averaged weights with a fresh optimizer state, then
 * the weights are averaged (weighted by rows) on the driver. One Spark job per round instead of one
 * per step; the trade-off is that partitions drift apart between averages, so convergence per
 * epoch is usually slower than synchronous training and the result depends on the partitioning. A
 * round covers every partition's rows once per epoch in batches.
 *
 * <p>Batch normalization uses each partition's local batch statistics here (its batches are local);
 * the running statistics are averaged with the weights. Only synchronous mode normalizes over the
 * global batch.
 */
final class LocalSgd {
    private LocalSgd() {}

    static org.dendrite.core.train.Model train(SparkRun run, int localSteps) {
        TrainingConfig config = run.config;
        Network net = run.network;
        Loss loss = run.loss;
        int partitions = run.blocks.getNumPartitions();
        long total = run.rows;
        long batch = Math.max(1, Math.min(config.batchSize(), total));
        long roundsPerEpoch = Math.max(1, (total / partitions + batch * localSteps - 1) / (batch * localSteps));
        final NetworkSpec spec = net.spec();
        final int in = net.inputWidth(), out = net.outputWidth();
        final double initialLoss = run.trainingLoss();
        long round = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long start = System.nanoTime();
            double lossSum = 0, weightSum = 0, lr = Double.NaN;
            for (long r = 0; r < roundsPerEpoch; r++) {
                List<float[]> values = new ArrayList<>();
                for (Parameter p : net.parameters()) values.add(p.value().clone());
                List<float[]> buffers = new ArrayList<>();
                for (float[] b : net.buffers().values()) buffers.add(b.clone());
                final long rd = round;
                final int e = epoch;
                final double rate = TrainingStep.learningRate(config, round * localSteps, epoch, run.history, 1);
                lr = rate;
                // one task per core already: Dendrite's kernels stay on the task's thread
                List<double[]> results = run.blocks.mapPartitions(it -> Parallelism.singleThreaded(() -> {
                    List<double[]> res = new ArrayList<>();
                    while (it.hasNext()) {
                        Block b = it.next();
                        if (b.heldOut() || b.rows() == 0) continue;
                        Network local = Network.build(spec, in, out, 0);
                        for (int k = 0; k < values.size(); k++) System.arraycopy(values.get(k), 0, local.parameters().get(k).value(), 0, values.get(k).length);
                        int bi = 0;
                        for (float[] buf : local.buffers().values()) System.arraycopy(buffers.get(bi), 0, buf, 0, buffers.get(bi++).length);
                        OptimizerState opt = config.optimizer().newState(local.parameters());
                        TrainingStep stepper = new TrainingStep(config, local, opt);
                        SplittableRandom rng = new SplittableRandom(config.seed() ^ (0x9E3779B97F4A7C15L * (rd + 1)) ^ b.partition());
                        int d = b.width(), m = (int) Math.min(batch, b.rows());
                        Matrix x = new Matrix(m, d), y = new Matrix(m, 1), g = new Matrix(m, out);
                        float[] w = new float[m];
                        double ls = 0;
                        for (int s = 0; s < localSteps; s++) {
                            for (int i = 0; i < m; i++) {
                                int row = rng.nextInt(b.rows());
                                System.arraycopy(b.features(), row * d, x.data(), i * d, d);
                                y.data()[i] = b.targets()[row];
                                w[i] = b.weights()[row];
                            }
                            ls += stepper.take(rate, e, rd * localSteps + s, initialLoss, () -> {
                                Matrix o = local.forward(x, true, rng);
                                double l = loss.compute(o, y, w, g);
                                local.backward(g);
                                return l;
                            });
                        }
                        // a non-finite local weight must not be averaged into the model
                        stepper.checkWeights(e, rd * localSteps + localSteps - 1, rate);
                        List<float[]> state = new ArrayList<>();
                        for (Parameter p : local.parameters()) state.add(p.value());
                        state.addAll(local.buffers().values());
                        int size = 0;
                        for (float[] v : state) size += v.length;
                        double[] sums = new double[size + 2];
                        int o = 0;
                        for (float[] v : state) for (float f : v) sums[o++] = f * (double) b.rows();
                        sums[size] = b.rows();
                        sums[size + 1] = ls / localSteps * b.rows();
                        res.add(sums);
                    }
                    return res.iterator();
                })).collect();
                double rows = 0, lossRound = 0;
                double[] avg = null;
                for (double[] res : results) {
                    if (avg == null) avg = new double[res.length - 2];
                    for (int i = 0; i < avg.length; i++) avg[i] += res[i];
                    rows += res[res.length - 2];
                    lossRound += res[res.length - 1];
                }
                List<float[]> state = new ArrayList<>();
                for (Parameter p : net.parameters()) state.add(p.value());
                state.addAll(net.buffers().values());
                int o = 0;
                for (float[] v : state) for (int i = 0; i < v.length; i++) v[i] = (float) (avg[o++] / rows);
                lossSum += lossRound;
                weightSum += rows;
                run.history.addStepRate(rate);
                round++;
            }
            if (run.endEpoch(epoch, lossSum / weightSum, lr, start, "local SGD, " + localSteps + " steps per round")) break;
        }
        return run.model();
    }
}
