package dev.demon.schedule;

import dev.demon.internal.Arguments;

/**
 * The fraction u = t / T of training done, held at 1 from t = T on; shared by the
 * baselines.
 */
final class Progress {

    private Progress() {
    }

    /**
     * Returns min(t / T, 1) for t &gt;= 0.
     * @param update t, 0-based
     * @param totalUpdates T &gt; 0
     * @return the fraction of updates done, in [0, 1]
     */
    static double of(long update, long totalUpdates) {
        Arguments.positive("totalUpdates", totalUpdates);
        Arguments.nonNegative("update", update);
        return Math.min(1.0, (double) update / totalUpdates);
    }

}
