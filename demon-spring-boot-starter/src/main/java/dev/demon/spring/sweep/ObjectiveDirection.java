package dev.demon.spring.sweep;

/**
 * Whether a sweep's objective is better low or high: a validation loss is minimized, a
 * validation accuracy maximized (Optuna's {@code StudyDirection}).
 */
public enum ObjectiveDirection {

    /** Lower is better, as for a loss. */
    MINIMIZE,

    /** Higher is better, as for an accuracy. */
    MAXIMIZE

}
