package org.dendrite.core.train;

import java.io.Serializable;
import java.util.List;

/**
 * One line of the training history. The training loss is the data loss averaged over the epoch's
 * batches (weighted), without the weight penalty, so it compares with the validation loss. Validation quantities are NaN without a validation split or
 * where they do not apply (accuracy/AUC for regression, RMSE for classification; AUC is ROC AUC,
 * one-vs-rest macro for more than two classes). RMSE is in the target's original units.
 * {@code event} notes what happened besides training ("" usually), e.g. a rollback. For an ensemble
 * with validation rows, {@code memberValidationLosses} holds each member's validation loss (their
 * mean is {@code validationLoss}; the accuracy, AUC and RMSE are the mean prediction's); empty otherwise.
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double validationAccuracy, double validationAuc,
                          double validationRmse, double learningRate, double seconds, String event, List<Double> memberValidationLosses)
        implements Serializable {
    public EpochRecord {
        event = event == null ? "" : event;
        memberValidationLosses = memberValidationLosses == null ? List.of() : List.copyOf(memberValidationLosses);
    }

    /** A record without per-member losses (a single network, or no validation rows). */
    public EpochRecord(int epoch, double trainLoss, double validationLoss, double validationAccuracy, double validationAuc,
                       double validationRmse, double learningRate, double seconds, String event) {
        this(epoch, trainLoss, validationLoss, validationAccuracy, validationAuc, validationRmse, learningRate, seconds, event, List.of());
    }

    /** The value early stopping and reduce-on-plateau watch for {@code monitor}. */
    public double monitored(Monitor monitor) {
        return switch (monitor) {
            case VALIDATION_LOSS -> validationLoss;
            case ACCURACY -> validationAccuracy;
            case AUC -> validationAuc;
            case RMSE -> validationRmse;
        };
    }
}
