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
     * @param step t, 0-based
     * @param totalSteps T &gt; 0
     * @return the fraction of steps done, in [0, 1]
     */
    static double of(long step, long totalSteps) {
        Arguments.positive("totalSteps", totalSteps);
        Arguments.nonNegative("step", step);
        return Math.min(1.0, (double) step / totalSteps);
    }

}
