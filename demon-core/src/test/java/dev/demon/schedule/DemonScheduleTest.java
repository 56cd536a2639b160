package dev.demon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DemonScheduleTest {

    private static final long T = 100;

    // β(t) = β_init·p / ((1 − β_init) + β_init·p). β_init = 0.75 is exact in binary, so
    // the closed form gives exact fractions: p = 1/2 gives 0.375 / 0.625 = 3/5.
    private static final float THREE_FIFTHS = (float) (3.0 / 5.0);

    private final DemonSchedule demon = new DemonSchedule(0.75f);

    @Test
    void startsAtBetaInit() {
        assertEquals(0.75f, demon.momentum(0, T));
        assertEquals(0.9f, new DemonSchedule(0.9f).momentum(0, T));
    }

    @Test
    void halfwayGivesThreeFifths() {
        assertEquals(THREE_FIFTHS, demon.momentum(T / 2, T));
    }

    @Test
    void reachesZeroAtTotalUpdates() {
        assertEquals(0f, demon.momentum(T, T));
    }

    @Test
    void staysZeroBeyondTotalUpdates() {
        assertEquals(0f, demon.momentum(T + 1, T));
        assertEquals(0f, demon.momentum(10 * T, T));
    }

    @Test
    void matchesClosedFormAtAQuarter() {
        // p = 3/4: 0.5625 / (0.25 + 0.5625) = 9/13
        assertEquals((float) (9.0 / 13.0), demon.momentum(T / 4, T));
    }

    @Test
    void delayedStartHoldsBetaInitUntilDecayStart() {
        DemonSchedule delayed = new DemonSchedule(0.75f, 0.5f);
        assertEquals(0.75f, delayed.momentum(0, T));
        assertEquals(0.75f, delayed.momentum(49, T));
        assertEquals(0.75f, delayed.momentum(50, T));
    }

    @Test
    void delayedStartDecaysOverTheRemainingUpdates() {
        DemonSchedule delayed = new DemonSchedule(0.75f, 0.5f);
        // t0 = 50: p = 1 − (75 − 50)/(100 − 50) = 1/2
        assertEquals(THREE_FIFTHS, delayed.momentum(75, T));
        assertEquals(0f, delayed.momentum(T, T));
        assertEquals(0f, delayed.momentum(T + 7, T));
    }

    @Test
    void delayedStartRoundsTheStartDown() {
        // T = 10, decayStart = 0.25: t0 = floor(2.5) = 2; t = 6 gives p = 1 − 4/8 = 1/2
        DemonSchedule delayed = new DemonSchedule(0.75f, 0.25f);
        assertEquals(0.75f, delayed.momentum(2, 10));
        assertEquals(THREE_FIFTHS, delayed.momentum(6, 10));
    }

    @Test
    void zeroBetaInitIsZeroEverywhere() {
        DemonSchedule none = new DemonSchedule(0f);
        assertEquals(0f, none.momentum(0, T));
        assertEquals(0f, none.momentum(T / 2, T));
    }

    @Test
    void isNamedDemon() {
        assertEquals("demon", demon.name());
    }

    @Test
    void rejectsBetaInitOutsideHalfOpenUnitInterval() {
        assertEquals("betaInit must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new DemonSchedule(1f)).getMessage());
        assertEquals("betaInit must be in [0, 1), got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new DemonSchedule(-0.1f)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DemonSchedule(Float.NaN));
    }

    @Test
    void rejectsDecayStartOutsideHalfOpenUnitInterval() {
        assertEquals("decayStart must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new DemonSchedule(0.9f, 1f)).getMessage());
    }

    @Test
    void rejectsNonPositiveTotalUpdates() {
        assertEquals("totalUpdates must be > 0, got 0",
                assertThrows(IllegalArgumentException.class, () -> demon.momentum(0, 0)).getMessage());
    }

}
