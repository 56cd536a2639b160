package dev.demon.spring.job;

import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersIncrementer;

/**
 * The incrementer of a job whose new runs record what they start with, as non-identifying
 * String job parameters named after the properties: an unfinished run resumes only when a
 * start has the same values ({@link ResumingJobLauncherApplicationRunner}). A training
 * job's is its {@link TrainingRunIncrementer}; a sweep's records its definition too.
 */
public interface RecordingIncrementer extends JobParametersIncrementer {

    /**
     * The values a new run of the job starts with, as it records them.
     * @return value by property name, in a stable order
     */
    Map<String, String> recorded();

    /**
     * The values a new run of a job records, when its incrementer records any.
     * @param job a job
     * @return its incrementer's {@link #recorded()}, or empty for a job whose incrementer
     * records nothing
     */
    static Optional<Map<String, String>> recordedBy(Job job) {
        return job.getJobParametersIncrementer() instanceof RecordingIncrementer recording
                ? Optional.of(recording.recorded()) : Optional.empty();
    }

}
