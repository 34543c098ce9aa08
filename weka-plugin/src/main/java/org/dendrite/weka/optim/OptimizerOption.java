package org.dendrite.weka.optim;

import java.util.ArrayList;
import java.util.List;
import org.dendrite.core.optim.Optimizer;
import org.dendrite.core.optim.Optimizers;
import org.dendrite.weka.NestedOption;
import weka.core.OptionMetadata;

/**
 * An optimizer as a Weka option object, e.g. {@code -optimizer "org.dendrite.weka.optim.Adam -lr 0.003"}:
 * one class per core optimizer (org.dendrite.core.optim), each starting from the core's defaults (the
 * classifier's own optimizer, Adam, from the classifier's: naming it changes nothing else).
 */
public abstract class OptimizerOption extends NestedOption<Optimizer> {
    private static final long serialVersionUID = 1L;

    private double learningRate;

    protected OptimizerOption(double learningRate) {
        this.learningRate = learningRate;
    }

    /** The Weka option object for a core optimizer. */
    public static OptimizerOption of(Optimizer o) {
        if (o instanceof org.dendrite.core.optim.Sgd c) return new Sgd(c);
        if (o instanceof org.dendrite.core.optim.ClassicMomentum c) return new ClassicMomentum(c);
        if (o instanceof org.dendrite.core.optim.Adagrad c) return new Adagrad(c);
        if (o instanceof org.dendrite.core.optim.RmsProp c) return new RmsProp(c);
        if (o instanceof org.dendrite.core.optim.Adadelta c) return new Adadelta(c);
        if (o instanceof org.dendrite.core.optim.Adam c) return new Adam(c);
        if (o instanceof org.dendrite.core.optim.AdamW c) return new AdamW(c);
        if (o instanceof org.dendrite.core.optim.AdaMax c) return new AdaMax(c);
        if (o instanceof org.dendrite.core.optim.Nadam c) return new Nadam(c);
        if (o instanceof org.dendrite.core.optim.Lbfgs c) return new Lbfgs(c);
        throw unsupported(o);
    }

    /** One of each, with the core's defaults (the classifier's own optimizer with the classifier's), in the core registry's order (so none can be missing). */
    public static List<OptimizerOption> all() {
        List<OptimizerOption> out = new ArrayList<>();
        org.dendrite.core.optim.Optimizer classifiers = org.dendrite.core.train.TrainingConfig.DEFAULT_OPTIMIZER;
        for (String name : Optimizers.names()) {
            org.dendrite.core.optim.Optimizer o = Optimizers.byName(name);
            // the classifier's own optimizer with the classifier's defaults, as its no-argument constructor gives it
            out.add(of(o.getClass() == classifiers.getClass() ? classifiers : o));
        }
        return out;
    }

    @OptionMetadata(displayName = "learning rate", description = "The base learning rate (a schedule scales it step by step).",
            commandLineParamName = "lr", commandLineParamSynopsis = "-lr <rate>", displayOrder = 1)
    public double getLearningRate() { return learningRate; }
    public void setLearningRate(double v) { learningRate = v; }
}
