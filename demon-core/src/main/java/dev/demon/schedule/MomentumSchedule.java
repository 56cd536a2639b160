package dev.demon.schedule;

import java.util.Map;

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

    /** The {@link #parameters()} key of β at the first update, β_init. */
    String BETA_INIT = "betaInit";

    /**
     * The {@link #parameters()} key of the fraction of T before a delayed decay starts.
     */
    String DECAY_START = "decayStart";

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

    /**
     * The parameters this schedule was built with, by name ({@link #BETA_INIT},
     * {@link #DECAY_START}, or a schedule's own such as {@code betaFinal}), so that a run
     * records the values in force rather than settings that may never have reached it.
     * @return the parameters; empty, by default, for a schedule that reports none (a
     * lambda, say)
     */
    default Map<String, Float> parameters() {
        return Map.of();
    }

}
