package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.demon.spring.training.ModelMonitor;

/**
 * What {@code sweep.json} says of the objective, and of a sweep without a best trial.
 */
class SweepReportTest {

    private static SweepSummary summary(ModelMonitor objective) {
        return new SweepSummary("s", "p", "random", objective, "s-trial");
    }

    @Test
    void validationLossIsMinimised() {
        SweepReport report = SweepReport.of(summary(ModelMonitor.VALIDATION_LOSS), "COMPLETED", List.of(), null, 0);
        assertThat(List.of(report.objective(), report.direction())).containsExactly("validation-loss", "minimize");
    }

    @Test
    void validationAccuracyIsMaximised() {
        SweepReport report = SweepReport.of(summary(ModelMonitor.VALIDATION_ACCURACY), "COMPLETED", List.of(), null, 0);
        assertThat(List.of(report.objective(), report.direction())).containsExactly("validation-accuracy", "maximize");
    }

    @Test
    void theBestTrialByAccuracyIsTheOneWithTheHighestObjective() {
        TrialOutcome low = new TrialOutcome(
                TrialProgress.notStarted("trial-0001", Map.of("seed", "1")).withAttempt("h").withEpoch(0.6, 0.6, 8, 1),
                "COMPLETED");
        TrialOutcome high = new TrialOutcome(TrialProgress.notStarted("trial-0002", Map.of("seed", "2"))
            .withAttempt("h")
            .withEpoch(0.7, 0.7, 8, 1)
            .withEpoch(0.8, 0.8, 16, 2), "PRUNED");

        SweepReport report = SweepReport.of(summary(ModelMonitor.VALIDATION_ACCURACY), "COMPLETED", List.of(low, high),
                null, 0);

        assertThat(report.best()).isEqualTo(new SweepReport.BestTrial("trial-0002", Map.of("seed", "2"), 2, 0.8));
    }

    @Test
    void aSweepWithoutAFiniteObjectiveHasNoBestTrial() {
        TrialOutcome failed = new TrialOutcome(TrialProgress.notStarted("trial-0001", Map.of())
            .withAttempt("h")
            .withEpoch(Double.NaN, Double.NaN, 8, 1), "FAILED");
        assertThat(SweepReport.of(summary(ModelMonitor.VALIDATION_LOSS), "FAILED", List.of(failed), null, 0).best())
            .isNull();
    }

}
