package dev.demon.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.job.JobSelectionException;
import dev.demon.spring.text.EditDistance;

/**
 * Explains a start that cannot tell which job to run: several pipelines and no
 * {@code spring.batch.job.name}, or a name that is none of them (with the closest one).
 * It lists the pipelines there are.
 */
public class JobSelectionFailureAnalyzer extends AbstractFailureAnalyzer<JobSelectionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JobSelectionException cause) {
        String jobs = cause.getJobs().isEmpty() ? "none" : String.join(", ", cause.getJobs());
        String description;
        if (cause.getRequested() == null) {
            description = "There are several jobs to run at start-up and spring.batch.job.name does not say which. "
                    + "Jobs: " + jobs + ".";
        }
        else {
            description = String
                .format("spring.batch.job.name = \"%s\" names no job%s. Jobs: %s.", cause.getRequested(),
                        cause.getJobs().isEmpty() ? ""
                                : "; the closest is " + EditDistance.closest(cause.getRequested(), cause.getJobs()),
                        jobs);
        }
        String action = "Set spring.batch.job.name to one of the jobs (" + jobs
                + "), or spring.batch.job.enabled=false to run none at start-up.";
        return new FailureAnalysis(description, action, cause);
    }

}
