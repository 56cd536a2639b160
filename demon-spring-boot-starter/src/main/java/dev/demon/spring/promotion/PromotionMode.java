package dev.demon.spring.promotion;

/**
 * When a run's best model replaces the one served for its pipeline
 * ({@code demon.model.promotion}).
 */
public enum PromotionMode {

    /** Every completed run's best model is served, without evaluating it. */
    ALWAYS,

    /**
     * A run's best model is served only when it scores better than the served one, by
     * more than {@code promotion-min-delta}, on the pipeline's validation set by its
     * monitor (MLflow's champion/challenger, TFMA's change thresholds).
     */
    IF_BETTER

}
