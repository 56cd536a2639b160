package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.batch.autoconfigure.JobExecutionEvent;

/**
 * The exit code {@code SpringApplication.exit} returns after the jobs a start ran, while
 * the JVM is not exiting: 0 when all COMPLETED, else the first other status, as Spring
 * Boot numbers them.
 */
class JobExitCodeGeneratorTest {

    private final JobExitCodeGenerator generator = new JobExitCodeGenerator();

    @Test
    void noJobIsZero() {
        assertThat(generator.getExitCode()).isZero();
    }

    @Test
    void completedJobIsZero() {
        ended(BatchStatus.COMPLETED);
        assertThat(generator.getExitCode()).isZero();
    }

    @Test
    void failedJobIsFive() {
        ended(BatchStatus.COMPLETED);
        ended(BatchStatus.FAILED);
        assertThat(generator.getExitCode()).isEqualTo(5);
    }

    @Test
    void stoppedJobIsFour() {
        ended(BatchStatus.STOPPED);
        ended(BatchStatus.FAILED);
        assertThat(generator.getExitCode()).isEqualTo(4);
    }

    private void ended(BatchStatus status) {
        JobExecution execution = new JobExecution(1L, new JobInstance(1L, "synthetic"), new JobParameters());
        execution.setStatus(status);
        generator.onApplicationEvent(new JobExecutionEvent(execution));
    }

}
