package org.dendrite.core.layer;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.dendrite.core.tensor.Matrix;

/**
 * Batch normalization over the batch dimension, per feature. Training normalizes with the batch's
 * mean and (biased) variance and updates the running statistics; inference uses the running
 * statistics, so a batch of one gives the same output as that row inside a larger batch. A
 * training batch of a single row has no variance to estimate: it is normalized with the running
 * statistics and leaves them unchanged. The running statistics are buffers, not parameters: the
 * optimizer never sees them.
 *
 * <p>For a batch split across machines ({@link org.dendrite.core.train.ShardedBatch}) the layer can
 * be told the whole batch's statistics ({@link #useBatchStatistics}) and, for backward, the whole
 * batch's sums of dL/dy and dL/dy * xhat ({@link #useBatchGradientSums}); it then computes exactly
 * what it would on the whole batch, for the rows it holds.
 */
public final class BatchNormLayer implements Layer {
    private static final long serialVersionUID = 1L;

    private final BatchNormSpec spec;
    private final int width;
    private final Parameter gamma;
    private final Parameter beta;
    private final float[] runningMean;
    private final float[] runningVar;
    private final String namePrefix;
    private transient Matrix xhat;
    private transient Matrix output;
    private transient Matrix gradInput;
    private transient double[] invStd;
    private transient boolean batchStatistics;
    /** The whole batch's statistics (sharded training), or null: this batch's own. */
    private transient double[] givenMean;
    private transient double[] givenVar;
    private transient long givenRows;
    private transient double[] givenSumDy;
    private transient double[] givenSumDyXhat;
    private transient double[] sumDy;
    private transient double[] sumDyXhat;
    /** dL/dxhat of the last backward (the batch's n x width values at its start), reused across steps. */
    private transient float[] gradXhat;

    public BatchNormLayer(BatchNormSpec spec, int width, String namePrefix) {
        this.spec = spec;
        this.width = width;
        float[] ones = new float[width];
        Arrays.fill(ones, 1f);
        this.gamma = new Parameter(namePrefix + "gamma", ones, false, width, width);
        this.beta = new Parameter(namePrefix + "beta", new float[width], false, width, width);
        this.runningMean = new float[width];
        this.runningVar = ones.clone();
        this.namePrefix = namePrefix;
    }

    @Override
    public java.util.Map<String, float[]> buffers() {
        java.util.Map<String, float[]> m = new java.util.LinkedHashMap<>();
        m.put(namePrefix + "running_mean", runningMean);
        m.put(namePrefix + "running_var", runningVar);
        return m;
    }

    @Override public int inputWidth() { return width; }
    @Override public int outputWidth() { return width; }
    @Override public List<Parameter> parameters() { return List.of(gamma, beta); }

    /** The running mean (a live buffer saved with the model). */
    public float[] runningMean() { return runningMean; }

    /** The running (unbiased) variance (a live buffer saved with the model). */
    public float[] runningVariance() { return runningVar; }

    @Override
    public Matrix forward(Matrix x, boolean training, RandomGenerator rng) {
        int n = x.rows();
        output = Matrix.reuse(output, n, width);
        xhat = Matrix.reuse(xhat, n, width);
        if (invStd == null) {
            invStd = new double[width];
        }
        float[] a = x.data(), h = xhat.data(), y = output.data(), g = gamma.value(), b = beta.value();
        boolean given = training && givenMean != null;
        batchStatistics = given || (training && n > 1);
        for (int j = 0; j < width; j++) {
            double mean, var;
            if (given) {
                mean = givenMean[j];
                var = givenVar[j];
            } else if (batchStatistics) {
                double s = 0;
                for (int r = 0; r < n; r++) s += a[r * width + j];
                mean = s / n;
                double ss = 0;
                for (int r = 0; r < n; r++) {
                    double d = a[r * width + j] - mean;
                    ss += d * d;
                }
                var = ss / n;
                updateRunning(j, mean, ss, n);
            } else {
                mean = runningMean[j];
                var = runningVar[j];
            }
            double is = 1.0 / Math.sqrt(var + spec.epsilon());
            invStd[j] = is;
            for (int r = 0; r < n; r++) {
                int k = r * width + j;
                h[k] = (float) ((a[k] - mean) * is);
                y[k] = g[j] * h[k] + b[j];
            }
        }
        return output;
    }

