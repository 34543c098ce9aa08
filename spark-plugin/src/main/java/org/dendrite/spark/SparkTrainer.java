package org.dendrite.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Column;
import org.dendrite.core.data.PreprocessingConfig;
import org.dendrite.core.data.Preprocessor;
import org.dendrite.core.data.ValidationSplit;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.loss.MeanSquaredError;
import org.dendrite.core.loss.SoftmaxCrossEntropy;
import org.dendrite.core.network.Network;
import org.dendrite.core.optim.OptimizerState;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.tensor.Parallelism;
import org.dendrite.core.augment.Augmentation;
import org.dendrite.core.train.FrozenParameters;
import org.dendrite.core.train.Model;
import org.dendrite.core.train.RollbackPoint;
import org.dendrite.core.train.ShardedBatch;
import org.dendrite.core.data.Task;
import org.dendrite.core.train.TrainingConfig;
import org.dendrite.core.train.TrainingDivergedException;
import org.dendrite.core.train.TrainingRun;
import org.dendrite.core.train.TrainingStep;

/**
 * Data-parallel training inside Spark. A first pass checks every row and counts each partition's
 * rows; with a validation fraction the core's {@link ValidationSplit} (stratified, seeded) picks the
 * held-out rows from the labels, exactly as on one machine. The preprocessing statistics come from
 * the training rows in one distributed pass, and the rows are turned once into cached dense blocks
 * per partition (training rows and held-out rows apart).
 *
 * <p>Synchronous mode: at every optimizer step each partition computes its share of the global
 * minibatch's gradient (a permutation of the training rows per epoch, derived from the seed as on
 * one machine) through the core's {@link ShardedBatch} (one treeAggregate; 2B + 1 of them with B
 * batch-norm layers, whose statistics then span the global batch), and the driver takes the step
 * with the core's {@link TrainingStep}: the same mathematics as single-machine training with the
 * same global batch. Every optimizer works, L-BFGS included (each objective evaluation is one
 * gradient). After each epoch the held-out rows are evaluated on the executors and early stopping
 * runs on the driver ({@link SparkRun}).
 */
final class SparkTrainer {
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

