package dev.demon.spring.job;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.SmartLifecycle;
import org.jspecify.annotations.Nullable;

/**
 * Stops the training jobs running in this process when the application context closes
 * (SIGTERM, Ctrl-C, {@code SpringApplication.exit}), before anything they need is gone:
 * each finishes its running batch, writes a checkpoint and ends STOPPED, and the runner
 * that launched it releases its lease. Restarting the job resumes at the next batch.
 *
 * <p>
 * It is the first lifecycle bean to stop (phase {@link Integer#MAX_VALUE}), while the
 * database, the web server and the meters still work, and its {@link #stop()} blocks
 * until the jobs have ended, at most {@code timeout} (Spring Boot's
 * {@code spring.lifecycle.timeout-per-shutdown-phase}, 30 s by default): a blocking stop
 * is not cut short by that timeout, which only bounds asynchronous stops, so it is
 * applied here. A stop takes one batch, one checkpoint write and the job's end (saving
 * the report), normally well under a second for the demo's models.
 */
public class TrainingJobShutdown implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(TrainingJobShutdown.class);

    private final TrainingJobFactory jobs;

    private final @Nullable ResumingJobLauncherApplicationRunner runner;

    private final Duration timeout;

    private volatile boolean running;

    /**
     * Creates the shutdown.
     * @param jobs the training jobs
     * @param runner the runner that launched them at start-up, or null
     * @param timeout how long to wait for the jobs to end
     */
    public TrainingJobShutdown(TrainingJobFactory jobs, @Nullable ResumingJobLauncherApplicationRunner runner,
            Duration timeout) {
        this.jobs = jobs;
        this.runner = runner;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<JobExecution> executions = jobs.runningExecutions();
        if (executions.isEmpty()) {
            return;
        }
        for (JobExecution execution : executions) {
            logger.info("Stopping job {} execution {} at its next batch boundary: the application is closing",
                    execution.getJobInstance().getJobName(), execution.getId());
            jobs.requestStop(execution);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (JobExecution execution : executions) {
                if (!jobs.awaitEnd(execution, left(deadline))) {
                    logger.warn("Job {} execution {} did not stop within {}; closing the application anyway",
                            execution.getJobInstance().getJobName(), execution.getId(), timeout);
                    return;
                }
            }
            if (runner != null && !runner.awaitLaunchesEnded(left(deadline))) {
                logger.warn("The job launcher did not finish within {}; closing the application anyway", timeout);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

}
