package dev.demon.spring.training;

import dev.demon.spring.report.EpochSummary;

/**
 * Which finished epoch's model is the best one ({@code demon.model.monitor}), as DJL's and
 * Keras' checkpoint callbacks choose it: by the validation accuracy, highest wins, or by the
 * validation loss, lowest wins. A tie keeps the earlier epoch.
 */
public enum ModelMonitor {

    /** The highest validation accuracy wins. */
    VALIDATION_ACCURACY,

    /** The lowest validation loss wins. */
    VALIDATION_LOSS;

    /**
     * Whether {@code candidate} is better than {@code best}.
     *
     * @param candidate a finished epoch
     * @param best the best epoch so far, or null when there is none
     * @return true when the candidate should become the best
     */
    public boolean isBetter(EpochSummary candidate, EpochSummary best) {
        if (best == null) {
            return true;
        }
        return switch (this) {
            case VALIDATION_ACCURACY -> candidate.validationAccuracy() > best.validationAccuracy();
            case VALIDATION_LOSS -> candidate.validationLoss() < best.validationLoss();
        };
    }
}
