package dev.demon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class DecayThenStopTest {

    private static final long T = 100;

    // β_init = 0.75 is exact in binary: the closed form gives exact fractions.
    private final DemonSchedule demon = new DemonSchedule(0.75f);

    // Decided at t_s = 50, ending at T' = 60.
    private final MomentumSchedule replanned = new DecayThenStop(50, 60).momentum(demon, T);

    @Test
    void followsTheOriginalBeforeTheStop() {
        for (long t = 0; t < 50; t++) {
            assertEquals(demon.momentum(t, T), replanned.momentum(t, T));
        }
    }

    @Test
    void isContinuousAtTheStop() {
        // p(50) = 1/2: β = 0.375 / 0.625 = 3/5, the original's β at t_s.
        assertEquals(demon.momentum(50, T), replanned.momentum(50, T));
        assertEquals((float) (3.0 / 5.0), replanned.momentum(50, T));
    }

    @Test
    void halfwayThroughTheDecaySpendsHalfOfWhatWasLeft() {
        // r(55) = (1 − 50/100)·(60 − 55)/(60 − 50) = 1/4: β = 0.1875 / 0.4375 = 3/7.
        assertEquals((float) (3.0 / 7.0), replanned.momentum(55, T));
    }

    @Test
    void reachesZeroAtTheNewEndAndStaysThere() {
        assertEquals(0f, replanned.momentum(60, T));
        assertEquals(0f, replanned.momentum(61, T));
        assertEquals(0f, replanned.momentum(T, T));
    }

    @Test
    void fallsMonotonicallyFromTheStopToTheEnd() {
        for (long t = 50; t < 60; t++) {
            assertTrue(replanned.momentum(t + 1, T) < replanned.momentum(t, T), "β falls at t = " + t);
        }
    }

    @Test
    void endingAtTheOriginalTotalIsTheOriginalSchedule() {
        MomentumSchedule unchanged = new DecayThenStop(37, T).momentum(demon, T);
        for (long t = 0; t <= T; t++) {
            assertEquals(demon.momentum(t, T), unchanged.momentum(t, T), "t = " + t);
        }
    }

    @Test
    void isContinuousAtEveryStopForEveryBetaInit() {
        Random random = new Random(1910_04952L);
        for (int i = 0; i < 1000; i++) {
            long total = 1 + random.nextInt(100_000);
            long stop = random.nextInt((int) total);
            DemonSchedule schedule = new DemonSchedule(random.nextFloat() * 0.999f, random.nextFloat() * 0.5f);
            MomentumSchedule replan = new DecayThenStop(stop, stop + 1 + random.nextInt(1000)).momentum(schedule,
                    total);
            assertEquals(schedule.momentum(stop, total), replan.momentum(stop, total),
                    schedule + ", t_s = " + stop + ", T = " + total);
        }
    }

    @Test
    void aDelayedStartDecaysWhatIsLeftOfItsFraction() {
        DemonSchedule delayed = new DemonSchedule(0.75f, 0.5f);
        // t0 = 50; p(75) = 1/2, β = 3/5; r(80) = 1/2 · (85 − 80)/(85 − 75) = 1/4, β =
        // 3/7.
        MomentumSchedule replan = new DecayThenStop(75, 85).momentum(delayed, T);
        assertEquals((float) (3.0 / 5.0), replan.momentum(75, T));
        assertEquals((float) (3.0 / 7.0), replan.momentum(80, T));
        assertEquals(0f, replan.momentum(85, T));
    }

    @Test
    void anotherScheduleDecaysItsContributionLinearly() {
        // Constant 0.75: β/(1 − β) = 3 at t_s, 3/2 halfway, so β = 1.5 / 2.5 = 3/5.
        MomentumSchedule replan = new DecayThenStop(20, 40).momentum(new ConstantMomentum(0.75f), T);
        assertEquals(0.75f, replan.momentum(19, T));
        assertEquals(0.75f, replan.momentum(20, T));
        assertEquals((float) (3.0 / 5.0), replan.momentum(30, T));
        assertEquals(0f, replan.momentum(40, T));
    }

    @Test
    void keepsTheOriginalNameAndParameters() {
        assertEquals("demon", replanned.name());
        assertEquals(Map.of(MomentumSchedule.BETA_INIT, 0.75f, MomentumSchedule.DECAY_START, 0f),
                replanned.parameters());
    }

    @Test
    void learningRateProgressIsTheOriginalUpToTheStop() {
        DecayThenStop plan = new DecayThenStop(50, 60);
        assertEquals(0.01, plan.progress(1, T));
        assertEquals(0.5, plan.progress(50, T));
    }

    @Test
    void learningRateProgressSpendsTheRestOverTheDecay() {
        DecayThenStop plan = new DecayThenStop(50, 60);
        // u'(55) = 1 − (1 − 1/2)·(5/10) = 3/4; u'(60) = 1.
        assertEquals(0.75, plan.progress(55, T));
        assertEquals(1.0, plan.progress(60, T));
        assertEquals(1.0, plan.progress(70, T));
    }

    @Test
    void decayLeftIsOneBeforeTheStopAndZeroAfterTheEnd() {
        DecayThenStop plan = new DecayThenStop(50, 60);
        assertEquals(1.0, plan.decayLeft(0));
        assertEquals(1.0, plan.decayLeft(50));
        assertEquals(0.3, plan.decayLeft(57), 1e-15);
        assertEquals(0.0, plan.decayLeft(60));
        assertEquals(0.0, plan.decayLeft(99));
    }

    @Test
    void refusesAnEndNotAfterTheStop() {
        assertEquals("endUpdate must be > stopUpdate = 50, got 50",
                assertThrows(IllegalArgumentException.class, () -> new DecayThenStop(50, 50)).getMessage());
        assertEquals("stopUpdate must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new DecayThenStop(-1, 5)).getMessage());
    }

}
