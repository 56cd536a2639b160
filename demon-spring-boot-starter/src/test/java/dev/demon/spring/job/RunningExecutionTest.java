package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import dev.demon.spring.lease.Lease;

/**
 * Whether a running execution is to stop, asked between batches: the JobRepository's
 * STOPPING mark stops it, and a JobRepository that cannot answer (its database
 * restarting) does not.
 */
class RunningExecutionTest {

    private final JobExecution execution = execution();

    private static JobExecution execution() {
        return new JobExecution(7, new JobInstance(7, "mlp"), new JobParameters());
    }

    /** An execution that asks the repository at every look (no poll interval). */
    private RunningExecution running(Supplier<JobExecution> stored) {
        ResourcelessJobRepository repository = new ResourcelessJobRepository() {
            @Override
            public JobExecution getJobExecution(long executionId) {
                return stored.get();
            }
        };
        return new RunningExecution(this.execution, Lease.none(), repository, Duration.ZERO);
    }

    private JobExecution stored(BatchStatus status) {
        // The repository's copy of the same execution.
        JobExecution stored = execution();
        stored.setStatus(status);
        return stored;
    }

    @Test
    void executionMarkedStartedInTheRepositoryGoesOn() {
        assertThat(running(() -> stored(BatchStatus.STARTED)).stopRequested().getAsBoolean()).isFalse();
    }

    @Test
    void executionMarkedStoppingInTheRepositoryStops() {
        assertThat(running(() -> stored(BatchStatus.STOPPING)).stopRequested().getAsBoolean()).isTrue();
    }

    @Test
    void executionMarkedStoppedInTheRepositoryStops() {
        assertThat(running(() -> stored(BatchStatus.STOPPED)).stopRequested().getAsBoolean()).isTrue();
    }

    /**
     * What a JobRepository read throws while its database is away: the query fails, the
     * transaction cannot begin (no connection), or it cannot roll back (the server cut
     * the connection under it).
     */
    static Stream<RuntimeException> readFailures() {
        return Stream.of(new DataAccessResourceFailureException("terminating connection due to administrator command"),
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction"),
                new TransactionSystemException("JDBC rollback failed"));
    }

    @ParameterizedTest
    @MethodSource("readFailures")
    void repositoryThatCannotAnswerDoesNotStopTheExecution(RuntimeException failure) {
        RunningExecution running = running(() -> {
            throw failure;
        });
        assertThat(running.stopRequested().getAsBoolean()).isFalse();
    }

    @Test
    void stopMarkReadAfterAnOutageStopsTheExecution() {
        boolean[] down = { true };
        RunningExecution running = running(() -> {
            if (down[0]) {
                throw new TransactionSystemException("JDBC rollback failed");
            }
            return stored(BatchStatus.STOPPING);
        });
        assertThat(running.stopRequested().getAsBoolean()).isFalse();
        down[0] = false;
        assertThat(running.stopRequested().getAsBoolean()).isTrue();
    }

}
