package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
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

    private final JobExecution execution = new JobExecution(7, new JobInstance(7, "mlp"), new JobParameters());

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
        JobExecution stored = new JobExecution(7, new JobInstance(7, "mlp"), new JobParameters());
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

    @Test
    void repositoryThatCannotBeReadDoesNotStopTheExecution() {
        RunningExecution running = running(() -> {
            throw new DataAccessResourceFailureException("terminating connection due to administrator command");
        });
        assertThat(running.stopRequested().getAsBoolean()).isFalse();
    }

    @Test
    void repositoryWhoseTransactionCannotRollBackDoesNotStopTheExecution() {
        // What a JobRepository read throws when the server closed the connection under
        // it.
        RunningExecution running = running(() -> {
            throw new TransactionSystemException("Could not roll back JDBC transaction");
        });
        assertThat(running.stopRequested().getAsBoolean()).isFalse();
    }

    @Test
    void repositoryWhoseTransactionCannotBeginDoesNotStopTheExecution() {
        RunningExecution running = running(() -> {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
        });
        assertThat(running.stopRequested().getAsBoolean()).isFalse();
    }

    @Test
    void stopMarkReadAfterAnOutageStopsTheExecution() {
        boolean[] down = { true };
        RunningExecution running = running(() -> {
            if (down[0]) {
                throw new TransactionSystemException("Could not roll back JDBC transaction");
            }
            return stored(BatchStatus.STOPPING);
        });
        assertThat(running.stopRequested().getAsBoolean()).isFalse();
        down[0] = false;
        assertThat(running.stopRequested().getAsBoolean()).isTrue();
    }

}
