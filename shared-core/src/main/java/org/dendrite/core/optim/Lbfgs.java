package org.dendrite.core.optim;

import java.util.List;
import org.dendrite.core.check.Check;
import org.dendrite.core.layer.Parameter;

/**
 * Limited-memory BFGS (Liu and Nocedal 1989, "On the limited memory BFGS method for large scale
 * optimization"; Nocedal and Wright 2006, "Numerical Optimization", algorithms 7.4 and 7.5) over
 * all parameters as one flat vector, with an optional strong-Wolfe line search (Nocedal and
 * Wright, algorithms 3.5 and 3.6, with cubic interpolation), exactly as {@code torch.optim.LBFGS}
 * (PyTorch 1.13, itself a port of minFunc / torch7's {@code lbfgs.lua}). Each {@link
 * OptimizerState#step(double, Objective) step} runs up to {@code maxIter} iterations of:
 * <pre>
 * y = g - g_prev,  s = t_prev d_prev,  if y.s &gt; 1e-10: push (y, s, rho = 1 / y.s), H0 = y.s / y.y
 * d = -H g  (two-loop recursion over the last historySize pairs, initial Hessian H0 I)
 * t = lr     (first iteration ever: min(1, 1 / |g|_1) lr)
 * w = w + t d, with t from the strong-Wolfe search (c1 = 1e-4, c2 = 0.9, 25 evaluations at most)
 *              or fixed (lineSearch NONE)
 * </pre>
 * and stops early when {@code max|g| <= toleranceGrad}, {@code g.d > -toleranceChange},
 * {@code max|t d| <= toleranceChange}, {@code |f - f_prev| < toleranceChange} or after
 * {@code maxEval} evaluations. It needs the exact gradient of one fixed objective, so the
 * trainer gives it the full batch ({@link #requiresFullBatch()}).
 *
 * <p>Scalars follow PyTorch's float32 semantics: the loss is a float32 value; dot products, norms
 * and every quantity derived from them ({@code rho}, {@code H0}, interpolated step lengths) are
 * float32 0-dim tensors in PyTorch and are rounded to float here, while the constants and
 * values PyTorch keeps as Python floats stay double.
 */
