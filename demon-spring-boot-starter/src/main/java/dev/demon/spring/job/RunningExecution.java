package dev.demon.spring.job;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

import dev.demon.spring.lease.Lease;
import dev.demon.spring.training.TrainingSession;

/**
 * A training job execution running in this process, as {@link RunningExecutions} keeps
 * it: the execution, the lease that fences its writes, its open {@link TrainingSession}
 * and whether it has been asked to stop.
 *
 * <p>
 * A stop is asked for in this process ({@link #requestStop()}: the application closing,
 * {@code JobOperator.stop} reaching the {@link EpochTasklet}), or by any process through
 * the JobRepository, where {@code JobOperator.stop} marks the execution STOPPING (or
 * STOPPED). Spring Batch itself looks for that mark only between chunks, and an epoch is
 * one chunk, so the training loop asks {@link #stopRequested()} between batches; the
 * repository is read at most every {@link #POLL}, as a batch can take milliseconds. A
 * database that does not answer (restarting, out of reach) is no reason to stop: a failed
 * read only postpones the question to the next poll; whether training may go on without
 * the database is the lease's to say, at the same batch boundary. A read fails as a
 * {@link DataAccessException}, or as a {@link TransactionException} when the
 * JobRepository's transaction cannot begin (no connection) or cannot roll back (the
 * server closed the connection under it).
 */
public final class RunningExecution {

    /** How often the JobRepository is asked whether the execution is STOPPING. */
    static final Duration POLL = Duration.ofSeconds(2);

    private static final Logger logger = LoggerFactory.getLogger(RunningExecution.class);

    private final JobExecution execution;

    private final Lease lease;

    private final JobRepository jobRepository;

    private final Duration poll;

    private final CountDownLatch ended = new CountDownLatch(1);

    private volatile boolean stopRequested;

    private volatile long nextPoll;

    private volatile @Nullable TrainingSession session;

    RunningExecution(JobExecution execution, Lease lease, JobRepository jobRepository) {
        this(execution, lease, jobRepository, POLL);
    }

    RunningExecution(JobExecution execution, Lease lease, JobRepository jobRepository, Duration poll) {
        this.execution = execution;
        this.lease = lease;
        this.jobRepository = jobRepository;
        this.poll = poll;
        this.nextPoll = System.nanoTime() + poll.toNanos();
    }

    /**
     * The execution.
     * @return the job execution
     */
    public JobExecution execution() {
        return execution;
    }

    /**
     * The lease this process took on the job before launching it.
     * @return the lease, or {@link Lease#none()} when the job was launched without one
     */
    public Lease lease() {
        return lease;
    }

    /**
     * The execution's session, opened by its first epoch step in this process, or null.
     */
    @Nullable TrainingSession session() {
        return session;
    }

    /** Keeps the session the first epoch step opened, until the job ends. */
    void setSession(TrainingSession session) {
        this.session = session;
    }

    /** Asks the execution to stop at its next batch boundary. */
    void requestStop() {
        stopRequested = true;
    }

    /**
     * Whether the execution is to stop, for its training loop to ask between batches.
     * @return the question, answered from memory and at most every poll interval
     * ({@link #POLL}) from the repository
     */
    public BooleanSupplier stopRequested() {
        return () -> {
            if (stopRequested) {
                return true;
            }
            long now = System.nanoTime();
            if (now - nextPoll >= 0) {
                nextPoll = now + poll.toNanos();
                if (isStoppingInRepository()) {
                    requestStop();
                }
            }
            return stopRequested;
        };
    }

    /**
     * What the training loop asks at every batch boundary: first whether this process
     * still holds the execution's lease, then whether the execution is to stop.
     * @return the question; it throws {@link dev.demon.spring.lease.LeaseLostException}
     * when the lease cannot be proved, and otherwise answers {@link #stopRequested()}
     */
    public BooleanSupplier batchBoundary() {
        BooleanSupplier stop = stopRequested();
        return () -> {
            lease.requireHeld();
            return stop.getAsBoolean();
        };
    }

    private boolean isStoppingInRepository() {
        JobExecution stored;
        try {
            stored = jobRepository.getJobExecution(execution.getId());
        }
        catch (DataAccessException | TransactionException ex) {
            logger.warn("Cannot ask the JobRepository whether job execution {} is to stop: {}", execution.getId(),
                    ex.getMessage());
            return false;
        }
        // JobOperator.stop also sets an end time, with which the repository stores
        // STOPPED rather than STOPPING.
        return stored != null && (stored.isStopping() || stored.getStatus() == BatchStatus.STOPPED);
    }

    /**
     * Marks the execution ended: its models saved, its report written, its session
     * closed.
     */
    void end() {
        ended.countDown();
    }

    /**
     * Waits until the execution has ended.
     * @param timeout how long to wait at most
     * @return true when it ended, false on timeout
     */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

}
