package dev.demon.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.demon.schedule.DemonSchedule;

import org.junit.jupiter.api.Test;

class FirstMomentScaleTest {

    private static final long TOTAL_UPDATES = 5000;

    @Test
    void startsAtOne() {
        assertEquals(1f, new FirstMomentScale(new DemonSchedule(0.9f), TOTAL_UPDATES).before(0));
    }

    @Test
    void firstUpdateScalesByOneOverOnePlusBeta() {
        // c_1 = 1 − β_0/(1 + β_0) = 1/(1 + β_0): m̃_1 = c_1·g holds m_1 = g.
        FirstMomentScale scale = new FirstMomentScale((t, total) -> 0.5f, TOTAL_UPDATES);
        assertEquals(1f - (float) (0.5 / 1.5), scale.before(1));
    }

    @Test
    void constantMomentumConvergesToOneMinusBeta() {
        // The fixed point of c ← c/(c + β) is c = 1 − β.
        FirstMomentScale scale = new FirstMomentScale((t, total) -> 0.9f, TOTAL_UPDATES);
        assertEquals(0.1f, scale.before(500), 1e-6f);
    }

    @Test
    void returnsToOneAfterAZeroMomentumUpdate() {
        FirstMomentScale scale = new FirstMomentScale((t, total) -> t == 3 ? 0f : 0.7f, TOTAL_UPDATES);
        assertEquals(1f, scale.before(4));
    }

    @Test
    void anyOrderOfQueriesGivesTheSequentialFloats() {
        DemonSchedule schedule = new DemonSchedule(0.95f);
        FirstMomentScale sequential = new FirstMomentScale(schedule, TOTAL_UPDATES);
        float[] expected = new float[(int) TOTAL_UPDATES + 1];
        for (int t = 0; t <= TOTAL_UPDATES; t++) {
            expected[t] = sequential.before(t);
        }
        FirstMomentScale jumping = new FirstMomentScale(schedule, TOTAL_UPDATES);
        for (long t : new long[] { 4321, 7, 4322, 2048, 1023, 5000, 0, 3000, 3001 }) {
            assertEquals(expected[(int) t], jumping.before(t), "c_" + t);
        }
    }

}