    /** Unwraps a failed Spark job to the IllegalArgumentException (bad input) or divergence error a task threw, so users read its message. */
    static RuntimeException unwrap(Exception e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof IllegalArgumentException || t instanceof TrainingDivergedException) return (RuntimeException) t;
            t = t.getCause();
        }
        return e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }

    /**
     * Settings of the core's single-machine trainer that Spark training does not carry out yet
     * (synchronous mode carries out augmentation, pruning and rollbacks, local SGD none of them): a clear error instead
     * of a silently different training.
     */
    static void refuseSingleMachineOnly(TrainingConfig config, int localSteps) {
        List<String> unsupported = new ArrayList<>();
        if (localSteps > 1 && config.augmentation().enabled()) unsupported.add("augmentation with local SGD (localSteps > 1)");
        if (localSteps > 1 && config.pruning().enabled()) unsupported.add("pruning with local SGD (localSteps > 1)");
        if (localSteps > 1 && config.diagnostics().maxRollbacks() > 0) {
            unsupported.add("diagnostics.maxRollbacks (rollback on divergence) with local SGD (localSteps > 1)");
        }
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("configJson sets " + String.join(", ", unsupported) + ", which Spark training does not support; "
                    + "remove it from the configuration (the single-machine trainer and the Weka plugin support it)");
        }
    }

    /** Pass 1's result for one partition: its row count, feature width (-1 when empty), largest label, and class labels when stratifying. */
    private record PartitionInfo(long rows, int width, double maxLabel, int[] classes) implements Serializable {}

    static Model train(Dataset<Row> rows, String featuresCol, String labelCol, String weightCol, boolean classification, int declaredClasses,
                       TrainingConfig config, int localSteps, Model initial, int frozenLayers) {
        refuseSingleMachineOnly(config, localSteps);
        if (initial != null) {
            // the architecture comes from the initial model, as in TrainingRun's warm start
            config = config.withNetwork(initial.network().spec());
        }
        if (frozenLayers > 0 && localSteps > 1) {
            throw new IllegalArgumentException("frozenLayers needs synchronous training (localSteps = 1), got localSteps = " + localSteps);
        }
        JavaRDD<Row> rdd = rows.javaRDD();
        double fraction = config.effectiveValidationFraction();
        boolean stratify = classification && fraction > 0;
        List<PartitionInfo> infos;
        try {
            infos = rdd.mapPartitions((Iterator<Row> it) -> {
                long n = 0;
                int width = -1;
                double max = Double.NEGATIVE_INFINITY;
                List<Integer> labels = new ArrayList<>();
                while (it.hasNext()) {
                    Row r = it.next();
                    width = features(r, featuresCol, width).length;
                    double y = label(r, labelCol, classification);
                    weight(r, weightCol);
                    max = Math.max(max, y);
                    if (stratify) labels.add((int) y);
                    n++;
                }
                int[] classes = stratify ? labels.stream().mapToInt(Integer::intValue).toArray() : null;
                return Collections.singletonList(new PartitionInfo(n, width, max, classes)).iterator();
            }).collect();
        } catch (Exception e) {
            throw unwrap(e);
        }
        int partitions = infos.size();
        long total = 0;
        int width = -1;
        double maxLabel = Double.NEGATIVE_INFINITY;
        long[] offsets = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            PartitionInfo info = infos.get(p);
            offsets[p] = total;
            total += info.rows();
            maxLabel = Math.max(maxLabel, info.maxLabel());
            if (info.width() >= 0 && width >= 0 && info.width() != width) {
                throw new IllegalArgumentException("Column '" + featuresCol + "' holds a vector of size " + info.width() + "; expected size "
                        + width + " (as in the first rows)");
            }
            if (info.width() >= 0 && width < 0) width = info.width();
        }
        if (total == 0) {
            throw new IllegalArgumentException("The training DataFrame is empty: training needs at least one row");
        }
        int classes = classification ? Math.max(declaredClasses, (int) maxLabel + 1) : 0;
        if (classification && classes < 2) {
            throw new IllegalArgumentException("Column '" + labelCol + "' has only one class (label 0); a classifier needs at least two");
        }
        BitSet held = new BitSet();
        if (fraction > 0) {
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("A validation split holds the row indices on the driver: at most " + Integer.MAX_VALUE
                        + " rows, got " + total);
            }
            int[] strata = null;
            if (stratify) {
                strata = new int[(int) total];
                for (int p = 0; p < partitions; p++) System.arraycopy(infos.get(p).classes(), 0, strata, (int) offsets[p], (int) infos.get(p).rows());
            }
            for (int v : ValidationSplit.of((int) total, fraction, strata, config.seed()).validation()) held.set(v);
            if (stratify) {
                java.util.BitSet seen = new java.util.BitSet();
                for (int i = 0; i < strata.length; i++) if (!held.get(i)) seen.set(strata[i]);
                if (seen.cardinality() < 2) {
                    throw new IllegalArgumentException("Column '" + labelCol + "' has only one class among the training rows left after the "
                            + "validation split; a classifier needs rows of at least two classes");
                }
            }
        }
        long[] trainOffsets = new long[partitions];
        long trainRows = 0;
        for (int p = 0; p < partitions; p++) {
            trainOffsets[p] = trainRows;
            long n = infos.get(p).rows();
            trainRows += held.isEmpty() ? n : n - held.get((int) offsets[p], (int) (offsets[p] + n)).cardinality();
        }
        Broadcast<BitSet> heldOut = JavaSparkContext.fromSparkContext(rdd.context()).broadcast(held);
        try {
            return train(rdd, featuresCol, labelCol, weightCol, classification, classes, config, localSteps, offsets, trainOffsets, trainRows,
                    heldOut, width, initial, frozenLayers);
        } finally {
            heldOut.destroy();
        }
    }

    private static Model train(JavaRDD<Row> rdd, String featuresCol, String labelCol, String weightCol, boolean classification, int classes,
                               TrainingConfig config, int localSteps, long[] offsets, long[] trainOffsets, long trainRows, Broadcast<BitSet> heldOut,
                               int d, Model initial, int frozenLayers) {
        ColumnStats stats;
        try {
            stats = rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
                ColumnStats s = new ColumnStats();
                BitSet held = heldOut.value();
                for (long g = offsets[p]; it.hasNext(); g++) {
                    Row r = it.next();
                    if (!isHeld(held, g)) s.add(features(r, featuresCol, d), label(r, labelCol, classification), weight(r, weightCol));
                }
                return Collections.singletonList(s).iterator();
            }, true).treeReduce(ColumnStats::merge);
        } catch (Exception e) {
            throw unwrap(e);
        }
        if (!(stats.weightSum > 0)) throw new IllegalArgumentException("All weights in column '" + weightCol + "' are zero: nothing to learn");
        List<Column> cols = new ArrayList<>();
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            cols.add(Column.numeric("f" + j));
            double std = Math.sqrt(stats.m2[j] / stats.n);
            scale[j] = std > 1e-12 * Math.max(1, Math.abs(stats.mean[j])) ? std : 1;
        }
        PreprocessingConfig pc = config.preprocessing();
        double[] ones = new double[d];
        Arrays.fill(ones, 1);
        Preprocessor pre = new Preprocessor(cols, pc, stats.mean, pc.standardize() ? scale : ones, new boolean[d]);
        double labelStd = Math.sqrt(stats.labelM2 / stats.n);
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c < classes; c++) classNames.add(Integer.toString(c));
        Task task = classification ? Task.classification(labelCol, classNames)
                : pc.standardizeTarget() ? new Task(labelCol, List.of(), stats.labelMean, labelStd > 0 ? labelStd : 1) : new Task(labelCol, List.of(), 0, 1);
        if (initial != null) {
            // a warm start keeps the initial model's input scaling (its weights expect it) and, for a numeric target, its target scaling
            TrainingRun.checkWarmStart(initial, classification, classNames, d, frozenLayers);
            pre = initial.preprocessor();
            if (!classification) task = new Task(labelCol, List.of(), initial.task().targetMean(), initial.task().targetScale());
        }
        final Preprocessor preprocessor = pre;
        final double mean = task.targetMean(), tscale = task.targetScale();
        JavaRDD<Block> blocks = rdd.mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
            BitSet held = heldOut.value();
            List<Row> train = new ArrayList<>(), valid = new ArrayList<>();
            for (long g = offsets[p]; it.hasNext(); g++) (isHeld(held, g) ? valid : train).add(it.next());
            return List.of(block(p, false, trainOffsets[p], train, preprocessor, featuresCol, labelCol, weightCol, classification, d, mean, tscale),
                    block(p, true, 0, valid, preprocessor, featuresCol, labelCol, weightCol, classification, d, mean, tscale)).iterator();
        }, true).persist(StorageLevel.MEMORY_AND_DISK());
        Loss loss = config.loss() != null ? config.loss() : classification ? new SoftmaxCrossEntropy() : new MeanSquaredError();
        try {
            SparkRun run = new SparkRun(blocks, trainRows, !heldOut.value().isEmpty(), preprocessor, task, config, loss);
            if (initial != null) {
                run.network.restore(initial.network().snapshot());
                run.frozen = FrozenParameters.of(run.network, frozenLayers);
            }
            return localSteps > 1 ? LocalSgd.train(run, localSteps) : synchronous(run);
        } catch (SparkException e) {
            throw unwrap(e);
        } finally {
            blocks.unpersist(false);
        }
    }

    private static boolean isHeld(BitSet held, long row) {
        return !held.isEmpty() && held.get((int) row);
    }

    private static Block block(int partition, boolean heldOut, long offset, List<Row> rows, Preprocessor pre, String featuresCol, String labelCol,
                               String weightCol, boolean classification, int d, double mean, double scale) {
        int n = rows.size();
        float[] f = new float[n * d], y = new float[n], w = new float[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            pre.transformRow(features(r, featuresCol, d), i, f, i * d);
            y[i] = (float) ((label(r, labelCol, classification) - mean) / scale);
            w[i] = (float) weight(r, weightCol);
        }
        return new Block(partition, heldOut, offset, n, d, f, y, w);
    }

    private static Model synchronous(SparkRun run) throws SparkException {
        TrainingConfig config = run.config;
        Network net = run.network;
        OptimizerState opt = config.optimizer().newState(net.parameters());
        TrainingStep stepper = new TrainingStep(config, net, opt);
        long total = run.rows;
        long batch = config.optimizer().requiresFullBatch() ? total : Math.min(config.batchSize(), total);
        long stepsPerEpoch = Batches.count(total, batch);
        double initialLoss = run.trainingLoss();
        long step = 0;
        int maxRollbacks = config.diagnostics().maxRollbacks(), rollbacks = 0;
        double lrScale = 1;
        List<float[]> pruneMask = null;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long start = System.nanoTime();
            // the rollback point, as in TrainingRun: the epoch's start, restored with the learning rate divided by 10
            RollbackPoint point = maxRollbacks > 0 ? new RollbackPoint(net, opt, step) : null;
            String event = "";
            double lossSum, weightSum, rate;
            while (true) {
                lossSum = 0;
                weightSum = 0;
                rate = Double.NaN;
                try {
                    for (long s = 0; s < stepsPerEpoch; s++) {
                        rate = TrainingStep.learningRate(config, step, epoch, run.history, lrScale);
                        final int e = epoch;
                        final long from = s * batch, to = Batches.end(from, total, batch), st = step;
                        double[] weight = new double[1];
                        // statistics from the driver's global step: gradients, weights and updates; the activations live on the executors
                        double l = stepper.takeRecorded(rate, epoch, step, initialLoss, () -> {
                            ShardedBatch.Partial g = ShardedBatch.gradient(net, request -> aggregate(run, request, e, from, to, st));
                            weight[0] = g.weight();
                            return g.meanLoss();
                        }, run.frozen, pruneMask, run.history);
                        lossSum += l * weight[0];
                        weightSum += weight[0];
                        step++;
                    }
                    stepper.checkWeights(epoch, step - 1, rate);
                    break;
                } catch (TrainingDivergedException d) {
                    if (rollbacks >= maxRollbacks) {
                        throw d;
                    }
                    rollbacks++;
                    step = point.restore(net, opt, run.history);
                    lrScale /= 10;
                    event = RollbackPoint.event(rollbacks, d);
                    run.history.warn(event);
                }
            }
            pruneMask = config.pruning().afterEpoch(net.parameters(), epoch + 1, pruneMask);
            if (run.endEpoch(epoch, lossSum / weightSum, rate, start, event)) break;
        }
        return run.model();
    }

    /** One pass of {@code request} over the rows [from, to) of epoch {@code epoch}'s permutation of the training rows. */
    private static ShardedBatch.Partial aggregate(SparkRun run, ShardedBatch.Request request, int epoch, long from, long to, long step) {
        final long seed = run.config.seed(), total = run.rows;
        final Loss loss = run.loss;
        final Augmentation augmentation = run.config.augmentation();
        final int classes = run.task.classCount();
        return run.blocks.treeAggregate(new ShardedBatch.Partial(request.kind()), (acc, b) -> {
            if (b.heldOut()) return acc;
            int[] perm = permutation(seed, epoch, total);
            List<Integer> mine = new ArrayList<>();
            for (long i = from; i < to; i++) {
                long g = perm[(int) i];
                if (g >= b.offset() && g < b.offset() + b.rows()) mine.add((int) (g - b.offset()));
            }
            if (mine.isEmpty()) return acc;
            int m = mine.size(), d = b.width();
            Matrix x = new Matrix(m, d), y = new Matrix(m, 1);
            float[] w = new float[m];
            for (int i = 0; i < m; i++) {
                int r = mine.get(i);
                System.arraycopy(b.features(), r * d, x.data(), i * d, d);
                y.data()[i] = b.targets()[r];
                w[i] = b.weights()[r];
            }
            SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (step + 1)) ^ b.partition());
            Matrix ax = x, ay = y;
            if (augmentation.enabled()) {
                // its own generator, seeded by step and partition: every pass of a step sees the same augmented rows
                SplittableRandom noise = new SplittableRandom(seed ^ (0xBF58476D1CE4E5B9L * (step + 1)) ^ b.partition());
                ax = new Matrix(m, d);
                ay = new Matrix(m, augmentation.targetWidth(1, classes));
                augmentation.apply(x, y, classes, noise, ax, ay);
            }
            final Matrix fx = ax, fy = ay;
            // one task per core already: Dendrite's kernels stay on the task's thread
            return acc.merge(Parallelism.singleThreaded(() -> ShardedBatch.pass(request, loss, fx, fy, w, rng)));
        }, ShardedBatch.Partial::merge);
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
