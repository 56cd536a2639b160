package dev.demon.schedule;

/**
 * The momentum coefficient β as a function of training progress.
 *
 * <p>
 * Implementations are stateless and thread-safe: the value depends only on the update and
 * the planned number of updates, so a resumed training run gets the same β sequence as an
 * uninterrupted one.
 */
@FunctionalInterface
public interface MomentumSchedule {

    /**
     * β for the update with 0-based index {@code update} (the first update is update 0)
     * out of {@code totalUpdates} &gt; 0.
     * @param update 0-based index of the update
     * @param totalUpdates planned number of updates T, &gt; 0
     * @return the momentum coefficient for that update
     */
    float momentum(long update, long totalUpdates);

    /**
     * Short lowercase name used in metrics tags and reports, e.g. "demon", "constant".
     * @return the schedule's name
     */
    default String name() {
        return "custom";
    }

}
