package dev.demon.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.tracker.Tracker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class OptimizerValidationTest {

    private static String failure(Executable build) {
        return assertThrows(IllegalArgumentException.class, build).getMessage();
    }

    private static DemonSgd.Builder sgd() {
        return DemonSgd.builder().setLearningRateTracker(Tracker.fixed(0.01f)).setTotalSteps(100);
    }

    private static DemonAdam.Builder adam() {
        return DemonAdam.builder().setTotalSteps(100);
    }

    @Test
    void totalUpdatesIsRequired() {
        assertEquals("totalUpdates must be > 0, got 0",
                failure(() -> DemonSgd.builder().setLearningRateTracker(Tracker.fixed(0.01f)).build()));
        assertEquals("totalUpdates must be > 0, got -5", failure(() -> adam().setTotalSteps(-5).build()));
    }

    @Test
    void sgdNeedsALearningRateTracker() {
        assertEquals("learningRateTracker is required, got null",
                failure(() -> DemonSgd.builder().setTotalSteps(100).build()));
    }

    @Test
    void learningRateMustNotBeNegative() {
        assertEquals("learning rate must be >= 0 and finite, learningRateTracker gave -0.1 for update 1",
                failure(() -> sgd().setLearningRateTracker(Tracker.fixed(-0.1f)).build()));
        assertEquals("learning rate must be >= 0 and finite, learningRateTracker gave -0.1 for update 1",
                failure(() -> adam().optLearningRateTracker(Tracker.fixed(-0.1f)).build()));
    }

    @Test
    void scheduleMustStartInHalfOpenUnitInterval() {
        assertEquals("momentumSchedule must give β in [0, 1), got 1.0 at update 0",
                failure(() -> sgd().optMomentumSchedule((t, total) -> 1f).build()));
    }

    @Test
    void weightDecayMustNotBeNegative() {
        assertEquals("weightDecays must be >= 0 and finite, got -0.5",
                failure(() -> sgd().optWeightDecays(-0.5f).build()));
    }

    @Test
    void beta2MustBeInHalfOpenUnitInterval() {
        assertEquals("beta2 must be in [0, 1), got 1.0", failure(() -> adam().optBeta2(1f).build()));
        assertEquals("beta2 must be in [0, 1), got -0.1", failure(() -> adam().optBeta2(-0.1f).build()));
    }

    @Test
    void epsilonMustBePositive() {
        assertEquals("epsilon must be > 0 and finite, got 0.0", failure(() -> adam().optEpsilon(0f).build()));
    }

}
