package dev.demon.spring.job;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;

/**
 * The wall time a job instance has spent running: the sum, over its executions, of the
 * time each one actually ran, as the job repository recorded it.
 *
 * <ul>
 * <li>The running execution counts from its start until now.
 * <li>An execution its own process ended (COMPLETED, FAILED, STOPPED) counts from its
 * start to its end.
 * <li>An execution whose process died (kill -9, power loss) and that
 * {@link JobOperator#recover(JobExecution)} later marked FAILED counts from its start to
 * its {@linkplain #lastActivity last recorded activity}. Recovery stamps the execution
 * and its unfinished steps with the time of recovery, which can be hours after the crash;
 * the time between the crash and the restart is not time spent training. The part of the
 * unfinished epoch that ran before the crash was not recorded and is not counted either
 * (its work is lost and done again by the next execution).
 * </ul>
 */
final class WallTime {

    /**
     * Execution-context key that {@link JobOperator#recover(JobExecution)} sets on the
     * job execution and the step executions it ends (Spring Batch's
     * {@code SimpleJobOperator}).
     */
    static final String RECOVERED = "batch.recovered";

    private WallTime() {
    }

    /**
     * The wall time of a job instance.
     * @param executions every execution of the job instance, the running one included
     * @param runningExecutionId the execution running now
     * @param now the current time
     * @return the sum of the time each execution ran
     */
    static Duration of(Collection<JobExecution> executions, long runningExecutionId, LocalDateTime now) {
        Duration total = Duration.ZERO;
        for (JobExecution execution : executions) {
            LocalDateTime start = execution.getStartTime();
            if (start == null) {
                continue;
            }
            LocalDateTime end;
            if (execution.getId() == runningExecutionId) {
                end = now;
            }
            else if (execution.getEndTime() != null && !recovered(execution)) {
                end = execution.getEndTime();
            }
            else {
                end = lastActivity(execution);
            }
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /**
     * The last moment an execution whose process died is known to have been working: the
     * latest end or update of a step it completed, or the start of a step it did not
     * finish (whose own end and last update, if any, are the recovery's), or its own
     * start when no step began.
     * @param execution a job execution whose end its process did not record
     * @return the time of its last recorded activity
     */
    static LocalDateTime lastActivity(JobExecution execution) {
        LocalDateTime last = execution.getStartTime();
        for (StepExecution step : execution.getStepExecutions()) {
            last = latest(last, step.getStartTime());
            // Only a step's own process records it COMPLETED; recovery ends the others
            // FAILED.
            if (step.getStatus() == BatchStatus.COMPLETED) {
                last = latest(latest(last, step.getEndTime()), step.getLastUpdated());
            }
        }
        return last;
    }

    /**
     * Whether {@link JobOperator#recover(JobExecution)} ended an execution.
     * @param execution a job execution
     * @return true when its execution context holds {@value #RECOVERED}
     */
    static boolean recovered(JobExecution execution) {
        return execution.getExecutionContext().containsKey(RECOVERED);
    }

    private static LocalDateTime latest(LocalDateTime a, LocalDateTime b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }

}
