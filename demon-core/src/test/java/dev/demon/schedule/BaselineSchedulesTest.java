package dev.demon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BaselineSchedulesTest {

    private static final long T = 100;

    @Test
    void constantIsTheSameAtEveryUpdate() {
        ConstantMomentum constant = new ConstantMomentum(0.9f);
        assertEquals(0.9f, constant.momentum(0, T));
        assertEquals(0.9f, constant.momentum(T / 2, T));
        assertEquals(0.9f, constant.momentum(T, T));
        assertEquals(0.9f, constant.momentum(5 * T, T));
        assertEquals("constant", constant.name());
    }

    @Test
    void linearFallsFromBetaInitToZero() {
        LinearMomentum linear = new LinearMomentum(0.9f);
        assertEquals(0.9f, linear.momentum(0, T));
        assertEquals(0.45f, linear.momentum(T / 2, T));
        assertEquals(0f, linear.momentum(T, T));
        assertEquals(0f, linear.momentum(2 * T, T));
        assertNonIncreasing(linear);
        assertEquals("linear", linear.name());
    }

    @Test
    void linearReachesAChosenFinalValue() {
        LinearMomentum linear = new LinearMomentum(0.9f, 0.5f);
        assertEquals(0.7f, linear.momentum(T / 2, T));
        assertEquals(0.5f, linear.momentum(T, T));
    }

    @Test
    void cosineFallsFromBetaInitToZero() {
        CosineMomentum cosine = new CosineMomentum(0.9f);
        assertEquals(0.9f, cosine.momentum(0, T));
        // (1 + cos(π/2)) / 2 = 1/2
        assertEquals(0.45f, cosine.momentum(T / 2, T), 1e-7f);
        assertEquals(0f, cosine.momentum(T, T));
        assertEquals(0f, cosine.momentum(2 * T, T));
        assertNonIncreasing(cosine);
        assertEquals("cosine", cosine.name());
    }

    @Test
    void exponentialFallsFromBetaInitToBetaInitTimesDecay() {
        ExponentialMomentum exponential = new ExponentialMomentum(0.9f, 0.01f);
        assertEquals(0.9f, exponential.momentum(0, T));
        // 0.9 · 0.01^(1/2) = 0.09
        assertEquals(0.09f, exponential.momentum(T / 2, T), 1e-7f);
        assertEquals(0.009f, exponential.momentum(T, T), 1e-8f);
        assertEquals(exponential.momentum(T, T), exponential.momentum(3 * T, T));
        assertNonIncreasing(exponential);
        assertEquals("exponential", exponential.name());
    }

    @Test
    void exponentialDefaultsToOnePercentAtTheEnd() {
        assertEquals(0.009f, new ExponentialMomentum(0.9f).momentum(T, T), 1e-8f);
    }

    @Test
    void oneCycleGoesDownToMinimumThenBackUp() {
        OneCycleMomentum oneCycle = new OneCycleMomentum();
        assertEquals(0.95f, oneCycle.momentum(0, T));
        assertEquals(0.85f, oneCycle.momentum(30, T), 1e-7f);
        // halfway up the second phase: (0.85 + 0.95) / 2
        assertEquals(0.90f, oneCycle.momentum(65, T), 1e-7f);
        assertEquals(0.95f, oneCycle.momentum(T, T));
        assertEquals(0.95f, oneCycle.momentum(2 * T, T));
        for (long t = 1; t <= 30; t++) {
            assertTrue(oneCycle.momentum(t, T) <= oneCycle.momentum(t - 1, T), "down at " + t);
        }
        for (long t = 31; t <= T; t++) {
            assertTrue(oneCycle.momentum(t, T) >= oneCycle.momentum(t - 1, T), "up at " + t);
        }
        assertEquals("one-cycle", oneCycle.name());
    }

    @Test
    void oneCycleFromBetaInitKeepsSmithsRange() {
        OneCycleMomentum oneCycle = new OneCycleMomentum(0.9f);
        assertEquals(0.9f, oneCycle.momentum(0, T));
        assertEquals(0.8f, oneCycle.momentum(30, T), 1e-7f);
    }

    @Test
    void baselinesRejectBetaOutsideHalfOpenUnitInterval() {
        assertEquals("beta must be in [0, 1), got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new ConstantMomentum(1.5f)).getMessage());
        assertEquals("betaInit must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new LinearMomentum(1f)).getMessage());
        assertEquals("betaInit must be in [0, 1), got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new CosineMomentum(-1f)).getMessage());
        assertEquals("decay must be in (0, 1), got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new ExponentialMomentum(0.9f, 0f)).getMessage());
        assertEquals("minMomentum must be in [0, betaInit=0.9], got 0.95",
                assertThrows(IllegalArgumentException.class, () -> new OneCycleMomentum(0.9f, 0.95f, 0.3f))
                    .getMessage());
    }

    private static void assertNonIncreasing(MomentumSchedule schedule) {
        for (long t = 1; t <= T + 5; t++) {
            assertTrue(schedule.momentum(t, T) <= schedule.momentum(t - 1, T),
                    schedule.name() + " increased at update " + t);
        }
    }

}
