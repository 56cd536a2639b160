package dev.demon.spring.job;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataAccessException;

/**
 * Which running training executions have been asked to stop: in this process (the
 * application closing, {@code JobOperator.stop} reaching the {@link EpochTasklet}), or by
 * any process through the JobRepository, where {@code JobOperator.stop} marks the
 * execution STOPPING (or STOPPED). Spring Batch itself looks for that mark only between
 * chunks, and an epoch is one chunk, so the training loop asks here between batches; the
 * repository is read at most every {@link #POLL}, as a batch can take milliseconds.
 *
 * <p>
 * A database that does not answer (restarting, out of reach) is no reason to stop: the
 * read waits for it as long as the connection pool lets it, and a failed read only
 * postpones the question to the next poll. Whether training may go on without the
 * database is the job's lease's to say, at the same batch boundary.
 */
final class StopRequests {

    /** How often the JobRepository is asked whether an execution is STOPPING. */
    static final Duration POLL = Duration.ofSeconds(2);

    private static final Logger logger = LoggerFactory.getLogger(StopRequests.class);

    private final JobRepository jobRepository;

    private final Set<Long> requested = ConcurrentHashMap.newKeySet();

    StopRequests(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    /** Asks a running execution to stop at its next batch boundary. */
    void request(long jobExecutionId) {
        requested.add(jobExecutionId);
    }

    /** Forgets the request once the execution has ended. */
    void clear(long jobExecutionId) {
        requested.remove(jobExecutionId);
    }

    /**
     * Whether an execution is to stop, for its training loop to ask between batches.
     * @param execution the running execution
     * @return the question, answered from memory and at most every {@link #POLL} from the
     * repository
     */
    BooleanSupplier of(JobExecution execution) {
        long id = execution.getId();
        return new BooleanSupplier() {

            private long nextPoll = System.nanoTime() + POLL.toNanos();

            @Override
            public boolean getAsBoolean() {
                if (requested.contains(id)) {
                    return true;
                }
                long now = System.nanoTime();
                if (now - nextPoll >= 0) {
                    nextPoll = now + POLL.toNanos();
                    JobExecution stored;
                    try {
                        stored = jobRepository.getJobExecution(id);
                    }
                    catch (DataAccessException ex) {
                        logger.warn("Cannot ask the JobRepository whether job execution {} is to stop: {}", id,
                                ex.getMessage());
                        return false;
                    }
                    // JobOperator.stop also sets an end time, with which the repository
                    // stores STOPPED rather than STOPPING.
                    if (stored != null && (stored.isStopping() || stored.getStatus() == BatchStatus.STOPPED)) {
                        request(id);
                        return true;
                    }
                }
                return false;
            }

        };
    }

}
