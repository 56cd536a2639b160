package dev.demon.spring.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

import dev.demon.spring.lease.Lease;

/**
 * The one record of what trains in this process: every training job launched here with
 * the lease it holds, and every running execution of those jobs with its session and stop
 * flag ({@link RunningExecution}).
 *
 * <p>
 * Who writes and reads it:
 * <ul>
 * <li>{@link ResumingJobLauncherApplicationRunner} opens a {@link Launch} with the job's
 * lease before it launches a job, and closes it, releasing the lease, once the job has
 * ended;
 * <li>{@link TrainingJobListener} starts an execution's record when the job starts and
 * ends it when the job has ended; {@link EpochTasklet} finds there the execution's
 * session, lease and stop flag; a sweep's job listener and trial tasklet
 * ({@code dev.demon.spring.sweep}) do the same for a sweep's execution;
 * <li>{@link TrainingJobShutdown} stops everything when the application closes
 * ({@link #stopAll}): SIGTERM, Ctrl-C, {@code SpringApplication.exit}.
 * </ul>
 */
public class RunningExecutions {

    private static final Logger logger = LoggerFactory.getLogger(RunningExecutions.class);

    private final JobRepository jobRepository;

    private final Map<String, Launch> launches = new ConcurrentHashMap<>();

    private final Map<Long, RunningExecution> executions = new ConcurrentHashMap<>();

    /**
     * Creates the record.
     * @param jobRepository where a running execution's STOPPING mark is looked for
     */
    public RunningExecutions(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    /**
     * The JobRepository the executions are stored in.
     * @return the repository
     */
    public JobRepository jobRepository() {
        return jobRepository;
    }

    /**
     * Records that a job is being launched under a lease, which fences the writes of the
     * executions it runs.
     * @param jobName the job
     * @param lease the lease this process took on it
     * @return the launch, to close (on the thread that took the lease) when the job has
     * ended: that releases the lease
     */
    public Launch launch(String jobName, Lease lease) {
        Launch launch = new Launch(jobName, lease);
        launches.put(jobName, launch);
        return launch;
    }

    /**
     * Records a job execution that starts in this process.
     * @param execution the execution
     * @return its record, with the lease of its job's launch, or {@link Lease#none()}
     * when the job was launched other than by a {@link #launch}
     */
    public RunningExecution start(JobExecution execution) {
        Launch launch = launches.get(execution.getJobInstance().getJobName());
        RunningExecution running = new RunningExecution(execution, launch != null ? launch.lease() : Lease.none(),
                jobRepository);
        executions.put(execution.getId(), running);
        return running;
    }

    /**
     * The record of an execution running in this process.
     * @param execution the execution
     * @return its record
     * @throws IllegalStateException when it was not {@link #start started} here
     */
    public RunningExecution of(JobExecution execution) {
        RunningExecution running = executions.get(execution.getId());
        if (running == null) {
            throw new IllegalStateException("Job execution " + execution.getId() + " does not run in this process");
        }
        return running;
    }

    /**
     * Forgets an execution that has ended, and wakes whoever waits for its end.
     * @param execution the execution
     */
    public void end(JobExecution execution) {
        RunningExecution ended = executions.remove(execution.getId());
        if (ended != null) {
            ended.end();
        }
    }

    /**
     * Asks an execution to stop at its next batch boundary, when it runs in this process.
     * @param jobExecutionId the execution
     */
    public void requestStop(long jobExecutionId) {
        RunningExecution running = executions.get(jobExecutionId);
        if (running != null) {
            running.requestStop();
        }
    }

    /**
     * Asks every running execution of a job to stop at its next batch boundary.
     * @param jobName the job
     */
    public void requestStop(String jobName) {
        executions.values()
            .stream()
            .filter(running -> running.execution().getJobInstance().getJobName().equals(jobName))
            .forEach(RunningExecution::requestStop);
    }

    /**
     * Returns the executions running in this process.
     * @return a snapshot
     */
    public List<JobExecution> executions() {
        return executions.values().stream().map(RunningExecution::execution).toList();
    }

    /**
     * Stops everything that trains in this process: asks every running execution to stop
     * at its next batch boundary, where it writes a checkpoint and ends STOPPED, then
     * waits until each has ended and every launch has released its lease.
     * @param timeout how long to wait at most
     * @return true when all ended in time, false when the timeout came first
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean stopAll(Duration timeout) throws InterruptedException {
        List<RunningExecution> running = List.copyOf(executions.values());
        for (RunningExecution execution : running) {
            logger.info("Stopping job {} execution {} at its next batch boundary: the application is closing",
                    execution.execution().getJobInstance().getJobName(), execution.execution().getId());
            execution.requestStop();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (RunningExecution execution : running) {
            if (!execution.awaitEnd(left(deadline))) {
                logger.warn("Job {} execution {} did not stop within {}",
                        execution.execution().getJobInstance().getJobName(), execution.execution().getId(), timeout);
                return false;
            }
        }
        for (Launch launch : List.copyOf(launches.values())) {
            if (!launch.awaitClosed(left(deadline))) {
                logger.warn("Job {} did not release its lease within {}", launch.jobName, timeout);
                return false;
            }
        }
        return true;
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /**
     * A job being launched under its lease, from before its execution starts until the
     * lease is released.
     */
    public final class Launch implements AutoCloseable {

        private final String jobName;

        private final Lease lease;

        private final CountDownLatch closed = new CountDownLatch(1);

        private Launch(String jobName, Lease lease) {
            this.jobName = jobName;
            this.lease = lease;
        }

        /**
         * The lease of the launched job.
         * @return the lease
         */
        public Lease lease() {
            return lease;
        }

        /** Releases the lease and forgets the launch. */
        @Override
        public void close() {
            try {
                lease.close();
            }
            finally {
                launches.remove(jobName, this);
                closed.countDown();
            }
        }

        private boolean awaitClosed(Duration timeout) throws InterruptedException {
            return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

    }

}
