package dev.demon.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReduceOnPlateauTrackerTest {

    private static ReduceOnPlateauTracker.Builder patienceTwo() {
        return ReduceOnPlateauTracker.builder().setBaseValue(0.1f).optFactor(0.5f).optPatience(2);
    }

    @Test
    void keepsValueWhileLossImproves() {
        ReduceOnPlateauTracker tracker = patienceTwo().build();
        for (float loss : new float[] { 1.0f, 0.9f, 0.8f, 0.7f }) {
            tracker.onValidationLoss(loss);
        }
        assertEquals(0.1f, tracker.getNewValue(1000));
        assertEquals(0.7f, tracker.getBest());
    }

    @Test
    void reducesWhenBadEpochsExceedPatience() {
        ReduceOnPlateauTracker tracker = patienceTwo().build();
        tracker.onValidationLoss(1.0f);
        tracker.onValidationLoss(1.0f);
        tracker.onValidationLoss(1.0f);
        assertEquals(0.1f, tracker.getNewValue(1), "two bad epochs are within patience");
        tracker.onValidationLoss(1.0f);
        assertEquals(0.05f, tracker.getNewValue(1));
    }

    @Test
    void improvementSmallerThanThresholdCountsAsBad() {
        ReduceOnPlateauTracker tracker = patienceTwo().optPatience(0).optThreshold(0.1f).build();
        tracker.onValidationLoss(1.0f);
        tracker.onValidationLoss(0.95f); // needs < 1.0 · (1 − 0.1)
        assertEquals(0.05f, tracker.getNewValue(1));
        assertEquals(1.0f, tracker.getBest());
    }

    @Test
    void cooldownSuspendsCounting() {
        ReduceOnPlateauTracker tracker = patienceTwo().optPatience(0).optCooldown(2).build();
        tracker.onValidationLoss(1.0f);
        tracker.onValidationLoss(1.0f); // reduce to 0.05, cooldown 2
        tracker.onValidationLoss(1.0f);
        tracker.onValidationLoss(1.0f);
        assertEquals(0.05f, tracker.getNewValue(1));
        tracker.onValidationLoss(1.0f);
        assertEquals(0.025f, tracker.getNewValue(1));
    }

    @Test
    void neverGoesBelowMinValue() {
        ReduceOnPlateauTracker tracker = patienceTwo().optPatience(0).optMinValue(0.03f).build();
        for (int epoch = 0; epoch < 10; epoch++) {
            tracker.onValidationLoss(1.0f);
        }
        assertEquals(0.03f, tracker.getNewValue(1));
    }

    @Test
    void stateIsAFunctionOfTheLossSequence() {
        // Reductions after the 7th loss (three epochs without beating 0.79) and the 12th
        // (three without beating 0.5); the NaN falls in the cooldown. A resumed job
        // replays
        // these losses.
        float[] losses = { 1.0f, 0.8f, 0.81f, 0.79f, 0.8f, 0.8f, 0.8f, Float.NaN, 0.5f, 0.6f, 0.6f, 0.6f };
        ReduceOnPlateauTracker replayed = patienceTwo().optCooldown(1).build();
        for (float loss : losses) {
            replayed.onValidationLoss(loss);
        }
        assertEquals(0.025f, replayed.getNewValue(1));
        assertEquals(0.5f, replayed.getBest());
    }

    @Test
    void rejectsFactorOutsideOpenUnitInterval() {
        assertEquals("factor must be in (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> patienceTwo().optFactor(1f).build()).getMessage());
    }

}