public record Lbfgs(double learningRate, int maxIter, int maxEval, double toleranceGrad, double toleranceChange, int historySize,
                    LineSearch lineSearch) implements Optimizer {
    private static final long serialVersionUID = 1L;

    /** The line search run along each L-BFGS direction. */
    public enum LineSearch {
        /** Fixed step {@code t = lr} (after the first iteration). */
        NONE,
        /** PyTorch's {@code "strong_wolfe"}: bracketing then zoom with cubic interpolation. */
        STRONG_WOLFE
    }

    public static final double DEFAULT_LEARNING_RATE = 1;
    public static final int DEFAULT_MAX_ITER = 20;
    public static final double DEFAULT_TOLERANCE_GRAD = 1e-7;
    public static final double DEFAULT_TOLERANCE_CHANGE = 1e-9;
    public static final int DEFAULT_HISTORY_SIZE = 100;
    public static final LineSearch DEFAULT_LINE_SEARCH = LineSearch.NONE;
    /** Sufficient-decrease (Armijo) constant of the strong-Wolfe search (PyTorch's c1). */
    static final double WOLFE_C1 = 1e-4;
    /** Curvature constant of the strong-Wolfe search (PyTorch's c2). */
    static final double WOLFE_C2 = 0.9;
    /** Evaluations allowed to one strong-Wolfe search (PyTorch's max_ls). */
    static final int MAX_LINE_SEARCH = 25;

    /** The most (s, y) pairs kept. */
    public static final int MAX_HISTORY = 1000;

    public Lbfgs {
        Check.learningRate(learningRate);
        Check.atLeast("maxIter", maxIter, 1);
        Check.atLeast("maxEval", maxEval, 1);
        Check.nonNegative("toleranceGrad", toleranceGrad);
        Check.nonNegative("toleranceChange", toleranceChange);
        // each pair kept holds two vectors as long as the parameters; PyTorch's default keeps 100
        Check.between("historySize", historySize, 1, MAX_HISTORY);
        if (lineSearch == null) {
            throw Check.invalid("lineSearch", "Invalid lineSearch: null (allowed: NONE, STRONG_WOLFE)");
        }
    }

    /**
     * Per network value: the historySize pairs of (direction, step) vectors, the direction and the
     * previous gradient it keeps, and the gradient, the pair being formed, the weights and the line
     * search's gradients each step copies, 4 bytes each (less the two buffers counted for every optimizer).
     */
    @Override
    public long extraBytesPerValue() {
        return 4L * (2L * historySize + BUFFERS_BESIDE_HISTORY) - 8;
    }

    /** The vectors as long as the parameters that a step keeps or copies beside the history (see {@link #extraBytesPerValue}). */
    public static final int BUFFERS_BESIDE_HISTORY = 8;

    /** PyTorch's defaults with {@code maxEval = maxIter * 5 / 4} (PyTorch's default for {@code max_eval=None}). */
    public Lbfgs(double learningRate, int maxIter, int historySize, LineSearch lineSearch) {
        this(learningRate, maxIter, defaultMaxEval(maxIter), DEFAULT_TOLERANCE_GRAD, DEFAULT_TOLERANCE_CHANGE, historySize, lineSearch);
    }

    public Lbfgs(double learningRate) {
        this(learningRate, DEFAULT_MAX_ITER, DEFAULT_HISTORY_SIZE, DEFAULT_LINE_SEARCH);
    }

    /** PyTorch's {@code max_eval} default: {@code max_iter * 5 // 4}. */
    public static int defaultMaxEval(int maxIter) {
        return Math.max(1, maxIter * 5 / 4);
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

    /**
     * A scalar as PyTorch holds it: a float32 0-dim tensor ({@code f32}) or a Python float. An
     * operation involving a tensor is done in float (the Python operand cast to float first),
     * otherwise in double.
     */
    record Num(double v, boolean f32) {
        static Num py(double v) { return new Num(v, false); }
        static Num tensor(float v) { return new Num(v, true); }

        Num add(Num o) { return f32 || o.f32 ? tensor((float) v + (float) o.v) : py(v + o.v); }
        Num sub(Num o) { return f32 || o.f32 ? tensor((float) v - (float) o.v) : py(v - o.v); }
        Num mul(Num o) { return f32 || o.f32 ? tensor((float) v * (float) o.v) : py(v * o.v); }
        Num div(Num o) { return f32 || o.f32 ? tensor((float) v / (float) o.v) : py(v / o.v); }
        Num abs() { return new Num(Math.abs(v), f32); }
        Num sqrt() { return f32 ? tensor((float) Math.sqrt(v)) : py(Math.sqrt(v)); }
        boolean gt(Num o) { return f32 || o.f32 ? (float) v > (float) o.v : v > o.v; }
        boolean ge(Num o) { return f32 || o.f32 ? (float) v >= (float) o.v : v >= o.v; }
        boolean lt(Num o) { return o.gt(this); }
        boolean le(Num o) { return o.ge(this); }

        /** Python's {@code max(a, b)}: {@code a} unless {@code b > a}. */
        static Num max(Num a, Num b) { return b.gt(a) ? b : a; }

        /** Python's {@code min(a, b)}: {@code a} unless {@code b < a}. */
        static Num min(Num a, Num b) { return b.lt(a) ? b : a; }
    }

    /** torch.optim.lbfgs._cubic_interpolate: the minimiser of the cubic through two points with derivatives, clamped to the bounds. */
    static Num cubicInterpolate(Num x1, Num f1, Num g1, Num x2, Num f2, Num g2, Num[] bounds) {
        Num lo, hi;
        if (bounds != null) {
            lo = bounds[0];
            hi = bounds[1];
        } else if (x1.le(x2)) {
            lo = x1;
            hi = x2;
        } else {
            lo = x2;
            hi = x1;
        }
        Num three = Num.py(3), two = Num.py(2);
        Num d1 = g1.add(g2).sub(three.mul(f1.sub(f2)).div(x1.sub(x2)));
        Num d2Square = d1.mul(d1).sub(g1.mul(g2));
        if (d2Square.ge(Num.py(0))) {
            Num d2 = d2Square.sqrt();
            Num minPos;
            if (x1.le(x2)) {
                minPos = x2.sub(x2.sub(x1).mul(g2.add(d2).sub(d1).div(g2.sub(g1).add(two.mul(d2)))));
            } else {
                minPos = x1.sub(x1.sub(x2).mul(g1.add(d2).sub(d1).div(g1.sub(g2).add(two.mul(d2)))));
            }
            return Num.min(Num.max(minPos, lo), hi);
        }
        return lo.add(hi).div(Num.py(2));
    }

    private static final class State extends OptimizerState {
        private static final long serialVersionUID = 1L;
        private static final String D = "lbfgs/d", PREV_GRAD = "lbfgs/prev_flat_grad", RO = "lbfgs/ro";
        // the state's scalars (PyTorch's state['t'], ['H_diag'], ['prev_loss'], ['n_iter'], ['func_evals'] and the history ring's
        // count and start); *_f32 says whether PyTorch holds the value as a float32 tensor (1) or a Python float (0)
        private static final String T = "t", T_F32 = "t_f32", H = "H_diag", H_F32 = "H_diag_f32", PREV_LOSS = "prev_loss", N_ITER = "n_iter",
                FUNC_EVALS = "func_evals", COUNT = "history_count", START = "history_start";
        private static final java.util.List<String> SCALARS = java.util.List.of(T, T_F32, H, H_F32, PREV_LOSS, N_ITER, FUNC_EVALS, COUNT, START);

        private final Lbfgs c;
        private final int n;

        State(Lbfgs c, List<Parameter> parameters) {
            super(parameters);
            this.c = c;
            int total = 0;
            for (Parameter p : parameters) total = Math.addExact(total, p.size());
            this.n = total;
        }

        @Override
        public int bufferLength(String name) {
            if (name.equals(D) || name.equals(PREV_GRAD)) return n;
            if (name.equals(RO)) return c.historySize;
            for (String ring : new String[] {"lbfgs/old_dirs/", "lbfgs/old_stps/"}) {
                if (name.startsWith(ring)) {
                    String slot = name.substring(ring.length());
                    return slot.matches("\\d{1,9}") && Integer.parseInt(slot) < c.historySize ? n : -1;
                }
            }
            return -1;
        }

        @Override
        public String scalarProblem(String name, double value) {
            if (name.equals(COUNT) || name.equals(START)) {
                int most = name.equals(COUNT) ? c.historySize : c.historySize - 1;
                return value >= 0 && value <= most && value == Math.rint(value) ? null : "allowed: a whole number 0.." + most + " (historySize "
                        + c.historySize + ")";
            }
            return SCALARS.contains(name) ? null : "not a scalar of L-BFGS (" + String.join(", ", SCALARS) + ")";
        }

        @Override
        protected void update(int index, float[] w, float[] g, double learningRate) {
            throw new UnsupportedOperationException("L-BFGS re-evaluates the objective during a step: call step(learningRate, objective)");
        }

        @Override
        public void step(double learningRate) {
            update(0, null, null, learningRate);
        }

        private double get(String name) {
            return scalar(name, 0);
        }

        private void put(String name, double v) {
            setScalar(name, v);
        }

        /**
         * The history ring's buffer names by slot, made once: the two-loop recursion looks up 2 x historySize buffers per iteration,
         * and building each name there was half of what an L-BFGS step allocated.
         */
        private transient String[] dirNames, stpNames;
        /** The iteration's gradient change and step, before they are copied into the history ring (reused, each written whole). */
        private transient float[] yScratch, sScratch;

        private float[] dir(int slot) {
            if (dirNames == null) dirNames = names("lbfgs/old_dirs/");
            return globalBuffer(dirNames[slot], n);
        }

        private float[] stp(int slot) {
            if (stpNames == null) stpNames = names("lbfgs/old_stps/");
            return globalBuffer(stpNames[slot], n);
        }

        private String[] names(String prefix) {
            String[] names = new String[c.historySize];
            for (int i = 0; i < names.length; i++) names[i] = prefix + i;
            return names;
        }

        @Override
        public double step(double learningRate, Objective objective) {
            countStep();
            boolean fresh = !hasScalar(T);
            if (fresh) {
                put(T, 0);
                put(H, 1);
            }
            double origLoss = objective.evaluate();
            put(FUNC_EVALS, get(FUNC_EVALS) + 1);
            if (!Double.isFinite(origLoss)) {
                return origLoss;
            }
            double loss = (float) origLoss;
            int currentEvals = 1;
            float[] g = gatherGrad();
            float tolGrad = (float) c.toleranceGrad, tolChange = (float) c.toleranceChange;
            if (maxAbs(g) <= tolGrad) {
                return origLoss;
            }
            float[] d = globalBuffer(D, n), prevGrad = globalBuffer(PREV_GRAD, n), ro = globalBuffer(RO, c.historySize);
            Num t = new Num(get(T), get(T_F32) != 0);
            Num hDiag = new Num(get(H), get(H_F32) != 0);
            double prevLoss = get(PREV_LOSS);
            long nIterTotal = (long) get(N_ITER);
            int count = (int) get(COUNT), start = (int) get(START);
            float[] al = new float[c.historySize];
            int nIter = 0;
            while (nIter < c.maxIter) {
                nIter++;
                nIterTotal++;
                if (nIterTotal == 1) {
                    for (int i = 0; i < n; i++) d[i] = -g[i];
                    count = 0;
                    start = 0;
                    hDiag = Num.py(1);
                } else {
                    if (yScratch == null) {
                        yScratch = new float[n];
                        sScratch = new float[n];
                    }
                    float[] y = yScratch, s = sScratch;
                    float tf = (float) t.v();
                    for (int i = 0; i < n; i++) {
                        y[i] = g[i] - prevGrad[i];
                        s[i] = d[i] * tf;
                    }
                    float ys = dot(y, s);
                    if (ys > (float) 1e-10) {
                        if (count == c.historySize) {
                            start = (start + 1) % c.historySize;
                            count--;
                        }
                        int slot = (start + count) % c.historySize;
                        System.arraycopy(y, 0, dir(slot), 0, n);
                        System.arraycopy(s, 0, stp(slot), 0, n);
                        ro[slot] = 1f / ys;
                        count++;
                        hDiag = Num.tensor(ys / dot(y, y));
                    }
                    // two-loop recursion, q and d sharing one buffer as in PyTorch
                    float[] q = d;
                    for (int i = 0; i < n; i++) q[i] = -g[i];
                    for (int k = count - 1; k >= 0; k--) {
                        int slot = (start + k) % c.historySize;
                        al[k] = dot(stp(slot), q) * ro[slot];
                        float[] yk = dir(slot);
                        float a = -al[k];
                        for (int i = 0; i < n; i++) q[i] = Math.fma(a, yk[i], q[i]);
                    }
                    float h = (float) hDiag.v();
                    for (int i = 0; i < n; i++) d[i] = q[i] * h;
                    for (int k = 0; k < count; k++) {
                        int slot = (start + k) % c.historySize;
                        float be = dot(dir(slot), d) * ro[slot];
                        float a = al[k] - be;
                        float[] sk = stp(slot);
                        for (int i = 0; i < n; i++) d[i] = Math.fma(a, sk[i], d[i]);
                    }
                }
                System.arraycopy(g, 0, prevGrad, 0, n);
                prevLoss = loss;

                if (nIterTotal == 1) {
                    float inv = 1f / absSum(g);
                    t = Num.min(Num.py(1), Num.tensor(inv)).mul(Num.py(learningRate));
                } else {
                    t = Num.py(learningRate);
                }
                float gtd = dot(g, d);
                if (gtd > (float) -c.toleranceChange) {
                    break;
                }
                int lsEvals = 0;
                boolean optCond = false;
                if (c.lineSearch == LineSearch.STRONG_WOLFE) {
                    float[] x = flatParams();
                    Search r = strongWolfe(objective, x, t, d, loss, g, Num.tensor(gtd));
                    loss = r.f;
                    g = r.g;
                    t = r.t;
                    lsEvals = r.evals;
                    addStep((float) t.v(), d);
                    optCond = maxAbs(g) <= tolGrad;
                } else {
                    addStep((float) t.v(), d);
                    if (nIter != c.maxIter) {
                        loss = (float) objective.evaluate();
                        g = gatherGrad();
                        optCond = maxAbs(g) <= tolGrad;
                        lsEvals = 1;
                    }
                }
                currentEvals += lsEvals;
                put(FUNC_EVALS, get(FUNC_EVALS) + lsEvals);

                if (nIter == c.maxIter || currentEvals >= c.maxEval || optCond) {
                    break;
                }
                float tf = (float) t.v();
                float maxStep = 0;
                for (int i = 0; i < n; i++) maxStep = Math.max(maxStep, Math.abs(d[i] * tf));
                if (maxStep <= tolChange) {
                    break;
                }
                if (Math.abs(loss - prevLoss) < c.toleranceChange) {
                    break;
                }
            }
            put(T, t.v());
            put(T_F32, t.f32() ? 1 : 0);
            put(H, hDiag.v());
            put(H_F32, hDiag.f32() ? 1 : 0);
            put(PREV_LOSS, prevLoss);
            put(N_ITER, nIterTotal);
            put(COUNT, count);
            put(START, start);
            return origLoss;
        }

        private record Search(double f, float[] g, Num t, int evals) {}

        /** torch.optim.lbfgs._strong_wolfe. */
        private Search strongWolfe(Objective objective, float[] x, Num t, float[] d, double f, float[] g0, Num gtd) {
            Num c1 = Num.py(WOLFE_C1), negC2 = Num.py(-WOLFE_C2), fT = Num.py(f);
            float dNorm = maxAbs(d);
            float[] g = g0.clone();
            double fNew = directional(objective, x, t, d);
            float[] gNew = gatherGrad();
            int evals = 1;
            Num gtdNew = Num.tensor(dot(gNew, d));
            Num tPrev = Num.py(0);
            double fPrev = f;
            float[] gPrev = g;
            Num gtdPrev = gtd;
            boolean done = false;
            int lsIter = 0;
            Num[] bracket = null, bracketGtd = null;
            double[] bracketF = null;
            float[][] bracketG = null;
            while (lsIter < MAX_LINE_SEARCH) {
                if (Num.py(fNew).gt(fT.add(c1.mul(t).mul(gtd))) || (lsIter > 1 && fNew >= fPrev)) {
                    bracket = new Num[] {tPrev, t};
                    bracketF = new double[] {fPrev, fNew};
                    bracketG = new float[][] {gPrev, gNew.clone()};
                    bracketGtd = new Num[] {gtdPrev, gtdNew};
                    break;
                }
                if (gtdNew.abs().le(negC2.mul(gtd))) {
                    bracket = new Num[] {t};
                    bracketF = new double[] {fNew};
                    bracketG = new float[][] {gNew};
                    done = true;
                    break;
                }
                if (gtdNew.ge(Num.py(0))) {
                    bracket = new Num[] {tPrev, t};
                    bracketF = new double[] {fPrev, fNew};
                    bracketG = new float[][] {gPrev, gNew.clone()};
                    bracketGtd = new Num[] {gtdPrev, gtdNew};
                    break;
                }
                Num minStep = t.add(Num.py(0.01).mul(t.sub(tPrev)));
                Num maxStep = t.mul(Num.py(10));
                Num tmp = t;
                t = cubicInterpolate(tPrev, Num.py(fPrev), gtdPrev, t, Num.py(fNew), gtdNew, new Num[] {minStep, maxStep});
                tPrev = tmp;
                fPrev = fNew;
                gPrev = gNew.clone();
                gtdPrev = gtdNew;
                fNew = directional(objective, x, t, d);
                gNew = gatherGrad();
                evals++;
                gtdNew = Num.tensor(dot(gNew, d));
                lsIter++;
            }
            if (lsIter == MAX_LINE_SEARCH) {
                bracket = new Num[] {Num.py(0), t};
                bracketF = new double[] {f, fNew};
                bracketG = new float[][] {g, gNew};
            }

            // zoom
            boolean insufficientProgress = false;
            int low = bracketF[0] <= bracketF[bracketF.length - 1] ? 0 : 1, high = 1 - low;
            while (!done && lsIter < MAX_LINE_SEARCH) {
                if (bracket[1].sub(bracket[0]).abs().mul(Num.tensor(dNorm)).lt(Num.py(c.toleranceChange))) {
                    break;
                }
                t = cubicInterpolate(bracket[0], Num.py(bracketF[0]), bracketGtd[0], bracket[1], Num.py(bracketF[1]), bracketGtd[1], null);
                Num bMax = Num.max(bracket[0], bracket[1]), bMin = Num.min(bracket[0], bracket[1]);
                Num eps = Num.py(0.1).mul(bMax.sub(bMin));
                if (Num.min(bMax.sub(t), t.sub(bMin)).lt(eps)) {
                    if (insufficientProgress || t.ge(bMax) || t.le(bMin)) {
                        t = t.sub(bMax).abs().lt(t.sub(bMin).abs()) ? bMax.sub(eps) : bMin.add(eps);
                        insufficientProgress = false;
                    } else {
                        insufficientProgress = true;
                    }
                } else {
                    insufficientProgress = false;
                }
                fNew = directional(objective, x, t, d);
                gNew = gatherGrad();
                evals++;
                gtdNew = Num.tensor(dot(gNew, d));
                lsIter++;
                if (Num.py(fNew).gt(fT.add(c1.mul(t).mul(gtd))) || fNew >= bracketF[low]) {
                    bracket[high] = t;
                    bracketF[high] = fNew;
                    bracketG[high] = gNew.clone();
                    bracketGtd[high] = gtdNew;
                    low = bracketF[0] <= bracketF[1] ? 0 : 1;
                    high = 1 - low;
                } else {
                    if (gtdNew.abs().le(negC2.mul(gtd))) {
                        done = true;
                    } else if (gtdNew.mul(bracket[high].sub(bracket[low])).ge(Num.py(0))) {
                        bracket[high] = bracket[low];
                        bracketF[high] = bracketF[low];
                        bracketG[high] = bracketG[low];
                        bracketGtd[high] = bracketGtd[low];
                    }
                    bracket[low] = t;
                    bracketF[low] = fNew;
                    bracketG[low] = gNew.clone();
                    bracketGtd[low] = gtdNew;
                }
            }
            return new Search(bracketF[low], bracketG[low], bracket[low], evals);
        }

        /** Loss (as float32) at {@code x + t d}; the gradient is left in the parameters, which are then reset to {@code x}. */
        private double directional(Objective objective, float[] x, Num t, float[] d) {
            addStep((float) t.v(), d);
            double f = (float) objective.evaluate();
            int o = 0;
            for (Parameter p : parameters) {
                System.arraycopy(x, o, p.value(), 0, p.size());
                o += p.size();
            }
            return f;
        }

        /** w = w + t d over the flat parameter vector (PyTorch's {@code p.add_(d, alpha=t)}, a fused multiply-add). */
        private void addStep(float t, float[] d) {
            int o = 0;
            for (Parameter p : parameters) {
                float[] w = p.value();
                for (int i = 0; i < w.length; i++) w[i] = Math.fma(t, d[o + i], w[i]);
                o += w.length;
            }
        }

        private float[] gatherGrad() {
            float[] g = new float[n];
            int o = 0;
            for (Parameter p : parameters) {
                System.arraycopy(p.grad(), 0, g, o, p.size());
                o += p.size();
            }
            return g;
        }

        private float[] flatParams() {
            float[] x = new float[n];
            int o = 0;
            for (Parameter p : parameters) {
                System.arraycopy(p.value(), 0, x, o, p.size());
                o += p.size();
            }
            return x;
        }

        private static float dot(float[] a, float[] b) {
            float s = 0;
            for (int i = 0; i < a.length; i++) s += a[i] * b[i];
            return s;
        }

        private static float maxAbs(float[] a) {
            float m = 0;
            for (float v : a) m = Math.max(m, Math.abs(v));
            return m;
        }

        private static float absSum(float[] a) {
            float s = 0;
            for (float v : a) s += Math.abs(v);
            return s;
        }
    }
}
