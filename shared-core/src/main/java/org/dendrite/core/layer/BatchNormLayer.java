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
        batchStatistics = training && n > 1;
        double m = spec.momentum();
        for (int j = 0; j < width; j++) {
            double mean, var;
            if (batchStatistics) {
                double s = 0;
                for (int r = 0; r < n; r++) s += a[r * width + j];
                mean = s / n;
                double ss = 0;
                for (int r = 0; r < n; r++) {
                    double d = a[r * width + j] - mean;
                    ss += d * d;
                }
                var = ss / n;
                runningMean[j] = (float) ((1 - m) * runningMean[j] + m * mean);
                runningVar[j] = (float) ((1 - m) * runningVar[j] + m * ss / (n - 1));
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
        if (!needInputGradient) {
            return null;
        }
        gradInput = Matrix.reuse(gradInput, n, width);
        float[] dx = gradInput.data();
        // dL/dxhat = dy * gamma, stored in dx first, then turned into dL/dx column by column
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) dx[r * width + j] = gy[r * width + j] * g[j];
        }
        if (batchStatistics) {
            float[] gx = dx.clone();
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

    @Override
    public String describe() {
        return "batch_norm(eps=" + spec.epsilon() + ", momentum=" + spec.momentum() + ")";
    }
}
