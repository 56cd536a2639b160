package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.JobExecutions;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;
import dev.demon.spring.testing.UninterruptedRun;

/**
 * {@code JobOperator.stop} called by an operator during update 8 (the third batch of
 * epoch 2), with the execution read from the JobRepository as any client has it: the job
 * stops after that batch, STOPPED with exit code 1, and the next start resumes at the
 * fourth batch and ends where an uninterrupted run ends.
 */
class JobOperatorStopTest {

    @TempDir
    static Path folder;

    private static TrainingRun uninterrupted;

    private static TrainingRun stopped;

    private static TrainingRun resumed;

    private static List<JobExecution> executions;

    @BeforeAll
    static void stopThroughTheJobOperatorThenStartAgain() {
        uninterrupted = UninterruptedRun.shared();
        stopped = TrainingRun.startDoingDuring(folder, 8, JobOperatorStopTest::stopTheRunningExecution, context -> {
        });
        resumed = TrainingRun.start(folder, DataFault.NONE, JobOperatorStopTest::keepExecutions);
    }

    private static void stopTheRunningExecution(ConfigurableApplicationContext context) {
        JobRepository jobRepository = context.getBean(JobRepository.class);
        JobExecution running = jobRepository
            .getLastJobExecution(jobRepository.getLastJobInstance(SyntheticPipeline.NAME));
        try {
            context.getBean(JobOperator.class).stop(running);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void keepExecutions(ConfigurableApplicationContext context) {
        executions = JobExecutions.ofLastInstance(context);
    }

    @Test
    void stoppedJobEndsStoppedAfterTheRunningBatchWithANonZeroExitCode() {
        assertThat(stopped.status()).isEqualTo(BatchStatus.STOPPED);
        assertThat(stopped.exitCode()).isNotZero();
        assertThat(stopped.report().updatesDone()).isEqualTo(9);
        assertThat(stopped.checkpoints()).first()
            .extracting(file -> file.getFileName().toString())
            .isEqualTo("epoch-0002-batch-000003.g000001.ckpt");
    }

    @Test
    void nextStartResumesTheStoppedExecutionAtTheNextBatch() {
        assertThat(executions).extracting(JobExecution::getStatus)
            .containsExactly(BatchStatus.STOPPED, BatchStatus.COMPLETED);
        assertThat(resumed.updatesAfterTheFirst())
            .containsExactlyElementsOf(uninterrupted.updates().subList(9, (int) TrainingRun.TOTAL_UPDATES));
        assertThat(resumed.report().history())
            .usingRecursiveFieldByFieldElementComparatorIgnoringFields("samplesPerSecond")
            .containsExactlyElementsOf(uninterrupted.report().history());
    }

}
