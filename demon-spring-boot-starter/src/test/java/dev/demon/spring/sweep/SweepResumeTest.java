package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import dev.demon.spring.report.ReportJson;
import dev.demon.spring.workspace.Workspace;

/**
 * A sweep of three trials of 3 epochs interrupted in trial 2's epoch 2 (its 30th loss
 * evaluation: an epoch evaluates the loss 24 times, twice for each of its 8 training and
 * 4 validation batches), then started again with the same command: once by a failure in
 * that batch, once by the application closing (SIGTERM) during it. Either way the restart
 * never trains a completed trial again, resumes trial 2 from its latest checkpoint, and
 * every trial ends with exactly the objectives of an uninterrupted sweep. Each execution,
 * when it ends, writes the sweep's results with its own status and its lease's
 * generation: the interrupted one FAILED or STOPPED with the trials as they stand, the
 * resumed one COMPLETED.
 */
class SweepResumeTest {

    private static final long IN_EPOCH_2 = 30;

    private static final String[] SWEEP = { "--demon.sweeps.lr.parameters.learning-rate.initial=0.01,0.02,0.05" };

    @TempDir
    static Path uninterruptedFolder;

    @TempDir
    static Path failedFolder;

    @TempDir
    static Path stoppedFolder;

    private static SweepRun uninterrupted;

    private static SweepRun failed;

    private static SweepRun resumedAfterFailure;

    private static SweepRun resumedAfterStop;

    private static SweepReport failedResults;

    private static SweepReport resumedAfterFailureResults;

    private static SweepReport stoppedResults;

    private static SweepReport resumedAfterStopResults;

    @BeforeAll
    static void interruptTrialTwoAndStartAgain() throws InterruptedException, IOException {
        uninterrupted = SweepRun.start(uninterruptedFolder, SWEEP);
        int before = SweptRegression.trainings.get();
        SweptRegression.onEvaluation = evaluation -> {
            if (SweptRegression.trainings.get() == before + 2 && evaluation == IN_EPOCH_2) {
                throw new IllegalStateException("injected fault in loss evaluation " + evaluation);
            }
        };
        try {
            failed = SweepRun.start(failedFolder, SWEEP);
        }
        finally {
            SweptRegression.onEvaluation = evaluation -> {
            };
        }
        failedResults = results(failedFolder);
        resumedAfterFailure = SweepRun.start(failedFolder, SWEEP);
        resumedAfterFailureResults = results(failedFolder);
        SweepRun.startAndCloseDuring(stoppedFolder, 2, IN_EPOCH_2, SWEEP);
        stoppedResults = results(stoppedFolder);
        resumedAfterStop = SweepRun.start(stoppedFolder, SWEEP);
        resumedAfterStopResults = results(stoppedFolder);
    }

    private static SweepReport results(Path folder) throws IOException {
        return ReportJson.mapper().readValue(new Workspace(folder).sweep("lr").results().toFile(), SweepReport.class);
    }

    @Test
    void theFailedSweepsResultsSayFailedWithTheFailedTrialAndTheOthersCompleted() {
        assertThat(failedResults.status()).isEqualTo("FAILED");
        assertThat(failedResults.generation()).isEqualTo(1);
        assertThat(failedResults.trials())
            .extracting(SweepReport.Trial::trial, SweepReport.Trial::status, trial -> trial.objective().size())
            .containsExactly(tuple("trial-0001", "COMPLETED", 3), tuple("trial-0002", "FAILED", 1),
                    tuple("trial-0003", "COMPLETED", 3));
    }

    @Test
    void theStoppedSweepsResultsSayStoppedWithTheFinishedTrialsTheStoppedOneAndTheBestSoFar() {
        assertThat(stoppedResults.status()).isEqualTo("STOPPED");
        assertThat(stoppedResults.generation()).isEqualTo(1);
        assertThat(stoppedResults.trials())
            .extracting(SweepReport.Trial::trial, SweepReport.Trial::status, trial -> trial.objective().size(),
                    SweepReport.Trial::attempts)
            .containsExactly(tuple("trial-0001", "COMPLETED", 3, 1), tuple("trial-0002", "STOPPED", 1, 1),
                    tuple("trial-0003", "STOPPED", 0, 0));
        assertThat(stoppedResults.trials().get(2).configuration()).isNull();
        List<Double> trialOne = uninterrupted.progress("trial-0001").objectives();
        List<Double> trialTwoSoFar = uninterrupted.progress("trial-0002").objectives().subList(0, 1);
        String bestSoFar = Collections.min(trialOne) <= Collections.min(trialTwoSoFar) ? "trial-0001" : "trial-0002";
        assertThat(stoppedResults.best().trial()).isEqualTo(bestSoFar);
        assertThat(stoppedResults.bestModel().trial()).isEqualTo(bestSoFar);
    }

