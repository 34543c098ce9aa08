package org.dendrite.weka.bench;

import weka.experiment.PairedStatsCorrected;

/**
 * Weka Experimenter's corrected resampled t-test (Nadeau and Bengio 2003;
 * {@code weka.experiment.PairedStatsCorrected}, test/train ratio 1/9 for 10-fold, significance 0.05)
 * of one configuration against a reference on the same repetitions x 10 folds.
 *
 * @param against the reference's display name
 * @param measure "accuracy %" (higher is better) or "RMSE" (lower is better)
 * @param difference mean per-fold difference, this configuration minus the reference
 * @param p the test's two-sided probability
 * @param verdict "better", "worse" or "no significant difference" (for this configuration)
 */
record PairedTest(String against, String measure, double difference, double p, String verdict) {
    static final double SIGNIFICANCE = 0.05;

    static PairedTest of(String against, String measure, double[] scores, double[] reference) {
        if (scores.length != reference.length) {
            throw new IllegalArgumentException("Paired test of " + scores.length + " against " + reference.length + " fold scores");
        }
        boolean higherIsBetter = !measure.equals("RMSE");
        PairedStatsCorrected stats = new PairedStatsCorrected(SIGNIFICANCE, 1.0 / (CrossValidation.FOLDS - 1));
        for (int i = 0; i < scores.length; i++) stats.add(scores[i], reference[i]);
        stats.calculateDerived();
        String verdict = stats.differencesSignificance == 0 ? "no significant difference"
                : (stats.differencesSignificance > 0) == higherIsBetter ? "better" : "worse";
        return new PairedTest(against, measure, stats.differencesStats.mean, stats.differencesProbability, verdict);
    }
}
