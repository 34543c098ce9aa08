package org.dendrite.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.dendrite.core.augment.Augmentation;
import org.dendrite.core.data.Batches;
import org.dendrite.core.data.Seeds;
import org.dendrite.core.data.Task;
import org.dendrite.core.loss.Loss;
import org.dendrite.core.network.Network;
import org.dendrite.core.tensor.Matrix;
import org.dendrite.core.tensor.Parallelism;
import org.dendrite.core.train.ShardedBatch;
import org.dendrite.core.train.TrainingConfig;

/**
 * Synchronous data-parallel gradients: each step's global minibatch is a slice of the epoch's
 * permutation of all training rows (the same generator and shuffle as on one machine,
 * {@link Seeds}), every partition computes its rows' share through the core's {@link ShardedBatch}
 * (one aggregation; 2B + 1 with B batch-norm layers, whose statistics then span the global batch),
 * and the driver's loop takes the step: the same mathematics as one machine with the same global
 * batch, up to float32 summation order. One Spark job per step (or per L-BFGS evaluation).
 */
final class SyncSource extends BlockSource {
    private final long batch;
    private int epoch;
    private long from;
    private long to;
    private long step;
    private double weight;

    SyncSource(JavaRDD<Block> blocks, long rows, boolean hasValidation, TrainingConfig config, Task task, Loss loss) {
        super(blocks, rows, hasValidation, config, task, loss);
        this.batch = config.optimizer().requiresFullBatch() ? rows : Math.min(config.batchSize(), rows);
    }

    @Override
    String plan() {
        return "synchronous: one Spark job per step over the global batch of " + batch + " rows, split across "
                + blocks.getNumPartitions() + " partitions";
    }

    @Override
    public long beginEpoch(int e) {
        epoch = e;
        return Batches.count(rows, batch);
    }

    @Override
    public void select(long index, long step, double rate) {
        this.from = index * batch;
        this.to = Batches.end(from, rows, batch);
        this.step = step;
        SparkJobs.describe(blocks.context(), "Dendrite epoch " + (epoch + 1) + ", step " + (step + 1) + " (synchronous, rows " + from + ".." + to
                + " of the epoch's order)");
    }

    @Override
    public double gradient(Network network) {
        ShardedBatch.Partial g = ShardedBatch.gradient(network, this::aggregate);
        weight = g.weight();
        return g.meanLoss();
    }

    @Override
    public double weight() {
        return weight;
    }

    /** One pass of {@code request} over this step's rows of the global batch. */
    private ShardedBatch.Partial aggregate(ShardedBatch.Request request) {
        final long seed = config.seed(), total = rows, lo = from, hi = to, st = step;
        final int e = epoch, classes = task.classCount();
        final Loss l = loss;
        final Augmentation augmentation = config.augmentation();
        return blocks.treeAggregate(new ShardedBatch.Partial(request.kind()), (acc, b) -> {
            if (b.heldOut()) return acc;
            int[] perm = permutation(seed, e, total);
            int m = 0;
            int[] mine = new int[(int) (hi - lo)];
            for (long i = lo; i < hi; i++) {
                long g = perm[(int) i];
                if (g >= b.offset() && g < b.offset() + b.rows()) mine[m++] = (int) (g - b.offset());
            }
            if (m == 0) return acc;
            int d = b.width();
            Matrix x = new Matrix(m, d), y = new Matrix(m, 1);
            float[] w = b.weights() == null ? null : new float[m];
            for (int i = 0; i < m; i++) {
                System.arraycopy(b.features(), mine[i] * d, x.data(), i * d, d);
                y.data()[i] = b.targets()[mine[i]];
                if (w != null) w[i] = b.weights()[mine[i]];
            }
            SplittableRandom rng = Seeds.stepShard(seed, st, b.partition());
            Matrix ax = x, ay = y;
            if (augmentation.enabled()) {
                // its own generator, seeded by step and partition: every pass of a step sees the same augmented rows
                ax = new Matrix(m, d);
                ay = new Matrix(m, augmentation.targetWidth(1, classes));
                augmentation.apply(x, y, classes, Seeds.augmentationShard(seed, st, b.partition()), ax, ay);
            }
            final Matrix fx = ax, fy = ay;
            // one task per core already: Dendrite's kernels stay on the task's thread
            return acc.merge(Parallelism.singleThreaded(() -> ShardedBatch.pass(request, l, fx, fy, w, rng)));
        }, ShardedBatch.Partial::merge);
    }

    private static final Map<String, int[]> PERMUTATIONS = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> e) {
            return size() > 2;
        }
    };

    /** The epoch's permutation of all training row indices, the one a single machine draws (cached per executor JVM). */
    static int[] permutation(long seed, int epoch, long total) {
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Synchronous training permutes all " + total + " training rows in one array: at most "
                    + Integer.MAX_VALUE + "; use rounds (localSteps > 1) for more rows");
        }
        String key = seed + "/" + epoch + "/" + total;
        synchronized (PERMUTATIONS) {
            int[] p = PERMUTATIONS.get(key);
            if (p == null) {
                p = new int[(int) total];
                Seeds.permutation(Seeds.epoch(seed, epoch), p);
                PERMUTATIONS.put(key, p);
            }
            return p;
        }
    }
}
