package dev.demon.spring.job;

import java.util.List;

/**
 * Thrown at start-up when the job to run cannot be told: several jobs and no
 * {@code spring.batch.job.name}, or a name that is none of them. It lists the jobs there
 * are.
 */
public class JobSelectionException extends IllegalStateException {

    private final String requested;

    private final List<String> jobs;

    /**
     * Creates the exception.
     * @param requested {@code spring.batch.job.name}, or null when it is not set
     * @param jobs the names of the jobs there are, sorted
     */
    public JobSelectionException(String requested, List<String> jobs) {
        super((requested == null) ? "Several jobs and no spring.batch.job.name to choose one: " + jobs
                : "No job named \"" + requested + "\" (spring.batch.job.name); jobs: " + jobs);
        this.requested = requested;
        this.jobs = List.copyOf(jobs);
    }

    /**
     * Returns {@code spring.batch.job.name}.
     * @return the requested job, or null when none was
     */
    public String getRequested() {
        return requested;
    }

    /**
     * Returns the jobs there are.
     * @return their names, sorted
     */
    public List<String> getJobs() {
        return jobs;
    }

}
