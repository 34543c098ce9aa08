package org.dendrite.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.PreprocessingConfig;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-parallel synchronous training inside Spark. The rows are turned once into cached dense blocks
 * per partition (preprocessed with statistics computed in one distributed pass). At every optimizer
 * step each partition computes the gradient of its share of the global minibatch (a permutation of
 * all rows per epoch, derived from the seed), treeAggregate sums them, and the driver applies the
 * core's optimizer: the same mathematics as single-machine training with the same global batch.
 * Every optimizer works, L-BFGS included (each objective evaluation is one aggregation).
 */
final class SparkTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);

    private SparkTrainer() {}

    /** Row validation messages name the column and what is allowed. */
    static double[] features(Row r, String col, int expectedWidth) {
        Object o = r.get(0);
        if (o == null) throw new IllegalArgumentException("Column '" + col + "' holds a null value; every row needs a feature vector");
        double[] x = ((Vector) o).toArray();
        if (expectedWidth >= 0 && x.length != expectedWidth) {
            throw new IllegalArgumentException("Column '" + col + "' holds a vector of size " + x.length + "; expected size " + expectedWidth
                    + " (as in the first rows)");
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Column '" + col + "' holds " + v + "; feature values must be finite numbers");
            }
        }
        return x;
    }

    static double label(Row r, String col, boolean classification) {
        if (r.isNullAt(1)) throw new IllegalArgumentException("Column '" + col + "' holds a null label");
        double y = ((Number) r.get(1)).doubleValue();
        if (classification && !(y >= 0 && y == Math.rint(y))) {
            throw new IllegalArgumentException("Column '" + col + "' holds the label " + y + "; labels must be whole numbers 0..k-1 "
                    + "(as StringIndexer makes)");
        }
        if (!Double.isFinite(y)) throw new IllegalArgumentException("Column '" + col + "' holds the label " + y + "; labels must be finite");
        return y;
    }

    static double weight(Row r, String col) {
        if (col == null) return 1;
        if (r.isNullAt(2)) throw new IllegalArgumentException("Column '" + col + "' holds a null weight");
        double w = ((Number) r.get(2)).doubleValue();
        if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("Column '" + col + "' holds the weight " + w + "; weights must be >= 0");
        return w;
    }

    /** Unwraps a failed Spark job to the IllegalArgumentException a task threw, so users read its message. */
    static RuntimeException unwrap(Exception e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof IllegalArgumentException iae) return iae;
            t = t.getCause();
        }
        return e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }

    static Model train(Dataset<Row> rows, String featuresCol, String labelCol, String weightCol, boolean classification, int declaredClasses,
                       TrainingConfig config, int localSteps) {
        JavaRDD<Row> rdd = rows.javaRDD();
        ColumnStats stats;
        try {
            stats = rdd.treeAggregate(new ColumnStats(), (s, r) -> {
                s.add(features(r, featuresCol, s.mean == null ? -1 : s.mean.length), label(r, labelCol, classification), weight(r, weightCol));
                return s;
            }, ColumnStats::merge);
        } catch (Exception e) {
            throw unwrap(e);
        }
        if (stats.n == 0) {
            throw new IllegalArgumentException("The training DataFrame is empty: training needs at least one row");
        }
        if (!(stats.weightSum > 0)) throw new IllegalArgumentException("All weights in column '" + weightCol + "' are zero: nothing to learn");
        int d = stats.mean.length;
        int classes = classification ? Math.max(declaredClasses, (int) stats.maxLabel + 1) : 0;
        if (classification && classes < 2) {
            throw new IllegalArgumentException("Column '" + labelCol + "' has only one class (label 0); a classifier needs at least two");
        }
        List<Column> cols = new ArrayList<>();
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            cols.add(Column.numeric("f" + j));
            double std = Math.sqrt(stats.m2[j] / stats.n);
            scale[j] = std > 1e-12 * Math.max(1, Math.abs(stats.mean[j])) ? std : 1;
        }
        PreprocessingConfig pc = config.preprocessing();
        Preprocessor pre = pc.standardize() ? new Preprocessor(cols, pc, stats.mean, scale, new boolean[d])
                : new Preprocessor(cols, pc, stats.mean, ones(d), new boolean[d]);
        double labelStd = Math.sqrt(stats.labelM2 / stats.n);
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c < classes; c++) classNames.add(Integer.toString(c));
        Task task = classification ? Task.classification(labelCol, classNames)
                : pc.standardizeTarget() ? new Task(labelCol, List.of(), stats.labelMean, labelStd > 0 ? labelStd : 1) : new Task(labelCol, List.of(), 0, 1);

        List<Long> counts = rdd.mapPartitions((Iterator<Row> it) -> {
            long c = 0;
            while (it.hasNext()) {
                it.next();
                c++;
            }
            return Collections.singletonList(c).iterator();
        }).collect();
        long[] offsets = new long[counts.size()];
        for (int p = 1; p < offsets.length; p++) offsets[p] = offsets[p - 1] + counts.get(p - 1);
        long total = stats.n;
        final double mean = task.targetMean(), tscale = task.targetScale();
        JavaRDD<Block> blocks = rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
            List<double[]> xs = new ArrayList<>();
            List<double[]> yw = new ArrayList<>();
            while (it.hasNext()) {
                Row r = it.next();
                xs.add(features(r, featuresCol, d));
                yw.add(new double[] {label(r, labelCol, classification), weight(r, weightCol)});
            }
            int n = xs.size();
            float[] f = new float[n * d], y = new float[n], w = new float[n];
            for (int i = 0; i < n; i++) {
                pre.transformRow(xs.get(i), i, f, i * d);
                y[i] = (float) ((yw.get(i)[0] - mean) / tscale);
                w[i] = (float) yw.get(i)[1];
            }
            return Collections.singletonList(new Block(p, offsets[p], n, d, f, y, w)).iterator();
        }, true).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return localSteps > 1 ? LocalSgd.train(blocks, total, pre, task, config, classification, localSteps)
                    : loop(blocks, total, pre, task, config, classification);
        } catch (SparkException e) {
            throw unwrap(e);
        } finally {
            blocks.unpersist(false);
        }
    }

    private static double[] ones(int d) {
        double[] o = new double[d];
        java.util.Arrays.fill(o, 1);
        return o;
    }

    private static Model loop(JavaRDD<Block> blocks, long total, Preprocessor pre, Task task, TrainingConfig config, boolean classification)
            throws SparkException {
        Loss loss = config.loss() != null ? config.loss() : classification ? new SoftmaxCrossEntropy() : new MeanSquaredError();
        int outputs = loss.outputWidth(1, task.classCount());
        Network net = Network.build(config.network(), pre.outputWidth(), outputs, config.seed());
        if (!net.buffers().isEmpty()) {
            throw new IllegalArgumentException("Batch normalization is not supported in Dendrite's Spark training yet (its statistics must span "
                    + "the global batch); use layer normalization or train without it");
        }
        OptimizerState opt = config.optimizer().newState(net.parameters());
        long batch = config.optimizer().requiresFullBatch() ? total : Math.min(config.batchSize(), total);
        long stepsPerEpoch = (total + batch - 1) / batch;
        History history = new History();
        long step = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long start = System.nanoTime();
            double lossSum = 0, weightSum = 0;
            for (long s = 0; s < stepsPerEpoch; s++) {
                double[] monitor = history.epochs().stream().mapToDouble(EpochRecord::trainLoss).toArray();
                double lr = config.schedule().learningRate(config.optimizer().learningRate(), new Schedule.Position(step, epoch, monitor))
                        * config.learningRateScale((int) batch);
                final int e = epoch;
                final long from = s * batch, to = Math.min(total, from + batch), st = step;
                double[] lastWeight = new double[1];
                double l = opt.step(lr, () -> {
                    GradientSum g = aggregate(blocks, net, loss, config, total, e, from, to, st);
                    int o = 0;
                    for (Parameter p : net.parameters()) {
                        float[] grad = p.grad();
                        for (int i = 0; i < grad.length; i++) grad[i] = (float) (g.gradient[o + i] / g.weight);
                        o += grad.length;
                    }
                    double value = g.loss / g.weight;
                    lastWeight[0] = g.weight;
                    if (config.regularization().isActive()) {
                        value += config.regularization().penalty(net.parameters());
                        config.regularization().addGradient(net.parameters());
                    }
                    if (config.clipping().enabled()) config.clipping().apply(net.parameters());
                    return value;
                });
                if (!Double.isFinite(l)) {
                    throw new IllegalStateException("Training diverged at epoch " + (epoch + 1) + ", step " + (step + 1) + ": the loss is " + l
                            + " (learning rate " + lr + "). Usual causes: a learning rate too high, unnormalized inputs, log of zero.");
                }
                config.regularization().afterStep(net.layers(), lr);
                history.addStepRate(lr);
                history.addStepLoss(l);
                lossSum += l * lastWeight[0];
                weightSum += lastWeight[0];
                step++;
            }
            EpochRecord r = new EpochRecord(epoch + 1, lossSum / weightSum, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    history.stepLearningRates()[(int) step - 1], (System.nanoTime() - start) / 1e9, "");
            history.add(r);
            LOG.info("Dendrite epoch {}/{}: loss {} ({} s)", r.epoch(), config.epochs(), r.trainLoss(), r.seconds());
        }
        return new Model(pre, net, loss, task, new Provenance(Provenance.currentVersion(), config.seed(), config.toString(),
                java.time.Instant.now().toString()), history);
    }

    /** The weighted gradient sum over the rows of the global batch [from, to) of epoch {@code epoch}'s permutation. */
    private static GradientSum aggregate(JavaRDD<Block> blocks, Network net, Loss loss, TrainingConfig config, long total, int epoch, long from,
                                         long to, long step) {
        List<float[]> values = new ArrayList<>();
        int size = 0;
        for (Parameter p : net.parameters()) {
            values.add(p.value().clone());
            size += p.size();
        }
        final int n = size;
        final org.dendrite.core.network.NetworkSpec spec = net.spec();
        final int in = net.inputWidth(), out = net.outputWidth();
        final long seed = config.seed();
        return blocks.treeAggregate(new GradientSum(n), (acc, b) -> {
            int[] perm = permutation(seed, epoch, total);
            List<Integer> mine = new ArrayList<>();
            for (long i = from; i < to; i++) {
                long g = perm[(int) i];
                if (g >= b.offset() && g < b.offset() + b.rows()) mine.add((int) (g - b.offset()));
            }
            if (mine.isEmpty()) return acc;
            Network local = Network.build(spec, in, out, 0);
            for (int k = 0; k < values.size(); k++) {
                System.arraycopy(values.get(k), 0, local.parameters().get(k).value(), 0, values.get(k).length);
            }
            int m = mine.size(), d = b.width();
            Matrix x = new Matrix(m, d), y = new Matrix(m, 1);
            float[] w = new float[m];
            double wsum = 0;
            for (int i = 0; i < m; i++) {
                int r = mine.get(i);
                System.arraycopy(b.features(), r * d, x.data(), i * d, d);
                y.data()[i] = b.targets()[r];
                w[i] = b.weights()[r];
                wsum += w[i];
            }
            if (wsum == 0) return acc;
            SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (step + 1)) ^ b.partition());
            Matrix o = local.forward(x, true, rng);
            Matrix grad = new Matrix(o.rows(), o.cols());
            double l = loss.compute(o, y, w, grad);
            local.backward(grad);
            int off = 0;
            for (Parameter p : local.parameters()) {
                float[] gr = p.grad();
                for (int i = 0; i < gr.length; i++) acc.gradient[off + i] += gr[i] * wsum;
                off += gr.length;
            }
            acc.loss += l * wsum;
            acc.weight += wsum;
            return acc;
        }, GradientSum::merge);
    }

    private static final Map<String, int[]> PERMUTATIONS = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> e) {
            return size() > 2;
        }
    };

    /** The epoch's permutation of all row indices, the same on every executor (cached per JVM). */
    static int[] permutation(long seed, int epoch, long total) {
        String key = seed + "/" + epoch + "/" + total;
        synchronized (PERMUTATIONS) {
            int[] p = PERMUTATIONS.get(key);
            if (p != null) return p;
            p = new int[(int) total];
            for (int i = 0; i < p.length; i++) p[i] = i;
            SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L ^ (0xBF58476D1CE4E5B9L * (epoch + 1)));
            for (int i = p.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1), t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            PERMUTATIONS.put(key, p);
            return p;
        }
    }
}
