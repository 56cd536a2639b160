package dev.demon.schedule;

/**
 * The momentum coefficient β as a function of training progress.
 *
 * <p>
 * Implementations are stateless and thread-safe: the value depends only on the step and
 * the planned number of steps, so a resumed training run gets the same β sequence as an
 * uninterrupted one.
 */
@FunctionalInterface
public interface MomentumSchedule {

    /**
     * β for the update with 0-based index {@code step} (the first update is step 0) out
     * of {@code totalSteps} &gt; 0.
     * @param step 0-based index of the update
     * @param totalSteps planned number of updates T, &gt; 0
     * @return the momentum coefficient for that update
     */
    float momentum(long step, long totalSteps);

    /**
     * Short lowercase name used in metrics tags and reports, e.g. "demon", "constant".
     * @return the schedule's name
     */
    default String name() {
        return "custom";
    }

}
