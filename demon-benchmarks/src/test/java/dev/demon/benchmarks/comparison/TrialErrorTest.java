package dev.demon.benchmarks.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.demon.spring.report.TrainingConfiguration;
import dev.demon.spring.sweep.SweepReport;

/**
 * A trial's test error as the comparison counts it: 1 − its validation accuracy after its
 * last epoch, from its sweep's {@code sweep.json}; a diverged (FAILED) trial counts with
 * its last finite epoch, or chance level without one.
 */
class TrialErrorTest {

    private static final TrainingConfiguration ADAM = new TrainingConfiguration("adam", "demon", 0.9f, 0f, 1e-4f,
            "fixed", null, 5e-4f, 3, 128, 1, "MXNet", "1.9.1");

    private static SweepReport.Trial trial(String key, String variant, String status, Double... accuracies) {
        return new SweepReport.Trial(key, Map.of("variant", variant, "seed", "1"), ADAM, status, 1, null,
                Arrays.asList(accuracies), null, 10, 2.5, "host");
    }

    private static SweepReport report(String objective, SweepReport.Trial... trials) {
        return new SweepReport("mlp-adam-long", "fashion-mnist-mlp", "grid", objective, "maximize", "FAILED",
                List.of(trials), null, null, 1);
    }

    @Test
    void theErrorIsOneMinusTheAccuracyAfterTheLastEpochNotTheBest() {
        List<TrialError> errors = TrialError
            .of(report("validation-accuracy", trial("trial-0001", "demon", "COMPLETED", 0.75, 0.875, 0.8125)));

        assertThat(errors).containsExactly(new TrialError("mlp-adam-long", "demon", "adam",
                Map.of("variant", "demon", "seed", "1"), 0.1875, 2.5, false));
    }

    @Test
    void aFailedTrialIsDivergedAndCountsWithItsLastFiniteEpochOrChanceLevel() {
        List<TrialError> errors = TrialError.of(report("validation-accuracy",
                trial("trial-0001", "lr-step", "FAILED", 0.5, null), trial("trial-0002", "lr-step", "FAILED")));

        assertThat(errors).extracting(TrialError::testError, TrialError::diverged)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(0.5, true),
                    org.assertj.core.groups.Tuple.tuple(TrialError.CHANCE_ERROR, true));
    }

    @Test
    void trialsNotFinishedAreLeftOut() {
        assertThat(TrialError.of(report("validation-accuracy", trial("trial-0001", "demon", "STOPPED", 0.5),
                trial("trial-0002", "demon", "STARTING"))))
            .isEmpty();
    }

    @Test
    void aSweepJudgedByItsLossIsRefused() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> TrialError.of(report("validation-loss", trial("trial-0001", "demon", "COMPLETED", 0.3))))
            .withMessage("Sweep mlp-adam-long is judged by validation-loss; the benchmarks' tables need "
                    + "validation-accuracy");
    }

}
