package dev.demon.spring.job;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.launch.JobRestartException;

/**
 * Thrown instead of resuming a pipeline's unfinished run when the start's configuration
 * differs from the one the run was started with: resuming would train one run with two
 * configurations. Nothing has been changed in the JobRepository when it is thrown.
 */
public class ConfigurationChangedException extends JobRestartException {

    private final String jobName;

    private final long jobInstanceId;

    private final long jobExecutionId;

    private final BatchStatus status;

    private final List<ConfigurationChange> changes;

    /**
     * Creates the exception.
     * @param jobName the pipeline's job
     * @param jobInstanceId the unfinished run's job instance
     * @param jobExecutionId its last execution
     * @param status that execution's status as recorded: FAILED, STOPPED, or a running
     * status left by a process that is gone
     * @param changes every value that differs, at least one
     */
    public ConfigurationChangedException(String jobName, long jobInstanceId, long jobExecutionId, BatchStatus status,
            List<ConfigurationChange> changes) {
        super("Job " + jobName + " cannot resume its unfinished run (job instance " + jobInstanceId + ", execution "
                + jobExecutionId + " " + status + "), which was started with another configuration: "
                + changes.stream()
                    .map(change -> change.property() + " " + change.recorded() + " then, " + change.requested()
                            + " now")
                    .collect(Collectors.joining("; ")));
        this.jobName = jobName;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
        this.status = status;
        this.changes = List.copyOf(changes);
    }

    /**
     * Returns the pipeline's job.
     * @return its name
     */
    public String getJobName() {
        return jobName;
    }

    /**
     * Returns the unfinished run's job instance.
     * @return its id
     */
    public long getJobInstanceId() {
        return jobInstanceId;
    }

    /**
     * Returns the unfinished run's last execution.
     * @return its id
     */
    public long getJobExecutionId() {
        return jobExecutionId;
    }

    /**
     * Returns the status of the last execution as recorded.
     * @return FAILED, STOPPED, or a running status left by a process that is gone
     */
    public BatchStatus getStatus() {
        return status;
    }

    /**
     * Returns every value that differs.
     * @return the changes, in the order of {@code TrainingConfiguration.byProperty()}
     */
    public List<ConfigurationChange> getChanges() {
        return changes;
    }

}
