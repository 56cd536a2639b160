package dev.demon.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every schedule reports the parameters it was built with, and β at its first update is
 * the β_init it reports.
 */
class ScheduleParametersTest {

    @Test
    void demonReportsBetaInitAndDecayStart() {
        assertEquals(Map.of("betaInit", 0.95f, "decayStart", 0.25f), new DemonSchedule(0.95f, 0.25f).parameters());
    }

    @Test
    void constantReportsItsBetaAsBetaInit() {
        assertEquals(Map.of("betaInit", 0.8f), new ConstantMomentum(0.8f).parameters());
    }

    @Test
    void linearAndCosineReportTheirEnds() {
        assertEquals(Map.of("betaInit", 0.9f, "betaFinal", 0.5f), new LinearMomentum(0.9f, 0.5f).parameters());
        assertEquals(Map.of("betaInit", 0.9f, "betaFinal", 0.5f), new CosineMomentum(0.9f, 0.5f).parameters());
    }

    @Test
    void exponentialReportsItsDecay() {
        assertEquals(Map.of("betaInit", 0.9f, "decay", 0.5f), new ExponentialMomentum(0.9f, 0.5f).parameters());
    }

    @Test
    void oneCycleReportsItsHighestBetaAsBetaInit() {
        assertEquals(Map.of("betaInit", 0.95f, "minMomentum", 0.85f, "pctStart", 0.3f),
                new OneCycleMomentum(0.95f, 0.85f, 0.3f).parameters());
    }

    @Test
    void aLambdaReportsNone() {
        MomentumSchedule lambda = (update, totalUpdates) -> 0.5f;
        assertEquals(Map.of(), lambda.parameters());
    }

    @Test
    void betaAtTheFirstUpdateIsTheReportedBetaInit() {
        for (MomentumSchedule schedule : new MomentumSchedule[] { new DemonSchedule(0.9f, 0.5f),
                new ConstantMomentum(0.9f), new LinearMomentum(0.9f), new CosineMomentum(0.9f),
                new ExponentialMomentum(0.9f), new OneCycleMomentum(0.9f) }) {
            assertEquals(schedule.parameters().get(MomentumSchedule.BETA_INIT), schedule.momentum(0, 100),
                    schedule.name());
        }
    }

}
