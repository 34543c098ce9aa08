package org.dendrite.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.layer.Parameter;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.loss.MeanSquaredError;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.OptimizerState;
import org.dendrite.core.schedule.Schedule;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.train.EpochRecord;
import org.dendrite.core.train.History;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.Provenance;
import org.dendrite.core.train.Task;
import org.dendrite.core.train.TrainingConfig;

/**
 * Local SGD / model averaging (Zinkevich et al. 2010; "local SGD", Stich 2019): each partition takes
 * {@code localSteps} optimizer steps on its own rows, starting from the current averaged weights with
 * a fresh optimizer state, then the weights are averaged (weighted by rows) on the driver. One Spark
 * job per round instead of one per step; the trade-off is that partitions drift apart between
 * averages, so convergence per epoch is usually slower than synchronous training and the result
 * depends on the partitioning. A round covers every partition's rows once per epoch in batches.
 */
final class LocalSgd {
    private LocalSgd() {}

    static Model train(JavaRDD<Block> blocks, long total, Preprocessor pre, Task task, TrainingConfig config, boolean classification,
                       int localSteps) {
        Loss loss = config.loss() != null ? config.loss() : classification ? new SoftmaxCrossEntropy() : new MeanSquaredError();
        Network net = Network.build(config.network(), pre.outputWidth(), loss.outputWidth(1, task.classCount()), config.seed());
        if (!net.buffers().isEmpty()) {
            throw new IllegalArgumentException("Batch normalization is not supported in Dendrite's Spark training yet; use layer normalization");
        }
        int partitions = blocks.getNumPartitions();
        long batch = Math.max(1, Math.min(config.batchSize(), total));
        long roundsPerEpoch = Math.max(1, (total / partitions + batch * localSteps - 1) / (batch * localSteps));
        History history = new History();
        final org.dendrite.core.network.NetworkSpec spec = net.spec();
        final int in = net.inputWidth(), out = net.outputWidth();
        long round = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long start = System.nanoTime();
            double lossSum = 0, weightSum = 0;
            for (long r = 0; r < roundsPerEpoch; r++) {
                List<float[]> values = new ArrayList<>();
                for (Parameter p : net.parameters()) values.add(p.value().clone());
                final long rd = round;
                final int e = epoch;
                final double lr = config.schedule().learningRate(config.optimizer().learningRate(),
                        new Schedule.Position(round * localSteps, epoch, new double[0]));
                List<double[]> results = blocks.mapPartitions(it -> {
                    if (!it.hasNext()) return Collections.<double[]>emptyIterator();
                    Block b = it.next();
                    if (b.rows() == 0) return Collections.<double[]>emptyIterator();
                    Network local = Network.build(spec, in, out, 0);
                    for (int k = 0; k < values.size(); k++) System.arraycopy(values.get(k), 0, local.parameters().get(k).value(), 0, values.get(k).length);
                    OptimizerState opt = config.optimizer().newState(local.parameters());
                    SplittableRandom rng = new SplittableRandom(config.seed() ^ (0x9E3779B97F4A7C15L * (rd + 1)) ^ b.partition());
                    int d = b.width(), m = (int) Math.min(batch, b.rows());
                    Matrix x = new Matrix(m, d), y = new Matrix(m, 1);
                    float[] w = new float[m];
                    double ls = 0, ws = 0;
                    for (int s = 0; s < localSteps; s++) {
                        for (int i = 0; i < m; i++) {
                            int row = rng.nextInt(b.rows());
                            System.arraycopy(b.features(), row * d, x.data(), i * d, d);
                            y.data()[i] = b.targets()[row];
                            w[i] = b.weights()[row];
                        }
                        double[] l = new double[1];
                        opt.step(lr, () -> {
                            Matrix o = local.forward(x, true, rng);
                            Matrix g = new Matrix(o.rows(), o.cols());
                            l[0] = loss.compute(o, y, w, g);
                            local.backward(g);
                            if (config.regularization().isActive()) config.regularization().addGradient(local.parameters());
                            return l[0];
                        });
                        ls += l[0];
                        ws++;
                    }
                    int size = 0;
                    for (Parameter p : local.parameters()) size += p.size();
                    double[] res = new double[size + 2];
                    int o = 0;
                    for (Parameter p : local.parameters()) {
                        for (float v : p.value()) res[o++] = v * (double) b.rows();
                    }
                    res[size] = b.rows();
                    res[size + 1] = ls / ws * b.rows();
                    return Collections.singletonList(res).iterator();
                }).collect();
                double rows = 0, lossRound = 0;
                double[] avg = null;
                for (double[] res : results) {
                    if (avg == null) avg = new double[res.length - 2];
                    for (int i = 0; i < avg.length; i++) avg[i] += res[i];
                    rows += res[res.length - 2];
                    lossRound += res[res.length - 1];
                }
                int o = 0;
                for (Parameter p : net.parameters()) {
                    float[] v = p.value();
                    for (int i = 0; i < v.length; i++) v[i] = (float) (avg[o++] / rows);
                }
                lossSum += lossRound;
                weightSum += rows;
                history.addStepRate(lr);
                round++;
            }
            history.add(new EpochRecord(epoch + 1, lossSum / weightSum, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    history.stepLearningRates()[(int) round - 1], (System.nanoTime() - start) / 1e9, "local SGD, " + localSteps + " steps per round"));
        }
        return new Model(pre, net, loss, task, new Provenance(Provenance.currentVersion(), config.seed(), config.toString(),
                java.time.Instant.now().toString()), history);
    }
}