    @Override
    public Matrix backward(Matrix dy, boolean needInputGradient) {
        int n = dy.rows();
        float[] gy = dy.data(), h = xhat.data(), g = gamma.value(), dg = gamma.grad(), db = beta.grad();
        Arrays.fill(dg, 0f);
        Arrays.fill(db, 0f);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                int k = r * width + j;
                dg[j] += gy[k] * h[k];
                db[j] += gy[k];
            }
        }
        if (givenMean != null) {
            // the sums a sharded batch adds up across machines, in double like the whole-batch kernel's
            sumDy = new double[width];
            sumDyXhat = new double[width];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < width; j++) {
                    int k = r * width + j;
                    sumDy[j] += gy[k];
                    sumDyXhat[j] += gy[k] * (double) h[k];
                }
            }
        }
        if (!needInputGradient) {
            return null;
        }
        gradInput = Matrix.reuse(gradInput, n, width);
        float[] dx = gradInput.data();
        // dL/dxhat = dy * gamma, stored in dx first, then turned into dL/dx column by column
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) dx[r * width + j] = gy[r * width + j] * g[j];
        }
        if (batchStatistics && givenMean != null) {
            if (givenSumDy == null) {
                throw new IllegalStateException("Batch norm over a sharded batch needs the whole batch's gradient sums before backward");
            }
            float[] gx = gradXhat(dx, n * width);
            for (int j = 0; j < width; j++) {
                Normalization.backward(h, gx, dx, j, width, n, givenRows, invStd[j], g[j] * givenSumDy[j], g[j] * givenSumDyXhat[j]);
            }
        } else if (batchStatistics) {
            float[] gx = gradXhat(dx, n * width);
            for (int j = 0; j < width; j++) {
                Normalization.backward(h, gx, dx, j, width, n, invStd[j]);
            }
        } else {
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < width; j++) dx[r * width + j] *= (float) invStd[j];
            }
        }
        return gradInput;
    }

    /** The first {@code size} values of {@code dx} copied into the reused {@link #gradXhat} (a new array each step was a batch's worth of garbage). */
    private float[] gradXhat(float[] dx, int size) {
        if (gradXhat == null || gradXhat.length < size) gradXhat = new float[size];
        System.arraycopy(dx, 0, gradXhat, 0, size);
        return gradXhat;
    }

    private void updateRunning(int j, double mean, double sumSquares, long n) {
        double m = spec.momentum();
        runningMean[j] = (float) ((1 - m) * runningMean[j] + m * mean);
        runningVar[j] = (float) ((1 - m) * runningVar[j] + m * sumSquares / (n - 1));
    }

    /**
     * Sharded training: training forwards normalize with the whole batch's per-feature {@code mean}
     * and biased {@code variance} over {@code rows} rows (rows > 1) instead of their own rows', and
     * leave the running statistics alone ({@link #updateRunningStatistics} does that once, where the
     * whole batch is known). Null returns to the batch's own statistics.
     */
    public void useBatchStatistics(double[] mean, double[] variance, long rows) {
        if (mean != null && (mean.length != width || variance.length != width || rows < 2)) {
            throw new IllegalArgumentException("Batch statistics for " + width + " features over at least 2 rows expected, got " + mean.length
                    + " means, " + variance.length + " variances, " + rows + " rows");
        }
        givenMean = mean;
        givenVar = variance;
        givenRows = rows;
        givenSumDy = null;
        givenSumDyXhat = null;
    }

    /**
     * Sharded training: the whole batch's per-feature sums of dL/dy and dL/dy * xhat (what
     * {@link #gradientSums} returns, added up over the shards), needed by backward with
     * {@link #useBatchStatistics}.
     */
    public void useBatchGradientSums(double[] sumDy, double[] sumDyXhat) {
        givenSumDy = sumDy;
        givenSumDyXhat = sumDyXhat;
    }

    /**
     * After a backward under {@link #useBatchStatistics}: this shard's per-feature sums of dL/dy and
     * of dL/dy * xhat, {@code {sumDy, sumDyXhat}}.
     */
    public double[][] gradientSums() {
        return new double[][] {sumDy, sumDyXhat};
    }

    /** The running-statistics update a training forward makes, from a whole batch's mean and biased variance over {@code rows} > 1 rows. */
    public void updateRunningStatistics(double[] mean, double[] variance, long rows) {
        for (int j = 0; j < width; j++) updateRunning(j, mean[j], variance[j] * rows, rows);
    }

    @Override
    public String describe() {
        return "batch_norm(eps=" + spec.epsilon() + ", momentum=" + spec.momentum() + ")";
    }
}
