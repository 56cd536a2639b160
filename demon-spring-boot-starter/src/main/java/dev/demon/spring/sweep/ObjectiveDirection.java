package dev.demon.spring.sweep;

import dev.demon.spring.training.ModelMonitor;

/**
 * Whether a sweep's objective is better low or high: a validation loss is minimized, a
 * validation accuracy maximized (Optuna's {@code StudyDirection}).
 */
public enum ObjectiveDirection {

    /** Lower is better, as for a loss. */
    MINIMIZE,

    /** Higher is better, as for an accuracy. */
    MAXIMIZE;

    /**
     * The direction of a sweep's objective.
     * @param objective the figure the trials are compared on
     * @return {@link #MINIMIZE} for the validation loss, {@link #MAXIMIZE} for the
     * validation accuracy
     */
    public static ObjectiveDirection of(ModelMonitor objective) {
        return objective.lowerIsBetter() ? MINIMIZE : MAXIMIZE;
    }

    /**
     * Whether one objective value beats another in this direction.
     * @param value a value
     * @param than the value to beat
     * @return true when {@code value} is lower (minimizing) or higher (maximizing); false
     * when either is NaN
     */
    public boolean isBetter(double value, double than) {
        return (this == MAXIMIZE) ? value > than : value < than;
    }

}
