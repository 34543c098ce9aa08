package org.dendrite.core.optim;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.layer.Parameter;

/**
 * Limited-memory BFGS (Liu and Nocedal 1989; Nocedal and Wright, "Numerical Optimization",
 * algorithm 7.4) with an optional strong-Wolfe line search (Nocedal and Wright algorithms 3.5/3.6 with
 * cubic interpolation), a port of {@code torch.optim.LBFGS} (itself after Schmidt's minFunc). Full
 * batch: one {@link #newState step} runs up to {@code maxIter} iterations, re-evaluating the objective
 * through the trainer's {@link Objective}. All parameters are treated as one flat vector. The strong
 * choice for small tabular data.
 */
public record Lbfgs(double learningRate, int maxIter, int maxEval, double toleranceGrad, double toleranceChange, int historySize,
                    boolean strongWolfe) implements Optimizer {
    public static final double DEFAULT_LEARNING_RATE = 1;
    public static final int DEFAULT_MAX_ITER = 20;
    public static final double DEFAULT_TOLERANCE_GRAD = 1e-7;
    public static final double DEFAULT_TOLERANCE_CHANGE = 1e-9;
    public static final int DEFAULT_HISTORY_SIZE = 100;

    public Lbfgs {
        Check.learningRate(learningRate);
        if (maxIter < 1) throw new IllegalArgumentException("Invalid maxIter: " + maxIter + " (allowed: a whole number >= 1)");
        if (maxEval < 1) throw new IllegalArgumentException("Invalid maxEval: " + maxEval + " (allowed: a whole number >= 1)");
        Check.nonNegative("toleranceGrad", toleranceGrad);
        Check.nonNegative("toleranceChange", toleranceChange);
        if (historySize < 1) throw new IllegalArgumentException("Invalid historySize: " + historySize + " (allowed: a whole number >= 1)");
    }

    /** PyTorch's defaults (maxEval = maxIter * 5 / 4) with the strong-Wolfe line search. */
    public Lbfgs(double learningRate) {
        this(learningRate, DEFAULT_MAX_ITER, DEFAULT_MAX_ITER * 5 / 4, DEFAULT_TOLERANCE_GRAD, DEFAULT_TOLERANCE_CHANGE, DEFAULT_HISTORY_SIZE,
                true);
    }

    @Override public String name() { return "lbfgs"; }

    @Override
    public boolean requiresFullBatch() {
        return true;
    }

    @Override
    public OptimizerState newState(List<Parameter> parameters) {
        return new State(this, parameters);
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;
        private final Lbfgs c;
        private final int n;
        private float[] d;
        private double t;
        private final List<float[]> oldDirs = new ArrayList<>();
        private final List<float[]> oldStps = new ArrayList<>();
        private final List<Double> ro = new ArrayList<>();
        private double hDiag = 1;
        private float[] prevFlatGrad;
        private double prevLoss;
        private long nIter;

        State(Lbfgs c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
            int total = 0;
            for (Parameter p : parameters) total += p.size();
            this.n = total;
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            throw new UnsupportedOperationException("L-BFGS steps through step(learningRate, objective)");
        }

        @Override
        public void step(double learningRate) {
            throw new IllegalStateException("L-BFGS needs the objective: call step(learningRate, objective)");
        }

        private float[] flatGrad() {
            float[] f = new float[n];
            int o = 0;
            for (Parameter p : parameters) {
                System.arraycopy(p.grad(), 0, f, o, p.size());
                o += p.size();
            }
            return f;
        }

        private float[] flatParams() {
            float[] f = new float[n];
            int o = 0;
            for (Parameter p : parameters) {
                System.arraycopy(p.value(), 0, f, o, p.size());
                o += p.size();
            }
            return f;
        }

        private void setParams(float[] x) {
            int o = 0;
            for (Parameter p : parameters) {
                System.arraycopy(x, o, p.value(), 0, p.size());
                o += p.size();
            }
        }

        /** w += step * update. */
        private void addGrad(double step, float[] update) {
            float s = (float) step;
            int o = 0;
            for (Parameter p : parameters) {
                float[] v = p.value();
                for (int i = 0; i < v.length; i++) v[i] += s * update[o + i];
                o += v.length;
            }
        }

        private static float dot(float[] a, float[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
            return (float) s;
        }

        private static float absMax(float[] a) {
            float m = 0;
            for (float v : a) m = Math.max(m, Math.abs(v));
            return m;
        }

        @Override
        public double step(double lr, Objective objective) {
            double origLoss = objective.evaluate();
            if (!Double.isFinite(origLoss)) {
                return origLoss;
            }
            double loss = origLoss;
            int currentEvals = 1;
            float[] flatGrad = flatGrad();
            if (absMax(flatGrad) <= c.toleranceGrad) {
                return origLoss;
            }
            int iter = 0;
            while (iter < c.maxIter) {
                iter++;
                nIter++;
                if (nIter == 1) {
                    d = new float[n];
                    for (int i = 0; i < n; i++) d[i] = -flatGrad[i];
                    oldDirs.clear();
                    oldStps.clear();
                    ro.clear();
                    hDiag = 1;
                } else {
                    float[] y = new float[n], s = new float[n];
                    float tf = (float) t;
                    for (int i = 0; i < n; i++) {
                        y[i] = flatGrad[i] - prevFlatGrad[i];
                        s[i] = d[i] * tf;
                    }
                    float ys = dot(y, s);
                    if (ys > 1e-10) {
                        if (oldDirs.size() == c.historySize) {
                            oldDirs.remove(0);
                            oldStps.remove(0);
                            ro.remove(0);
                        }
                        oldDirs.add(y);
                        oldStps.add(s);
                        ro.add((double) (1f / ys));
                        hDiag = ys / dot(y, y);
                    }
                    int numOld = oldDirs.size();
                    float[] al = new float[numOld];
                    float[] q = new float[n];
                    for (int i = 0; i < n; i++) q[i] = -flatGrad[i];
                    for (int i = numOld - 1; i >= 0; i--) {
                        al[i] = (float) (dot(oldStps.get(i), q) * ro.get(i));
                        float a = -al[i];
                        float[] od = oldDirs.get(i);
                        for (int k = 0; k < n; k++) q[k] += a * od[k];
                    }
                    float h = (float) hDiag;
                    for (int k = 0; k < n; k++) q[k] *= h;
                    d = q;
                    for (int i = 0; i < numOld; i++) {
                        float be = (float) (dot(oldDirs.get(i), d) * ro.get(i));
                        float a = al[i] - be;
                        float[] os = oldStps.get(i);
                        for (int k = 0; k < n; k++) d[k] += a * os[k];
                    }
                }
                prevFlatGrad = flatGrad.clone();
                prevLoss = loss;
                if (nIter == 1) {
                    float sumAbs = 0;
                    for (float v : flatGrad) sumAbs += Math.abs(v);
                    t = Math.min(1., 1. / sumAbs) * lr;
                } else {
                    t = lr;
                }
                float gtd = dot(flatGrad, d);
                if (gtd > -c.toleranceChange) {
                    break;
                }
                int lsEvals = 0;
                boolean optCond = false;
                if (c.strongWolfe) {
                    float[] xInit = flatParams();
                    StrongWolfe.Result r = StrongWolfe.search((x, step, dir) -> {
                        addGrad(step, dir);
                        double f = objective.evaluate();
                        float[] gr = flatGrad();
                        setParams(x);
                        return new StrongWolfe.Eval(f, gr);
                    }, xInit, t, d, loss, flatGrad, gtd, c.toleranceChange);
                    loss = r.f();
                    flatGrad = r.g();
                    t = r.t();
                    lsEvals = r.evals();
                    addGrad(t, d);
                    optCond = absMax(flatGrad) <= c.toleranceGrad;
                } else {
                    addGrad(t, d);
                    if (iter != c.maxIter) {
                        loss = objective.evaluate();
                        flatGrad = flatGrad();
                        optCond = absMax(flatGrad) <= c.toleranceGrad;
                        lsEvals = 1;
                    }
                }
                currentEvals += lsEvals;
                if (iter == c.maxIter || currentEvals >= c.maxEval || optCond) {
                    break;
                }
                float tf = (float) t;
                float maxStep = 0;
                for (float v : d) maxStep = Math.max(maxStep, Math.abs(v * tf));
                if (maxStep <= c.toleranceChange || Math.abs(loss - prevLoss) < c.toleranceChange) {
                    break;
                }
            }
            return origLoss;
        }
    }
}
