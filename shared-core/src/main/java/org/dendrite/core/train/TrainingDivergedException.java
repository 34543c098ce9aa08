package org.dendrite.core.train;

/** Training produced a NaN or Inf; the message names where, when, the learning rate and the usual causes. */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }

    static TrainingDivergedException of(int epoch, long step, String layer, String quantity, double value, double learningRate) {
        return new TrainingDivergedException("Training diverged at epoch " + epoch + ", step " + step + ": " + quantity
                + (layer == null ? "" : " of " + layer) + " is " + value + " (learning rate " + learningRate + "). Usual causes: "
                + "a learning rate too high (try 10x smaller), unnormalized inputs (keep standardization on), log of zero "
                + "(a probability of exactly 0 or 1), or exploding gradients (try gradient clipping).");
    }

    /** What diverged, where and when, without the learning rate and the advice: for a rollback's history event. */
    public String summary() {
        String m = getMessage();
        int cut = m.indexOf(" (learning rate");
        return cut < 0 ? m : m.substring(0, cut);
    }
}
