package dev.demon.spring.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.tracker.ReduceOnPlateauTracker;

/**
 * η(n) of every {@code demon.learning-rate.schedule}, with η0 = 0.1 and T = 1000 (n =
 * DJL's 1-based update).
 */
class LearningRateTrackerFactoryTest {

    private static final float ETA0 = 0.1f;

    private static final int T = 1000;

    private static Tracker tracker(LearningRateScheduleType schedule) {
        return new LearningRateTrackerFactory(schedule, ETA0).create(T);
    }

    @Test
    void fixedKeepsTheInitialValue() {
        Tracker fixed = tracker(LearningRateScheduleType.FIXED);
        assertThat(fixed.getNewValue(1)).isEqualTo(ETA0);
        assertThat(fixed.getNewValue(T)).isEqualTo(ETA0);
    }

    @Test
    void stepDividesByTenAfterHalfAndAgainAfterThreeQuartersOfT() {
        Tracker step = tracker(LearningRateScheduleType.STEP);
        assertThat(step.getNewValue(500)).isEqualTo(ETA0);
        assertThat(step.getNewValue(501)).isCloseTo(0.01f, within(1e-9f));
        assertThat(step.getNewValue(750)).isCloseTo(0.01f, within(1e-9f));
        assertThat(step.getNewValue(751)).isCloseTo(0.001f, within(1e-9f));
    }

    @Test
    void stepStillHasTwoMilestonesWhenTIsTiny() {
        Tracker step = new LearningRateTrackerFactory(LearningRateScheduleType.STEP, ETA0).create(1);
        assertThat(step.getNewValue(1)).isEqualTo(ETA0);
    }

    @Test
    void cosineIsHalfWayAtHalfTAndZeroAtT() {
        Tracker cosine = tracker(LearningRateScheduleType.COSINE);
        assertThat(cosine.getNewValue(500)).isCloseTo(ETA0 / 2, within(1e-7f));
        assertThat(cosine.getNewValue(T)).isCloseTo(0f, within(1e-9f));
    }

    @Test
    void linearLosesAQuarterPerQuarterOfT() {
        Tracker linear = tracker(LearningRateScheduleType.LINEAR);
        assertThat(linear.getNewValue(250)).isCloseTo(0.75f * ETA0, within(1e-7f));
        assertThat(linear.getNewValue(T)).isCloseTo(0f, within(1e-7f));
    }

    @Test
    void linearEndsAtZeroNotBelowWhenFloatRoundingOvershoots() {
        // η0 = 1e-4 and T = 48: DJL's LinearTracker alone gives -7.3e-12 at T.
        Tracker linear = new LearningRateTrackerFactory(LearningRateScheduleType.LINEAR, 1e-4f).create(48);
        assertThat(linear.getNewValue(48)).isZero();
        assertThat(linear.getNewValue(49)).isZero();
    }

    @Test
    void exponentialReachesOnePercentAtT() {
        Tracker exponential = tracker(LearningRateScheduleType.EXPONENTIAL);
        assertThat(exponential.getNewValue(500)).isCloseTo(0.1f * ETA0, within(1e-6f));
        assertThat(exponential.getNewValue(T)).isCloseTo(0.01f * ETA0, within(1e-6f));
    }

    @Test
    void oneCyclePeaksAtTheInitialValueAfterThirtyPercent() {
        Tracker oneCycle = tracker(LearningRateScheduleType.ONE_CYCLE);
        // One-cycle's update n = 301 is its 0-based update 300 = 0.3 T.
        assertThat(oneCycle.getNewValue(301)).isCloseTo(ETA0, within(1e-7f));
        assertThat(oneCycle.getNewValue(1)).isCloseTo(ETA0 / 25, within(1e-7f));
    }

    @Test
    void plateauStartsAtTheInitialValue() {
        Tracker plateau = tracker(LearningRateScheduleType.PLATEAU);
        assertThat(plateau).isInstanceOf(ReduceOnPlateauTracker.class);
        assertThat(plateau.getNewValue(T)).isEqualTo(ETA0);
    }

    @Test
    void plateauCutsTheRateAfterItsPatienceOfEpochsWithoutABetterLoss() {
        ReduceOnPlateauTracker plateau = (ReduceOnPlateauTracker) new LearningRateTrackerFactory(
                LearningRateScheduleType.PLATEAU, ETA0, 1)
            .create(T);
        plateau.onValidationLoss(1f);
        plateau.onValidationLoss(1f);
        assertThat(plateau.getNewValue(T)).isEqualTo(ETA0);
        plateau.onValidationLoss(1f);
        assertThat(plateau.getNewValue(T)).isCloseTo(0.1f * ETA0, within(1e-9f));
    }

    @Test
    void plateauWaitsTenEpochsByDefault() {
        ReduceOnPlateauTracker plateau = (ReduceOnPlateauTracker) tracker(LearningRateScheduleType.PLATEAU);
        for (int epoch = 1; epoch <= 11; epoch++) {
            plateau.onValidationLoss(1f);
        }
        assertThat(plateau.getNewValue(T)).isEqualTo(ETA0);
        plateau.onValidationLoss(1f);
        assertThat(plateau.getNewValue(T)).isCloseTo(0.1f * ETA0, within(1e-9f));
    }

}
