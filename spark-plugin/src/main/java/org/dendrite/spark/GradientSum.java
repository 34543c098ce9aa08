package org.dendrite.spark;

import java.io.Serializable;

/** Weighted sums of per-partition gradients and losses for one step, merged by treeAggregate. */
final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;
    double[] gradient;
    double loss;
    double weight;

    GradientSum(int size) {
        gradient = new double[size];
    }

    GradientSum merge(GradientSum o) {
        for (int i = 0; i < gradient.length; i++) gradient[i] += o.gradient[i];
        loss += o.loss;
        weight += o.weight;
        return this;
    }
}
