package dev.demon.spring.report;

import org.jspecify.annotations.Nullable;

/**
 * How early stopping ended a run, as {@code report.json} records it ({@code earlyStop}).
 *
 * @param epoch the last epoch trained, the one the run ended with
 * @param decidedAfterEpoch the epoch whose check decided to stop: {@code epoch} in mode
 * {@code stop}, {@code decay-epochs} before it in {@code decay-then-stop} (fewer when the
 * planned epochs ran out first)
 * @param reason why, e.g. "validation-loss did not improve by more than 0.0 in 3 epochs;
 * best 0.41 at epoch 5"
 * @param mode {@code stop} or {@code decay-then-stop}
 * @param monitor the figure checked: {@code validation-loss} or
 * {@code validation-accuracy}
 * @param best the best value of that figure when it decided, or null
 * @param bestEpoch the epoch of {@code best}
 * @param stopUpdate t_s, the updates done when it decided
 * @param endUpdate T', the updates after which the run ended, at most the planned
 * {@code totalUpdates}
 */
public record EarlyStop(int epoch, int decidedAfterEpoch, String reason, String mode, String monitor,
        @Nullable Float best, int bestEpoch, long stopUpdate, long endUpdate) {

    /**
     * The job's exit description.
     * @param epochs the planned epochs
     * @return "Stopped early after epoch 4 of 10 (decided after epoch 2,
     * decay-then-stop): reason", or when the decay took the remaining epochs "Early stop
     * decided after epoch 9 of 10 (decay-then-stop), its decay ran to the planned end:
     * reason", or when {@code stop} decided after the last planned epoch "Early stop
     * decided after epoch 10 of 10 (stop), the last planned epoch: reason"
     */
    public String describe(int epochs) {
        if (epoch >= epochs) {
            // Mode stop has no decay: a decision after the last epoch ended nothing
            // early.
            String end = (decidedAfterEpoch == epoch) ? "the last planned epoch" : "its decay ran to the planned end";
            return "Early stop decided after epoch " + decidedAfterEpoch + " of " + epochs + " (" + mode + "), " + end
                    + ": " + reason;
        }
        String decided = (decidedAfterEpoch == epoch) ? mode : "decided after epoch " + decidedAfterEpoch + ", " + mode;
        return "Stopped early after epoch " + epoch + " of " + epochs + " (" + decided + "): " + reason;
    }

}
