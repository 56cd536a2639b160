package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.JobExecutions;
import dev.demon.spring.testing.KilledProcess;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;
import dev.demon.spring.testing.UninterruptedRun;

/**
 * A process killed during epoch 2 leaves its execution STARTED in the job repository, as
 * kill -9 would: nothing gets to mark it ended. Starting the application again recovers
 * and resumes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class CrashRecoveryTest {

    @TempDir
    static Path folder;

    private static TrainingRun uninterrupted;

    private static TrainingRun resumed;

    private static String resumedLog;

    private static List<JobExecution> executions;

    @BeforeAll
    static void leaveAStartedExecutionBehindAndRunAgain(CapturedOutput output) {
        uninterrupted = UninterruptedRun.shared();
        TrainingRun.start(folder, DataFault.inEpoch(DataFault.Kind.ERROR, 2), CrashRecoveryTest::asIfKilled);
        int logStart = output.getAll().length();
        resumed = TrainingRun.start(folder, DataFault.NONE, CrashRecoveryTest::keepExecutions);
        resumedLog = output.getAll().substring(logStart);
    }

    private static void asIfKilled(org.springframework.context.ConfigurableApplicationContext context) {
        KilledProcess.leaveLastExecutionRunning(context.getBean(JobRepository.class), SyntheticPipeline.NAME);
    }

    private static void keepExecutions(org.springframework.context.ConfigurableApplicationContext context) {
        executions = JobExecutions.ofLastInstance(context);
    }

    @Test
    void staleExecutionIsMarkedFailedWithALogLine() {
        assertThat(resumedLog).contains("Job synthetic execution 1 is still marked STARTED in the JobRepository, but "
                + "the process that ran it is gone; marking it FAILED so that it can resume");
    }

    @Test
    void theResumedExecutionNamesItsRunAndConfigurationInOneLineWithoutSpringBatchsParameterMaps() {
        assertThat(resumedLog).contains("synthetic: job instance 1, execution 2, starts with optimizer=sgdm, "
                + "momentum.schedule=demon, momentum.beta-init=0.9, momentum.decay-start=0.0, learning-rate.initial=0.01, "
                + "learning-rate.schedule=fixed, learning-rate.plateau-patience=none, weight-decay=0.0, epochs="
                + TrainingRun.EPOCHS + ", batch-size=16, seed=7, engine=MXNet ");
        assertThat(resumedLog).doesNotContain("with the following parameters");
    }

    @Test
    void onlyTheStaleExecutionIsMarkedRecoveredInTheRepository() {
        assertThat(executions).extracting(WallTime::recovered).containsExactly(true, false);
    }

    @Test
    void recoveredExecutionCountsUntilItsUnfinishedEpochStarted() {
        JobExecution recovered = executions.get(0);
        StepExecution epochTwo = recovered.getStepExecutions()
            .stream()
            .filter(step -> step.getStepName().equals("synthetic-epoch-2"))
            .findFirst()
            .orElseThrow();
        assertThat(WallTime.lastActivity(recovered)).isEqualTo(epochTwo.getStartTime())
            .isBefore(recovered.getEndTime());
    }

    @Test
    void jobResumesAndCompletesWithoutRunningEpochOneAgain() {
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.stepRuns()).containsExactly(1L, 2L, 1L);
    }

    @Test
    void reportAccountsForEveryUpdate() {
        assertThat(resumed.report().updatesDone()).isEqualTo(TrainingRun.TOTAL_UPDATES);
        assertThat(resumed.updatesAfterTheFirst()).containsExactlyElementsOf(
                uninterrupted.updates().subList(SyntheticPipeline.BATCHES_PER_EPOCH, (int) TrainingRun.TOTAL_UPDATES));
    }

}
