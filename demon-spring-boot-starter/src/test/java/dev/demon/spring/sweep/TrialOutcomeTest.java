package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import dev.demon.spring.training.ModelMonitor;

/**
 * A trial's best epoch and a sweep's best trial by the objective's direction, and a
 * trial's status as its partition records it.
 */
class TrialOutcomeTest {

    private static final ModelMonitor LOSS = ModelMonitor.VALIDATION_LOSS;

    private static final ModelMonitor ACCURACY = ModelMonitor.VALIDATION_ACCURACY;

    private static TrialOutcome trial(int number, String status, double... objectives) {
        TrialProgress progress = TrialProgress.notStarted(String.format("trial-%04d", number), Map.of())
            .withAttempt("node-a");
        for (double objective : objectives) {
            progress = progress.withEpoch(objective, objective, 8, 1);
        }
        return new TrialOutcome(progress, status);
    }

    @Test
    void theBestEpochByLossIsTheOneWithTheLowestObjective() {
        assertThat(trial(1, "COMPLETED", 0.9, 0.4, 0.6).bestEpoch(LOSS)).hasValue(2);
    }

    @Test
    void theBestEpochByAccuracyIsTheOneWithTheHighestObjective() {
        assertThat(trial(1, "COMPLETED", 0.6, 0.7, 0.65).bestEpoch(ACCURACY)).hasValue(2);
    }

    @Test
    void epochsTiedForTheBestObjectiveGiveTheEarlierOne() {
        assertThat(trial(1, "COMPLETED", 0.7, 0.5, 0.5).bestEpoch(LOSS)).hasValue(2);
    }

    @Test
    void epochsTiedForTheBestAccuracyGiveTheOneWithTheLowerValidationLossAsARunsBestModel() {
        TrialProgress progress = TrialProgress.notStarted("trial-0001", Map.of())
            .withAttempt("node-a")
            .withEpoch(0.9166667, 0.31, 8, 1)
            .withEpoch(0.875, 0.29, 16, 2)
            .withEpoch(0.9166667, 0.27, 24, 3);

        assertThat(new TrialOutcome(progress, "COMPLETED").bestEpoch(ACCURACY)).hasValue(3);
    }

    @Test
    void epochsTiedForTheBestAccuracyWithoutRecordedLossesGiveTheEarlierOne() {
        TrialProgress progress = new TrialProgress("trial-0001", Map.of(), null, List.of(0.9166667, 0.9166667),
                List.of(), 1, 16, 2, "node-a");

        assertThat(new TrialOutcome(progress, "COMPLETED").bestEpoch(ACCURACY)).hasValue(1);
    }

    @Test
    void anEpochWhoseObjectiveIsNotFiniteIsNeverTheBest() {
        TrialOutcome trial = trial(1, "COMPLETED", Double.NaN, 0.9, Double.NEGATIVE_INFINITY);
        assertThat(trial.bestEpoch(LOSS)).hasValue(2);
        assertThat(trial.bestObjective(LOSS)).isEqualTo(0.9);
    }

    @Test
    void aTrialWithoutAFiniteObjectiveHasNoBestEpoch() {
        assertThat(trial(1, "FAILED", Double.NaN).bestEpoch(LOSS)).isEqualTo(OptionalInt.empty());
        assertThat(trial(1, "FAILED").bestObjective(LOSS)).isNull();
    }

    @Test
    void theBestTrialByLossHasTheLowestBestObjectivePrunedAndFailedTrialsIncluded() {
        List<TrialOutcome> trials = List.of(trial(1, "COMPLETED", 0.9, 0.6), trial(2, "PRUNED", 0.5),
                trial(3, "FAILED", 0.7, 0.55), trial(4, "FAILED"));
        assertThat(TrialOutcome.best(trials, LOSS)).hasValue(trials.get(1));
    }

    @Test
    void theBestTrialByAccuracyHasTheHighestBestObjective() {
        List<TrialOutcome> trials = List.of(trial(1, "COMPLETED", 0.6, 0.8), trial(2, "PRUNED", 0.7),
                trial(3, "FAILED", 0.85, Double.NaN));
        assertThat(TrialOutcome.best(trials, ACCURACY)).hasValue(trials.get(2));
    }

    @Test
    void trialsTiedForTheBestObjectiveGiveTheEarlierTrial() {
        List<TrialOutcome> trials = List.of(trial(1, "COMPLETED", 0.7), trial(2, "COMPLETED", 0.5),
                trial(3, "COMPLETED", 0.6, 0.5));
        assertThat(TrialOutcome.best(trials, LOSS)).hasValue(trials.get(1));
    }

    @Test
    void noTrialWithAFiniteObjectiveMeansNoBestTrial() {
        assertThat(TrialOutcome.best(List.of(trial(1, "FAILED", Double.NaN), trial(2, "FAILED")), LOSS)).isEmpty();
    }

    @Test
    void aPartitionThatEndedWithTheExitCodePrunedIsAPrunedTrial() {
        assertThat(TrialOutcome.of("trial-0001", partition(BatchStatus.COMPLETED, TrialOutcome.PRUNED)).status())
            .isEqualTo("PRUNED");
    }

    @Test
    void anyOtherPartitionsStatusIsItsBatchStatus() {
        assertThat(TrialOutcome.of("trial-0001", partition(BatchStatus.STOPPED, "STOPPED")).status())
            .isEqualTo("STOPPED");
        assertThat(TrialOutcome.of("trial-0001", partition(BatchStatus.COMPLETED, "COMPLETED")).status())
            .isEqualTo("COMPLETED");
    }

    private static StepExecution partition(BatchStatus status, String exitCode) {
        JobExecution sweep = new JobExecution(1, new JobInstance(1, "lr"), new JobParameters());
        StepExecution partition = new StepExecution(2, "lr-trial:trial-0001", sweep);
        partition.setStatus(status);
        partition.setExitStatus(new ExitStatus(exitCode));
        return partition;
    }

}
