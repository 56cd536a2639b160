package dev.demon.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OneCycleTrackerTest {

    // DJL numbers updates from 1; the cycle spans 100 updates, peaking after 30.
    private final OneCycleTracker tracker = OneCycleTracker.builder().setMaxValue(0.1f).setMaxUpdates(100).build();

    @Test
    void firstUpdateUsesMaxOverDivFactor() {
        assertEquals(0.004f, tracker.getNewValue(1));
    }

    @Test
    void peaksAtPctStart() {
        assertEquals(0.1f, tracker.getNewValue(31));
    }

    @Test
    void endsAtInitialOverFinalDivFactor() {
        assertEquals(4e-7f, tracker.getNewValue(101), 1e-12f);
        assertEquals(tracker.getNewValue(101), tracker.getNewValue(500));
    }

    @Test
    void risesThenFalls() {
        for (int n = 2; n <= 31; n++) {
            assertTrue(tracker.getNewValue(n) > tracker.getNewValue(n - 1), "rises at " + n);
        }
        for (int n = 32; n <= 101; n++) {
            assertTrue(tracker.getNewValue(n) < tracker.getNewValue(n - 1), "falls at " + n);
        }
    }

    @Test
    void rejectsMissingPeak() {
        assertEquals("maxValue must be > 0 and finite, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> OneCycleTracker.builder().setMaxUpdates(10).build())
                    .getMessage());
    }

}
