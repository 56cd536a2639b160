package dev.demon.spring.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersIncrementer;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;

import dev.demon.spring.report.TrainingConfiguration;

/**
 * The parameters of a training job's new run: the next {@code run.id} of a
 * {@link RunIdIncrementer}, which makes it a new job instance, and the configuration the
 * run starts with, one non-identifying String parameter per entry of
 * {@link TrainingConfiguration#byProperty()}, named after its property (the engine:
 * {@code engine}).
 *
 * <p>
 * Non-identifying, the configuration leaves the job instance's identity to
 * {@code run.id}. It is stored with every execution of the instance
 * ({@code BATCH_JOB_EXECUTION_PARAMS}, where Spring Batch's tools show it), since a
 * restart reuses the parameters of the execution it restarts.
 */
public class TrainingRunIncrementer implements RecordingIncrementer {

    private final JobParametersIncrementer runIds = new RunIdIncrementer();

    private final Supplier<TrainingConfiguration> configuration;

    /**
     * Creates the incrementer of a pipeline's job.
     * @param configuration the configuration of the pipeline's new runs, asked for at
     * each new run
     */
    public TrainingRunIncrementer(Supplier<TrainingConfiguration> configuration) {
        this.configuration = configuration;
    }

    /**
     * The configuration the job's next new run starts with.
     * @return the configuration
     */
    public TrainingConfiguration configuration() {
        return configuration.get();
    }

    /**
     * The configuration the job's next new run starts with, by property.
     * @return {@link TrainingConfiguration#byProperty()} of {@link #configuration()}
     */
    @Override
    public Map<String, String> recorded() {
        return configuration().byProperty();
    }

    /**
     * The configuration a new run of a job starts with, when it is a training job.
     * @param job a job
     * @return the configuration of its {@link TrainingRunIncrementer}, or empty for a job
     * that has none (not a training job)
     */
    public static Optional<TrainingConfiguration> configurationOf(Job job) {
        return job.getJobParametersIncrementer() instanceof TrainingRunIncrementer training
                ? Optional.of(training.configuration()) : Optional.empty();
    }

    @Override
    public JobParameters getNext(JobParameters previous) {
        // The RunIdIncrementer carries the previous run's parameters over: this run's
        // values replace its configuration.
        JobParametersBuilder next = new JobParametersBuilder(runIds.getNext(previous));
        configuration.get().byProperty().forEach((property, value) -> next.addString(property, value, false));
        return next.toJobParameters();
    }

    /**
     * The configuration recorded in a run's parameters.
     * @param parameters the parameters of one of the run's executions
     * @param properties the properties to read, those of
     * {@link TrainingConfiguration#byProperty()}
     * @return each recorded value by property, in the order of {@code properties}; empty
     * when the run recorded none (it was started before the starter recorded
     * configurations)
     */
    public static Map<String, String> recordedConfiguration(JobParameters parameters, Set<String> properties) {
        Map<String, String> recorded = new LinkedHashMap<>();
        for (String property : properties) {
            JobParameter<?> parameter = parameters.getParameter(property);
            if (parameter != null) {
                recorded.put(property, String.valueOf(parameter.value()));
            }
        }
        return recorded;
    }

}
