package org.dendrite.core.tensor;

import java.util.Arrays;

/**
 * A dense float32 matrix on one contiguous row-major array: element (r, c) is
 * {@code data[r * cols + c]}. Buffers are reused across minibatches: {@link #ensureRows} only
 * reallocates when a batch is larger than any seen before, so the steady state allocates nothing.
 */
public final class Matrix implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private float[] data;
    private int rows;
    private final int cols;

    public Matrix(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("Matrix shape must be non-negative, got " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = new float[Math.multiplyExact(rows, cols)];
    }

    /** Wraps {@code data} (not copied) as a {@code rows x cols} matrix. */
    public Matrix(int rows, int cols, float[] data) {
        if ((long) rows * cols > data.length) {
            throw new IllegalArgumentException("Array of length " + data.length + " cannot hold a " + rows + "x" + cols + " matrix");
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** The rows of {@code parts}, one after another, in a new matrix (0 x 0 when there are none); the parts must have one width. */
    public static Matrix stackRows(java.util.List<Matrix> parts) {
        if (parts.isEmpty()) return new Matrix(0, 0);
        int cols = parts.get(0).cols, rows = 0;
        for (Matrix m : parts) {
            if (m.cols != cols) throw new IllegalArgumentException("Cannot stack a " + m.rows + "x" + m.cols + " matrix under " + cols + " columns");
            rows = Math.addExact(rows, m.rows);
        }
        Matrix out = new Matrix(rows, cols);
        int at = 0;
        for (Matrix m : parts) {
            System.arraycopy(m.data, 0, out.data, at, m.size());
            at += m.size();
        }
        return out;
    }

    public int rows() { return rows; }

    public int cols() { return cols; }

    public int size() { return rows * cols; }

    /** The backing array; only the first {@code rows*cols} entries belong to the matrix. */
    public float[] data() { return data; }

    public float get(int r, int c) { return data[r * cols + c]; }

    public void set(int r, int c, float v) { data[r * cols + c] = v; }

    /** Sets the row count to {@code n}, growing the backing array if needed (contents then undefined). */
    public Matrix ensureRows(int n) {
        if ((long) n * cols > data.length) {
            data = new float[Math.multiplyExact(n, cols)];
        }
        rows = n;
        return this;
    }

    /** A matrix of {@code n} rows and this width, reusing {@code m} when it is not null and wide enough. */
    public static Matrix reuse(Matrix m, int n, int cols) {
        if (m == null || m.cols != cols) {
            return new Matrix(n, cols);
        }
        return m.ensureRows(n);
    }

    public void fill(float v) { Arrays.fill(data, 0, size(), v); }

    public Matrix copy() {
        return new Matrix(rows, cols, Arrays.copyOf(data, size()));
    }

    public float[] row(int r) { return Arrays.copyOfRange(data, r * cols, (r + 1) * cols); }

    @Override
    public String toString() {
        return "Matrix[" + rows + "x" + cols + "]";
    }
}
