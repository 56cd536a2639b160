package dev.demon.spring.training;

/**
 * What a run does once early stopping has decided to stop
 * ({@code demon.early-stopping.mode}).
 */
public enum EarlyStoppingMode {

    /** End after the epoch whose check decided, as Keras and Lightning do. */
    STOP,

    /**
     * Train {@code decay-epochs} more epochs with the momentum schedule (and a
     * learning-rate schedule that depends on T) re-planned to reach its end at their last
     * update ({@link dev.demon.schedule.DecayThenStop}), then end.
     */
    DECAY_THEN_STOP

}
