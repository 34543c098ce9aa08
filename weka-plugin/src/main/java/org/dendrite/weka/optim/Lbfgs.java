package org.dendrite.weka.optim;

import org.dendrite.core.optim.Lbfgs.LineSearch;
import weka.core.OptionMetadata;
import weka.core.SelectedTag;

/** Options of {@link org.dendrite.core.optim.Lbfgs}. */
public class Lbfgs extends OptimizerOption {
    private static final long serialVersionUID = 1L;

    private int maxIter, maxEval, historySize;
    private double toleranceGrad, toleranceChange;
    private LineSearch lineSearch;

    public Lbfgs() {
        this(new org.dendrite.core.optim.Lbfgs(org.dendrite.core.optim.Lbfgs.DEFAULT_LEARNING_RATE));
    }

    public Lbfgs(org.dendrite.core.optim.Lbfgs c) {
        super(c.learningRate());
        maxIter = c.maxIter();
        maxEval = c.maxEval() == org.dendrite.core.optim.Lbfgs.defaultMaxEval(c.maxIter()) ? 0 : c.maxEval();
        toleranceGrad = c.toleranceGrad();
        toleranceChange = c.toleranceChange();
        historySize = c.historySize();
        lineSearch = c.lineSearch();
    }

    @Override
    public String globalInfo() {
        return "Limited-memory BFGS (Liu and Nocedal 1989) over all weights with an optional strong-Wolfe line search (Nocedal and "
                + "Wright 2006, algorithms 3.5 and 3.6), as torch.optim.LBFGS; each step runs up to maxIter iterations on the full "
                + "training set (the mini-batch size is ignored).";
    }

    @Override
    protected org.dendrite.core.optim.Lbfgs build() {
        if (maxEval < 0) {
            // the core's rule (>= 1) would hide this option's 0, which it turns into the default
            throw org.dendrite.core.check.Check.invalid("maxEval", "Invalid maxEval: " + maxEval + " (allowed: 0 = maxIter * 5 / 4, or a whole number >= 1)");
        }
        return new org.dendrite.core.optim.Lbfgs(getLearningRate(), maxIter, maxEval == 0 ? org.dendrite.core.optim.Lbfgs.defaultMaxEval(maxIter)
                : maxEval, toleranceGrad, toleranceChange, historySize, lineSearch);
    }

    @OptionMetadata(displayName = "max iterations", description = "Iterations per optimizer step (>= 1).",
            commandLineParamName = "max-iter", commandLineParamSynopsis = "-max-iter <n>", displayOrder = 2)
    public int getMaxIter() { return maxIter; }
    public void setMaxIter(int v) { maxIter = v; }

    @OptionMetadata(displayName = "max evaluations", description = "Loss evaluations per optimizer step (0: maxIter * 5 / 4, "
            + "PyTorch's default).", commandLineParamName = "max-eval", commandLineParamSynopsis = "-max-eval <n>", displayOrder = 3)
    public int getMaxEval() { return maxEval; }
    public void setMaxEval(int v) { maxEval = v; }

    @OptionMetadata(displayName = "gradient tolerance", description = "Stop when max |g| <= this (>= 0).",
            commandLineParamName = "tolerance-grad", commandLineParamSynopsis = "-tolerance-grad <t>", displayOrder = 4)
    public double getToleranceGrad() { return toleranceGrad; }
    public void setToleranceGrad(double v) { toleranceGrad = v; }

    @OptionMetadata(displayName = "change tolerance", description = "Stop when the step or the loss change is at most this (>= 0).",
            commandLineParamName = "tolerance-change", commandLineParamSynopsis = "-tolerance-change <t>", displayOrder = 5)
    public double getToleranceChange() { return toleranceChange; }
    public void setToleranceChange(double v) { toleranceChange = v; }

    @OptionMetadata(displayName = "history size", description = "Curvature pairs kept (1 to 1000); each pair holds two vectors as long as the network's values, counted in the memory check before training.",
            commandLineParamName = "history-size", commandLineParamSynopsis = "-history-size <m>", displayOrder = 6)
    public int getHistorySize() { return historySize; }
    public void setHistorySize(int v) { historySize = v; }

    @OptionMetadata(displayName = "line search", description = "none (fixed step lr) or strong_wolfe.",
            commandLineParamName = "line-search", commandLineParamSynopsis = "-line-search <none|strong_wolfe>", displayOrder = 7)
    public SelectedTag getLineSearch() { return tag(lineSearch); }
    public void setLineSearch(SelectedTag v) { lineSearch = value(v, LineSearch.class); }
}
