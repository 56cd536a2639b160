package dev.demon.spring.optimizer;

/**
 * The learning-rate schedules {@code demon.learning-rate.schedule} selects. With η0 the
 * initial learning rate and T the total number of updates,
 * {@link LearningRateTrackerFactory} builds:
 *
 * <ul>
 * <li>{@code fixed}: η = η0 (DJL {@code FixedTracker});
 * <li>{@code step}: η0, times 0.1 after 50% and again after 75% of T (DJL {@code
 *       MultiFactorTracker}, the step decay of He et al., arXiv:1512.03385, Section 3.4);
 * <li>{@code cosine}: η0 → 0 by a half cosine over T (DJL {@code CosineTracker};
 * Loshchilov &amp; Hutter, arXiv:1608.03983, Eq. 5 without restarts);
 * <li>{@code linear}: η0 → 0 linearly over T (DJL {@code LinearTracker});
 * <li>{@code exponential}: η = η0 · 0.01^(t/T), 1% of η0 at T (DJL
 * {@code FactorTracker});
 * <li>{@code one-cycle}: {@link dev.demon.tracker.OneCycleTracker} with η0 as its peak;
 * <li>{@code plateau}: {@link dev.demon.tracker.ReduceOnPlateauTracker} starting at η0,
 * fed the validation loss after every epoch.
 * </ul>
 */
public enum LearningRateScheduleType {

    /** Constant η0. */
    FIXED,

    /** η0 · 0.1 after 50% and 75% of T. */
    STEP,

    /** Half cosine from η0 to 0 over T. */
    COSINE,

    /** Linear from η0 to 0 over T. */
    LINEAR,

    /** η0 · 0.01^(t/T). */
    EXPONENTIAL,

    /** One cycle peaking at η0. */
    ONE_CYCLE,

    /** Reduced when the validation loss stops improving. */
    PLATEAU;

    /**
     * The value as written in properties, e.g. {@code one-cycle}.
     * @return the lowercase, dashed name
     */
    public String propertyValue() {
        return PropertyValues.of(this);
    }

}
