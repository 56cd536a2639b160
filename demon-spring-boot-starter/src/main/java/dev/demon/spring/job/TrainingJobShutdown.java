package dev.demon.spring.job;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

/**
 * Where SIGTERM (and Ctrl-C, {@code SpringApplication.exit}) reaches the training: when
 * the application context closes, this stops the training jobs running in this process
 * before anything they need is gone ({@link RunningExecutions#stopAll}). Each finishes
 * its running batch, writes a checkpoint and ends STOPPED, and the runner that launched
 * it releases its lease. Restarting the job resumes at the next batch.
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

    private final RunningExecutions executions;

    private final Duration timeout;

    private volatile boolean running;

    /**
     * Creates the shutdown.
     * @param executions what trains in this process
     * @param timeout how long to wait for the jobs to end
     */
    public TrainingJobShutdown(RunningExecutions executions, Duration timeout) {
        this.executions = executions;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            // It logs what it stops, and what did not stop in time; the application
            // closes either way.
            executions.stopAll(timeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
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
