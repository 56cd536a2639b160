package dev.demon.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.demon.schedule.DemonSchedule;

import org.junit.jupiter.api.Test;

class FirstMomentScaleTest {

    private static final long TOTAL_STEPS = 5000;

    @Test
    void startsAtOne() {
        assertEquals(1f, new FirstMomentScale(new DemonSchedule(0.9f), TOTAL_STEPS).before(0));
    }

    @Test
    void firstStepScalesByOneOverOnePlusBeta() {
        // c_1 = 1 − β_0/(1 + β_0) = 1/(1 + β_0): m̃_1 = c_1·g holds m_1 = g.
        FirstMomentScale scale = new FirstMomentScale((t, total) -> 0.5f, TOTAL_STEPS);
        assertEquals(1f - (float) (0.5 / 1.5), scale.before(1));
    }

    @Test
    void constantMomentumConvergesToOneMinusBeta() {
        // The fixed point of c ← c/(c + β) is c = 1 − β.
        FirstMomentScale scale = new FirstMomentScale((t, total) -> 0.9f, TOTAL_STEPS);
        assertEquals(0.1f, scale.before(500), 1e-6f);
    }

    @Test
    void returnsToOneAfterAZeroMomentumStep() {
        FirstMomentScale scale = new FirstMomentScale((t, total) -> t == 3 ? 0f : 0.7f, TOTAL_STEPS);
        assertEquals(1f, scale.before(4));
    }

    @Test
    void anyOrderOfQueriesGivesTheSequentialFloats() {
        DemonSchedule schedule = new DemonSchedule(0.95f);
        FirstMomentScale sequential = new FirstMomentScale(schedule, TOTAL_STEPS);
        float[] expected = new float[(int) TOTAL_STEPS + 1];
        for (int t = 0; t <= TOTAL_STEPS; t++) {
            expected[t] = sequential.before(t);
        }
        FirstMomentScale jumping = new FirstMomentScale(schedule, TOTAL_STEPS);
        for (long t : new long[] { 4321, 7, 4322, 2048, 1023, 5000, 0, 3000, 3001 }) {
            assertEquals(expected[(int) t], jumping.before(t), "c_" + t);
        }
    }

}
