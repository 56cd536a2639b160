package dev.demon.spring.checkpoint;

import org.jspecify.annotations.Nullable;

/**
 * Where a run's early stopping stood when a checkpoint was taken, so that a resumed run
 * makes the decisions the uninterrupted one would have: Lightning's users report resumed
 * runs that reset the wait counter or forget the best value.
 *
 * @param best the best monitored value so far, or null before the first epoch checked
 * @param bestEpoch the epoch of {@code best}, 0 before the first epoch checked
 * @param waitCount epochs checked since the last improvement
 * @param stopEpoch the epoch whose check decided to stop, 0 while none has
 * @param reason why it decided, or null while it has not
 * @param stopUpdate t_s, the updates done when it decided; 0 while it has not
 * @param endUpdate T', the updates after which the run ends: t_s when it stops at once,
 * later after decay epochs; 0 while it has not decided
 */
public record EarlyStoppingState(@Nullable Float best, int bestEpoch, int waitCount, int stopEpoch,
        @Nullable String reason, long stopUpdate, long endUpdate) {

    /** Nothing checked yet. */
    public static final EarlyStoppingState INITIAL = new EarlyStoppingState(null, 0, 0, 0, null, 0, 0);

    /**
     * Whether the stop has been decided.
     * @return true once an epoch's check decided to stop
     */
    public boolean decided() {
        return stopEpoch > 0;
    }

}
