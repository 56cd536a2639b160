package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.JobExecutions;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;
import dev.demon.spring.testing.UninterruptedRun;

/**
 * The application context closing (SIGTERM, Ctrl-C) during update 8, the third batch of
 * epoch 2 (updates 6 to 11): the batch finishes, a checkpoint is written after it, the
 * step and the job end STOPPED, and the next start resumes at the fourth batch, ending
 * exactly where an uninterrupted run ends.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulStopTest {

    private static final long STOP_DURING = 8;

    @TempDir
    static Path folder;

    private static TrainingRun uninterrupted;

    private static TrainingReport stopped;

    private static List<String> checkpointsAfterStop;

    private static TrainingRun resumed;

    private static String resumedLog;

    private static List<JobExecution> executions;

    @BeforeAll
    static void closeDuringEpochTwoAndStartAgain(CapturedOutput output) throws IOException {
        uninterrupted = UninterruptedRun.shared();
        stopped = TrainingRun.startAndCloseDuring(folder, STOP_DURING);
        checkpointsAfterStop = new CheckpointStore(folder.resolve(SyntheticPipeline.NAME).resolve("run-1")).files()
            .stream()
            .map(file -> file.getFileName().toString())
            .toList();
        int logStart = output.getAll().length();
        resumed = TrainingRun.start(folder, DataFault.NONE, GracefulStopTest::keepExecutions);
        resumedLog = output.getAll().substring(logStart);
    }

    private static void keepExecutions(ConfigurableApplicationContext context) {
        executions = JobExecutions.ofLastInstance(context);
    }

    @Test
    void stoppedJobReportsStoppedWithTheRunningBatchFinished() {
        assertThat(stopped.status()).isEqualTo("STOPPED");
        assertThat(stopped.updatesDone()).isEqualTo(STOP_DURING + 1);
        assertThat(stopped.history()).hasSize(1);
    }

    @Test
    void stopWritesACheckpointAfterTheThirdBatchOfEpochTwo() {
        assertThat(checkpointsAfterStop).containsExactly("epoch-0002-batch-000003.g000001.ckpt",
                "epoch-0001.g000001.ckpt");
    }

    @Test
    void stoppedExecutionAndItsStepAreStoppedInTheRepository() {
        JobExecution first = executions.get(0);
        assertThat(first.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(first.getStepExecutions()).filteredOn(step -> step.getStepName().equals("synthetic-epoch-2"))
            .extracting(StepExecution::getStatus)
            .containsExactly(BatchStatus.STOPPED);
    }

    @Test
    void nextStartResumesAtTheNextBatchAndCompletes() {
        assertThat(resumedLog).contains("synthetic: resuming after batch 3 of epoch 2");
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.updatesAfterTheFirst()).containsExactlyElementsOf(
                uninterrupted.updates().subList((int) STOP_DURING + 1, (int) TrainingRun.TOTAL_UPDATES));
    }

    @Test
    void resumedRunReportsWhatAnUninterruptedRunReports() {
        assertThat(resumed.report().updatesDone()).isEqualTo(TrainingRun.TOTAL_UPDATES);
        assertThat(resumed.report().history())
            .usingRecursiveFieldByFieldElementComparatorIgnoringFields("samplesPerSecond")
            .containsExactlyElementsOf(uninterrupted.report().history());
    }

    @Test
    void resumedRunEndsWithTheParametersOfAnUninterruptedRun() throws IOException {
        assertThat(read(resumed).parameters()).isEqualTo(read(uninterrupted).parameters());
    }

    private static dev.demon.spring.checkpoint.Checkpoint read(TrainingRun run) throws IOException {
        Path newest = run.checkpoints().get(0);
        return new CheckpointStore(newest.getParent()).read(newest);
    }

}
