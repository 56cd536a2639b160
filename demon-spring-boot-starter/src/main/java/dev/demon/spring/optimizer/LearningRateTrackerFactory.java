package dev.demon.spring.optimizer;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.FactorTracker;
import ai.djl.training.tracker.LinearTracker;
import ai.djl.training.tracker.MultiFactorTracker;
import ai.djl.training.tracker.Tracker;

import dev.demon.schedule.DecayThenStop;
import dev.demon.tracker.OneCycleTracker;
import dev.demon.tracker.ReduceOnPlateauTracker;

/**
 * Builds the learning-rate tracker of {@code demon.learning-rate.*} for a run of T
 * updates.
 *
 * <p>
 * DJL numbers updates n = 1..T (the first update is n = 1) and asks the tracker for η(n).
 * With η0 = {@code demon.learning-rate.initial}:
 *
 * <table>
 * <caption>Learning-rate schedules</caption>
 * <tr>
 * <th>schedule</th>
 * <th>η(n)</th>
 * <th>tracker</th>
 * </tr>
 * <tr>
 * <td>fixed</td>
 * <td>η0</td>
 * <td>DJL {@code FixedTracker}</td>
 * </tr>
 * <tr>
 * <td>step</td>
 * <td>η0, ×0.1 once n &gt; T/2, ×0.1 again once n &gt; 3T/4 (step decay, He et al.,
 * arXiv:1512.03385, Section 3.4)</td>
 * <td>DJL {@code MultiFactorTracker}</td>
 * </tr>
 * <tr>
 * <td>cosine</td>
 * <td>η0 · (1 + cos(π·n/T)) / 2 (Loshchilov &amp; Hutter, arXiv:1608.03983, Eq. 5, one
 * cycle, η_min = 0)</td>
 * <td>DJL {@code CosineTracker}</td>
 * </tr>
 * <tr>
 * <td>linear</td>
 * <td>η0 · (1 − n/T)</td>
 * <td>DJL {@code LinearTracker}</td>
 * </tr>
 * <tr>
 * <td>exponential</td>
 * <td>η0 · 0.01^(n/T): 1% of η0 at T</td>
 * <td>DJL {@code FactorTracker}</td>
 * </tr>
 * <tr>
 * <td>one-cycle</td>
 * <td>η0/25 → η0 at 30% of T → η0/(25·10⁴) (Smith &amp; Topin, arXiv:1708.07120)</td>
 * <td>{@link OneCycleTracker} with maxValue η0</td>
 * </tr>
 * <tr>
 * <td>plateau</td>
 * <td>η0, ×0.1 after {@code demon.learning-rate.plateau-patience} (10 by default) epochs
 * without a validation-loss improvement (PyTorch's {@code ReduceLROnPlateau}
 * defaults)</td>
 * <td>{@link ReduceOnPlateauTracker}; the training job feeds it the validation loss of
 * every epoch</td>
 * </tr>
 * </table>
 */
public class LearningRateTrackerFactory {

    /** Factor of the step schedule at each of its two milestones. */
    static final float STEP_FACTOR = 0.1f;

    /** What is left of η0 at T under the exponential schedule. */
    static final double EXPONENTIAL_FINAL_FRACTION = 0.01;

    /**
     * The plateau schedule's patience unless set: PyTorch's {@code ReduceLROnPlateau}
     * default.
     */
    public static final int DEFAULT_PLATEAU_PATIENCE = 10;

    private final LearningRateScheduleType schedule;

    private final float initialValue;

    private final int plateauPatience;

    /**
     * Creates the factory, with the plateau schedule's default patience.
     * @param schedule the schedule
     * @param initialValue η0 &gt; 0
     */
    public LearningRateTrackerFactory(LearningRateScheduleType schedule, float initialValue) {
        this(schedule, initialValue, DEFAULT_PLATEAU_PATIENCE);
    }

    /**
     * Creates the factory.
     * @param schedule the schedule
     * @param initialValue η0 &gt; 0
     * @param plateauPatience epochs without a better validation loss before the plateau
     * schedule cuts η, &gt;= 0; the other schedules ignore it
     */
    public LearningRateTrackerFactory(LearningRateScheduleType schedule, float initialValue, int plateauPatience) {
        if (!(initialValue > 0f)) {
            throw new IllegalArgumentException("initial learning rate must be > 0, got " + initialValue);
        }
        if (plateauPatience < 0) {
            throw new IllegalArgumentException("plateau patience must be >= 0, got " + plateauPatience);
        }
        this.schedule = schedule;
        this.initialValue = initialValue;
        this.plateauPatience = plateauPatience;
    }

