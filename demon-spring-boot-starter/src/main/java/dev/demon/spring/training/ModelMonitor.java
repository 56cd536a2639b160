package dev.demon.spring.training;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.report.EpochSummary;

/**
 * Which finished epoch's model is the best one ({@code demon.model.monitor}), as DJL's
 * and Keras' checkpoint callbacks choose it: by the validation accuracy, highest wins, or
 * by the validation loss, lowest wins. A tie keeps the earlier epoch.
 */
public enum ModelMonitor {

    /** The highest validation accuracy wins. */
    VALIDATION_ACCURACY,

    /** The lowest validation loss wins. */
    VALIDATION_LOSS;

    /**
     * Whether {@code candidate} is better than {@code best}.
     * @param candidate a finished epoch
     * @param best the best epoch so far, or null when there is none
     * @return true when the candidate should become the best
     */
    public boolean isBetter(EpochSummary candidate, @Nullable EpochSummary best) {
        if (best == null) {
            return true;
        }
        return switch (this) {
            case VALIDATION_ACCURACY -> candidate.validationAccuracy() > best.validationAccuracy();
            case VALIDATION_LOSS -> candidate.validationLoss() < best.validationLoss();
        };
    }

    /**
     * The best of some finished epochs.
     * @param history the epochs, in order
     * @return the best, the earliest on a tie; empty for no epochs
     */
    public Optional<EpochSummary> best(List<EpochSummary> history) {
        EpochSummary best = null;
        for (EpochSummary epoch : history) {
            if (isBetter(epoch, best)) {
                best = epoch;
            }
        }
        return Optional.ofNullable(best);
    }

}
