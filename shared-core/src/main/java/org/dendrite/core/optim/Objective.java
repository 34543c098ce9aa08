package org.dendrite.core.optim;

/**
 * Re-evaluates the training objective at the parameters' current values: returns the loss and
 * leaves the gradients in the parameters. Optimizers that probe several points per step (L-BFGS's
 * line search) call it repeatedly; the others call it once.
 */
@FunctionalInterface
public interface Objective {
    double evaluate();
}