    /**
     * Builds a new tracker for a run of {@code totalUpdates} updates. Trackers may be
     * stateful (plateau), so every run gets its own.
     * @param totalUpdates T &gt; 0
     * @return a new tracker
     */
    public Tracker create(long totalUpdates) {
        if (totalUpdates <= 0) {
            throw new IllegalArgumentException("totalUpdates must be > 0, got " + totalUpdates);
        }
        int total = Math.toIntExact(totalUpdates);
        return switch (schedule) {
            case FIXED -> Tracker.fixed(initialValue);
            case STEP -> {
                int first = Math.max(1, total / 2);
                int second = Math.max(first + 1, total * 3 / 4);
                yield MultiFactorTracker.builder()
                    .setBaseValue(initialValue)
                    .setSteps(new int[] { first, second })
                    .optFactor(STEP_FACTOR)
                    .build();
            }
            case COSINE ->
                CosineTracker.builder().setBaseValue(initialValue).optFinalValue(0f).setMaxUpdates(total).build();
            case LINEAR -> {
                Tracker linear = LinearTracker.builder()
                    .setBaseValue(initialValue)
                    .optSlope(-initialValue / total)
                    .optMinValue(0f)
                    .build();
                // DJL's LinearTracker stops at the update its minimum is reached, rounded
                // to an int,
                // and can end a float's rounding below 0 (η0 = 1e-4, T = 48 gives
                // -7.3e-12 at T),
                // which the optimizer refuses.
                yield update -> Math.max(0f, linear.getNewValue(update));
            }
            case EXPONENTIAL -> FactorTracker.builder()
                .setBaseValue(initialValue)
                .setFactor((float) Math.pow(EXPONENTIAL_FINAL_FRACTION, 1.0 / total))
                .build();
            case ONE_CYCLE -> OneCycleTracker.builder().setMaxValue(initialValue).setMaxUpdates(total).build();
            case PLATEAU ->
                ReduceOnPlateauTracker.builder().setBaseValue(initialValue).optPatience(plateauPatience).build();
        };
    }

    /**
     * Whether {@link #replanned} re-plans this schedule: step, cosine, linear and
     * exponential depend on T through the fraction done n/T; fixed and plateau do not
     * depend on T, and one-cycle keeps its own curve.
     * @return true for step, cosine, linear and exponential
     */
    public boolean replans() {
        return switch (schedule) {
            case STEP, COSINE, LINEAR, EXPONENTIAL -> true;
            case FIXED, ONE_CYCLE, PLATEAU -> false;
        };
    }

    /**
     * A new tracker for a run of T updates re-planned to end at T'
     * ({@link DecayThenStop}): the tracker of {@link #create} up to update t_s, then the
     * same formula of the re-planned fraction done u'(n) =
     * {@link DecayThenStop#progress}, which continues n/T at t_s and reaches 1 at T':
     * η0·(1 + cos(π·u'))/2, η0·(1 − u'), η0·0.01^u', or η0 ×0.1 for each of the step
     * milestones u'·T has passed.
     * @param totalUpdates T of the original plan
     * @param plan the re-plan
     * @return the tracker
     * @throws IllegalStateException when the schedule is not {@link #replans()
     * re-planned}
     */
    public Tracker replanned(long totalUpdates, DecayThenStop plan) {
        if (!replans()) {
            throw new IllegalStateException("The " + schedule.propertyValue() + " schedule is not re-planned");
        }
        Tracker original = create(totalUpdates);
        int total = Math.toIntExact(totalUpdates);
        return update -> {
            if (update <= plan.stopUpdate()) {
                return original.getNewValue(update);
            }
            double done = plan.progress(update, totalUpdates);
            double value = switch (schedule) {
                case COSINE -> initialValue * (1 + Math.cos(Math.PI * done)) / 2;
                case LINEAR -> Math.max(0.0, initialValue * (1 - done));
                case EXPONENTIAL -> initialValue * Math.pow(EXPONENTIAL_FINAL_FRACTION, done);
                default -> {
                    int first = Math.max(1, total / 2);
                    int second = Math.max(first + 1, total * 3 / 4);
                    // In float, as the step tracker multiplies.
                    float stepped = initialValue;
                    for (int milestone : new int[] { first, second }) {
                        stepped = (done * total > milestone) ? stepped * STEP_FACTOR : stepped;
                    }
                    yield stepped;
                }
            };
            return (float) value;
        };
    }

    /**
     * Returns the schedule this factory builds.
     * @return the schedule
     */
    public LearningRateScheduleType getSchedule() {
        return schedule;
    }

    /**
     * Returns the plateau schedule's patience.
     * @return epochs without improvement before η is cut, also when the schedule is not
     * plateau
     */
    public int getPlateauPatience() {
        return plateauPatience;
    }

    /**
     * Returns η0.
     * @return the initial learning rate
     */
    public float getInitialValue() {
        return initialValue;
    }

}