    @Test
    void eachResumedSweepRewritesItsResultsCompletedWithEveryTrialCompletedUnderItsOwnLease() {
        for (SweepReport resumed : List.of(resumedAfterFailureResults, resumedAfterStopResults)) {
            assertThat(resumed.status()).isEqualTo("COMPLETED");
            assertThat(resumed.generation()).isEqualTo(2);
            assertThat(resumed.trials()).extracting(SweepReport.Trial::status)
                .containsExactly("COMPLETED", "COMPLETED", "COMPLETED");
            assertThat(resumed.trials()).extracting(SweepReport.Trial::objective)
                .containsExactly(uninterrupted.progress("trial-0001").objectives(),
                        uninterrupted.progress("trial-0002").objectives(),
                        uninterrupted.progress("trial-0003").objectives());
        }
    }

    @Test
    void failureInTrialTwoFailsOnlyThatTrialAndTheSweep() {
        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.trials().values()).extracting(StepExecution::getStatus)
            .containsExactly(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.COMPLETED);
        assertThat(failed.progress("trial-0002").objectives()).hasSize(1);
        assertThat(failed.trainings()).isEqualTo(3);
    }

    @Test
    void restartAfterTheFailureTrainsOnlyTheFailedTrial() {
        assertThat(resumedAfterFailure.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumedAfterFailure.exitCode()).isZero();
        assertThat(resumedAfterFailure.trainings()).isOne();
        assertThat(partitionsRunBy(resumedAfterFailure.executions().get(1))).containsExactly("lr-trial:trial-0002");
        assertThat(resumedAfterFailure.progress("trial-0002").attempts()).isEqualTo(2);
    }

    @Test
    void stopEndsTheRunningTrialAndTheSweepStoppedBeforeTheNextTrialStarts() {
        JobExecution stopped = resumedAfterStop.executions().get(0);
        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(stopped.getStepExecutions()).filteredOn(step -> step.getStepName().startsWith("lr-trial:"))
            .extracting(StepExecution::getStepName, StepExecution::getStatus,
                    step -> TrialProgress.readFrom("", step.getExecutionContext()).attempts())
            .containsExactlyInAnyOrder(tuple("lr-trial:trial-0001", BatchStatus.COMPLETED, 1),
                    tuple("lr-trial:trial-0002", BatchStatus.STOPPED, 1),
                    tuple("lr-trial:trial-0003", BatchStatus.STOPPED, 0));
    }

    @Test
    void restartAfterTheStopTrainsOnlyTheUnfinishedTrials() {
        assertThat(resumedAfterStop.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumedAfterStop.trainings()).isEqualTo(2);
        assertThat(partitionsRunBy(resumedAfterStop.executions().get(1))).containsExactly("lr-trial:trial-0002",
                "lr-trial:trial-0003");
    }

    @Test
    void resumedTrialsEndWithTheObjectivesOfAnUninterruptedSweep() {
        for (String trial : List.of("trial-0001", "trial-0002", "trial-0003")) {
            List<Double> expected = uninterrupted.progress(trial).objectives();
            assertThat(expected).as(trial).hasSize(3);
            assertThat(resumedAfterFailure.progress(trial).objectives()).as(trial).containsExactlyElementsOf(expected);
            assertThat(resumedAfterStop.progress(trial).objectives()).as(trial).containsExactlyElementsOf(expected);
            assertThat(resumedAfterStop.progress(trial).updatesDone()).as(trial).isEqualTo(24);
        }
    }

    private static List<String> partitionsRunBy(JobExecution execution) {
        return execution.getStepExecutions()
            .stream()
            .map(StepExecution::getStepName)
            .filter(name -> name.startsWith("lr-trial:"))
            .sorted()
            .toList();
    }

}
